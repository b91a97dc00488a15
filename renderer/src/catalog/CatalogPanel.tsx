import { useCallback, useEffect, useState, type RefObject } from 'react';
import type { PriceListInfo } from '../../../shared/domain';
import type { Item } from '../../../shared/domain';
import { ErrorAlert } from '../common/ErrorAlert';
import { useShell } from '../common/ShellContext';
import type { DraftOrder } from '../order/useDraftOrder';
import { CatalogGrid } from './CatalogGrid';
import { NoPriceList, NothingFound } from './CatalogEmpty';
import { CatalogStatus } from './CatalogStatus';
import { SearchBox } from './SearchBox';
import { useCatalogSearch } from './useCatalogSearch';

interface CatalogPanelProps {
  priceList: PriceListInfo | null;
  draft: DraftOrder;
  searchRef: RefObject<HTMLInputElement | null>;
  onImport: () => void;
  /** Called once the first page of the catalog is on screen. */
  onLoaded: () => void;
}

/** Search box, found count and the catalog grid with quantity inputs. */
export function CatalogPanel({ priceList, draft, searchRef, onImport, onLoaded }: CatalogPanelProps) {
  const { api } = useShell();
  const [typed, setTyped] = useState('');
  const search = useCatalogSearch(api, typed, priceList?.id ?? 'none');
  const [focusRequest, setFocusRequest] = useState<{ row: number } | null>(null);

  useEffect(() => {
    if (search.loaded) onLoaded();
  }, [search.loaded, onLoaded]);

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
  return (
    <section
      className="catalog-panel"
      aria-label={priceList?.sourceName}
      data-testid="catalog"
      data-query={search.shownQuery}
      data-settled={search.settled ? 'true' : 'false'}
    >
      <SearchBox value={typed} onChange={setTyped} onToRows={toRows} disabled={priceList === null} inputRef={searchRef} />
      {search.error && <ErrorAlert error={search.error} />}
      {priceList !== null && <CatalogStatus search={search} />}
      {priceList === null && <NoPriceList onImport={onImport} />}
      {priceList !== null && search.loaded && search.total === 0 && <NothingFound query={search.shownQuery} />}
      {showGrid && (
        <CatalogGrid
          search={search}
          linesByCode={draft.linesByCode}
          revision={draft.revision}
          onCommit={onCommit}
          onBackToSearch={backToSearch}
          focusRequest={focusRequest}
          onFocusRequestDone={onFocusRequestDone}
        />
      )}
    </section>
  );
}
