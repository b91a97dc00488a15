import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';

/** What Porter shows when its database cannot be opened: the problem, the backups, the ways out. */
export class RecoveryScreen {
  readonly root: Locator;
  readonly title: Locator;
  readonly file: Locator;
  readonly sqliteMessage: Locator;
  readonly backups: Locator;
  readonly restoreButton: Locator;
  readonly startEmptyButton: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('recovery-screen');
    this.title = page.getByTestId('recovery-title');
    this.file = page.getByTestId('recovery-file');
    this.sqliteMessage = page.getByTestId('recovery-sqlite-message');
    this.backups = page.getByTestId('backup-option');
    this.restoreButton = page.getByTestId('recovery-restore');
    this.startEmptyButton = page.getByTestId('recovery-start-empty');
  }

  /** Waits until the screen is there with its list of backups loaded. */
  async waitUntilShown(): Promise<void> {
    await this.page.locator('[data-testid="app"][data-state="recovery"]').waitFor({ state: 'attached' });
    await this.page.locator('[data-testid="recovery-screen"][data-state="ready"]').waitFor();
  }

  /** The backup chosen in the list (the newest unless the user picked another). */
  async chosenBackupId(): Promise<string | null> {
    return this.page.locator('[data-testid="backup-option"]:checked').getAttribute('data-backup-id');
  }
}

/** Opens the printed URL in a new desktop-sized context without waiting for the order screen (which recovery never shows). */
export async function openPorterPage(
  browser: Browser,
  loginUrl: string,
): Promise<{ context: BrowserContext; page: Page; pageErrors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'ru-RU', timezoneId: 'Europe/Moscow' });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(`${message.text()} (${message.location().url})`);
  });
  await page.goto(loginUrl);
  return { context, page, pageErrors };
}
