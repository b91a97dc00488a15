import type { Locator, Page } from 'playwright-core';

export interface StoreInput {
  customerCode: string;
  name: string;
  priceType?: string;
  /** ISO weekdays, 1 = Monday. */
  deliveryDays?: number[];
  contact?: string;
  phone?: string;
  email?: string;
}

/** Manager mode's stores directory: the table, the store form, exchange access with its token shown once. */
export class ManagerStores {
  readonly root: Locator;
  readonly rows: Locator;
  readonly addButton: Locator;
  readonly tokenValue: Locator;
  readonly tokenCopy: Locator;
  readonly tokenDone: Locator;
  readonly tokenWarning: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('stores-screen');
    this.rows = page.getByTestId('store-row');
    this.addButton = page.getByTestId('stores-add');
    this.tokenValue = page.getByTestId('token-value');
    this.tokenCopy = page.getByTestId('token-copy');
    this.tokenDone = page.getByTestId('token-done');
    this.tokenWarning = page.getByTestId('token-warning');
  }

  row(code: string): Locator {
    return this.page.locator(`[data-testid="store-row"][data-code="${code}"]`);
  }

  async waitUntilReady(): Promise<void> {
    await this.page.locator('[data-testid="stores-screen"][data-state="ready"]').waitFor();
  }

  /** Adds a store through the form, typing as a person would; waits for its row. */
  async add(store: StoreInput): Promise<void> {
    await this.addButton.click();
    const code = this.page.getByTestId('store-code');
    await code.waitFor();
    await code.fill(store.customerCode);
    await this.page.getByTestId('store-name').fill(store.name);
    if (store.priceType) await this.page.getByTestId('store-price-type').fill(store.priceType);
    // The weekday chips by the keyboard: focus one, Space ticks it.
    for (const day of store.deliveryDays ?? []) {
      const chip = this.page.locator(`[data-testid="store-delivery-days"] input[value="${day}"]`);
      await chip.focus();
      await this.page.keyboard.press('Space');
      await this.page.locator(`[data-testid="store-delivery-days"] input[value="${day}"]:checked`).waitFor({ state: 'attached' });
    }
    if (store.contact) await this.page.getByTestId('store-contact').fill(store.contact);
    if (store.phone) await this.page.getByTestId('store-phone').fill(store.phone);
    if (store.email) await this.page.getByTestId('store-email').fill(store.email);
    await this.page.getByTestId('store-save').click();
    await code.waitFor({ state: 'detached' });
    await this.row(store.customerCode).waitFor();
  }

  /** "Give access": confirms, and returns the token the dialog shows once. */
  async giveAccess(code: string): Promise<string> {
    await this.row(code).getByTestId('store-grant').click();
    await this.page.getByTestId('grant-dialog-confirm').click();
    await this.tokenValue.waitFor();
    return (await this.tokenValue.textContent())?.trim() ?? '';
  }

  async closeToken(): Promise<void> {
    await this.tokenDone.click();
    await this.tokenValue.waitFor({ state: 'detached' });
  }
}
