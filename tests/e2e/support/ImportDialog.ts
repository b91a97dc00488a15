import type { Locator, Page } from 'playwright-core';

/** The price list import dialog: file summary, column mapping, progress, result. */
export class ImportDialog {
  readonly dialog: Locator;
  readonly fileName: Locator;
  readonly format: Locator;
  readonly encoding: Locator;
  readonly delimiter: Locator;
  readonly headerRow: Locator;
  readonly mappingTable: Locator;
  readonly headings: Locator;
  readonly mappingSelects: Locator;
  readonly missingHint: Locator;
  readonly startButton: Locator;
  readonly progress: Locator;
  readonly stopButton: Locator;
  readonly cancelled: Locator;
  readonly result: Locator;
  readonly resultItems: Locator;
  readonly resultCategories: Locator;
  readonly resultRejected: Locator;
  readonly rejectedRows: Locator;
  readonly closeButton: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog');
    this.fileName = page.getByTestId('import-file-name');
    this.format = page.getByTestId('import-format');
    this.encoding = page.getByTestId('import-encoding');
    this.delimiter = page.getByTestId('import-delimiter');
    this.headerRow = page.getByTestId('import-header-row');
    this.mappingTable = page.getByTestId('mapping-table');
    this.headings = page.getByTestId('mapping-heading');
    this.mappingSelects = page.getByTestId('mapping-select');
    this.missingHint = page.getByTestId('import-missing');
    this.startButton = page.getByTestId('import-start');
    this.progress = page.getByTestId('import-progress');
    this.stopButton = page.getByTestId('import-stop');
    this.cancelled = page.getByTestId('import-cancelled');
    this.result = page.getByTestId('import-result');
    this.resultItems = page.getByTestId('import-result-items');
    this.resultCategories = page.getByTestId('import-result-categories');
    this.resultRejected = page.getByTestId('import-result-rejected');
    this.rejectedRows = page.getByTestId('rejected-row');
    this.closeButton = page.getByTestId('import-close');
  }

  /** Clicks an import button and answers the file chooser with the given file; waits for the mapping. */
  async open(trigger: Locator, file: string): Promise<void> {
    const chooser = this.page.waitForEvent('filechooser');
    await trigger.click();
    await (await chooser).setFiles(file);
    await this.mappingTable.waitFor();
  }

  /** The field chosen for each column, in column order ('' = skipped). */
  async mappedFields(): Promise<string[]> {
    const count = await this.mappingSelects.count();
    const fields: string[] = [];
    for (let column = 0; column < count; column++) fields.push(await this.mappingSelects.nth(column).inputValue());
    return fields;
  }

  async headingTexts(): Promise<string[]> {
    return this.headings.allInnerTexts();
  }

  async mapColumn(column: number, field: string): Promise<void> {
    await this.mappingSelects.nth(column).selectOption(field);
  }
}
