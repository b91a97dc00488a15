import { Button, Group, Modal, Select, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { ORDER_COLUMN_NAMES, type OrderColumnName } from '../../../../shared/orderColumns';
import type { IntakeResult } from '../../../../shared/manager';
import { ErrorAlert } from '../../common/ErrorAlert';
import { toUiError, type UiError } from '../../common/uiError';
import { useT } from '../../i18n';

type Mapping = Record<string, OrderColumnName | null>;

/** The headings once each (a heading written twice is mapped once), with the column Porter guessed for it. */
function startingMapping(result: IntakeResult): Mapping {
  const mapping: Mapping = {};
  (result.headings ?? []).forEach((heading, i) => {
    if (heading.trim() === '' || Object.hasOwn(mapping, heading)) return;
    mapping[heading] = result.headingColumns?.[i] ?? null;
  });
  return mapping;
}

/**
 * "Map columns…" for an order table whose headings Porter does not know: a row per heading with the
 * order column it holds; saving remembers the mapping for files with these headings and takes the
 * file in again. The core checks the mapping too (its refusal is shown here).
 */
export function ColumnMappingModal({
  result,
  onClose,
  onSave,
}: {
  /** The failed file (ORDER_COLUMNS_UNKNOWN), or null when closed. */
  result: IntakeResult | null;
  onClose: () => void;
  onSave: (mapping: Mapping) => Promise<void>;
}) {
  const { t } = useT();
  return (
    <Modal
      opened={result !== null}
      onClose={onClose}
      title={result ? t('intake.mapping.title', { file: result.fileName }) : ''}
      size="lg"
      zIndex={400}
      closeButtonProps={{ 'aria-label': t('intake.mapping.cancel') }}
      data-testid="column-mapping"
    >
      {result && <MappingForm key={result.fileName} result={result} onClose={onClose} onSave={onSave} />}
    </Modal>
  );
}

function MappingForm({
  result,
  onClose,
  onSave,
}: {
  result: IntakeResult;
  onClose: () => void;
  onSave: (mapping: Mapping) => Promise<void>;
}) {
  const { t } = useT();
  const [mapping, setMapping] = useState<Mapping>(() => startingMapping(result));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  const options = ORDER_COLUMN_NAMES.map((column) => ({ value: column, label: t(`intake.column.${column}`) }));
  const headings = Object.keys(mapping);
  const chosen = Object.values(mapping);
  const complete = chosen.includes('quantity') && (chosen.includes('itemCode') || chosen.includes('barcode'));
  const firstWith = (column: OrderColumnName) => headings.find((h) => mapping[h] === column);
  const twice = headings.some((h) => mapping[h] && firstWith(mapping[h]) !== h);

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      await onSave(mapping);
      onClose();
    } catch (thrown) {
      setError(toUiError(thrown));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('intake.mapping.hint')}
      </Text>
      <Table verticalSpacing={4} fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('intake.mapping.heading')}</Table.Th>
            <Table.Th w="50%">{t('intake.mapping.column')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {headings.map((heading) => {
            const column = mapping[heading] ?? null;
            const first = column ? firstWith(column) : undefined;
            return (
              <Table.Tr key={heading} data-testid="column-mapping-row" data-heading={heading}>
                <Table.Td>{heading}</Table.Td>
                <Table.Td>
                  <Select
                    size="xs"
                    data={options}
                    value={column}
                    onChange={(value) => setMapping((now) => ({ ...now, [heading]: value ?? null }))}
                    placeholder={t('intake.mapping.skip')}
                    clearable
                    allowDeselect
                    comboboxProps={{ zIndex: 500 }}
                    aria-label={t('intake.mapping.column')}
                    error={first !== undefined && first !== heading ? t('intake.mapping.twice', { heading: first }) : undefined}
                  />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {!complete && (
        <Text size="sm" c="orange" data-testid="column-mapping-required">
          {t('intake.mapping.required')}
        </Text>
      )}
      {error && <ErrorAlert error={error} onClose={() => setError(null)} />}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose} disabled={saving}>
          {t('intake.mapping.cancel')}
        </Button>
        <Button onClick={() => void save()} loading={saving} disabled={!complete || twice} data-testid="column-mapping-save">
          {t('intake.mapping.save')}
        </Button>
      </Group>
    </Stack>
  );
}
