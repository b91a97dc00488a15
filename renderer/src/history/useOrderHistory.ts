import { useCallback, useEffect, useRef, useState } from 'react';
import type { PorterApi } from '../../../shared/contract';
import type { OrderSummary } from '../../../shared/domain';
import { toUiError, type UiError } from '../common/uiError';

/** As many orders as the list shows; the newest come first, so older ones are found by searching. */
export const HISTORY_LIMIT = 200;
const DEBOUNCE_MS = 200;

export interface OrderHistory {
  /** The orders of the last answer (for `shownQuery`), newest first. */
  orders: readonly OrderSummary[];
  /** The query the shown orders answer ('' = all). */
  shownQuery: string;
  /** The first answer has arrived. */
  loaded: boolean;
  /** The shown orders answer exactly what is typed now (e2e tests and the empty states wait for this). */
  settled: boolean;
  error: UiError | null;
  /** Asks now instead of after the typing pause (Enter in the search box). */
  flush: () => void;
  /** Asks again for the same query (after an error). */
  reload: () => void;
}

/** Submitted and exported orders matching what is typed, asked for as the purchaser pauses typing. */
export function useOrderHistory(api: PorterApi, typed: string): OrderHistory {
  const query = typed.trim();
  const [answer, setAnswer] = useState<{ query: string; orders: readonly OrderSummary[] } | null>(null);
  const [requested, setRequested] = useState<string | null>(null);
  const [failure, setFailure] = useState<{ query: string; error: UiError } | null>(null);
  const lastRequested = useRef<string | null>(null);
  const sequence = useRef(0);

  const ask = useCallback(
    (text: string, force = false) => {
      if (!force && lastRequested.current === text) return;
      lastRequested.current = text;
      setRequested(text);
      const id = ++sequence.current;
      api.listOrderHistory({ query: text, limit: HISTORY_LIMIT }).then(
        ({ orders }) => {
          if (id !== sequence.current) return;
          setAnswer({ query: text, orders });
          setFailure(null);
        },
        (thrown: unknown) => {
          if (id !== sequence.current) return;
          setFailure({ query: text, error: toUiError(thrown) });
        },
      );
    },
    [api],
  );

  useEffect(() => {
    // The first request goes at once; later ones wait for a pause in typing.
    const timer = window.setTimeout(() => ask(query), lastRequested.current === null ? 0 : DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [query, ask]);

  const flush = useCallback(() => ask(query), [ask, query]);
  const reload = useCallback(() => ask(query, true), [ask, query]);

  return {
    orders: answer?.orders ?? [],
    shownQuery: answer?.query ?? '',
    loaded: answer !== null,
    settled: requested === query && (answer?.query === query || failure?.query === query),
    error: failure?.error ?? null,
    flush,
    reload,
  };
}
