import { describe, expect, it } from 'vitest';
import { callApi, seedPriceList } from './support/seed';
import { porterSessions, type PorterSession } from './support/session';
import { SLICE_ITEMS, writeSlicePriceList } from './support/slicePriceList';

describe('catalog grid', () => {
  const sessions = porterSessions();
  let session: PorterSession;

  it('pages the demo price list in as it scrolls, down to its last item', async () => {
    session = await sessions.open({ demo: true });
    const { catalog, page } = session;
    expect(await catalog.count.innerText()).toBe('Всего: 5\u00a0000');
    // Only the rows in view exist: the grid is virtualized.
    expect(await catalog.rows.count()).toBeLessThan(80);

    await catalog.grid.hover();
    await page.mouse.wheel(0, 5000 * 32);
    await catalog.row('00104999').waitFor();
    expect(await catalog.rows.count()).toBeLessThan(80);
    expect(await catalog.row('00104999').getAttribute('aria-rowindex')).toBe('5001');
  });

  it('sorts by a column heading: ascending, descending, then the price list order again', async () => {
    session = await sessions.open({ demo: true });
    const { catalog, page, server } = session;
    const heading = page.getByRole('columnheader').filter({ has: page.getByTestId('sort-price') });
    const firstCodes = () => catalog.rows.evaluateAll((rows) => rows.slice(0, 5).map((r) => r.getAttribute('data-code')));
    const expected = async (direction?: 'asc' | 'desc') =>
      (
        await callApi(server, 'searchItems', {
          query: '',
          offset: 0,
          limit: 5,
          ...(direction ? { sort: { column: 'price', direction } } : {}),
        })
      ).items.map((i) => i.code);
    const shows = async (codes: string[]) => {
      await page.waitForFunction(
        (first) => document.querySelector('[data-testid="catalog-row"]')?.getAttribute('data-code') === first,
        codes[0],
      );
      expect(await firstCodes()).toEqual(codes);
    };
    await shows(await expected());
    await page.getByTestId('sort-price').click();
    expect(await heading.getAttribute('aria-sort')).toBe('ascending');
    await shows(await expected('asc'));
    await page.getByTestId('sort-price').click();
    expect(await heading.getAttribute('aria-sort')).toBe('descending');
    await shows(await expected('desc'));
    await page.getByTestId('sort-price').click();
    expect(await heading.getAttribute('aria-sort')).toBe('none');
    await shows(await expected());
  });

  it('is driven from the keyboard: Enter to rows, arrows between them, + steps a pack, Esc reverts, F3 / Ctrl+K / "/" back to search', async () => {
    session = await sessions.open({
      before: async (server, workDir) => void (await seedPriceList(server, writeSlicePriceList(workDir))),
    });
    const { catalog, order, page } = session;
    const { milk, milkUpper } = SLICE_ITEMS;
    const focused = (code: string) => page.locator(`[data-testid="catalog-row"][data-code="${code}"] input:focus`).waitFor();
    const searchFocused = () => page.locator('[data-testid="catalog-search"]:focus').waitFor();

    await searchFocused(); // autofocus on start
    await catalog.searchFor('молоко');
    await page.keyboard.press('Enter');
    await focused(milk.code);
    await page.keyboard.press('ArrowDown');
    await focused(milkUpper.code);
    await page.keyboard.type('18');
    await page.keyboard.press('ArrowUp'); // leaving the row commits it
    await focused(milk.code);
    await order.waitForLine(milkUpper.code, 18);

    await page.keyboard.press('+');
    expect(await catalog.quantityInput(milk.code).inputValue()).toBe(String(milk.packMultiple));
    await page.keyboard.press('Escape');
    await searchFocused();
    expect(await catalog.quantityInput(milk.code).inputValue()).toBe('');
    await order.waitUntilSaved();
    expect(await order.lines.count()).toBe(1);

    for (const key of ['F3', 'Control+K', '/']) {
      await catalog.quantityInput(milk.code).click();
      await focused(milk.code);
      await page.keyboard.press(key);
      await searchFocused();
    }
    expect(await catalog.search.inputValue()).toBe('молоко');
  });
});
