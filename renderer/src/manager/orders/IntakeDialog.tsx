import { Badge, Button, Group, Loader, Modal, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import type { IntakeResult } from '../../../../shared/manager';
import { ErrorAlert } from '../../common/ErrorAlert';
import { formatCount } from '../../common/format';
import { useT } from '../../i18n';
import { ColumnMappingModal } from './ColumnMappingModal';
import type { OrderIntake } from './useOrderIntake';

const OUTCOME_COLOR: Record<IntakeResult['outcome'], string> = { imported: 'green', duplicate: 'gray', failed: 'red' };

/**
 * The report of order files taken in: per file, imported (how many orders), duplicate, or failed with the reason;
 * an order table with headings Porter does not know offers "Map columns…" and is taken in again with the mapping.
 */
export function IntakeDialog({ intake }: { intake: OrderIntake }) {
  const { t, locale } = useT();
  const { state } = intake;
  const count = (n: number) => formatCount(n, locale);
  const results = state.step === 'done' ? state.results : [];
  const tally = (outcome: IntakeResult['outcome']) => results.filter((r) => r.outcome === outcome).length;
  const orders = results.reduce((n, r) => n + r.orderIds.length, 0);
  const [mappingIndex, setMappingIndex] = useState<number | null>(null);
  const mapping = mappingIndex === null ? null : (results[mappingIndex] ?? null);

  return (
    <Modal
      opened={state.step !== 'closed'}
      onClose={() => {
        if (state.step !== 'taking') intake.close();
      }}
      withCloseButton={state.step !== 'taking'}
      closeOnEscape={state.step !== 'taking'}
      closeOnClickOutside={state.step !== 'taking'}
      title={t('intake.title')}
      size="xl"
      transitionProps={{ duration: 120 }}
      styles={{ title: { fontWeight: 650, fontSize: 'var(--mantine-font-size-lg)' } }}
      closeButtonProps={{ 'aria-label': t('intake.close') }}
      data-testid="intake-dialog"
    >
      {state.step === 'taking' && (
        <Group gap="sm" py="lg" data-testid="intake-progress">
          <Loader size="sm" />
          <Text>{t('intake.taking', { count: count(state.files) })}</Text>
        </Group>
      )}
      {state.step === 'failed' && (
        <Stack gap="md">
          <ErrorAlert error={state.error} />
          <Group justify="flex-end">
            <Button data-autofocus onClick={intake.close}>
              {t('intake.close')}
            </Button>
          </Group>
        </Stack>
      )}
      {state.step === 'done' && (
        <Stack gap="md" data-testid="intake-report">
          <Text size="sm" data-testid="intake-summary">
            {t('intake.summary', {
              files: count(results.length),
              imported: count(tally('imported')),
              orders: count(orders),
              duplicate: count(tally('duplicate')),
              failed: count(tally('failed')),
            })}
          </Text>
          <div className="intake-table">
            <Table verticalSpacing={4} fz="sm" stickyHeader className="screen-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('intake.col.file')}</Table.Th>
                  <Table.Th w={130}>{t('intake.col.result')}</Table.Th>
                  <Table.Th>{t('intake.col.details')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {results.map((result, i) => (
                  <Table.Tr
                    key={`${result.fileName}-${i}`}
                    data-testid="intake-file"
                    data-file={result.fileName}
                    data-outcome={result.outcome}
                  >
                    <Table.Td className="intake-file-name">{result.fileName}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={OUTCOME_COLOR[result.outcome]} radius="sm" tt="none" fw={500}>
                        {t(`intake.outcome.${result.outcome}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td className="intake-details">
                      {result.outcome === 'failed' ? (
                        <>
                          {result.errorCode === 'ORDER_COLUMNS_UNKNOWN' && result.headings
                            ? t('intake.columnsUnknown', { headings: result.headings.map((h) => `«${h}»`).join(', ') })
                            : result.error}
                          {result.errorCode === 'ORDER_COLUMNS_UNKNOWN' && result.headings && (
                            <Button
                              size="compact-xs"
                              variant="light"
                              ml="xs"
                              onClick={() => setMappingIndex(i)}
                              data-testid="intake-map-columns"
                            >
                              {t('intake.mapColumns')}
                            </Button>
                          )}
                        </>
                      ) : (
                        [
                          result.orderIds.length > 0 ? t('intake.orders', { count: count(result.orderIds.length) }) : null,
                          result.duplicates.length > 0
                            ? t('intake.duplicates', { numbers: result.duplicates.map((d) => d.number).join(', ') })
                            : null,
                        ]
                          .filter(Boolean)
                          .join(' · ')
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
          <Group justify="flex-end">
            <Button data-autofocus onClick={intake.close} data-testid="intake-close">
              {t('intake.close')}
            </Button>
          </Group>
          <ColumnMappingModal
            result={mapping?.outcome === 'failed' ? mapping : null}
            onClose={() => setMappingIndex(null)}
            onSave={(columns) => intake.mapColumns(mappingIndex!, columns)}
          />
        </Stack>
      )}
    </Modal>
  );
}
