import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.PORTER_CHROMIUM ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    // --lang: date fields show dd.mm.yyyy, as on a Russian store's PC.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--lang=ru-RU',
    ],
  });
}

export interface OpenedPorter {
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions and console errors in the page, from the first load on. */
  pageErrors: string[];
}

/** A desktop-sized window, as on a store's back-room PC. */
export async function openPorter(browser: Browser, loginUrl: string): Promise<OpenedPorter> {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    acceptDownloads: true,
    // Pasting lines from the clipboard is part of ordering.
    permissions: ['clipboard-read', 'clipboard-write'],
    locale: 'ru-RU',
    timezoneId: 'Europe/Moscow',
  });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(`${message.text()} (${message.location().url})`);
  });
  await page.goto(loginUrl);
  await waitUntilReady(page);
  return { context, page, pageErrors };
}

/** The app sets data-state="ready" once app info, the draft and the first catalog page are in. */
export async function waitUntilReady(page: Page): Promise<void> {
  await page.locator('[data-testid="app"][data-state="ready"]').waitFor({ state: 'attached' });
}
