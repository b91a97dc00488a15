import { useVirtualizer } from '@tanstack/react-virtual';
import {
  forwardRef,
  useCallback,
  useEffect,
  useImperativeHandle,
  useLayoutEffect,
  useRef,
  type KeyboardEvent,
  type MouseEvent,
} from 'react';
import type { ReceivedOrderSummary } from '../../../../shared/manager';
import { ColumnHeadings } from '../../common/ColumnHeading';
import { useT, type MessageKey } from '../../i18n';
import type { OrderSort, OrderSortColumn } from './orderView';
import { OrdersRow } from './OrdersRow';

/** 32 px rows, as in the catalog: 5,000 orders are a short scroll for a virtualised list. */
const ROW_HEIGHT = 32;
const PAGE_ROWS = 15;

const COLUMNS: { key: MessageKey; sort?: OrderSortColumn; numeric?: boolean }[] = [
  { key: 'orders.col.store', sort: 'store' },
  { key: 'orders.col.number', sort: 'number' },
  { key: 'orders.col.received', sort: 'receivedAt' },
  { key: 'orders.col.delivery', sort: 'deliveryDate' },
  { key: 'orders.col.lines', sort: 'lineCount', numeric: true },
  { key: 'orders.col.sum', sort: 'grossKopecks', numeric: true },
  { key: 'orders.col.state', sort: 'state' },
  { key: 'orders.col.problems', sort: 'problemCount' },
  { key: 'orders.col.answer' },
];

export interface OrdersGridHandle {
  /** Focuses the row the keyboard is on (scrolling it into view first). */
  focusCursor: () => void;
}

interface OrdersGridProps {
  orders: readonly ReceivedOrderSummary[];
  selected: ReadonlySet<number>;
  cursor: number;
  openedId: number | null;
  sort: OrderSort | null;
  /** Resets the scroll to the top (another filter or search). */
  viewKey: string;
  onSort: (sort: OrderSort | null) => void;
  onCursor: (index: number) => void;
  onToggle: (order: ReceivedOrderSummary) => void;
  /** Shift: ticks the range from the anchor (or, with none, from `from`: the row the keyboard was on) to `order`. */
  onExtend: (order: ReceivedOrderSummary, from: ReceivedOrderSummary | undefined) => void;
  onToggleAll: () => void;
  onSelectAll: () => void;
  onOpen: (order: ReceivedOrderSummary) => void;
  /** Esc with nothing selected, ↑ on the first row: back to the search box. */
  onToSearch: () => void;
  onClearSelection: () => void;
}

/**
 * The order book as a virtualised grid: only the rows on screen exist. Keys on a row: ↑ ↓ PgUp PgDn
 * Home End move (with Shift they tick the rows passed), Space ticks the row, Ctrl+A ticks every shown
 * order, Enter opens it, Esc unticks everything (then goes back to the search).
 * Mouse: a click opens the order, a click on the box ticks it, Shift+click ticks a range, Ctrl+click one more.
 */
