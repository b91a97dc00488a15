import { describe, expect, it } from 'vitest';
import { openPorter } from './support/browser';
import { OrderPanel } from './support/OrderPanel';
import { startPorter } from './support/porterServer';
import { seedPriceList } from './support/seed';
import { porterSessions, type PorterSession } from './support/session';
import { SLICE_ITEMS, writeSlicePriceList } from './support/slicePriceList';

const { milk, kefir, chocolate, honey, tree } = SLICE_ITEMS;

describe('a draft survives a crash of the core', () => {
  const sessions = porterSessions();
  let session: PorterSession;

  it('has every line that was shown as saved after the core is killed in the middle of typing', async () => {
    session = await sessions.open({
      before: async (server, workDir) => void (await seedPriceList(server, writeSlicePriceList(workDir))),
    });
    const { page, catalog, order, server } = session;

    const typed: [string, number][] = [
      [milk.code, 24],
      [kefir.code, 12],
      [chocolate.code, 40],
      [honey.code, 3],
    ];
    for (const [code, quantity] of typed) {
      await catalog.searchFor(code);
      await catalog.orderQuantity(code, quantity);
      await order.waitForLine(code, quantity);
    }
    await order.waitUntilSaved();
    const shownAsSaved = await order.shownLines();
    expect(shownAsSaved).toEqual(typed.map(([code, quantity]) => ({ code, quantity })));

    // Typing the next quantity, not yet confirmed, when the core dies (SIGKILL: no shutdown code runs).
    await catalog.searchFor(tree.code);
    await catalog.quantityInput(tree.code).click();
    await page.keyboard.type('2');
    await server.kill();
    await session.context.close();
    // The dead core's page may have logged failed requests: expected after a deliberate kill.
    session.pageErrors.length = 0;

    const restarted = await startPorter({ dataDir: server.dataDir });
    try {
      const reopened = await openPorter(sessions.browser(), restarted.loginUrl);
      const lines = await new OrderPanel(reopened.page).shownLines();
      expect(lines).toEqual(shownAsSaved);
      expect(reopened.pageErrors).toEqual([]);
      await reopened.context.close();
    } finally {
      await restarted.stop();
    }
  });
});
