import { useCallback, useEffect, useRef, useState } from 'react';
import type { PorterApi } from '../../../../shared/contract';
import type { ReceivedOrderSummary } from '../../../../shared/manager';
import { toUiError, type UiError } from '../../common/uiError';

/**
 * The most orders the grid holds at once (the contract's cap on one answer). Filters work on
 * these in the page, so changing one shows its result at once; only a search asks the core
 * (it also matches item codes inside the orders).
 */
export const BOOK_LIMIT = 10_000;
const SEARCH_DEBOUNCE_MS = 150;

export interface OrderBookState {
  orders: readonly ReceivedOrderSummary[];
  loaded: boolean;
  /** Reloading after an action or an import (the old rows stay on screen meanwhile). */
  refreshing: boolean;
  error: UiError | null;
  reload: () => void;
}

/** Every order in the book, oldest first, with its problems; asked again whenever `version` changes. */
export function useOrderBook(api: PorterApi, version: number): OrderBookState {
  const [orders, setOrders] = useState<readonly ReceivedOrderSummary[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [refreshing, setRefreshing] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  const [reloads, setReloads] = useState(0);
  const sequence = useRef(0);

  useEffect(() => {
    const id = ++sequence.current;
    setRefreshing(true);
    api.listReceivedOrders({ limit: BOOK_LIMIT }).then(
      (answer) => {
        if (id !== sequence.current) return;
        setOrders(answer.orders);
        setLoaded(true);
        setRefreshing(false);
        setError(null);
      },
      (thrown: unknown) => {
        if (id !== sequence.current) return;
        setRefreshing(false);
        setError(toUiError(thrown));
      },
    );
  }, [api, version, reloads]);

  const reload = useCallback(() => setReloads((n) => n + 1), []);
  return { orders, loaded, refreshing, error, reload };
}

export interface BookSearch {
  /** The ids matching the query shown; null: no search typed. */
  ids: ReadonlySet<number> | null;
  /** The query the ids answer ('' when none). */
  shownQuery: string;
  /** The ids answer exactly what is typed now. */
  settled: boolean;
  error: UiError | null;
}

/** Order number, store name or code, or an item code in the order: asked of the core as the manager pauses typing. */
export function useBookSearch(api: PorterApi, typed: string, version: number): BookSearch {
  const query = typed.trim();
  const [answer, setAnswer] = useState<{ query: string; ids: ReadonlySet<number> } | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  const sequence = useRef(0);

  useEffect(() => {
    if (query === '') {
      sequence.current += 1;
      setAnswer(null);
      setError(null);
      return;
    }
    const timer = window.setTimeout(() => {
      const id = ++sequence.current;
      api.listReceivedOrders({ search: query, limit: BOOK_LIMIT }).then(
        ({ orders }) => {
          if (id !== sequence.current) return;
          setAnswer({ query, ids: new Set(orders.map((o) => o.id)) });
          setError(null);
        },
        (thrown: unknown) => {
          if (id === sequence.current) setError(toUiError(thrown));
        },
      );
    }, SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [api, query, version]);

  if (query === '') return { ids: null, shownQuery: '', settled: true, error: null };
  return { ids: answer?.ids ?? null, shownQuery: answer?.query ?? '', settled: answer?.query === query, error };
}
