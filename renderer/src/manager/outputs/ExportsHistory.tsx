import { Group, Loader, Modal, Table, Text, Tooltip } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { OrderExport } from '../../../../shared/manager';
import { ErrorAlert } from '../../common/ErrorAlert';
import { formatCount, formatDateTime } from '../../common/format';
import { useShell } from '../../common/ShellContext';
import { toUiError, type UiError } from '../../common/uiError';
import { useT } from '../../i18n';

const LIMIT = 200;
const unbroken = (number: string) => number.replace(/-/g, '\u2011');
const NUMBERS_SHOWN = 6;

/** What was handed to the back office, newest first: when, the format, one file or one per order, the file, the orders. */
export function ExportsHistory({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t, locale } = useT();
  const { api } = useShell();
  const [exports, setExports] = useState<OrderExport[] | null>(null);
  const [error, setError] = useState<UiError | null>(null);

  useEffect(() => {
    if (!opened) return;
    let current = true;
    setExports(null);
    setError(null);
    api.listExports({ limit: LIMIT }).then(
      (answer) => {
        if (current) setExports(answer.exports);
      },
      (thrown: unknown) => {
        if (current) setError(toUiError(thrown));
      },
    );
    return () => {
      current = false;
    };
  }, [api, opened]);

  const count = (n: number) => formatCount(n, locale);
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('exports.title')}
      size="min(980px, calc(100vw - 64px))"
      centered
      transitionProps={{ duration: 120 }}
      styles={{ title: { fontWeight: 650, fontSize: 'var(--mantine-font-size-lg)' } }}
      closeButtonProps={{ 'aria-label': t('export.close') }}
      data-testid="exports-history"
    >
      <Text size="sm" c="dimmed" mb="sm">
        {t('exports.hint')}
      </Text>
      {error && <ErrorAlert error={error} />}
      {!exports && !error && (
        <Group gap="sm" py="lg" justify="center">
          <Loader size="sm" />
        </Group>
      )}
      {exports && exports.length === 0 && (
        <Text size="sm" c="dimmed" py="md" data-testid="exports-empty">
          {t('exports.empty')}
        </Text>
      )}
      {exports && exports.length > 0 && (
        <div className="outputs-orders outputs-orders--tall">
          <Table verticalSpacing={4} fz="sm" stickyHeader className="screen-table" data-testid="exports-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={150}>{t('exports.col.when')}</Table.Th>
                <Table.Th w={150}>{t('exports.col.format')}</Table.Th>
                <Table.Th w={140}>{t('exports.col.grouping')}</Table.Th>
                <Table.Th>{t('exports.col.file')}</Table.Th>
                <Table.Th w={220}>{t('exports.col.orders')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {exports.map((record) => {
                const numbers = record.orders.map((o) => o.number);
                // Order numbers break between numbers, never at their hyphen.
                const shown = numbers.slice(0, NUMBERS_SHOWN).map(unbroken).join(', ');
                return (
                  <Table.Tr
                    key={record.id}
                    data-testid="exports-row"
                    data-format={record.format}
                    data-grouping={record.grouping}
                    data-count={record.orders.length}
                    data-file={record.fileName}
                  >
                    <Table.Td className="num nowrap">{formatDateTime(record.createdAt, locale)}</Table.Td>
                    <Table.Td className="nowrap">{t(`export.format.${record.format}`)}</Table.Td>
                    <Table.Td>{t(`exports.grouping.${record.grouping}`)}</Table.Td>
                    <Table.Td className="mono cell--clip" title={record.fileName}>
                      {record.fileName}
                    </Table.Td>
                    <Table.Td>
                      <Tooltip label={numbers.join(', ')} multiline w={360} openDelay={300} disabled={numbers.length <= NUMBERS_SHOWN}>
                        <Text size="sm" lineClamp={2}>
                          <strong>{count(record.orders.length)}</strong>
                          <span className="cell--dim">
                            {' · '}
                            {shown}
                            {numbers.length > NUMBERS_SHOWN
                              ? ` ${t('outputs.andMore', { count: count(numbers.length - NUMBERS_SHOWN) })}`
                              : ''}
                          </span>
                        </Text>
                      </Tooltip>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </div>
      )}
    </Modal>
  );
}
