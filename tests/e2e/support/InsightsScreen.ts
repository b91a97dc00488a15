import type { Locator, Page } from 'playwright-core';

/** Manager mode's insights (Alt+3) and a store's card. */
export class InsightsPage {
  readonly root: Locator;
  readonly dueRows: Locator;
  readonly slippingRows: Locator;
  readonly gapRows: Locator;
  readonly card: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('insights-screen');
    this.dueRows = page.getByTestId('due-row');
    this.slippingRows = page.getByTestId('slipping-row');
    this.gapRows = page.getByTestId('gap-row');
    this.card = page.getByTestId('store-card');
  }

  async open(): Promise<void> {
    await this.page.keyboard.press('Alt+3');
    await this.waitUntilReady();
  }

  async waitUntilReady(): Promise<void> {
    await this.page.locator('[data-testid="insights-screen"][data-state="ready"]').waitFor();
  }

  /** Customer codes of a list's rows, top first. */
  async codes(rows: Locator): Promise<string[]> {
    return rows.evaluateAll((elements) => elements.map((e) => e.getAttribute('data-code') ?? ''));
  }

  /** Opens a store's card by typing its code into "find a store" and choosing it. */
  async findStore(code: string): Promise<void> {
    const input = this.page.getByTestId('insights-store-pick');
    await input.click();
    await input.fill(code);
    await this.page.getByRole('option', { name: new RegExp(`\\(${code}\\)$`) }).click();
    await this.page.locator('[data-testid="store-card"][data-state="ready"]').waitFor();
  }

  /** Opens a store's card from any list it is in (its name is a button). */
  async openCard(row: Locator): Promise<void> {
    await row.getByTestId('open-store-card').click();
    await this.page.locator('[data-testid="store-card"][data-state="ready"]').waitFor();
  }
}
