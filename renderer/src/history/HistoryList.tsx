import { Table, Text } from '@mantine/core';
import type { KeyboardEvent, RefObject } from 'react';
import type { OrderSummary } from '../../../shared/domain';
import { formatMoney } from '../../../shared/money';
import { formatCount, formatDateTime } from '../common/format';
import { useT } from '../i18n';
import { formatIsoDate } from './dates';
import { focusListRow, listKeyTarget } from './listKeys';
import { DeliveryBadge, SupplierStatusBadge } from './exchangeBadges';
import { StatusBadge } from './StatusBadge';

interface HistoryListProps {
  orders: readonly OrderSummary[];
  selectedIndex: number;
  /** The scroll area; rows are found in it by data-row-index to move focus. */
  containerRef: RefObject<HTMLDivElement | null>;
  onSelect: (index: number) => void;
  onOpen: (order: OrderSummary) => void;
  /** ↑ on the first row or Esc: back to the search box. */
  onToSearch: () => void;
}

/** When the order left the store: sent to the supplier, or exported to a file. */
export function sentAt(order: Pick<OrderSummary, 'status' | 'submittedAt' | 'exportedAt' | 'updatedAt'>): string {
  return (
    (order.status === 'exported' ? (order.exportedAt ?? order.submittedAt) : (order.submittedAt ?? order.exportedAt)) ?? order.updatedAt
  );
}

/**
 * The submitted and exported orders, one focusable row each (only the selected row is in the
 * tab order): ↑/↓, PageUp/PageDown, Home/End move, Enter or a click opens.
 */
export function HistoryList({ orders, selectedIndex, containerRef, onSelect, onOpen, onToSearch }: HistoryListProps) {
  const { t, locale } = useT();

  const onKeyDown = (event: KeyboardEvent<HTMLTableSectionElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      const order = orders[selectedIndex];
      if (order) onOpen(order);
      return;
    }
    if (event.key === 'Escape') {
      event.preventDefault();
      onToSearch();
      return;
    }
    const target = listKeyTarget(event.key, selectedIndex, orders.length);
    if (target === null) return;
    event.preventDefault();
    if (target === 'above') {
      onToSearch();
    } else {
      onSelect(target);
      focusListRow(containerRef.current, target);
    }
  };

  return (
    <div ref={containerRef} className="screen-scroll">
      <Table stickyHeader highlightOnHover verticalSpacing={6} fz="sm" role="grid" aria-label={t('history.label')} className="screen-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={120}>{t('history.col.number')}</Table.Th>
            <Table.Th w={150}>{t('history.col.status')}</Table.Th>
            <Table.Th w={160}>{t('supplier.col')}</Table.Th>
            <Table.Th w={170}>{t('history.col.sentAt')}</Table.Th>
            <Table.Th w={150}>{t('history.col.delivery')}</Table.Th>
            <Table.Th>{t('history.col.comment')}</Table.Th>
            <Table.Th w={80} className="cell--right">
              {t('history.col.lines')}
            </Table.Th>
            <Table.Th w={150} className="cell--right">
              {t('history.col.total')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody onKeyDown={onKeyDown}>
          {orders.map((order, index) => {
            const selected = index === selectedIndex;
            return (
              <Table.Tr
                key={order.id}
                className="screen-row"
                tabIndex={selected ? 0 : -1}
                aria-selected={selected}
                data-row-index={index}
                data-testid="history-row"
                data-number={order.number}
                data-status={order.status}
                onFocus={() => onSelect(index)}
                onClick={() => onOpen(order)}
              >
                <Table.Td className="mono" fw={600}>
                  {order.number}
                </Table.Td>
                <Table.Td>
                  <StatusBadge status={order.status} />
                </Table.Td>
                <Table.Td data-testid="history-row-supplier">
                  {order.supplierStatus ? (
                    <SupplierStatusBadge status={order.supplierStatus} />
                  ) : order.deliveryState ? (
                    <DeliveryBadge state={order.deliveryState} />
                  ) : (
                    <Text span c="dimmed" size="sm">
                      {t('history.none')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td className="num">{formatDateTime(sentAt(order), locale)}</Table.Td>
                <Table.Td className="num">{order.deliveryDate ? formatIsoDate(order.deliveryDate, locale) : t('history.none')}</Table.Td>
                <Table.Td className="cell--clip" title={order.comment || undefined}>
                  {order.comment ? (
                    order.comment
                  ) : (
                    <Text span c="dimmed" size="sm">
                      {t('history.none')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td className="num cell--right">{formatCount(order.lineCount, locale)}</Table.Td>
                <Table.Td className="num cell--right" fw={600} data-testid="history-row-total">
                  {formatMoney(order.grossKopecks, locale)}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </div>
  );
}
