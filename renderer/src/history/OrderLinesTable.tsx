import { Table } from '@mantine/core';
import type { Order } from '../../../shared/domain';
import { formatMoney } from '../../../shared/money';
import { formatCount } from '../common/format';
import { useT } from '../i18n';

/**
 * The lines of an order as it was sent: code, name, quantity, unit, price, VAT rate, sum.
 * Prices and sums are as the price list stated them (with or without VAT); the column
 * headings say which. The scroll area is focusable so the keyboard can scroll a long order.
 */
export function OrderLinesTable({ order }: { order: Order }) {
  const { t, locale } = useT();
  const withVat = order.pricesIncludeVat;
  return (
    <div className="screen-scroll history-lines" tabIndex={0} role="region" aria-label={t('history.lines.label')}>
      <Table stickyHeader striped verticalSpacing={5} fz="sm" className="screen-table" data-testid="history-lines">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={110}>{t('history.col.code')}</Table.Th>
            <Table.Th>{t('history.col.name')}</Table.Th>
            <Table.Th w={100} className="cell--right">
              {t('history.col.quantity')}
            </Table.Th>
            <Table.Th w={64}>{t('history.col.unit')}</Table.Th>
            <Table.Th w={120} className="cell--right">
              {withVat ? t('history.col.priceGross') : t('history.col.priceNet')}
            </Table.Th>
            <Table.Th w={70} className="cell--right">
              {t('history.col.vat')}
            </Table.Th>
            <Table.Th w={140} className="cell--right">
              {withVat ? t('history.col.sumGross') : t('history.col.sumNet')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {order.lines.map((line) => (
            <Table.Tr key={line.itemCode} data-testid="history-line" data-code={line.itemCode} data-quantity={line.quantity}>
              <Table.Td className="mono">{line.itemCode}</Table.Td>
              <Table.Td>{line.name}</Table.Td>
              <Table.Td className="num cell--right">{formatCount(line.quantity, locale)}</Table.Td>
              <Table.Td>{line.unit}</Table.Td>
              <Table.Td className="num cell--right">{formatMoney(line.priceKopecks, locale)}</Table.Td>
              <Table.Td className="num cell--right">{t('history.vatRate', { rate: line.vatRate })}</Table.Td>
              <Table.Td className="num cell--right" fw={600} data-testid="history-line-sum">
                {formatMoney(line.amountKopecks, locale)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}
