import type { Locator, Page } from 'playwright-core';

/** The mode's label as the purchaser sees it (Russian, the default locale). */
const MODE_LABELS = { none: 'Без подключения', http: 'По сети', folder: 'Через папку' } as const;

/** Settings → Exchange with the supplier: the connection, "Test connection", the price list sync. */
export class ExchangeSettingsPanel {
  readonly root: Locator;
  readonly mode: Locator;
  readonly url: Locator;
  readonly token: Locator;
  readonly folder: Locator;
  readonly saveButton: Locator;
  readonly testButton: Locator;
  /** data-status: clean, dirty, saved. */
  readonly status: Locator;
  /** data-ok and data-code: what the last test found. */
  readonly testResult: Locator;
  readonly priceList: Locator;
  readonly syncNow: Locator;
  readonly lastSync: Locator;
  readonly version: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('exchange-panel');
    this.mode = page.getByTestId('exchange-mode');
    this.url = page.getByTestId('exchange-url');
    this.token = page.getByTestId('exchange-token');
    this.folder = page.getByTestId('exchange-folder');
    this.saveButton = page.getByTestId('exchange-save');
    this.testButton = page.getByTestId('exchange-test');
    this.status = page.getByTestId('exchange-status');
    this.testResult = page.getByTestId('exchange-test-result');
    this.priceList = page.getByTestId('price-list-sync');
    this.syncNow = page.getByTestId('price-list-sync-now');
    this.lastSync = page.getByTestId('price-list-last-sync');
    this.version = page.getByTestId('price-list-version');
  }

  async waitUntilReady(): Promise<void> {
    await this.page.locator('[data-testid="exchange-panel"][data-state="ready"]').waitFor();
  }

  /** Chooses how orders travel; the segmented control is a group of radio buttons. */
  async chooseMode(mode: keyof typeof MODE_LABELS): Promise<void> {
    await this.mode.getByText(MODE_LABELS[mode], { exact: true }).click();
    await this.page.locator(`[data-testid="exchange-mode"][data-value="${mode}"]`).waitFor();
  }

  /** Runs "Test connection" and waits for its verdict (a new result replaces the old one). */
  async testConnection(): Promise<{ ok: boolean; code: string; text: string }> {
    await this.testButton.click();
    await this.page.locator('[data-testid="exchange-panel"][data-state="ready"] [data-testid="exchange-test-result"]').waitFor();
    return {
      ok: (await this.testResult.getAttribute('data-ok')) === 'true',
      code: (await this.testResult.getAttribute('data-code')) ?? '',
      text: await this.testResult.innerText(),
    };
  }

  /** Save, then wait until the panel says so. */
  async save(): Promise<void> {
    await this.saveButton.click();
    await this.page.locator('[data-testid="exchange-status"][data-status="saved"]').waitFor();
  }

  /** Waits until the last sync (background or asked for) has the outcome, with no sync running. */
  async waitForLastSync(outcome: 'updated' | 'unchanged' | 'failed'): Promise<void> {
    await this.page.locator(`[data-testid="price-list-sync"][data-state="ready"][data-last-outcome="${outcome}"]`).waitFor();
  }

  /** The counts of the last sync: new, changed, removed items. */
  async changes(): Promise<{ added: number; changed: number; removed: number }> {
    const count = async (id: string) => Number(await this.page.getByTestId(id).getAttribute('data-count'));
    return {
      added: await count('price-list-added'),
      changed: await count('price-list-changed'),
      removed: await count('price-list-removed'),
    };
  }
}
