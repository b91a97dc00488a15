import fs from 'node:fs/promises';
import path from 'node:path';
import { BrowserWindow, dialog, ipcMain, type IpcMainInvokeEvent, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import { z } from 'zod';
import { contract, METHOD_NAMES } from '../../shared/contract';
import type { Result } from '../../shared/errors';
import type { PickedFile } from '../../shared/shell';
import { toErrorData } from '../core/dispatch';
import { createLogger } from '../core/logger';
import type { CoreHost } from './coreHost';
import { isTrustedSender, type SenderFrame } from './securityPolicy';

const log = createLogger('main.ipc');

const saveFileInput = z.tuple([z.string().min(1).max(255), z.string().max(200 * 1024 * 1024)]);

const PRICE_LIST_FILTERS: OpenDialogOptions['filters'] = [
  { name: 'Прайс-лист / Price list (CSV, TXT, XLSX)', extensions: ['csv', 'txt', 'xlsx'] },
  { name: 'Все файлы / All files', extensions: ['*'] },
];

function senderFrameOf(event: IpcMainInvokeEvent): SenderFrame | null {
  try {
    const frame = event.senderFrame;
    return frame ? { url: frame.url, isTopFrame: frame.parent === null } : null;
  } catch {
    // Reading a frame that was disposed mid-call throws; treat it like a frame that is gone.
    return null;
  }
}

const unauthorized: Result<never> = {
  ok: false,
  error: { code: 'UNAUTHORIZED', message: 'This page may not call Porter' },
};

/**
 * One ipcMain.handle per contract method plus the shell's own channels. Every handler
 * checks the sender first, then validates input, and only then reaches the core host.
 */
export function registerIpcHandlers(core: CoreHost, appUrl: string): void {
  const guard =
    <A extends unknown[], R>(channel: string, handler: (event: IpcMainInvokeEvent, ...args: A) => Promise<Result<R>>) =>
    async (event: IpcMainInvokeEvent, ...args: A): Promise<Result<R>> => {
      const frame = senderFrameOf(event);
      if (!isTrustedSender(frame, appUrl)) {
        log.warn('refused IPC from an untrusted frame', { channel, url: frame?.url ?? null });
        return unauthorized;
      }
      try {
        return await handler(event, ...args);
      } catch (error) {
        return { ok: false, error: toErrorData(error) };
      }
    };

  for (const method of METHOD_NAMES) {
    const channel = `porter:${method}`;
    ipcMain.handle(
      channel,
      guard(channel, async (_event, rawInput: unknown) => {
        // Parsed here too (the core parses again) so malformed input never crosses into the core process.
        const parsed = contract[method].input.safeParse(rawInput ?? {});
        if (!parsed.success) return { ok: false, error: toErrorData(parsed.error, method) };
        return core.call(method, parsed.data);
      }),
    );
  }

  ipcMain.handle(
    'porter:pickPriceListFile',
    guard('porter:pickPriceListFile', async (event): Promise<Result<PickedFile | null>> => {
      const options: OpenDialogOptions = { properties: ['openFile'], filters: PRICE_LIST_FILTERS };
      const window = BrowserWindow.fromWebContents(event.sender);
      const picked = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      const filePath = picked.filePaths[0];
      if (picked.canceled || !filePath) return { ok: true, value: null };
      return core.registerFile(filePath);
    }),
  );

  ipcMain.handle(
    'porter:saveFile',
    guard('porter:saveFile', async (event, ...args: unknown[]): Promise<Result<boolean>> => {
      const parsed = saveFileInput.safeParse(args);
      if (!parsed.success) return { ok: false, error: toErrorData(parsed.error) };
      const [suggestedName, content] = parsed.data;
      // Only a file name is taken from the page: where to save is always the user's choice in the dialog.
      const options: SaveDialogOptions = { defaultPath: path.basename(suggestedName) };
      const window = BrowserWindow.fromWebContents(event.sender);
      const target = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      if (target.canceled || !target.filePath) return { ok: true, value: false };
      await fs.writeFile(target.filePath, content, 'utf8');
      return { ok: true, value: true };
    }),
  );
}
