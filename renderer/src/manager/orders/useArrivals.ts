import { useEffect, useRef } from 'react';
import type { PorterApi } from '../../../../shared/contract';

/** How often the inbox is asked whether orders came in (two one-row questions: cheap for the core). */
const POLL_MS = 10_000;

/**
 * Orders reach the book on their own (the exchange API, the watched folder): while the window is
 * shown, asks every few seconds for the newest arrival of each and calls `onArrived` when either
 * changed, so the grid reads the book again. The first answer only sets where things stand.
 */
export function useArrivals(api: PorterApi, onArrived: () => void): void {
  const handler = useRef(onArrived);
  handler.current = onArrived;

  useEffect(() => {
    let last: string | null = null;
    let stopped = false;
    const look = async () => {
      if (document.visibilityState !== 'visible') return;
      const [inbox, folder] = await Promise.all([
        api.listInbox({ limit: 1 }).then(
          ({ orders }) => String(orders[0]?.inboxId ?? ''),
          () => '?',
        ),
        api.listFolderIntake({ limit: 1 }).then(
          ({ events }) => (events[0] ? `${events[0].at}|${events[0].fileName}` : ''),
          () => '?',
        ),
      ]);
      if (stopped) return;
      const now = `${inbox}/${folder}`;
      if (last !== null && now !== last) handler.current();
      last = now;
    };
    void look();
    const timer = window.setInterval(() => void look(), POLL_MS);
    return () => {
      stopped = true;
      window.clearInterval(timer);
    };
  }, [api]);
}
