import type { RefObject } from 'react';
import type { PriceListInfo } from '../../../shared/domain';
import { CatalogPanel } from '../catalog/CatalogPanel';
import { useBarcodeScanner } from '../common/useBarcodeScanner';
import { useLinePaste } from '../common/useLinePaste';
import { LineReportDialog } from '../order/LineReportDialog';
import { OrderPanel } from '../order/OrderPanel';
import type { DraftOrder } from '../order/useDraftOrder';
import { useLineEntry } from '../order/useLineEntry';

interface OrderScreenProps {
  priceList: PriceListInfo | null;
  draft: DraftOrder;
  searchRef: RefObject<HTMLInputElement | null>;
  historyVersion: number;
  /** Off while a dialog has the keyboard. */
  scannerEnabled: boolean;
  onImport: () => void;
  onLoaded: () => void;
  onSent: () => void;
}

/** Catalog and draft side by side; a scanner and pasted lines work anywhere on it. */
export function OrderScreen({ priceList, draft, searchRef, historyVersion, scannerEnabled, onImport, onLoaded, onSent }: OrderScreenProps) {
  const entry = useLineEntry(draft);
  const noDialog = scannerEnabled && entry.report === null;
  useBarcodeScanner(noDialog && priceList !== null, entry.scan);
  useLinePaste(noDialog && priceList !== null, entry.paste);
  return (
    <main className="app-main">
      <CatalogPanel
        priceList={priceList}
        draft={draft}
        searchRef={searchRef}
        historyVersion={historyVersion}
        onImport={onImport}
        onLoaded={onLoaded}
      />
      <OrderPanel draft={draft} onImportLines={entry.importFile} onSent={onSent} />
      <LineReportDialog report={entry.report} onClose={entry.closeReport} />
    </main>
  );
}
