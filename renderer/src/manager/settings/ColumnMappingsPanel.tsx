import { Button, Loader, Stack, Table, Text } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import type { OrderColumnMapping } from '../../../../shared/manager';
import { ErrorAlert } from '../../common/ErrorAlert';
import { formatDateTime } from '../../common/format';
import { useShell } from '../../common/ShellContext';
import { toUiError, type UiError } from '../../common/uiError';
import { PanelHeading } from '../../common/PanelHeading';
import { useT } from '../../i18n';

/**
 * The order column mappings saved with "Map columns…" (one per set of headings, that is per sender's
 * file layout): what each heading is read as, when it was saved; a mapping that is wrong or no longer
 * needed is deleted here, and the next file with those headings asks again.
 */
export function ColumnMappingsPanel() {
  const { t, locale } = useT();
  const { api } = useShell();
  const [mappings, setMappings] = useState<OrderColumnMapping[] | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setMappings((await api.listOrderColumnMappings({})).mappings);
      setError(null);
    } catch (thrown) {
      setError(toUiError(thrown));
    }
  }, [api]);

  useEffect(() => {
    void load();
  }, [load]);

  const remove = async (signature: string) => {
    setDeleting(signature);
    try {
      await api.deleteOrderColumnMapping({ signature });
      await load();
    } catch (thrown) {
      setError(toUiError(thrown));
    } finally {
      setDeleting(null);
    }
  };

  /** "Артикул → Код, Кол-во → Количество"; headings left out are not listed. */
  const readAs = (mapping: OrderColumnMapping) =>
    mapping.headings
      .filter((heading) => mapping.mapping[heading])
      .map((heading) => `${heading} → ${t(`intake.column.${mapping.mapping[heading]!}`)}`)
      .join(', ');

  return (
    <section className="settings-panel" aria-labelledby="mappings-title" data-testid="settings-column-mappings">
      <div className="settings-form">
        <Stack gap="sm">
          <PanelHeading id="mappings-title" title={t('mappings.title')} hint={t('mappings.hint')} />
          {error && <ErrorAlert error={error} />}
          {!mappings && !error && <Loader size="sm" />}
          {mappings?.length === 0 && (
            <Text size="sm" data-testid="mappings-empty">
              {t('mappings.none')}
            </Text>
          )}
          {mappings && mappings.length > 0 && (
            <Table striped withTableBorder verticalSpacing={6} data-testid="mappings-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('mappings.headings')}</Table.Th>
                  <Table.Th>{t('mappings.readAs')}</Table.Th>
                  <Table.Th>{t('mappings.savedAt')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {mappings.map((mapping) => (
                  <Table.Tr key={mapping.signature} data-testid="mapping-row">
                    <Table.Td>
                      <Text size="sm">{mapping.headings.join(' · ')}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{readAs(mapping)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                        {formatDateTime(mapping.savedAt, locale)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        loading={deleting === mapping.signature}
                        onClick={() => void remove(mapping.signature)}
                        aria-label={t('mappings.deleteLabel', { headings: mapping.headings.join(', ') })}
                      >
                        {t('mappings.delete')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      </div>
    </section>
  );
}
