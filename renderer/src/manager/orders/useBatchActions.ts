import { useCallback, useEffect, useState } from 'react';
import type { BatchAction, BatchInfo, BatchResult } from '../../../../shared/managerBatch';
import { formatCount } from '../../common/format';
import { useShell } from '../../common/ShellContext';
import { useToast } from '../../common/Toasts';
import { toUiError, type UiError } from '../../common/uiError';
import { useT, type Translate } from '../../i18n';
import type { Locale } from '../../../../shared/domain';

/** What a batch did, in the manager's language: "Принято заказов: 3", "Урезано строк: 12 в 4 заказах"; skipped orders with why. */
export function batchResultText(result: BatchResult, t: Translate, locale: Locale): string {
  const { summary } = result;
  const count = (n: number) => formatCount(n, locale);
  const done = t(`batch.done.${summary.kind}`, {
    orders: count(result.changedOrders.length),
    lines: count(summary.changedLines),
    created: count(summary.createdOrders.length),
  });
  if (result.batchId === null && summary.skipped.length === 0) return t('batch.nothingChanged');
  if (summary.skipped.length === 0) return done;
  const skipped = summary.skipped
    .slice(0, 5)
    .map((s) => t('batch.skippedOne', { number: s.number, reason: t(`batch.skip.${s.reason}`) }))
    .join('; ');
  const more = summary.skipped.length > 5 ? ` ${t('batch.skippedMore', { count: count(summary.skipped.length - 5) })}` : '';
  return `${result.batchId === null ? t('batch.nothingChanged') : done}. ${t('batch.skipped', { list: skipped })}${more}`;
}

export interface BatchActions {
  /** An action is running (one at a time). */
  busy: BatchAction['kind'] | 'undo' | null;
  error: UiError | null;
  clearError: () => void;
  /** The newest batch that can still be undone. */
  lastBatch: BatchInfo | null;
  run: (action: BatchAction) => Promise<BatchResult | null>;
  undoLast: () => Promise<void>;
}

/**
 * Batch actions on received orders (accept, reject, hold, cut to stock, round, reprice, merge, split),
 * all or nothing in the core, each reported in a toast; and undoing the newest batch. `onChanged`
 * runs after every change so the grid and the detail read the book again.
 */
export function useBatchActions(onChanged: () => void, version: number): BatchActions {
  const { api } = useShell();
  const { t, locale } = useT();
  const toast = useToast();
  const [busy, setBusy] = useState<BatchActions['busy']>(null);
  const [error, setError] = useState<UiError | null>(null);
  const [lastBatch, setLastBatch] = useState<BatchInfo | null>(null);

  useEffect(() => {
    let current = true;
    api.listBatches({ limit: 1 }).then(
      ({ batches }) => {
        if (current) setLastBatch(batches[0] ?? null);
      },
      // Undo is offered when the list answers; without it the actions still work.
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [api, version]);

  const run = useCallback(
    async (action: BatchAction) => {
      if (busy) return null;
      setBusy(action.kind);
      setError(null);
      try {
        const result = await api.applyBatchAction(action);
        toast({
          title: t('batch.toastTitle', { action: t(`batch.kind.${action.kind}`) }),
          message: batchResultText(result, t, locale),
          color: result.batchId === null ? 'gray' : 'green',
        });
        onChanged();
        return result;
      } catch (thrown) {
        setError(toUiError(thrown));
        return null;
      } finally {
        setBusy(null);
      }
    },
    [api, busy, locale, onChanged, t, toast],
  );

  const undoLast = useCallback(async () => {
    if (busy || !lastBatch) return;
    setBusy('undo');
    setError(null);
    try {
      const result = await api.undoBatch({ batchId: lastBatch.batchId });
      toast({
        title: t('batch.undoneTitle'),
        message: t('batch.undone', {
          action: t(`batch.kind.${lastBatch.kind}`),
          orders: formatCount(result.restoredOrders.length, locale),
        }),
        color: 'green',
      });
      onChanged();
    } catch (thrown) {
      setError(toUiError(thrown));
    } finally {
      setBusy(null);
    }
  }, [api, busy, lastBatch, locale, onChanged, t, toast]);

  const clearError = useCallback(() => setError(null), []);
  return { busy, error, clearError, lastBatch, run, undoLast };
}
