import { Button, Checkbox, Group, NativeSelect, Stack, Text } from '@mantine/core';
import type { ImportPreview } from '../../../shared/domain';
import { VAT_RATES, isVatRate } from '../../../shared/money';
import { REQUIRED_PRICE_LIST_FIELDS } from '../../../shared/priceListFields';
import { ErrorAlert } from '../common/ErrorAlert';
import type { UiError } from '../common/uiError';
import { useT } from '../i18n';
import { FileSummary } from './FileSummary';
import { MappingTable } from './MappingTable';
import type { ImportChoices } from './useImportFlow';

interface MappingStepProps {
  preview: ImportPreview;
  choices: ImportChoices;
  starting: boolean;
  error: UiError | null;
  onChoose: (patch: Partial<ImportChoices>) => void;
  onPickOther: () => void;
  onStart: () => void;
  onCancel: () => void;
}

/** Review what was detected, fix the column mapping and VAT options, then start the import. */
export function MappingStep({ preview, choices, starting, error, onChoose, onPickOther, onStart, onCancel }: MappingStepProps) {
  const { t } = useT();
  const missing = REQUIRED_PRICE_LIST_FIELDS.filter((field) => choices.mapping[field] === undefined);
  return (
    <Stack gap="md">
      <FileSummary preview={preview} headerRow={choices.headerRow} onHeaderRow={(headerRow) => onChoose({ headerRow })} />
      <div>
        <Text fw={600} size="sm">
          {t('import.mapping')}
        </Text>
        <Text size="xs" c="dimmed" mb={6}>
          {t('import.mappingHint')}
        </Text>
        <MappingTable
          headings={preview.headings}
          sampleRows={preview.sampleRows}
          mapping={choices.mapping}
          onChange={(mapping) => onChoose({ mapping })}
        />
      </div>
      <Group gap="xl" align="flex-end">
        <Checkbox
          label={t('import.pricesIncludeVat')}
          checked={choices.pricesIncludeVat}
          onChange={(event) => onChoose({ pricesIncludeVat: event.currentTarget.checked })}
          data-testid="import-prices-include-vat"
        />
        <NativeSelect
          size="xs"
          w={220}
          label={t('import.defaultVatRate')}
          description={t('import.defaultVatRateHint')}
          data={VAT_RATES.map((rate) => ({ value: String(rate), label: t('format.percent', { value: rate }) }))}
          value={String(choices.defaultVatRate)}
          onChange={(event) => {
            const rate = Number(event.currentTarget.value);
            if (isVatRate(rate)) onChoose({ defaultVatRate: rate });
          }}
          data-testid="import-default-vat"
        />
      </Group>
      {error && <ErrorAlert error={error} />}
      <Group justify="space-between" className="dialog-footer">
        <Button variant="default" onClick={onPickOther}>
          {t('import.pickOther')}
        </Button>
        <Group gap="sm">
          {missing.length > 0 && (
            <Text size="sm" c="orange.8" data-testid="import-missing">
              {t('import.required', { fields: missing.map((field) => t(`field.${field}`)).join(', ') })}
            </Text>
          )}
          <Button variant="default" onClick={onCancel}>
            {t('import.cancel')}
          </Button>
          <Button onClick={onStart} disabled={missing.length > 0} loading={starting} data-testid="import-start">
            {t('import.start')}
          </Button>
        </Group>
      </Group>
    </Stack>
  );
}
