import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { PorterApi } from '../../../shared/contract';
import type { CatalogView, Item } from '../../../shared/domain';
import { toUiError, type UiError } from '../common/uiError';

export const PAGE_SIZE = 100;
const DEBOUNCE_MS = 80;
const CACHED_QUERIES = 30;

interface QueryEntry {
  total: number;
  totalExact: boolean;
  pages: Map<number, Item[]>;
  inflight: Set<number>;
}

/** What the grid shows besides the typed text: category, filters, sort. */
export type CatalogScope = Omit<CatalogView, 'query'>;

export interface CatalogSearch {
  /** The query whose results are on screen (typing is debounced; stale answers are dropped). */
  shownQuery: string;
  /** Changes whenever another result set is on screen (query, category, filter or sort). */
  shownKey: string;
  total: number;
  totalExact: boolean;
  /** True once a first page has arrived (for any query). */
  loaded: boolean;
  /** True when what is shown is the answer to what is typed now. */
  settled: boolean;
  error: UiError | null;
  itemAt: (index: number) => Item | undefined;
  /** Fetches the pages that cover rows start..end (inclusive) if they are not cached yet. */
  ensureRows: (start: number, end: number) => void;
  /** Skips the debounce: Enter in the search box wants the results of what is typed now. */
  flush: () => void;
}

/**
 * Search-as-you-type over the core's catalog, paged by offset: pages of 100 rows are fetched as
 * they scroll into view and cached per view (query + category + filters + sort), so going back
 * to an earlier one is instant. Typing is debounced; a category, filter or sort change is not.
 * `generation` changes when another price list becomes current or the order history changes,
 * which empties the cache.
 */
export function useCatalogSearch(api: PorterApi, typedQuery: string, scope: CatalogScope, generation: string): CatalogSearch {
  const wanted = typedQuery.trim();
  const scopeKey = JSON.stringify(scope);
  const [query, setQuery] = useState(wanted);
  const key = `${scopeKey}\u0000${query}`;
  const wantedKey = `${scopeKey}\u0000${wanted}`;
  const [shownKey, setShownKey] = useState<string | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const cache = useRef(new Map<string, QueryEntry>());
  const latestKey = useRef(key);
  latestKey.current = key;
  const scopes = useRef(new Map<string, CatalogView>());
  scopes.current.set(key, { ...scope, query });

  useEffect(() => {
    if (wanted === query) return;
    const timer = window.setTimeout(() => setQuery(wanted), DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [wanted, query]);

  const entryFor = useCallback((q: string): QueryEntry => {
    let entry = cache.current.get(q);
    if (!entry) {
      entry = { total: 0, totalExact: true, pages: new Map(), inflight: new Set() };
      cache.current.set(q, entry);
      if (cache.current.size > CACHED_QUERIES) {
        const oldest = cache.current.keys().next().value;
        if (oldest !== undefined && oldest !== q) cache.current.delete(oldest);
      }
    }
    return entry;
  }, []);

  const loadPage = useCallback(
    (q: string, page: number) => {
      const view = scopes.current.get(q);
      if (!view) return;
      const entry = entryFor(q);
      if (entry.pages.has(page) || entry.inflight.has(page)) return;
      entry.inflight.add(page);
      api.searchItems({ ...view, offset: page * PAGE_SIZE, limit: PAGE_SIZE }).then(
        (result) => {
          entry.inflight.delete(page);
          // The cache was emptied (a new price list) while this was on its way: drop it.
          if (cache.current.get(q) !== entry) return;
          entry.pages.set(page, result.items);
          entry.total = result.total;
          entry.totalExact = result.totalExact;
          if (q !== latestKey.current) return;
          setError(null);
          if (page === 0) setShownKey(q);
          rerender();
        },
        (failure: unknown) => {
          entry.inflight.delete(page);
          if (q === latestKey.current) setError(toUiError(failure));
        },
      );
    },
    [api, entryFor],
  );

  // A new price list empties the cache; what is on screen stays until the new answer arrives.
  useEffect(() => {
    cache.current.clear();
  }, [generation]);

  useEffect(() => {
    const entry = cache.current.get(key);
    if (entry?.pages.has(0)) setShownKey(key);
    else loadPage(key, 0);
  }, [key, generation, loadPage]);

  const shown = shownKey === null ? undefined : cache.current.get(shownKey);
  const shownView = shownKey === null ? undefined : scopes.current.get(shownKey);

  const itemAt = useCallback((index: number) => shown?.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE], [shown]);

  const ensureRows = useCallback(
    (start: number, end: number) => {
      if (shownKey === null) return;
      for (let page = Math.floor(start / PAGE_SIZE); page <= Math.floor(end / PAGE_SIZE); page++) loadPage(shownKey, page);
    },
    [shownKey, loadPage],
  );

  const flush = useCallback(() => setQuery(wanted), [wanted]);

  return {
    shownQuery: shownView?.query ?? '',
    shownKey: shownKey ?? '',
    total: shown?.total ?? 0,
    totalExact: shown?.totalExact ?? true,
    loaded: shown !== undefined,
    settled: shown !== undefined && shownKey === wantedKey,
    error,
    itemAt,
    ensureRows,
    flush,
  };
}
