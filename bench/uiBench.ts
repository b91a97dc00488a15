/// <reference lib="dom" />
// (Functions passed to page.evaluate run in the page.)
// Store-mode responsiveness in the browser shell, measured in the page: keystroke to results on
// screen while typing a search, Enter on a quantity to the line in the order, and opening a
// 300-line order. Each next to a same-run baseline: the same work through the HTTP API alone.
import type { Page } from 'playwright-core';
import { launchBrowser, openPorter } from '../tests/e2e/support/browser';
import { startPorter } from '../tests/e2e/support/porterServer';
import { callApi } from '../tests/e2e/support/seed';

export interface UiBenchInput {
  /** A data folder with the price list already imported (kept, not removed). */
  dataDir: string;
  /** Search words a purchaser would type, and item codes to order. */
  words: string[];
  codes: string[];
}

type Stats = { p50: number; p95: number; n: number };
const stats = (values: number[]): Stats => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
  return { p50: at(50), p95: at(95), n: values.length };
};
const show = (label: string, s: Stats) =>
  console.log(`  ${label.padEnd(44)} p50 ${s.p50.toFixed(1).padStart(7)} ms  p95 ${s.p95.toFixed(1).padStart(7)} ms  (n=${s.n})`);

/** Records, in the page, the time from each change of the search text to the frame showing its results. */
async function instrumentSearch(page: Page): Promise<void> {
  await page.evaluate(() => {
    const input = document.querySelector<HTMLInputElement>('[data-testid="catalog-search"]')!;
    const catalog = document.querySelector<HTMLElement>('[data-testid="catalog"]')!;
    const state = { pending: [] as { text: string; t0: number }[], done: [] as number[], superseded: 0 };
    (window as unknown as { __searchBench: typeof state }).__searchBench = state;
    input.addEventListener('input', () => {
      // Clearing the box between words is not a search.
      if (input.value.trim() !== '') state.pending.push({ text: input.value.trim(), t0: performance.now() });
    });
    new MutationObserver(() => {
      if (catalog.dataset.settled !== 'true') return;
      const index = state.pending.findIndex((p) => p.text === catalog.dataset.query);
      if (index < 0) return;
      const hit = state.pending[index]!;
      state.superseded += index;
      state.pending = state.pending.slice(index + 1);
      requestAnimationFrame(() => state.done.push(performance.now() - hit.t0));
    }).observe(catalog, { attributes: true, attributeFilter: ['data-settled', 'data-query'] });
  });
}

/**
 * Presses a key for real and measures in the page, from that keydown to the frame after `selector`
 * matches at least `count` elements.
 */
async function timeKeyToSelector(page: Page, key: string, selector: string, count = 1): Promise<number> {
  const measured = page.evaluate(
    ({ s, n }) =>
      new Promise<number>((resolve) => {
        let t0 = 0;
        window.addEventListener('keydown', (event) => (t0 = event.timeStamp), { capture: true, once: true });
        const observer = new MutationObserver(() => {
          if (t0 === 0 || document.querySelectorAll(s).length < n) return;
          observer.disconnect();
          requestAnimationFrame(() => resolve(performance.now() - t0));
        });
        observer.observe(document.body, { subtree: true, childList: true, attributes: true });
      }),
    { s: selector, n: count },
  );
  // The listener is in place once evaluate has run its synchronous part; a short pause makes sure.
  await page.waitForTimeout(20);
  await page.keyboard.press(key);
  return measured;
}

export async function uiBench({ dataDir, words, codes }: UiBenchInput): Promise<void> {
  const server = await startPorter({ dataDir });
  const browser = await launchBrowser();
  try {
    const { page, context } = await openPorter(browser, server.loginUrl);

    // Keystroke → results, typing at about 150 ms per key (a quick purchaser).
    await instrumentSearch(page);
    for (const word of words) {
      await page.keyboard.press('F3');
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Backspace');
      await page.keyboard.type(word, { delay: 150 });
      await page.locator(`[data-testid="catalog"][data-settled="true"][data-query="${word}"]`).waitFor();
      await page.waitForTimeout(300);
    }
    const search = await page.evaluate(
      () => (window as unknown as { __searchBench: { done: number[]; superseded: number } }).__searchBench,
    );
    // Baseline: the same prefixes through the API alone (HTTP + core search, no UI).
    const api: number[] = [];
    for (const word of words) {
      for (let length = 1; length <= word.length; length++) {
        const started = performance.now();
        await callApi(server, 'searchItems', { query: word.slice(0, length), offset: 0, limit: 100 });
        api.push(performance.now() - started);
      }
    }
    console.log(`browser shell, ${words.length} words typed at 150 ms per key:`);
    show('keystroke → results on screen (incl. 80 ms debounce)', stats(search.done));
    show('baseline: same queries through the HTTP API', stats(api));
    if (search.superseded > 0) console.log(`  (${search.superseded} keystrokes overtaken by the next one before their results)`);

    // Quantity entry: Enter on a quantity → the line in the order panel.
    const entry: number[] = [];
    const apiEntry: number[] = [];
    for (const [i, code] of codes.slice(0, 40).entries()) {
      await page.keyboard.press('F3');
      await page.keyboard.press('Control+A');
      // At a person's pace: a burst typed at scanner speed would be taken for a barcode scan.
      await page.keyboard.type(code, { delay: 100 });
      await page.locator(`[data-testid="catalog"][data-settled="true"][data-query="${code}"]`).waitFor();
      await page.keyboard.press('Enter');
      await page.locator(`[data-testid="catalog-row"][data-code="${code}"] input:focus`).waitFor();
      const quantity = 100 + i;
      await page.keyboard.type(String(quantity), { delay: 100 });
      const ms = await timeKeyToSelector(page, 'Enter', `[data-testid="order-line"][data-code="${code}"][data-quantity="${quantity}"]`);
      entry.push(ms);
    }
    const draft = await callApi(server, 'getCurrentDraft', {});
    for (const code of codes.slice(0, 40)) {
      const started = performance.now();
      await callApi(server, 'setOrderLineQuantity', { orderId: draft.id, itemCode: code, quantity: 7 });
      apiEntry.push(performance.now() - started);
    }
    console.log(`quantity entry, order growing to ${Math.min(40, codes.length)} lines:`);
    show('Enter → line shown in the order panel', stats(entry));
    show('baseline: setOrderLineQuantity through the API', stats(apiEntry));

    // Opening a 300-line order from the history.
    const big = await callApi(server, 'createDraft', {});
    await callApi(server, 'setOrderLineQuantities', {
      orderId: big.id,
      lines: codes.slice(0, 300).map((itemCode) => ({ itemCode, quantity: 12 })),
    });
    const sent = await callApi(server, 'submitOrder', { orderId: big.id });
    const open: number[] = [];
    const apiOpen: number[] = [];
    await page.keyboard.press('Alt+2');
    const row = page.locator(`[data-testid="history-row"][data-number="${sent.number}"]`);
    for (let run = 0; run < 10; run++) {
      await row.focus();
      const ms = await timeKeyToSelector(page, 'Enter', '[data-testid="history-line"]', sent.lines.length);
      open.push(ms);
      await page.keyboard.press('Escape');
      await row.waitFor();
      const started = performance.now();
      await callApi(server, 'getOrder', { orderId: sent.id });
      apiOpen.push(performance.now() - started);
    }
    console.log(`opening a ${sent.lines.length}-line order (history → detail):`);
    show('Enter → all lines on screen', stats(open));
    show('baseline: getOrder through the API', stats(apiOpen));
    await context.close();
  } finally {
    await browser.close();
    await server.stop();
  }
}
