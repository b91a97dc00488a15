import type { Locator, Page } from 'playwright-core';

/** The catalog side of the screen: header, search, found count, grid rows and their quantity inputs. */
export class CatalogPage {
  readonly app: Locator;
  readonly search: Locator;
  readonly count: Locator;
  readonly grid: Locator;
  readonly rows: Locator;
  readonly emptyState: Locator;
  readonly importButton: Locator;
  readonly priceListName: Locator;
  readonly priceListCount: Locator;
  readonly localeSwitch: Locator;
  readonly columnHeaders: Locator;

  constructor(readonly page: Page) {
    this.app = page.getByTestId('app');
    this.search = page.getByTestId('catalog-search');
    this.count = page.getByTestId('catalog-count');
    this.grid = page.getByTestId('catalog-grid');
    this.rows = page.getByTestId('catalog-row');
    this.emptyState = page.getByTestId('catalog-empty');
    this.importButton = page.getByTestId('import-button');
    this.priceListName = page.getByTestId('price-list-name');
    this.priceListCount = page.getByTestId('price-list-count');
    this.localeSwitch = page.getByTestId('locale-switch');
    this.columnHeaders = page.getByRole('columnheader');
  }

  row(code: string): Locator {
    return this.page.locator(`[data-testid="catalog-row"][data-code="${code}"]`);
  }

  quantityInput(code: string): Locator {
    return this.row(code).getByTestId('quantity-input');
  }

  /** Types a query and waits until the grid shows the answer to exactly that query. */
  async searchFor(query: string): Promise<void> {
    await this.search.fill(query);
    await this.page.locator(`[data-testid="catalog"][data-settled="true"][data-query="${query.trim()}"]`).waitFor();
  }

  /** Codes of the rows on screen, top to bottom (the grid renders only what is in view). */
  async shownCodes(): Promise<string[]> {
    const codes: string[] = [];
    for (const row of await this.rows.all()) codes.push((await row.getAttribute('data-code')) ?? '');
    return codes;
  }

  /** Types a quantity into an item's row and presses Enter (the order panel shows the result). */
  async orderQuantity(code: string, quantity: number): Promise<void> {
    const input = this.quantityInput(code);
    await input.click();
    await input.fill(String(quantity));
    await input.press('Enter');
  }

  async switchLocale(label: 'RU' | 'EN'): Promise<void> {
    await this.localeSwitch.getByText(label, { exact: true }).click();
  }
}
