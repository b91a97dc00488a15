import fs from 'node:fs/promises';
import path from 'node:path';
import { BrowserWindow, dialog, ipcMain, type IpcMainInvokeEvent, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import { z } from 'zod';
import { contract, METHOD_NAMES } from '../../shared/contract';
import type { Result } from '../../shared/errors';
import { SAVE_FILE_ENCODINGS, type PickedFile } from '../../shared/shell';
import { toErrorData } from '../core/dispatch';
import { createLogger } from '../core/logger';
import type { CoreHost } from './coreHost';
import { isTrustedSender, type SenderFrame } from './securityPolicy';

const log = createLogger('main.ipc');

// The limit is on the string as it crosses IPC, whatever its encoding (base64 decodes to three quarters of it).
const saveFileInput = z
  .tuple([z.string().min(1).max(255), z.string().max(200 * 1024 * 1024), z.enum(SAVE_FILE_ENCODINGS).optional()])
  // Buffer.from(…, 'base64') skips characters it does not know: refuse them rather than write a damaged file.
  .refine(([, content, encoding]) => encoding !== 'base64' || (content.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(content)), {
    message: 'content is not base64',
    path: [1],
  });

/** The save dialog offers the type of the file being saved first, so the system adds its extension. */
function saveFilters(fileName: string): SaveDialogOptions['filters'] {
  const extension = path.extname(fileName).slice(1).toLowerCase();
  const known: Record<string, string> = {
    pdf: 'Документ PDF / PDF document',
    json: 'Заказ Porter (JSON) / Porter order (JSON)',
    csv: 'Таблица CSV / CSV table',
    zip: 'Архив ZIP / ZIP archive',
    xml: 'Документ XML (CommerceML) / XML document (CommerceML)',
    xlsx: 'Книга Excel / Excel workbook',
  };
  const all = { name: 'Все файлы / All files', extensions: ['*'] };
  const name = known[extension];
  return name ? [{ name, extensions: [extension] }, all] : [all];
}

const PRICE_LIST_FILTERS: OpenDialogOptions['filters'] = [
  { name: 'Прайс-лист / Price list (CSV, TXT, XLSX, CommerceML XML/ZIP)', extensions: ['csv', 'txt', 'xlsx', 'xml', 'zip'] },
  { name: 'Все файлы / All files', extensions: ['*'] },
];

const ORDER_FILE_FILTERS: OpenDialogOptions['filters'] = [
  { name: 'Заказы / Orders (JSON, XML, CSV, XLSX)', extensions: ['json', 'xml', 'csv', 'txt', 'xlsx'] },
  { name: 'Все файлы / All files', extensions: ['*'] },
];

/** At most this many files in one drop or one pick (a folder of a day's orders fits easily). */
const MAX_FILES_AT_ONCE = 10_000;
const droppedPaths = z.array(z.string().min(1).max(4096)).max(MAX_FILES_AT_ONCE);

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

  /** Registers each path with the core, in order; the first failure ends it (naming the file). */
  const registerAll = async (filePaths: readonly string[]): Promise<Result<PickedFile[]>> => {
    const picked: PickedFile[] = [];
    for (const filePath of filePaths) {
      const registered = await core.registerFile(filePath);
      if (!registered.ok) return registered;
      picked.push(registered.value);
    }
    return { ok: true, value: picked };
  };

  ipcMain.handle(
    'porter:pickOrderFiles',
    guard('porter:pickOrderFiles', async (event): Promise<Result<PickedFile[]>> => {
      const options: OpenDialogOptions = { properties: ['openFile', 'multiSelections'], filters: ORDER_FILE_FILTERS };
      const window = BrowserWindow.fromWebContents(event.sender);
      const picked = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      if (picked.canceled) return { ok: true, value: [] };
      return registerAll(picked.filePaths.slice(0, MAX_FILES_AT_ONCE));
    }),
  );

  ipcMain.handle(
    'porter:registerDroppedFiles',
    guard('porter:registerDroppedFiles', async (_event, rawPaths: unknown): Promise<Result<PickedFile[]>> => {
      // The preload found these paths for files the user dropped; still, only regular files are taken.
      const parsed = droppedPaths.safeParse(rawPaths);
      if (!parsed.success) return { ok: false, error: toErrorData(parsed.error) };
      for (const filePath of parsed.data) {
        const stat = await fs.stat(filePath).catch(() => null);
        if (!path.isAbsolute(filePath) || !stat?.isFile()) {
          return { ok: false, error: { code: 'FILE_UNREADABLE', message: `${path.basename(filePath)} is not a file that can be opened` } };
        }
      }
      return registerAll(parsed.data);
    }),
  );

  ipcMain.handle(
    'porter:saveFile',
    guard('porter:saveFile', async (event, ...args: unknown[]): Promise<Result<boolean>> => {
      const parsed = saveFileInput.safeParse(args);
      if (!parsed.success) return { ok: false, error: toErrorData(parsed.error) };
      const [suggestedName, content, encoding] = parsed.data;
      // Only a file name is taken from the page: where to save is always the user's choice in the dialog.
      const fileName = path.basename(suggestedName);
      const options: SaveDialogOptions = { defaultPath: fileName, filters: saveFilters(fileName) };
      const window = BrowserWindow.fromWebContents(event.sender);
      const target = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      if (target.canceled || !target.filePath) return { ok: true, value: false };
      if (encoding === 'base64') await fs.writeFile(target.filePath, Buffer.from(content, 'base64'));
      else await fs.writeFile(target.filePath, content, 'utf8');
      return { ok: true, value: true };
    }),
  );
}
