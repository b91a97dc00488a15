import type { Download, Locator, Page } from 'playwright-core';
import { turnOn } from './keyboard';

/**
 * Manager mode's outputs: on the orders screen the export to the back office (with its history), the
 * pick list and the answers to the stores; in the settings the exchange folder and its intake log;
 * above the stores directory the price list publishing and its review.
 */
export class ManagerOutputs {
  readonly exportButton: Locator;
  readonly exportCount: Locator;
  readonly exportDialog: Locator;
  readonly exportSummary: Locator;
  readonly exportConfirm: Locator;
  readonly exportAlready: Locator;
  readonly exportAgain: Locator;
  readonly historyButton: Locator;
  readonly historyRows: Locator;
  readonly pickListButton: Locator;
  readonly pickListDialog: Locator;
  readonly pickListDate: Locator;
  readonly pickListMake: Locator;
  readonly answersButton: Locator;
  readonly answersDialog: Locator;
  readonly answersConfirm: Locator;
  readonly answersResult: Locator;
  readonly folderPath: Locator;
  readonly folderEnabled: Locator;
  readonly folderSave: Locator;
  readonly folderStatus: Locator;
  readonly folderRows: Locator;
  readonly publishing: Locator;
  readonly review: Locator;

  constructor(readonly page: Page) {
    this.exportButton = page.getByTestId('outputs-export');
    this.exportCount = page.getByTestId('outputs-export-count');
    // A Mantine modal's root has no box of its own: its dialog element is what shows and hides.
    this.exportDialog = page.locator('[data-testid="export-dialog"] [role="dialog"]');
    this.exportSummary = page.getByTestId('export-summary');
    this.exportConfirm = page.getByTestId('export-confirm');
    this.exportAlready = page.getByTestId('export-already');
    this.exportAgain = page.getByTestId('export-again');
    this.historyButton = page.getByTestId('outputs-history');
    this.historyRows = page.getByTestId('exports-row');
    this.pickListButton = page.getByTestId('outputs-pick-list');
    this.pickListDialog = page.locator('[data-testid="pick-list-dialog"] [role="dialog"]');
    this.pickListDate = page.getByTestId('pick-list-date');
    this.pickListMake = page.getByTestId('pick-list-make');
    this.answersButton = page.getByTestId('outputs-answers');
    this.answersDialog = page.locator('[data-testid="answers-dialog"] [role="dialog"]');
    this.answersConfirm = page.getByTestId('answers-confirm');
    this.answersResult = page.getByTestId('answers-result');
    this.folderPath = page.getByTestId('folder-path');
    this.folderEnabled = page.getByTestId('folder-enabled');
    this.folderSave = page.getByTestId('folder-save');
    this.folderStatus = page.getByTestId('folder-status');
    this.folderRows = page.getByTestId('folder-intake-row');
    this.publishing = page.getByTestId('price-list-publishing');
    this.review = page.locator('[data-testid="price-list-review"] [role="dialog"]');
  }

  /** Opens the export dialog; waits until it shows what it will export. */
  async openExport(): Promise<void> {
    await this.exportButton.click();
    await this.exportDialog.waitFor();
  }

  /** A segmented control's option (format, grouping) by its value. */
  async choose(control: string, value: string): Promise<void> {
    await this.page.getByTestId(control).locator(`label[for$="-${value}"]`).click();
  }

  /** Clicks a button that makes the shell save a file (a download in the browser) and returns the download. */
  async download(button: Locator): Promise<Download> {
    const downloading = this.page.waitForEvent('download');
    await button.click();
    return downloading;
  }

  /** Turns the watched exchange folder on at a path; waits until Porter watches it. */
  async watchFolder(folder: string): Promise<void> {
    await this.folderPath.fill(folder);
    await turnOn(this.folderEnabled);
    await this.folderSave.click();
    await this.page.locator('[data-testid="folder-status"][data-status="watching"]').waitFor();
  }

  folderRow(fileName: string, outcome: string): Locator {
    return this.page.locator(`[data-testid="folder-intake-row"][data-file="${fileName}"][data-outcome="${outcome}"]`);
  }
}