export const OrdersGrid = forwardRef<OrdersGridHandle, OrdersGridProps>(function OrdersGrid(props, ref) {
  const { orders, selected, cursor, openedId, sort, viewKey, onSort, onCursor, onToggle, onExtend, onToggleAll, onSelectAll, onOpen } =
    props;
  const { t } = useT();
  const scrollRef = useRef<HTMLDivElement>(null);
  const pendingFocus = useRef<number | null>(null);
  const virtualizer = useVirtualizer({
    count: orders.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    paddingStart: ROW_HEIGHT,
    scrollPaddingStart: ROW_HEIGHT,
    useFlushSync: false,
  });

  useLayoutEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [viewKey]);

  const focusRow = useCallback(
    (index: number) => {
      if (orders.length === 0) return;
      const target = Math.max(0, Math.min(orders.length - 1, index));
      virtualizer.scrollToIndex(target, { align: 'auto' });
      const row = scrollRef.current?.querySelector<HTMLElement>(`[data-row-index="${target}"]`);
      if (row) row.focus();
      else pendingFocus.current = target;
    },
    [orders.length, virtualizer],
  );

  // A row asked for may render only after the scroll: focus it once it exists.
  useEffect(() => {
    if (pendingFocus.current === null) return;
    const row = scrollRef.current?.querySelector<HTMLElement>(`[data-row-index="${pendingFocus.current}"]`);
    if (row) {
      pendingFocus.current = null;
      row.focus();
    }
  });

  useImperativeHandle(ref, () => ({ focusCursor: () => focusRow(cursor) }), [focusRow, cursor]);

  const move = (to: number, extend: boolean) => {
    const target = Math.max(0, Math.min(orders.length - 1, to));
    const from = orders[cursor];
    onCursor(target);
    const order = orders[target];
    if (extend && order) onExtend(order, from);
    focusRow(target);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    // Keys of the rows only: a sort button in the header keeps its own Enter and Space.
    if (!(event.target instanceof HTMLElement) || event.target.getAttribute('role') !== 'row') return;
    const order = orders[cursor];
    const mod = event.ctrlKey || event.metaKey;
    if (mod && event.code === 'KeyA') {
      // By the physical key: Ctrl+A also on a Russian layout (where it types "ф").
      event.preventDefault();
      onSelectAll();
      return;
    }
    if (mod || event.altKey) return;
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        return move(cursor + 1, event.shiftKey);
      case 'ArrowUp':
        event.preventDefault();
        if (cursor === 0 && !event.shiftKey) return props.onToSearch();
        return move(cursor - 1, event.shiftKey);
      case 'PageDown':
        event.preventDefault();
        return move(cursor + PAGE_ROWS, event.shiftKey);
      case 'PageUp':
        event.preventDefault();
        return move(cursor - PAGE_ROWS, event.shiftKey);
      case 'Home':
        event.preventDefault();
        return move(0, event.shiftKey);
      case 'End':
        event.preventDefault();
        return move(orders.length - 1, event.shiftKey);
      case ' ':
        event.preventDefault();
        if (order) onToggle(order);
        return;
      case 'Enter':
        event.preventDefault();
        if (order) onOpen(order);
        return;
      case 'Escape':
        event.preventDefault();
        if (selected.size > 0) props.onClearSelection();
        else props.onToSearch();
        return;
    }
  };

  const onRowClick = useCallback(
    (order: ReceivedOrderSummary, index: number, event: MouseEvent) => {
      onCursor(index);
      if (event.shiftKey) onExtend(order, orders[cursor]);
      else if (event.ctrlKey || event.metaKey) onToggle(order);
      else onOpen(order);
    },
    [onCursor, onExtend, onToggle, onOpen, orders, cursor],
  );
  const onCheckboxClick = useCallback(
    (order: ReceivedOrderSummary, index: number, event: MouseEvent) => {
      onCursor(index);
      if (event.shiftKey) onExtend(order, orders[cursor]);
      else onToggle(order);
    },
    [onCursor, onExtend, onToggle, orders, cursor],
  );

  const shownSelected = orders.reduce((n, order) => n + (selected.has(order.id) ? 1 : 0), 0);
  const allChecked = orders.length > 0 && shownSelected === orders.length;

  return (
    <div
      ref={scrollRef}
      className="catalog-scroll orders-scroll"
      role="grid"
      aria-label={t('orders.gridLabel')}
      aria-multiselectable
      aria-rowcount={orders.length + 1}
      onKeyDown={onKeyDown}
      data-testid="orders-grid"
    >
      <div className="catalog-canvas orders-canvas" style={{ height: virtualizer.getTotalSize() }}>
        <div className="grid-row grid-header orders-row" role="row" aria-rowindex={1}>
          <div className="cell cell--check" role="columnheader">
            <input
              type="checkbox"
              className="row-check"
              checked={allChecked}
              ref={(box) => {
                if (box) box.indeterminate = shownSelected > 0 && !allChecked;
              }}
              onChange={onToggleAll}
              aria-label={t('orders.selectAllShown')}
              data-testid="orders-check-all"
            />
          </div>
          <ColumnHeadings
            columns={COLUMNS.map((column) => ({ ...column, label: t(column.key) }))}
            sort={sort}
            onSort={onSort}
            sortTitle={(label) => t('orders.sortBy', { column: label })}
            testIdPrefix="orders-sort-"
          />
        </div>
        {virtualizer.getVirtualItems().map((row) => {
          const order = orders[row.index]!;
          return (
            <OrdersRow
              key={order.id}
              order={order}
              index={row.index}
              top={row.start}
              selected={selected.has(order.id)}
              cursor={row.index === cursor}
              opened={order.id === openedId}
              onRowClick={onRowClick}
              onCheckboxClick={onCheckboxClick}
              onFocusRow={onCursor}
            />
          );
        })}
      </div>
    </div>
  );
});
