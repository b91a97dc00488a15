/// <reference lib="dom" />
// (Functions passed to page.evaluate run in the page.)
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * Presses Tab until the element with this test id has focus, as a keyboard user would; fails
 * if it is not reachable within `limit` presses (so an unreachable control fails the test).
 */
export async function tabTo(page: Page, testId: string, { limit = 60, shift = false } = {}): Promise<void> {
  for (let i = 0; i < limit; i++) {
    const here = await page.evaluate(() => document.activeElement?.closest('[data-testid]')?.getAttribute('data-testid') ?? '');
    if (here === testId) return;
    await page.keyboard.press(shift ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`${testId} was not reached with ${limit} presses of Tab`);
}

/** Types like a barcode scanner in keyboard-wedge mode: the whole code at once, then Enter. */
export async function scan(page: Page, barcode: string): Promise<void> {
  await page.keyboard.type(barcode);
  await page.keyboard.press('Enter');
}

/** Puts text on the system clipboard (the context has clipboard permissions), then Ctrl+V. */
export async function pasteFromClipboard(page: Page, text: string): Promise<void> {
  await page.evaluate((value) => navigator.clipboard.writeText(value), text);
  await page.keyboard.press('Control+V');
}

/**
 * Turns on a Mantine radio or switch. Their inputs lie under a drawn control, so a pointer click needs
 * `force`, and a forced click skips Playwright's wait for the layout to settle: a panel above that
 * finishes loading moves the input away from under the pointer. A click dispatched on the input itself
 * needs no position.
 */
export async function turnOn(input: Locator): Promise<void> {
  if (await input.isChecked()) return;
  await input.dispatchEvent('click');
  await expect.poll(() => input.isChecked()).toBe(true);
}
