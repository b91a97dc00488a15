import { memo, type MouseEvent } from 'react';
import type { ReceivedOrderSummary } from '../../../../shared/manager';
import { formatMoney } from '../../../../shared/money';
import { formatCount, formatDateTime } from '../../common/format';
import { formatIsoDate } from '../../history/dates';
import { formatCompactDate, formatCompactDateTime } from './compactDates';
import { useT } from '../../i18n';
import { ProblemKindTags } from './ProblemTags';
import { OrderStateTag, SupplierStatusTag } from './OrderTags';

interface OrdersRowProps {
  order: ReceivedOrderSummary;
  index: number;
  top: number;
  selected: boolean;
  /** The row the keyboard is on: the one in the tab order. */
  cursor: boolean;
  opened: boolean;
  onRowClick: (order: ReceivedOrderSummary, index: number, event: MouseEvent) => void;
  onCheckboxClick: (order: ReceivedOrderSummary, index: number, event: MouseEvent) => void;
  onFocusRow: (index: number) => void;
}

/** One 32 px row of the orders grid: a checkbox, then the order's facts, its problems and the store's answer. */
export const OrdersRow = memo(function OrdersRow(props: OrdersRowProps) {
  const { order, index, top, selected, cursor, opened, onRowClick, onCheckboxClick, onFocusRow } = props;
  const { t, locale } = useT();
  const className = [
    'grid-row',
    'orders-row',
    index % 2 === 1 ? 'grid-row--odd' : '',
    selected ? 'orders-row--selected' : '',
    opened ? 'orders-row--opened' : '',
  ].join(' ');
  return (
    <div
      className={className}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      tabIndex={cursor ? 0 : -1}
      style={{ transform: `translateY(${top}px)` }}
      data-row-index={index}
      data-testid="order-row"
      data-id={order.id}
      data-number={order.number}
      data-store={order.storeCode}
      data-state={order.state}
      data-problems={order.problemCount}
      data-cursor={cursor ? 'true' : undefined}
      onClick={(event) => onRowClick(order, index, event)}
      onFocus={(event) => {
        if (event.target === event.currentTarget) onFocusRow(index);
      }}
    >
      <div className="cell cell--check" role="gridcell">
        <input
          type="checkbox"
          className="row-check"
          checked={selected}
          // The row handles the keys (Space ticks it); the box is for the mouse.
          tabIndex={-1}
          aria-label={t('orders.selectOrder', { number: order.number })}
          onClick={(event) => {
            event.stopPropagation();
            onCheckboxClick(order, index, event);
          }}
          onChange={() => undefined}
          data-testid="order-check"
        />
      </div>
      <div className="cell orders-cell--store" role="gridcell" title={`${order.storeName} · ${order.storeCode}`}>
        {order.storeName}
        <span className="orders-store-code">{order.storeCode}</span>
      </div>
      <div className="cell cell--mono" role="gridcell" title={order.sourceName}>
        {order.number}
      </div>
      <div className="cell num" role="gridcell" title={formatDateTime(order.receivedAt, locale)}>
        {formatCompactDateTime(order.receivedAt, locale)}
      </div>
      <div
        className="cell num"
        role="gridcell"
        data-col="delivery"
        title={order.deliveryDate ? formatIsoDate(order.deliveryDate, locale) : undefined}
      >
        {order.deliveryDate ? formatCompactDate(order.deliveryDate, locale) : <span className="cell--dim">{t('orders.none')}</span>}
      </div>
      <div className="cell cell--num" role="gridcell">
        {formatCount(order.lineCount, locale)}
      </div>
      <div className="cell cell--num cell--strong" role="gridcell" data-col="sum">
        {formatMoney(order.grossKopecks, locale)}
      </div>
      <div className="cell" role="gridcell" title={order.stateReason || undefined}>
        <OrderStateTag state={order.state} />
      </div>
      <div className="cell" role="gridcell" data-col="problems">
        <ProblemKindTags kinds={order.problemKinds} count={order.problemCount} />
      </div>
      <div className="cell" role="gridcell" data-col="answer">
        <SupplierStatusTag status={order.supplierStatus} />
      </div>
    </div>
  );
});
