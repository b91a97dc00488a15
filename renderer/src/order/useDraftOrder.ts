import { useCallback, useMemo, useRef, useState } from 'react';
import type { PorterApi } from '../../../shared/contract';
import type { Order, OrderLine } from '../../../shared/domain';
import { toUiError, type UiError } from '../common/uiError';

export type SaveState = 'idle' | 'saving' | 'saved' | 'failed';

export interface DraftOrder {
  order: Order | null;
  /** Counts the copies of the draft received from the core (a failed save reloads one too). */
  revision: number;
  linesByCode: ReadonlyMap<string, OrderLine>;
  saveState: SaveState;
  saveError: UiError | null;
  dismissSaveError: () => void;
  load: () => Promise<Order>;
  setQuantity: (itemCode: string, quantity: number) => void;
}

/**
 * The current draft order. Every change goes to the core at once (the core commits it), and
 * changes are sent one after another so the last one typed is the one that stays.
 */
export function useDraftOrder(api: PorterApi): DraftOrder {
  const [state, setState] = useState<{ order: Order | null; revision: number }>({ order: null, revision: 0 });
  const setOrder = useCallback((order: Order) => setState((previous) => ({ order, revision: previous.revision + 1 })), []);
  const { order, revision } = state;
  const [saveState, setSaveState] = useState<SaveState>('idle');
  const [saveError, setSaveError] = useState<UiError | null>(null);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const pending = useRef(0);
  const orderId = useRef<string | null>(null);

  const load = useCallback(async () => {
    const draft = await api.getCurrentDraft({});
    orderId.current = draft.id;
    setOrder(draft);
    return draft;
  }, [api, setOrder]);

  const setQuantity = useCallback(
    (itemCode: string, quantity: number) => {
      const id = orderId.current;
      if (!id) return;
      pending.current += 1;
      setSaveState('saving');
      queue.current = queue.current.then(async () => {
        try {
          const updated = await api.setOrderLineQuantity({ orderId: id, itemCode, quantity });
          setOrder(updated);
          pending.current -= 1;
          if (pending.current === 0) setSaveState('saved');
        } catch (error) {
          pending.current -= 1;
          setSaveError(toUiError(error));
          setSaveState('failed');
          // Show what the core actually holds, not what was typed.
          await load().catch(() => undefined);
        }
      });
    },
    [api, load, setOrder],
  );

  const linesByCode = useMemo(() => new Map((order?.lines ?? []).map((line) => [line.itemCode, line])), [order]);
  const dismissSaveError = useCallback(() => setSaveError(null), []);

  return { order, revision, linesByCode, saveState, saveError, dismissSaveError, load, setQuantity };
}
