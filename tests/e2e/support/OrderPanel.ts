import type { Locator, Page } from 'playwright-core';

/** The draft order panel: lines, problems, totals, export. */
export class OrderPanel {
  readonly root: Locator;
  readonly number: Locator;
  readonly lines: Locator;
  readonly empty: Locator;
  readonly saveState: Locator;
  readonly totalNet: Locator;
  readonly totalGross: Locator;
  readonly exportButton: Locator;
  readonly toast: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('order-panel');
    this.number = page.getByTestId('order-number');
    this.lines = page.getByTestId('order-line');
    this.empty = page.getByTestId('order-empty');
    this.saveState = page.getByTestId('save-state');
    this.totalNet = page.getByTestId('total-net');
    this.totalGross = page.getByTestId('total-gross');
    this.exportButton = page.getByTestId('export-order');
    this.toast = page.getByTestId('toast');
  }

  line(code: string): Locator {
    return this.root.locator(`[data-testid="order-line"][data-code="${code}"]`);
  }

  /** Resolves once the panel shows the line with this quantity (the core answered). */
  async waitForLine(code: string, quantity: number): Promise<void> {
    await this.root.locator(`[data-testid="order-line"][data-code="${code}"][data-quantity="${quantity}"]`).waitFor();
  }

  lineSum(code: string): Locator {
    return this.line(code).getByTestId('order-line-sum');
  }

  lineQuantity(code: string): Locator {
    return this.line(code).getByTestId('order-line-quantity');
  }

  problems(code: string): Locator {
    return this.line(code).getByTestId('problem-badge');
  }

  totalVat(rate: number): Locator {
    return this.page.getByTestId(`total-vat-${rate}`);
  }

  /** The lines on screen, top to bottom: item code and quantity. */
  async shownLines(): Promise<{ code: string; quantity: number }[]> {
    const lines: { code: string; quantity: number }[] = [];
    for (const line of await this.lines.all()) {
      lines.push({ code: (await line.getAttribute('data-code')) ?? '', quantity: Number(await line.getAttribute('data-quantity')) });
    }
    return lines;
  }

  /** Waits until every change typed so far has been committed by the core. */
  async waitUntilSaved(): Promise<void> {
    await this.page.locator('[data-testid="save-state"][data-save-state="saved"]').waitFor();
  }
}
