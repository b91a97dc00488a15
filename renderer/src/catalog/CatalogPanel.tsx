import { useCallback, useEffect, useMemo, useState, type RefObject } from 'react';
import type { CatalogView, Item, PriceListInfo } from '../../../shared/domain';
import { ErrorAlert } from '../common/ErrorAlert';
import { useShell } from '../common/ShellContext';
import type { DraftOrder } from '../order/useDraftOrder';
import { CatalogFilters, type CatalogFilterState } from './CatalogFilters';
import { CatalogGrid } from './CatalogGrid';
import { NoPriceList, NothingFound } from './CatalogEmpty';
import { CatalogStatus } from './CatalogStatus';
import { CategoryTree } from './CategoryTree';
import type { PriceBasis } from './priceDisplay';
import { SearchBox } from './SearchBox';
import { useCatalogSearch, type CatalogScope } from './useCatalogSearch';

interface CatalogPanelProps {
  priceList: PriceListInfo | null;
  draft: DraftOrder;
  searchRef: RefObject<HTMLInputElement | null>;
  /** Changes when the order history changes (the "ordered before" filter depends on it). */
  historyVersion: number;
  onImport: () => void;
  /** Called once the first page of the catalog is on screen. */
  onLoaded: () => void;
}

/** Category tree, search box, filters, found count and the catalog grid with quantity inputs. */
export function CatalogPanel({ priceList, draft, searchRef, historyVersion, onImport, onLoaded }: CatalogPanelProps) {
  const { api } = useShell();
  const [typed, setTyped] = useState('');
  const [categoryId, setCategoryId] = useState<number | null>(null);
  const [filters, setFilters] = useState<CatalogFilterState>({});
  const [sort, setSort] = useState<CatalogView['sort']>(null);
  const listedBasis: PriceBasis = priceList?.pricesIncludeVat === false ? 'net' : 'gross';
  const [priceBasis, setPriceBasis] = useState<PriceBasis | null>(null);
  const scope = useMemo<CatalogScope>(() => ({ categoryId, filters, sort }), [categoryId, filters, sort]);
  const search = useCatalogSearch(api, typed, scope, `${priceList?.id ?? 'none'}:${historyVersion}`);
  const [focusRequest, setFocusRequest] = useState<{ row: number } | null>(null);

  useEffect(() => {
    if (search.loaded) onLoaded();
  }, [search.loaded, onLoaded]);

  // Another price list: its categories differ.
  useEffect(() => setCategoryId(null), [priceList?.id]);

  const backToSearch = useCallback(() => {
    searchRef.current?.focus();
    searchRef.current?.select();
  }, [searchRef]);
  const toRows = useCallback(() => {
    search.flush();
    setFocusRequest({ row: 0 });
  }, [search]);
  const onFocusRequestDone = useCallback(() => setFocusRequest(null), []);
  const { setQuantity } = draft;
  const onCommit = useCallback((item: Item, quantity: number) => setQuantity(item.code, quantity), [setQuantity]);

  const showGrid = priceList !== null && (search.total > 0 || !search.loaded);
  const filtered = categoryId !== null || Object.values(filters).some(Boolean);
  return (
    <div className="catalog-area">
      {priceList !== null && (
        <CategoryTree priceListId={priceList.id} itemCount={priceList.itemCount} selected={categoryId} onSelect={setCategoryId} />
      )}
      <section
        className="catalog-panel"
        aria-label={priceList?.sourceName}
        data-testid="catalog"
        data-query={search.shownQuery}
        data-view={search.shownKey}
        data-settled={search.settled ? 'true' : 'false'}
      >
        <SearchBox value={typed} onChange={setTyped} onToRows={toRows} disabled={priceList === null} inputRef={searchRef} />
        {priceList !== null && (
          <CatalogFilters filters={filters} onFilters={setFilters} priceBasis={priceBasis ?? listedBasis} onPriceBasis={setPriceBasis} />
        )}
        {search.error && <ErrorAlert error={search.error} />}
        {priceList !== null && <CatalogStatus search={search} filtered={filtered} />}
        {priceList === null && <NoPriceList onImport={onImport} />}
        {priceList !== null && search.loaded && search.total === 0 && <NothingFound query={search.shownQuery} />}
        {showGrid && (
          <CatalogGrid
            search={search}
            linesByCode={draft.linesByCode}
            revision={draft.revision}
            pricesIncludeVat={priceList.pricesIncludeVat}
            priceBasis={priceBasis ?? listedBasis}
            sort={sort ?? null}
            onSort={setSort}
            onCommit={onCommit}
            onBackToSearch={backToSearch}
            focusRequest={focusRequest}
            onFocusRequestDone={onFocusRequestDone}
          />
        )}
      </section>
    </div>
  );
}
