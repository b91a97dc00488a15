import type { Locator, Page } from 'playwright-core';

/**
 * Locators for the Porter window, in one place. They name the renderer's data-testid
 * attributes; if the renderer renames one, this is the only file to change.
 */
export class PorterWindow {
  constructor(readonly page: Page) {}

  /** The app sets data-state="ready" once the catalog is loaded and searchable. */
  get ready(): Locator {
    return this.page.locator('[data-state="ready"]');
  }

  get search(): Locator {
    return this.page.getByTestId('catalog-search');
  }

  catalogRows(text: RegExp): Locator {
    return this.page.getByTestId('catalog-row').filter({ hasText: text });
  }

  quantityIn(row: Locator): Locator {
    return row.getByTestId('quantity-input');
  }

  /** The order's total with VAT, as the order panel shows it. */
  get orderTotal(): Locator {
    return this.page.getByTestId('total-gross');
  }
}
