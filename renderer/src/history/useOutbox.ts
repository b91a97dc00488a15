import { useCallback, useEffect, useRef, useState } from 'react';
import type { PorterApi } from '../../../shared/contract';
import type { OutboxEntry } from '../../../shared/domain';
import { toUiError, type UiError } from '../common/uiError';

/** How often the queue is asked again while an order is queued or being sent. */
export const OUTBOX_POLL_MS = 2000;
const UNSENT = ['queued', 'sending', 'needsAttention'] as const;

export interface OutboxQueue {
  /** Orders not yet delivered (queued, sending, needing attention), oldest first; null until the first answer. */
  entries: readonly OutboxEntry[] | null;
  error: UiError | null;
  /** Asks again now (after a submission, a retry). */
  refresh: () => void;
  /** Sends a needsAttention (or waiting) entry again now. */
  retry: (orderId: string) => Promise<OutboxEntry>;
  /** Bumped whenever an order left the queue (delivered): lists that show delivery states reload on it. */
  deliveredVersion: number;
}

/**
 * The store's outbox as the purchaser follows it: asked on mount and on request, and every 2 s only
 * while something is queued or being sent (an entry needing attention waits for the purchaser).
 */
export function useOutbox(api: PorterApi): OutboxQueue {
  const [entries, setEntries] = useState<readonly OutboxEntry[] | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  const [deliveredVersion, setDeliveredVersion] = useState(0);
  const shown = useRef<readonly OutboxEntry[] | null>(null);
  const sequence = useRef(0);

  const refresh = useCallback(() => {
    const id = ++sequence.current;
    api.listOutbox({ states: [...UNSENT] }).then(
      ({ entries: next }) => {
        if (id !== sequence.current) return;
        const before = shown.current;
        if (before && before.some((old) => !next.some((entry) => entry.orderId === old.orderId))) setDeliveredVersion((v) => v + 1);
        shown.current = next;
        setEntries(next);
        setError(null);
      },
      (thrown: unknown) => {
        if (id === sequence.current) setError(toUiError(thrown));
      },
    );
  }, [api]);

  useEffect(refresh, [refresh]);

  const moving = entries?.some((entry) => entry.state === 'queued' || entry.state === 'sending') ?? false;
  useEffect(() => {
    if (!moving) return;
    const timer = window.setInterval(refresh, OUTBOX_POLL_MS);
    return () => window.clearInterval(timer);
  }, [moving, refresh]);

  const retry = useCallback(
    async (orderId: string) => {
      const entry = await api.retryOutboxEntry({ orderId });
      refresh();
      return entry;
    },
    [api, refresh],
  );

  return { entries, error, refresh, retry, deliveredVersion };
}
