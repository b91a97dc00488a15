import type { Locator, Page } from 'playwright-core';

/** Manager mode's inbox: search and filters, the orders grid with its selection, the batch actions and an order's detail. */
export class ManagerOrders {
  readonly root: Locator;
  readonly search: Locator;
  readonly rows: Locator;
  readonly count: Locator;
  readonly stateFilter: Locator;
  readonly problemsFilter: Locator;
  readonly kindsFilter: Locator;
  readonly storeFilter: Locator;
  readonly batchBar: Locator;
  readonly batchCount: Locator;
  readonly undo: Locator;
  readonly drawer: Locator;
  readonly detail: Locator;
  readonly detailLines: Locator;
  readonly changeRows: Locator;
  readonly answerButton: Locator;
  readonly openFiles: Locator;
  readonly intakeFiles: Locator;
  readonly intakeClose: Locator;
  readonly toast: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('orders-screen');
    this.search = page.getByTestId('orders-search');
    this.rows = page.getByTestId('order-row');
    this.count = page.getByTestId('orders-count');
    this.stateFilter = page.getByTestId('orders-filter-state');
    this.problemsFilter = page.getByTestId('orders-filter-problems');
    this.kindsFilter = page.getByTestId('orders-filter-kinds');
    this.storeFilter = page.getByTestId('orders-filter-store');
    this.batchBar = page.getByTestId('batch-bar');
    this.batchCount = page.getByTestId('batch-count');
    this.undo = page.getByTestId('batch-undo');
    this.drawer = page.locator('[data-testid="order-drawer"] [role="dialog"]');
    this.detail = page.getByTestId('order-detail');
    this.detailLines = page.getByTestId('detail-line');
    this.changeRows = page.getByTestId('change-row');
    this.answerButton = page.getByTestId('answer-store');
    this.openFiles = page.getByTestId('open-order-files');
    this.intakeFiles = page.getByTestId('intake-file');
    this.intakeClose = page.getByTestId('intake-close');
    this.toast = page.getByTestId('toast');
  }

  row(number: string): Locator {
    return this.page.locator(`[data-testid="order-row"][data-number="${number}"]`);
  }

  detailLine(code: string): Locator {
    return this.detail.locator(`[data-testid="detail-line"][data-code="${code}"]`);
  }

  /** Waits until the grid shows the book as it is now and `count` orders pass the filters. */
  async waitForShown(count: number): Promise<void> {
    await this.page.locator(`[data-testid="orders-screen"][data-state="ready"][data-settled="true"][data-shown="${count}"]`).waitFor();
  }

  async waitForSelected(count: number): Promise<void> {
    await this.page.locator(`[data-testid="orders-screen"][data-selected="${count}"]`).waitFor();
  }

  /** Order numbers in the grid, top to bottom (the rows on screen). */
  async shownNumbers(): Promise<string[]> {
    const numbers: string[] = [];
    for (const row of await this.rows.all()) numbers.push((await row.getAttribute('data-number')) ?? '');
    return numbers;
  }

  /** "Clean / With problems" in the segmented control. */
  async showProblems(which: 'all' | 'clean' | 'problems'): Promise<void> {
    await this.problemsFilter.locator(`label[for$="-${which}"]`).click();
  }

  /** Keyboard only: from the search box into the grid, down to the order, Enter; waits for its detail. */
  async openWithKeyboard(number: string): Promise<void> {
    const index = (await this.shownNumbers()).indexOf(number);
    if (index < 0) throw new Error(`order ${number} is not in the grid`);
    await this.search.focus();
    await this.page.keyboard.press('ArrowDown');
    await this.page.keyboard.press('Home');
    for (let step = 0; step < index; step++) await this.page.keyboard.press('ArrowDown');
    await this.page.locator(`[data-testid="order-row"][data-number="${number}"]:focus`).waitFor();
    await this.page.keyboard.press('Enter');
    await this.waitForDetail(number);
  }

  async waitForDetail(number: string, extra = ''): Promise<void> {
    await this.page.locator(`[data-testid="order-detail"][data-state="ready"][data-number="${number}"]${extra}`).waitFor();
  }

  /** Esc closes the detail; focus goes back to the grid. */
  async closeDetailWithKeyboard(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.drawer.waitFor({ state: 'hidden' });
  }

  /** Changes a line's quantity in the open order, with the reason (Enter in the reason saves). */
  async editLineQuantity(code: string, quantity: string, reason: string): Promise<void> {
    await this.detailLine(code).getByTestId('detail-line-edit').click();
    const dialog = this.page.getByTestId('line-edit-quantity');
    await dialog.waitFor();
    await dialog.fill(quantity);
    await this.page.getByTestId('line-edit-reason').fill(reason);
    await this.page.getByTestId('line-edit-reason').press('Enter');
    await dialog.waitFor({ state: 'detached' });
  }

  /** Rejects the ticked orders with a reason. */
  async rejectSelected(reason: string): Promise<void> {
    await this.page.getByTestId('batch-reject').click();
    await this.page.getByTestId('reject-dialog-reason').fill(reason);
    await this.page.getByTestId('reject-dialog-confirm').click();
    await this.page.getByTestId('reject-dialog-reason').waitFor({ state: 'detached' });
  }
}
