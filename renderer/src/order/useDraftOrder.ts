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
  /** Loads the draft the purchaser worked on last. */
  load: () => Promise<Order>;
  /** Shows another order (a draft from the list, or one just created). */
  show: (order: Order) => void;
  setQuantity: (itemCode: string, quantity: number) => void;
  /**
   * Runs a change of the current order through the same queue as typed quantities, so changes
   * apply in the order they were made; the core's answer becomes what is shown.
   */
  change: (run: (orderId: string) => Promise<Order>) => Promise<Order | null>;
}

/**
 * The draft order being composed. Every change goes to the core at once (the core commits it),
 * and changes are sent one after another so the last one typed is the one that stays.
 */
export function useDraftOrder(api: PorterApi): DraftOrder {
  const [state, setState] = useState<{ order: Order | null; revision: number }>({ order: null, revision: 0 });
  const setOrder = useCallback((order: Order) => setState((previous) => ({ order, revision: previous.revision + 1 })), []);
  const { order, revision } = state;
  const [saveState, setSaveState] = useState<SaveState>('idle');
  const [saveError, setSaveError] = useState<UiError | null>(null);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const pending = useRef(0);
  const orderId = useRef<string | null>(null);

  const show = useCallback(
    (next: Order) => {
      orderId.current = next.id;
      setOrder(next);
    },
    [setOrder],
  );

  const load = useCallback(async () => {
    const draft = await api.getCurrentDraft({});
    show(draft);
    return draft;
  }, [api, show]);

  const change = useCallback(
    (run: (id: string) => Promise<Order>): Promise<Order | null> => {
      const id = orderId.current;
      if (!id) return Promise.resolve(null);
      pending.current += 1;
      setSaveState('saving');
      const result = queue.current.then(async () => {
        try {
          const updated = await run(id);
          // The purchaser may have switched to another draft meanwhile: show only the current one.
          if (orderId.current === updated.id) setOrder(updated);
          pending.current -= 1;
          if (pending.current === 0) setSaveState('saved');
          return updated;
        } catch (error) {
          pending.current -= 1;
          setSaveError(toUiError(error));
          setSaveState('failed');
          // Show what the core actually holds, not what was typed.
          if (orderId.current === id) await api.getOrder({ orderId: id }).then(setOrder, () => undefined);
          return null;
        }
      });
      queue.current = result;
      return result;
    },
    [api, setOrder],
  );

  const setQuantity = useCallback(
    (itemCode: string, quantity: number) => void change((id) => api.setOrderLineQuantity({ orderId: id, itemCode, quantity })),
    [api, change],
  );

  const linesByCode = useMemo(() => new Map((order?.lines ?? []).map((line) => [line.itemCode, line])), [order]);
  const dismissSaveError = useCallback(() => setSaveError(null), []);

  return { order, revision, linesByCode, saveState, saveError, dismissSaveError, load, show, setQuantity, change };
}
