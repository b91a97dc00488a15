import '../styles/screens.css';
import { Button, CloseButton, EmptyState, Group, Kbd, Text, TextInput } from '@mantine/core';
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { Order, OrderSummary } from '../../../shared/domain';
import { ErrorAlert } from '../common/ErrorAlert';
import { formatCount } from '../common/format';
import { FileIcon, SearchIcon } from '../common/icons';
import { useShell } from '../common/ShellContext';
import { useT } from '../i18n';
import { CheckAnswersButton } from './CheckAnswersButton';
import { HistoryDetail } from './HistoryDetail';
import { HistoryList } from './HistoryList';
import { focusListRow } from './listKeys';
import { OutboxPanel } from './OutboxPanel';
import { HISTORY_LIMIT, useOrderHistory } from './useOrderHistory';
import type { OutboxQueue } from './useOutbox';

/**
 * Submitted and exported orders: search as you type, ↑/↓ through the list, Enter opens an order
 * (its lines, totals, the supplier's answer, repeat / PDF / template), Esc comes back to the list
 * where it was left. Above the list, the orders still on their way to the supplier.
 * `data-state`, `data-query` and `data-settled` on the root tell tests what is on screen.
 */
export function HistoryScreen({ onOpenDraft, outbox }: { onOpenDraft: (order: Order) => void; outbox: OutboxQueue }) {
  const { t, locale } = useT();
  const { api } = useShell();
  const [typed, setTyped] = useState('');
  const history = useOrderHistory(api, typed);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [openedId, setOpenedId] = useState<string | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  /** A row to focus once the list is on screen again (after closing an order). */
  const pendingRowFocus = useRef<number | null>(null);

  // An order delivered meanwhile: its row shows the new state.
  const { reload } = history;
  const deliveredVersion = useRef(outbox.deliveredVersion);
  useEffect(() => {
    if (deliveredVersion.current === outbox.deliveredVersion) return;
    deliveredVersion.current = outbox.deliveredVersion;
    reload();
  }, [outbox.deliveredVersion, reload]);

  const { orders } = history;
  const selectedIndex = Math.max(
    0,
    orders.findIndex((order) => order.id === selectedId),
  );

  const focusSearch = useCallback(() => {
    searchRef.current?.focus();
    searchRef.current?.select();
  }, []);

  useEffect(() => {
    if (openedId !== null || pendingRowFocus.current === null || !history.settled) return;
    if (orders.length === 0 || focusListRow(listRef.current, Math.min(pendingRowFocus.current, orders.length - 1))) {
      pendingRowFocus.current = null;
    }
  });

  const toList = () => {
    if (orders.length === 0) return;
    history.flush();
    focusListRow(listRef.current, selectedIndex);
  };

  const onSearchKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'Enter') {
      event.preventDefault();
      if (event.key === 'Enter' && !history.settled) {
        // Enter before the typing pause: ask now, then go to the first row when it is there.
        history.flush();
        pendingRowFocus.current = 0;
        return;
      }
      toList();
    } else if (event.key === 'Escape' && typed !== '') {
      event.preventDefault();
      setTyped('');
    }
  };

  const open = (order: OrderSummary) => {
    setSelectedId(order.id);
    setOpenedId(order.id);
  };
  const back = () => {
    pendingRowFocus.current = selectedIndex;
    setOpenedId(null);
    // The open order may have been sent again or answered meanwhile: its row says so.
    reload();
  };

  const rootState = history.error ? 'error' : history.loaded ? 'ready' : 'loading';
  const rootAttributes = {
    className: 'screen history-screen',
    'data-testid': 'history-screen',
    'data-state': rootState,
    'data-query': history.shownQuery,
    'data-settled': history.settled ? 'true' : 'false',
    'data-view': openedId ? 'detail' : 'list',
  };

  if (openedId) {
    return (
      <div {...rootAttributes}>
        <HistoryDetail orderId={openedId} onBack={back} onOpenDraft={onOpenDraft} outbox={outbox} />
      </div>
    );
  }

  const count = formatCount(orders.length, locale);
  const noOrdersAtAll = history.settled && history.shownQuery === '' && orders.length === 0 && !history.error;
  const nothingFound = history.settled && history.shownQuery !== '' && orders.length === 0 && !history.error;
  return (
    <section {...rootAttributes} aria-label={t('history.label')}>
      <OutboxPanel outbox={outbox} />
      <TextInput
        ref={searchRef}
        className="screen-search"
        size="md"
        autoFocus
        value={typed}
        onChange={(event) => setTyped(event.currentTarget.value)}
        onKeyDown={onSearchKeyDown}
        placeholder={t('history.searchPlaceholder')}
        aria-label={t('history.searchLabel')}
        leftSection={<SearchIcon size={18} />}
        rightSection={
          typed ? <CloseButton size="sm" aria-label={t('history.clearSearch')} onClick={() => setTyped('')} tabIndex={-1} /> : null
        }
        spellCheck={false}
        autoComplete="off"
        maxLength={200}
        data-testid="history-search"
      />
      <Group justify="space-between" gap="md" wrap="nowrap" className="screen-status">
        <Text size="sm" fw={500} data-testid="history-count" aria-live="polite">
          {!history.loaded ? ' ' : history.shownQuery === '' ? t('history.count', { count }) : t('history.found', { count })}
          {orders.length >= HISTORY_LIMIT && (
            <Text span size="sm" c="dimmed" fw={400} ml="sm" data-testid="history-limited">
              {t('history.limited', { count })}
            </Text>
          )}
        </Text>
        <Group gap="md" wrap="nowrap">
          {orders.length > 0 && (
            <Group gap={12} wrap="nowrap" className="screen-hints">
              <span>
                <Kbd size="xs">↑</Kbd>
                <Kbd size="xs">↓</Kbd> {t('history.keys.rows')}
              </span>
              <span>
                <Kbd size="xs">{t('keys.enter')}</Kbd> {t('history.keys.open')}
              </span>
              <span>
                <Kbd size="xs">{t('keys.esc')}</Kbd> {t('history.keys.toSearch')}
              </span>
            </Group>
          )}
          <CheckAnswersButton
            onChecked={() => {
              reload();
              outbox.refresh();
            }}
          />
        </Group>
      </Group>
      {history.error && (
        <div>
          <ErrorAlert error={history.error} />
          <Button mt="sm" variant="default" onClick={history.reload}>
            {t('history.retry')}
          </Button>
        </div>
      )}
      {noOrdersAtAll && (
        <div className="screen-empty" data-testid="history-empty">
          <EmptyState
            size="lg"
            variant="light"
            icon={<FileIcon size={28} />}
            title={t('history.empty.title')}
            description={t('history.empty.description')}
          />
        </div>
      )}
      {nothingFound && (
        <div className="screen-empty" data-testid="history-nothing-found">
          <EmptyState
            icon={<SearchIcon size={28} />}
            title={t('history.nothingFound', { query: history.shownQuery })}
            description={t('history.nothingFoundHint')}
          />
        </div>
      )}
      {orders.length > 0 && (
        <HistoryList
          orders={orders}
          selectedIndex={selectedIndex}
          containerRef={listRef}
          onSelect={(index) => setSelectedId(orders[index]?.id ?? null)}
          onOpen={open}
          onToSearch={focusSearch}
        />
      )}
    </section>
  );
}
