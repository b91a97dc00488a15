import type { JobState } from './domain';
import type { MethodName, PorterApi } from './contract';
import type { PorterErrorData, Result } from './errors';

/** A file the user chose, registered with the core; the renderer only ever sees its id. */
export interface PickedFile {
  fileId: string;
  name: string;
}

/**
 * A file dropped onto the window (the DOM's File, typed by what is used of it: shared/ knows no DOM).
 * The shell registers it with the core; in Electron the preload finds its path, which the page cannot.
 */
export interface DroppedFile {
  readonly name: string;
  readonly size: number;
}

/** How saveFile's content is written: text as UTF-8, or binary (a PDF) carried as base64 and decoded first. */
export const SAVE_FILE_ENCODINGS = ['utf8', 'base64'] as const;
export type SaveFileEncoding = (typeof SAVE_FILE_ENCODINGS)[number];

/**
 * What a shell (Electron or browser) gives the renderer beyond the contract: file
 * dialogs, saving, and job events. Errors from contract calls reject with PorterCallError.
 */
export interface PorterShell {
  kind: 'electron' | 'browser';
  api: PorterApi;
  pickPriceListFile(): Promise<PickedFile | null>;
  /** Manager mode: order files to take into the order book, several at once; [] when the user cancelled. */
  pickOrderFiles(): Promise<PickedFile[]>;
  /** Manager mode: files dropped onto the window, registered like picked ones (in the order given). */
  registerDroppedFiles(files: readonly DroppedFile[]): Promise<PickedFile[]>;
  /**
   * Saves content under a suggested name; false when the user cancelled. Text is written as UTF-8;
   * with encoding 'base64' the content is decoded and the bytes written (a PDF from orderPdf).
   */
  saveFile(suggestedName: string, content: string, encoding?: SaveFileEncoding): Promise<boolean>;
  onJobEvent(listener: (job: JobState) => void): () => void;
}

export class PorterCallError extends Error {
  readonly data: PorterErrorData;
  constructor(data: PorterErrorData) {
    super(data.message);
    this.name = 'PorterCallError';
    this.data = data;
  }
}

/**
 * What the Electron preload exposes as window.porter: one named function per contract
 * method (each resolves to a Result, since errors cross IPC as data), plus the shell's
 * own functions. Defined here so the preload and the renderer share one definition.
 */
export type ElectronBridge = { [M in MethodName]: (input: unknown) => Promise<Result<unknown>> } & {
  pickPriceListFile(): Promise<Result<PickedFile | null>>;
  pickOrderFiles(): Promise<Result<PickedFile[]>>;
  registerDroppedFiles(files: readonly DroppedFile[]): Promise<Result<PickedFile[]>>;
  saveFile(suggestedName: string, content: string, encoding?: SaveFileEncoding): Promise<Result<boolean>>;
  onJobEvent(listener: (job: JobState) => void): () => void;
};
