import { Button, Drawer, EmptyState, Group, Kbd, Loader, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import type { ReceivedOrderDetail, ReceivedOrderSummary, StoreEntry } from '../../../../shared/manager';
import { ErrorAlert } from '../../common/ErrorAlert';
import { formatCount } from '../../common/format';
import { FileIcon, SearchIcon } from '../../common/icons';
import { useShell } from '../../common/ShellContext';
import { useT } from '../../i18n';
import { BatchBar } from './BatchBar';
import { DetailActions } from './DetailActions';
import { LineEditModal, type EditedLine } from './LineEditModal';
import { OrderDetail } from './OrderDetail';
import { OrdersOutputs } from '../outputs/OrdersOutputs';
import { OrdersFilters } from './OrdersFilters';
import { OrdersGrid, type OrdersGridHandle } from './OrdersGrid';
import { NO_FILTERS, orderFacets, visibleOrders, type OrderFilters, type OrderSort } from './orderView';
import { EMPTY_SELECTION, extendTo, keepShown, selectAll, toggleOne, type Selection } from './selection';
import { ReasonModal } from './ReasonModal';
import { useArrivals } from './useArrivals';
import { useBatchActions } from './useBatchActions';
import { BOOK_LIMIT, useBookSearch, useOrderBook } from './useOrderBook';

/** What the manager narrowed the grid to: kept by ManagerApp, so it survives a visit to another tab. */
export interface OrdersView {
  typed: string;
  filters: OrderFilters;
  sort: OrderSort | null;
  /** An order to open in the detail once the screen shows (another screen asked for it). */
  open?: number;
}

export const INITIAL_ORDERS_VIEW: OrdersView = { typed: '', filters: NO_FILTERS, sort: null };

interface OrdersScreenProps {
  /** Bumped when orders came in (files opened or dropped): the book is read again. */
  bookVersion: number;
  view: OrdersView;
  onView: (update: (view: OrdersView) => OrdersView) => void;
  searchRef: RefObject<HTMLInputElement | null>;
  onOpenFiles: () => void;
}

/**
 * The manager's inbox: every received order in a virtualised grid with its problems and the store's
 * answer; search and filters; ticking many orders (boxes, Shift ranges, Ctrl+A, Space); an order's
 * detail in a drawer (Enter opens it, Esc closes it). `data-state`: loading, ready, error.
 */
export function OrdersScreen({ bookVersion, view, onView, searchRef, onOpenFiles }: OrdersScreenProps) {
  const { t, locale } = useT();
  const { api } = useShell();
  // Actions in this screen bump the local version; files opened elsewhere bump bookVersion.
  const [localVersion, setLocalVersion] = useState(0);
  const version = bookVersion * 100_000 + localVersion;
  const book = useOrderBook(api, version);
  const { typed, filters, sort } = view;
  const setTyped = (text: string) => onView((v) => ({ ...v, typed: text }));
  const setFilters = (next: OrderFilters) => onView((v) => ({ ...v, filters: next }));
  const setSort = useCallback((next: OrderSort | null) => onView((v) => ({ ...v, sort: next })), [onView]);
  const search = useBookSearch(api, typed, version);
  const [selection, setSelection] = useState<Selection>(EMPTY_SELECTION);
  const [cursor, setCursor] = useState(0);
  const [openedId, setOpenedId] = useState<number | null>(view.open ?? null);
  useEffect(() => {
    // Opened once: coming back to the screen later does not open it again.
    if (view.open !== undefined) onView(({ open: _open, ...rest }) => rest);
  }, [view.open, onView]);
  const [stores, setStores] = useState<ReadonlyMap<string, StoreEntry>>(new Map());
  const gridRef = useRef<OrdersGridHandle>(null);
  const [rejectingOpened, setRejectingOpened] = useState(false);
  const [editingLine, setEditingLine] = useState<EditedLine | null>(null);

  useEffect(() => {
    api.listStores({}).then(
      ({ stores: entries }) => setStores(new Map(entries.map((s) => [s.customerCode, s]))),
      // The contact is a convenience: without the directory the detail says the store is not in it.
      () => setStores(new Map()),
    );
  }, [api, version]);

  const facets = useMemo(() => orderFacets(book.orders), [book.orders]);
  const shown = useMemo(() => visibleOrders(book.orders, filters, search.ids, sort), [book.orders, filters, search.ids, sort]);
  const shownIds = useMemo(() => shown.map((o) => o.id), [shown]);
  const numbers = useMemo(() => new Map(book.orders.map((o) => [o.id, o.number])), [book.orders]);
  const numberOf = useCallback((id: number) => numbers.get(id), [numbers]);

  // What is no longer shown is no longer selected; the keyboard's row stays in range.
  useEffect(() => {
    setSelection((current) => keepShown(current, shownIds));
    setCursor((current) => Math.min(current, Math.max(0, shownIds.length - 1)));
  }, [shownIds]);

  const viewKey = JSON.stringify([filters, search.shownQuery, sort]);
  const onFilters = (next: OrderFilters) => {
    setFilters(next);
    setCursor(0);
  };

  const onToggle = useCallback((order: ReceivedOrderSummary) => setSelection((s) => toggleOne(s, order.id)), []);
  const onExtend = useCallback(
    (order: ReceivedOrderSummary, from: ReceivedOrderSummary | undefined) =>
      setSelection((s) => extendTo(s, shownIds, order.id, from?.id ?? null)),
    [shownIds],
  );
  const onSelectAll = useCallback(() => setSelection(selectAll(shownIds)), [shownIds]);
  const onToggleAll = useCallback(
    () => setSelection((s) => (shownIds.length > 0 && shownIds.every((id) => s.ids.has(id)) ? EMPTY_SELECTION : selectAll(shownIds))),
    [shownIds],
  );
  const onClearSelection = useCallback(() => setSelection(EMPTY_SELECTION), []);
  const onOpen = useCallback((order: ReceivedOrderSummary) => setOpenedId(order.id), []);
  const focusSearch = useCallback(() => {
    searchRef.current?.focus();
    searchRef.current?.select();
  }, [searchRef]);

  const toGrid = () => {
    if (shown.length === 0) return;
    gridRef.current?.focusCursor();
  };
  const onSearchKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'Enter') {
      event.preventDefault();
      toGrid();
    } else if (event.key === 'Escape' && typed !== '') {
      event.preventDefault();
      setTyped('');
    }
  };

  const closeDetail = () => setOpenedId(null);
  const changed = useCallback(() => setLocalVersion((v) => v + 1), []);
  useArrivals(api, changed);
  const batch = useBatchActions(changed, version);
  const selectedIds = useMemo(() => shownIds.filter((id) => selection.ids.has(id)), [shownIds, selection.ids]);
  const detailActions = useCallback(
    (order: ReceivedOrderDetail) => <DetailActions order={order} batch={batch} onReject={() => setRejectingOpened(true)} />,
    [batch],
  );
  // Lines change while the order is still open (new, held, accepted); rejected and exported orders are as they are.
  const lineEditor = useCallback(
    (order: ReceivedOrderDetail) =>
      order.state === 'rejected' || order.state === 'exported'
        ? null
        : (line: ReceivedOrderDetail['lines'][number]) => setEditingLine({ orderId: order.id, orderNumber: order.number, line }),
    [],
  );

  const selectedCount = selection.ids.size;
  const count = (n: number) => formatCount(n, locale);
  const state = book.error && !book.loaded ? 'error' : book.loaded ? 'ready' : 'loading';
  const settled = book.loaded && !book.refreshing && search.settled;
  const bookEmpty = book.loaded && book.orders.length === 0;
  const nothingShown = book.loaded && !bookEmpty && shown.length === 0;
  const opened = openedId === null ? null : (book.orders.find((o) => o.id === openedId) ?? null);

  return (
    <section
      className="screen orders-screen"
      aria-label={t('orders.label')}
      data-testid="orders-screen"
      data-state={state}
      data-settled={settled ? 'true' : 'false'}
      data-shown={shown.length}
      data-selected={selectedCount}
    >
      <OrdersFilters
        searchRef={searchRef}
        typed={typed}
        onTyped={setTyped}
        onSearchKeyDown={onSearchKeyDown}
        filters={filters}
        onFilters={onFilters}
        facets={facets}
        total={book.orders.length}
      />
      <Group justify="space-between" gap="md" wrap="nowrap" className="screen-status">
        <Group gap="lg" wrap="nowrap" className="orders-status-main">
          <Text size="sm" fw={500} aria-live="polite" data-testid="orders-count">
            {!book.loaded
              ? ' '
              : shown.length === book.orders.length
                ? t('orders.count', { count: count(book.orders.length) })
                : t('orders.shownOf', { shown: count(shown.length), total: count(book.orders.length) })}
            {book.orders.length >= BOOK_LIMIT && (
              <Text span size="sm" c="dimmed" fw={400} ml="md">
                {t('orders.limited', { count: count(BOOK_LIMIT) })}
              </Text>
            )}
            {book.refreshing && book.loaded && <Loader size={12} ml="sm" />}
          </Text>
          {!bookEmpty && book.loaded && <OrdersOutputs orders={book.orders} selectedIds={selectedIds} onChanged={changed} />}
        </Group>
        <Group gap={12} wrap="nowrap" className="screen-hints" aria-hidden>
          <span>
            <Kbd size="xs">↑</Kbd>
            <Kbd size="xs">↓</Kbd> {t('orders.keys.rows')}
          </span>
          <span>
            <Kbd size="xs">{t('manager.keys.space')}</Kbd> {t('orders.keys.select')}
          </span>
          <span>
            <Kbd size="xs">Shift</Kbd>+<Kbd size="xs">↓</Kbd> {t('orders.keys.range')}
          </span>
          <span>
            <Kbd size="xs">{t('keys.ctrl')}</Kbd>+<Kbd size="xs">A</Kbd> {t('orders.keys.all')}
          </span>
          <span>
            <Kbd size="xs">{t('keys.enter')}</Kbd> {t('orders.keys.open')}
          </span>
        </Group>
      </Group>
      {!bookEmpty && book.loaded && <BatchBar orderIds={selectedIds} batch={batch} onClearSelection={onClearSelection} />}
      {book.error && <ErrorAlert error={book.error} />}
      {search.error && <ErrorAlert error={search.error} />}
      {bookEmpty && (
        <div className="screen-empty" data-testid="orders-empty">
          <EmptyState
            size="lg"
            variant="light"
            icon={<FileIcon size={28} />}
            title={t('orders.empty.title')}
            description={t('orders.empty.description')}
          >
            <EmptyState.Actions>
              <Button onClick={onOpenFiles}>{t('manager.openFiles')}</Button>
            </EmptyState.Actions>
          </EmptyState>
        </div>
      )}
      {nothingShown && (
        <div className="screen-empty" data-testid="orders-nothing-shown">
          <EmptyState
            icon={<SearchIcon size={28} />}
            title={t('orders.nothingShown.title')}
            description={t('orders.nothingShown.description')}
          >
            <EmptyState.Actions>
              <Button
                variant="default"
                onClick={() => onView((v) => ({ ...v, typed: '', filters: NO_FILTERS }))}
                data-testid="orders-reset-all"
              >
                {t('orders.filter.resetAll')}
              </Button>
            </EmptyState.Actions>
          </EmptyState>
        </div>
      )}
      {book.loaded && shown.length > 0 && (
        <OrdersGrid
          ref={gridRef}
          orders={shown}
          selected={selection.ids}
          cursor={cursor}
          openedId={openedId}
          sort={sort}
          viewKey={viewKey}
          onSort={setSort}
          onCursor={setCursor}
          onToggle={onToggle}
          onExtend={onExtend}
          onToggleAll={onToggleAll}
          onSelectAll={onSelectAll}
          onOpen={onOpen}
          onToSearch={focusSearch}
          onClearSelection={onClearSelection}
        />
      )}
      <Drawer
        opened={openedId !== null}
        onClose={closeDetail}
        position="right"
        size="min(1040px, 74vw)"
        title={
          <Title order={2} size="h3" component="span" data-testid="order-detail-title">
            {opened ? t('orderDetail.title', { number: opened.number }) : t('orderDetail.loading')}
          </Title>
        }
        closeButtonProps={{ 'aria-label': t('orderDetail.close') }}
        overlayProps={{ backgroundOpacity: 0.25 }}
        // Esc belongs to a dialog opened over the order first.
        closeOnEscape={!rejectingOpened && editingLine === null}
        transitionProps={{ duration: 120 }}
        data-testid="order-drawer"
      >
        {openedId !== null && (
          <OrderDetail
            id={openedId}
            version={version}
            store={opened ? (stores.get(opened.storeCode) ?? null) : null}
            numberOf={numberOf}
            actions={detailActions}
            lineEditor={lineEditor}
            onAnswered={changed}
          />
        )}
      </Drawer>
      <ReasonModal
        opened={rejectingOpened}
        title={t('batch.rejectTitle')}
        text={t('batch.rejectText', { count: count(1) })}
        confirmLabel={t('batch.kind.reject')}
        danger
        busy={batch.busy === 'reject'}
        onCancel={() => setRejectingOpened(false)}
        onConfirm={(reason) => {
          if (openedId === null) return;
          void batch.run({ kind: 'reject', orderIds: [openedId], reason }).then(() => setRejectingOpened(false));
        }}
        testId="reject-one-dialog"
      />
      <LineEditModal
        editing={editingLine}
        onClose={() => setEditingLine(null)}
        onSaved={() => {
          setEditingLine(null);
          changed();
        }}
      />
    </section>
  );
}
