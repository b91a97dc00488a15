import type { Download, Locator, Page } from 'playwright-core';

/** The order history: search, the list of sent orders, and an open order with its actions. */
export class HistoryScreen {
  readonly root: Locator;
  readonly search: Locator;
  readonly count: Locator;
  readonly rows: Locator;
  readonly empty: Locator;
  readonly nothingFound: Locator;
  readonly limited: Locator;
  readonly detail: Locator;
  readonly detailNumber: Locator;
  readonly backButton: Locator;
  readonly repeatButton: Locator;
  readonly pdfButton: Locator;
  readonly saveTemplateButton: Locator;
  readonly lines: Locator;
  readonly delivery: Locator;
  readonly comment: Locator;
  readonly totalNet: Locator;
  readonly totalVat: Locator;
  readonly totalGross: Locator;
  readonly templateDialog: Locator;
  readonly templateName: Locator;
  readonly templateConfirm: Locator;
  readonly toast: Locator;
  /** Orders on their way to the supplier, above the list (data-count). */
  readonly outbox: Locator;
  readonly outboxBadge: Locator;
  readonly checkAnswersButton: Locator;
  /** The supplier's answer in an open order (data-status). */
  readonly supplierAnswer: Locator;
  readonly confirmedTotal: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('history-screen');
    this.search = page.getByTestId('history-search');
    this.count = page.getByTestId('history-count');
    this.rows = page.getByTestId('history-row');
    this.empty = page.getByTestId('history-empty');
    this.nothingFound = page.getByTestId('history-nothing-found');
    this.limited = page.getByTestId('history-limited');
    this.detail = page.getByTestId('history-detail');
    this.detailNumber = page.getByTestId('history-detail-number');
    this.backButton = page.getByTestId('history-back');
    this.repeatButton = page.getByTestId('history-repeat');
    this.pdfButton = page.getByTestId('history-pdf');
    this.saveTemplateButton = page.getByTestId('history-save-template');
    this.lines = page.getByTestId('history-line');
    this.delivery = page.getByTestId('history-delivery');
    this.comment = page.getByTestId('history-comment');
    this.totalNet = page.getByTestId('history-total-net');
    this.totalVat = page.getByTestId('history-total-vat');
    this.totalGross = page.getByTestId('history-total-gross');
    // The modal's root has no box of its own: its dialog element is what shows and hides.
    this.templateDialog = page.locator('[data-testid="save-template-dialog"] [role="dialog"]');
    this.templateName = page.getByTestId('template-name');
    this.templateConfirm = page.getByTestId('template-save');
    this.toast = page.getByTestId('toast');
    this.outbox = page.getByTestId('outbox');
    this.outboxBadge = page.getByTestId('outbox-badge');
    this.checkAnswersButton = page.getByTestId('check-answers');
    this.supplierAnswer = page.getByTestId('supplier-answer');
    this.confirmedTotal = page.getByTestId('confirmed-total-gross');
  }

  /** An order's entry in the outbox, once it is in the given state (queued, sending, needsAttention). */
  outboxEntry(number: string, state?: string): Locator {
    const withState = state ? `[data-state="${state}"]` : '';
    return this.page.locator(`[data-testid="outbox-entry"][data-number="${number}"]${withState}`);
  }

  /** What the list says about the order at the supplier: a delivery state or the supplier's status. */
  supplierCell(number: string): Locator {
    return this.row(number).getByTestId('history-row-supplier');
  }

  row(number: string): Locator {
    return this.page.locator(`[data-testid="history-row"][data-number="${number}"]`);
  }

  /** The list's row the keyboard is on (the one in the tab order). */
  get selectedRow(): Locator {
    return this.page.locator('[data-testid="history-row"][aria-selected="true"]');
  }

  line(code: string): Locator {
    return this.detail.locator(`[data-testid="history-line"][data-code="${code}"]`);
  }

  lineSum(code: string): Locator {
    return this.line(code).getByTestId('history-line-sum');
  }

  /** The VAT of one rate in the open order's breakdown. */
  vatOfRate(rate: number): Locator {
    return this.page.getByTestId(`history-total-vat-${rate}`);
  }

  /** Waits until the list has had its first answer from the core. */
  async waitUntilReady(): Promise<void> {
    await this.page.locator('[data-testid="history-screen"][data-state="ready"]').waitFor();
  }

  /** Types a query and waits until the list shows the answer to exactly that query. */
  async searchFor(query: string): Promise<void> {
    await this.search.fill(query);
    await this.page.locator(`[data-testid="history-screen"][data-settled="true"][data-query="${query.trim()}"]`).waitFor();
  }

  /** Order numbers in the list, top (newest) to bottom. */
  async shownNumbers(): Promise<string[]> {
    const numbers: string[] = [];
    for (const row of await this.rows.all()) numbers.push((await row.getAttribute('data-number')) ?? '');
    return numbers;
  }

  /** Keyboard only: from the search box ↓ into the list, ↓ down to the order, Enter; waits for its lines. */
  async openWithKeyboard(number: string): Promise<void> {
    const index = (await this.shownNumbers()).indexOf(number);
    if (index < 0) throw new Error(`order ${number} is not in the history list`);
    await this.search.press('ArrowDown');
    await this.page.keyboard.press('Home');
    for (let step = 0; step < index; step++) await this.page.keyboard.press('ArrowDown');
    await this.page.locator(`[data-testid="history-row"][data-number="${number}"][aria-selected="true"]`).waitFor();
    await this.page.keyboard.press('Enter');
    await this.waitForOrder(number);
  }

  /** Resolves once the open order is on screen with its lines. */
  async waitForOrder(number: string): Promise<void> {
    await this.page.locator(`[data-testid="history-detail"][data-number="${number}"][data-state="ready"]`).waitFor();
  }

  /** Esc from an open order: back to the list, on the row it was opened from. */
  async backWithKeyboard(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.page.locator('[data-testid="history-screen"][data-view="list"]').waitFor();
  }

  /** Enter on "Repeat order" (it has focus once an order opens); the app then shows the new draft. */
  async repeatWithKeyboard(): Promise<void> {
    await this.repeatButton.press('Enter');
  }

  /** Ctrl+P in an open order saves its PDF (in the browser shell: a download). */
  async savePdfWithKeyboard(): Promise<Download> {
    const downloading = this.page.waitForEvent('download');
    await this.page.keyboard.press('Control+KeyP');
    return downloading;
  }

  /** "Save as template" by keyboard: Enter on the button, type the name, Enter; waits until it is saved. */
  async saveAsTemplateWithKeyboard(name: string): Promise<void> {
    await this.saveTemplateButton.press('Enter');
    await this.templateName.waitFor();
    await this.page.keyboard.type(name);
    await this.page.keyboard.press('Enter');
    // The name field leaves with the saved template (an error keeps it, and this times out).
    await this.templateName.waitFor({ state: 'detached' });
  }
}
