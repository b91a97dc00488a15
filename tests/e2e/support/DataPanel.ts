import type { Locator, Page } from 'playwright-core';

/** Settings → Data: the backups, "Back up now", "Restore…", "Save diagnostics". */
export class DataPanel {
  readonly root: Locator;
  readonly backups: Locator;
  readonly backUpNow: Locator;
  readonly restore: Locator;
  readonly saveDiagnostics: Locator;
  readonly confirmDialog: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('maintenance-panel');
    this.backups = page.getByTestId('backup-option');
    this.backUpNow = page.getByTestId('backup-now');
    this.restore = page.getByTestId('backup-restore');
    this.saveDiagnostics = page.getByTestId('save-diagnostics');
    // The modal's root has no box of its own: its dialog element is what shows and hides.
    this.confirmDialog = page.locator('[data-testid="restore-confirm"] [role="dialog"]');
  }

  async waitUntilReady(): Promise<void> {
    await this.page.locator('[data-testid="maintenance-panel"][data-state="ready"]').waitFor();
  }

  backup(reason: string): Locator {
    return this.page.locator(`[data-testid="backup-option"][data-reason="${reason}"]`);
  }
}
