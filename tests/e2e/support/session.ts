import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { launchBrowser, openPorter } from './browser';
import { CatalogPage } from './CatalogPage';
import { ImportDialog } from './ImportDialog';
import { OrderPanel } from './OrderPanel';
import { startPorter, type PorterServer } from './porterServer';

export interface PorterSession {
  server: PorterServer;
  context: BrowserContext;
  page: Page;
  catalog: CatalogPage;
  order: OrderPanel;
  importDialog: ImportDialog;
  /** A scratch folder for input files (price lists to import), separate from the data folder. */
  workDir: string;
  /** Uncaught errors in the page: a test's afterEach expects none. */
  pageErrors: string[];
  close: () => Promise<void>;
}

export interface SessionOptions {
  demo?: boolean;
  mode?: 'store' | 'manager';
  /** `--today YYYY-MM-DD`: the day insights are computed for (the demo history's own day for stable lists). */
  today?: string;
  /** Runs after the server starts and before the page opens (e.g. seeding a price list). */
  before?: (server: PorterServer, workDir: string) => Promise<void>;
}

/** A fresh Porter (own data folder) with a page open on it and ready. */
export async function openSession(browser: Browser, options: SessionOptions = {}): Promise<PorterSession> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'porter-e2e-files-'));
  const server = await startPorter({
    demo: options.demo ?? false,
    ...(options.mode ? { mode: options.mode } : {}),
    ...(options.today ? { today: options.today } : {}),
  });
  try {
    await options.before?.(server, workDir);
    const { context, page, pageErrors } = await openPorter(browser, server.loginUrl);
    return {
      pageErrors,
      server,
      context,
      page,
      catalog: new CatalogPage(page),
      order: new OrderPanel(page),
      importDialog: new ImportDialog(page),
      workDir,
      close: async () => {
        await context.close();
        await server.stop();
        fs.rmSync(workDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await server.stop();
    fs.rmSync(workDir, { recursive: true, force: true });
    throw error;
  }
}

export interface PorterSessions {
  /** The suite's browser (for pages opened by hand, e.g. after a restart). */
  browser: () => Browser;
  /** A fresh Porter with a ready page; closed after the test, which fails if the page logged an error. */
  open: (options?: SessionOptions) => Promise<PorterSession>;
}

/** Registers a suite's hooks: one browser per file, one Porter per test. Call inside describe(). */
export function porterSessions(): PorterSessions {
  let browser: Browser | undefined;
  let session: PorterSession | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterEach(async () => {
    const pageErrors = session?.pageErrors ?? [];
    await session?.close();
    session = undefined;
    expect(pageErrors).toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    browser: () => browser!,
    open: async (options) => (session = await openSession(browser!, options)),
  };
}
