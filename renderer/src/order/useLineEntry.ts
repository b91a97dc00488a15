import { useCallback, useState } from 'react';
import type { LineImportReport } from '../../../shared/domain';
import { useShell } from '../common/ShellContext';
import { useToast } from '../common/Toasts';
import { toUiError } from '../common/uiError';
import { useT } from '../i18n';
import type { DraftOrder } from './useDraftOrder';

export interface LineEntry {
  /** The last paste or file import's report, while its dialog is open. */
  report: LineImportReport | null;
  closeReport: () => void;
  paste: (text: string) => void;
  importFile: () => void;
  scan: (barcode: string) => void;
}

/** Lines that arrive other than by typing: a barcode scanner, the clipboard, a CSV/XLSX file. */
export function useLineEntry(draft: DraftOrder): LineEntry {
  const shell = useShell();
  const { api } = shell;
  const { t } = useT();
  const toast = useToast();
  const [report, setReport] = useState<LineImportReport | null>(null);
  const { change } = draft;

  const paste = useCallback(
    (text: string) =>
      void change(async (orderId) => {
        const result = await api.pasteOrderLines({ orderId, text });
        setReport(result.report);
        return result.order;
      }),
    [api, change],
  );

  const importFile = useCallback(() => {
    shell.pickPriceListFile().then(
      (file) =>
        file &&
        change(async (orderId) => {
          const result = await api.importOrderLines({ orderId, fileId: file.fileId });
          setReport(result.report);
          return result.order;
        }),
      (failure: unknown) => toast({ title: t('lines.importFailed'), message: toUiError(failure).message, color: 'red' }),
    );
  }, [api, shell, change, toast, t]);

  const scan = useCallback(
    (barcode: string) =>
      void change(async (orderId) => {
        try {
          const result = await api.scanBarcode({ orderId, barcode });
          const line = result.order.lines.find((l) => l.itemCode === result.itemCode);
          toast({ title: t('scan.added'), message: `${line?.name ?? result.itemCode} — ${result.quantity}`, color: 'green' });
          return result.order;
        } catch (failure) {
          const error = toUiError(failure);
          if (error.code === 'BARCODE_NOT_FOUND') {
            toast({ title: t('scan.unknownTitle'), message: t('scan.unknown', { barcode }), color: 'red' });
            return api.getOrder({ orderId });
          }
          throw failure;
        }
      }),
    [api, change, toast, t],
  );

  return { report, closeReport: () => setReport(null), paste, importFile, scan };
}
