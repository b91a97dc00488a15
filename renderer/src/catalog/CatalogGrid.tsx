import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useRef } from 'react';
import type { CatalogView, Item, OrderLine } from '../../../shared/domain';
import { CatalogHeader } from './CatalogHeader';
import { CatalogRow } from './CatalogRow';
import type { PriceBasis } from './priceDisplay';
import type { CatalogSearch } from './useCatalogSearch';

/** 32 px rows: a million of them stay under Chromium's 33,554,432 px limit for a scroll area. */
export const ROW_HEIGHT = 32;

interface CatalogGridProps {
  search: CatalogSearch;
  linesByCode: ReadonlyMap<string, OrderLine>;
  revision: number;
  pricesIncludeVat: boolean;
  priceBasis: PriceBasis;
  sort: NonNullable<CatalogView['sort']> | null;
  onSort: (sort: CatalogView['sort']) => void;
  onCommit: (item: Item, quantity: number) => void;
  onBackToSearch: () => void;
  /** A row whose quantity input should get focus as soon as it is on screen (Enter in search). */
  focusRequest: { row: number } | null;
  onFocusRequestDone: () => void;
}

/** The virtualized catalog: only the rows on screen exist in the DOM; pages load as they scroll in. */
export function CatalogGrid({
  search,
  linesByCode,
  revision,
  pricesIncludeVat,
  priceBasis,
  sort,
  onSort,
  onCommit,
  onBackToSearch,
  focusRequest,
  onFocusRequestDone,
}: CatalogGridProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const pendingFocus = useRef<number | null>(null);
  const { total, itemAt, ensureRows } = search;
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    paddingStart: ROW_HEIGHT,
    scrollPaddingStart: ROW_HEIGHT,
    useFlushSync: false,
  });
  const rows = virtualizer.getVirtualItems();
  const first = rows[0]?.index ?? 0;
  const last = rows[rows.length - 1]?.index ?? 0;

  useEffect(() => {
    if (total > 0) ensureRows(first, last);
  }, [first, last, total, ensureRows]);

  // Another query, category, filter or sort starts at the top.
  useLayoutEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [search.shownKey]);

  const focusRow = useCallback(
    (row: number) => {
      if (total === 0) return;
      const target = Math.max(0, Math.min(total - 1, row));
      pendingFocus.current = target;
      virtualizer.scrollToIndex(target, { align: 'auto' });
      const input = scrollRef.current?.querySelector<HTMLInputElement>(`input[data-row-index="${target}"]`);
      if (input) {
        pendingFocus.current = null;
        input.focus();
      }
    },
    [total, virtualizer],
  );

  // The row asked for may render only after the scroll: focus it once it exists.
  useEffect(() => {
    if (pendingFocus.current === null) return;
    const input = scrollRef.current?.querySelector<HTMLInputElement>(`input[data-row-index="${pendingFocus.current}"]`);
    if (input) {
      pendingFocus.current = null;
      input.focus();
    }
  });

  useEffect(() => {
    if (!focusRequest || !search.settled) return;
    onFocusRequestDone();
    focusRow(focusRequest.row);
  }, [focusRequest, search.settled, focusRow, onFocusRequestDone]);

  const onNavigate = useCallback((row: number, delta: number) => focusRow(row + delta), [focusRow]);

  return (
    <div ref={scrollRef} className="catalog-scroll" role="grid" aria-rowcount={total + 1} data-testid="catalog-grid">
      <div className="catalog-canvas" style={{ height: virtualizer.getTotalSize() }}>
        <CatalogHeader
          sort={sort}
          onSort={onSort}
          priceLabel={priceBasis === 'gross' ? 'catalog.col.priceGross' : 'catalog.col.priceNet'}
        />
        {rows.map((row) => {
          const item = itemAt(row.index);
          return (
            <CatalogRow
              key={item ? `item:${item.code}` : `row:${row.index}`}
              index={row.index}
              top={row.start}
              item={item}
              line={item ? linesByCode.get(item.code) : undefined}
              revision={revision}
              pricesIncludeVat={pricesIncludeVat}
              priceBasis={priceBasis}
              onCommit={onCommit}
              onNavigate={onNavigate}
              onBackToSearch={onBackToSearch}
            />
          );
        })}
      </div>
    </div>
  );
}
