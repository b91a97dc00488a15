import type { Locator, Page } from 'playwright-core';

/** The order templates: the list, starting an order from one, deleting one. */
export class TemplatesScreen {
  readonly root: Locator;
  readonly count: Locator;
  readonly rows: Locator;
  readonly empty: Locator;
  readonly deleteDialog: Locator;
  readonly deleteConfirm: Locator;
  readonly deleteCancel: Locator;
  readonly toast: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('templates-screen');
    this.count = page.getByTestId('templates-count');
    this.rows = page.getByTestId('template-row');
    this.empty = page.getByTestId('templates-empty');
    // The modal's root has no box of its own: its dialog element is what shows and hides.
    this.deleteDialog = page.locator('[data-testid="template-delete-dialog"] [role="dialog"]');
    this.deleteConfirm = page.getByTestId('template-delete-confirm');
    this.deleteCancel = page.getByTestId('template-delete-cancel');
    this.toast = page.getByTestId('toast');
  }

  row(name: string): Locator {
    return this.page.locator(`[data-testid="template-row"][data-name="${name}"]`);
  }

  startButton(name: string): Locator {
    return this.row(name).getByTestId('template-start');
  }

  deleteButton(name: string): Locator {
    return this.row(name).getByTestId('template-delete');
  }

  /** The row the keyboard is on (the one in the tab order). */
  get selectedRow(): Locator {
    return this.page.locator('[data-testid="template-row"][aria-selected="true"]');
  }

  /** Waits until the list has arrived from the core (it may be empty). */
  async waitUntilReady(): Promise<void> {
    await this.page.locator('[data-testid="templates-screen"][data-state="ready"]').waitFor();
  }

  /** Template names as listed, top to bottom. */
  async names(): Promise<string[]> {
    const names: string[] = [];
    for (const row of await this.rows.all()) names.push((await row.getAttribute('data-name')) ?? '');
    return names;
  }

  /** Keyboard only: Home, then ↓ down to the template (the list has focus when the screen opens). */
  async selectWithKeyboard(name: string): Promise<void> {
    const index = (await this.names()).indexOf(name);
    if (index < 0) throw new Error(`template ${name} is not in the list`);
    await this.selectedRow.press('Home');
    for (let step = 0; step < index; step++) await this.page.keyboard.press('ArrowDown');
    await this.page.locator(`[data-testid="template-row"][data-name="${name}"][aria-selected="true"]`).waitFor();
  }

  /** Chooses the template and presses Enter; the app then shows the new draft. */
  async startWithKeyboard(name: string): Promise<void> {
    await this.selectWithKeyboard(name);
    await this.page.keyboard.press('Enter');
  }

  /** Chooses the template, presses Delete, confirms with Enter; waits until its row is gone. */
  async deleteWithKeyboard(name: string): Promise<void> {
    await this.selectWithKeyboard(name);
    await this.page.keyboard.press('Delete');
    await this.deleteConfirm.waitFor();
    await this.page.keyboard.press('Enter');
    await this.row(name).waitFor({ state: 'detached' });
  }
}
