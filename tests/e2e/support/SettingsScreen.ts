import type { Locator, Page } from 'playwright-core';

/** Each language is offered under its own name, whatever the interface language is. */
const LANGUAGE_NAMES = { ru: 'Русский', en: 'English' } as const;

export interface StoreProfileInput {
  storeName?: string;
  customerCode?: string;
  priceType?: string;
  locale?: keyof typeof LANGUAGE_NAMES;
}

/** The store profile form: store name, customer code, price type, language; Save / Ctrl+S. */
export class SettingsScreen {
  readonly root: Locator;
  readonly storeName: Locator;
  readonly customerCode: Locator;
  readonly priceType: Locator;
  readonly language: Locator;
  readonly saveButton: Locator;
  /** "Сохранено" / unsaved changes / fix the fields; data-status: clean, dirty, saving, saved, invalid. */
  readonly status: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('settings-screen');
    this.storeName = page.getByTestId('settings-store-name');
    this.customerCode = page.getByTestId('settings-customer-code');
    this.priceType = page.getByTestId('settings-price-type');
    this.language = page.getByTestId('settings-language');
    this.saveButton = page.getByTestId('settings-save');
    this.status = page.getByTestId('settings-status');
  }

  languageOption(locale: keyof typeof LANGUAGE_NAMES): Locator {
    return this.language.getByRole('radio', { name: LANGUAGE_NAMES[locale] });
  }

  /** Waits until the profile has been loaded into the form. */
  async waitUntilReady(): Promise<void> {
    await this.page.locator('[data-testid="settings-screen"][data-state="ready"]').waitFor();
  }

  /** The language chosen in the form (saved or not). */
  async chosenLocale(): Promise<string | null> {
    return this.language.getAttribute('data-value');
  }

  /** Replaces the given fields' values and chooses the language (arrow keys move between the two). */
  async fill(profile: StoreProfileInput): Promise<void> {
    if (profile.storeName !== undefined) await this.storeName.fill(profile.storeName);
    if (profile.customerCode !== undefined) await this.customerCode.fill(profile.customerCode);
    if (profile.priceType !== undefined) await this.priceType.fill(profile.priceType);
    if (profile.locale !== undefined) await this.languageOption(profile.locale).check();
  }

  /** Ctrl+S, then waits for "Сохранено". */
  async saveWithKeyboard(): Promise<void> {
    await this.page.keyboard.press('Control+KeyS');
    await this.page.locator('[data-testid="settings-status"][data-status="saved"]').waitFor();
  }

  /** The validation message under a field, or null when it has none. */
  async errorOf(field: Locator): Promise<string | null> {
    if ((await field.getAttribute('aria-invalid')) !== 'true') return null;
    const ids = ((await field.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter((id) => id.endsWith('-error'));
    const id = ids[0];
    return id ? this.page.locator(`[id="${id}"]`).innerText() : null;
  }
}
