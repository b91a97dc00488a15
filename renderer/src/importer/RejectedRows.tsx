import { Table, Text } from '@mantine/core';
import type { RejectedRow } from '../../../shared/domain';
import { PRICE_LIST_FIELDS } from '../../../shared/priceListFields';
import { formatCount } from '../common/format';
import { useT } from '../i18n';

interface RejectedRowsProps {
  rows: readonly RejectedRow[];
  notListed: number;
}

/** Rows the import skipped: where (row, field), why (translated), and what the cell held. */
export function RejectedRows({ rows, notListed }: RejectedRowsProps) {
  const { t, locale } = useT();
  const fieldLabel = (field: string) => {
    const known = PRICE_LIST_FIELDS.find((f) => f === field);
    return known ? t(`field.${known}`) : field;
  };
  return (
    <div>
      <Text fw={600} size="sm" mb={4}>
        {t('import.result.rejectedTitle')}
      </Text>
      <div className="rejected-scroll">
        <Table striped highlightOnHover withTableBorder verticalSpacing={4} fz="sm" data-testid="rejected-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th className="num" w={80}>
                {t('import.result.row')}
              </Table.Th>
              <Table.Th w={160}>{t('import.result.field')}</Table.Th>
              <Table.Th>{t('import.result.reason')}</Table.Th>
              <Table.Th>{t('import.result.value')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={`${row.row}:${row.field}`} data-testid="rejected-row" data-row={row.row} data-field={row.field}>
                <Table.Td className="num">{formatCount(row.row, locale)}</Table.Td>
                <Table.Td>{fieldLabel(row.field)}</Table.Td>
                <Table.Td title={row.reason}>{t(`rejection.${row.code}`)}</Table.Td>
                <Table.Td className="mono">{row.value}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </div>
      {notListed > 0 && (
        <Text size="sm" c="dimmed" mt={4} data-testid="rejected-more">
          {t('import.result.more', { count: formatCount(notListed, locale) })}
        </Text>
      )}
    </div>
  );
}
