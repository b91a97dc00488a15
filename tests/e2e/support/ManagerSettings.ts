import type { Locator, Page } from 'playwright-core';
import { turnOn } from './keyboard';

/** Manager mode's settings: the exchange server, the language, the mode switch. */
export class ManagerSettings {
  readonly root: Locator;
  readonly serverEnabled: Locator;
  readonly serverPort: Locator;
  readonly serverSave: Locator;
  readonly serverStatus: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('manager-settings-screen');
    this.serverEnabled = page.getByTestId('server-enabled');
    this.serverPort = page.getByTestId('server-port');
    this.serverSave = page.getByTestId('server-save');
    this.serverStatus = page.getByTestId('server-status');
  }

  /** Turns the exchange server on at a port (0: any free one) for this computer only; returns the address stores use. */
  async startServer(port: number): Promise<string> {
    await turnOn(this.serverEnabled);
    await this.serverPort.fill(String(port));
    await this.serverSave.click();
    await this.page.locator('[data-testid="server-status"][data-status="listening"]').waitFor();
    const url = await this.serverStatus.getAttribute('data-url');
    if (!url) throw new Error('the listening server shows no address');
    return url;
  }
}

/** "Who uses this Porter" in either mode's settings: choose, then switch. */
export async function switchMode(page: Page, mode: 'store' | 'manager'): Promise<void> {
  await turnOn(page.getByTestId(`mode-${mode}`));
  await page.getByTestId('mode-switch').click();
  await page.locator(`[data-testid="app"][data-mode="${mode}"][data-state="ready"]`).waitFor();
}
