import { Table, Text } from '@mantine/core';
import type { ReceivedOrderSummary } from '../../../../shared/manager';
import { formatMoney } from '../../../../shared/money';
import { formatCount } from '../../common/format';
import { useT } from '../../i18n';
import { OrderStateTag } from '../orders/OrderTags';
import { formatCompactDate } from '../orders/compactDates';
import { scopeTotals } from './outputScope';

/** More rows than this and the list says "and N more": the counts above it are whole. */
const SHOWN_ROWS = 300;

/** "48 orders from 25 stores · 96 lines · 123 456,00" */
export function ScopeSummary({ orders, testId }: { orders: readonly ReceivedOrderSummary[]; testId: string }) {
  const { t, locale } = useT();
  const totals = scopeTotals(orders);
  return (
    <Text size="sm" fw={500} data-testid={testId} data-count={orders.length}>
      {t('outputs.scope.summary', {
        orders: formatCount(orders.length, locale),
        stores: formatCount(totals.stores, locale),
        lines: formatCount(totals.lines, locale),
        sum: formatMoney(totals.grossKopecks, locale),
      })}
    </Text>
  );
}

/** The orders an output is made of, in a short scrolling table: number, store, delivery, lines, sum, state. */
export function ScopeOrders({ orders, testId }: { orders: readonly ReceivedOrderSummary[]; testId: string }) {
  const { t, locale } = useT();
  const shown = orders.slice(0, SHOWN_ROWS);
  return (
    <div className="outputs-orders" data-testid={testId}>
      <Table verticalSpacing={3} fz="sm" stickyHeader className="screen-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={120}>{t('orders.col.number')}</Table.Th>
            <Table.Th>{t('orders.col.store')}</Table.Th>
            <Table.Th w={100}>{t('orders.col.delivery')}</Table.Th>
            <Table.Th w={60} className="cell--right">
              {t('orders.col.lines')}
            </Table.Th>
            <Table.Th w={120} className="cell--right">
              {t('orders.col.sum')}
            </Table.Th>
            <Table.Th w={110}>{t('orders.col.state')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {shown.map((order) => (
            <Table.Tr key={order.id} data-testid={`${testId}-row`} data-number={order.number} data-state={order.state}>
              <Table.Td className="mono">{order.number}</Table.Td>
              <Table.Td className="cell--clip">
                {order.storeName} <span className="cell--dim mono">{order.storeCode}</span>
              </Table.Td>
              <Table.Td className="num">{order.deliveryDate ? formatCompactDate(order.deliveryDate, locale) : '—'}</Table.Td>
              <Table.Td className="num cell--right">{formatCount(order.lineCount, locale)}</Table.Td>
              <Table.Td className="num cell--right">{formatMoney(order.grossKopecks, locale)}</Table.Td>
              <Table.Td>
                <OrderStateTag state={order.state} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {orders.length > shown.length && (
        <Text size="xs" c="dimmed" p={6}>
          {t('outputs.scope.more', { count: formatCount(orders.length - shown.length, locale) })}
        </Text>
      )}
    </div>
  );
}
