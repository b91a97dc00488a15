/** Stable error codes that cross process boundaries; the UI translates them by code. */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'UNAUTHORIZED',
  'NOT_FOUND',
  'FILE_UNREADABLE',
  'FILE_ENCODING',
  'FILE_FORMAT',
  'FILE_TOO_LARGE',
  'IMPORT_NO_HEADER',
  'IMPORT_MAPPING_INCOMPLETE',
  // An order table (CSV, XLSX) whose headings Porter does not know: details.headings, for the manager to map
  'ORDER_COLUMNS_UNKNOWN',
  'IMPORT_NO_ITEMS',
  'JOB_CANCELLED',
  'JOB_BUSY',
  'ITEM_NOT_IN_PRICE_LIST',
  'BARCODE_NOT_FOUND',
  'ORDER_EMPTY',
  'ORDER_NOT_EDITABLE',
  'DB_NEWER_VERSION',
  'DB_OPEN_FAILED',
  // Backups and diagnostics
  'DB_CORRUPT',
  'BACKUP_FAILED',
  'INTERNAL',
  // Exchange: what failed talking to the supplier (test connection, the outbox's "needs attention" reason)
  'EXCHANGE_NOT_CONFIGURED',
  'EXCHANGE_INVALID_URL',
  'EXCHANGE_DNS',
  'EXCHANGE_REFUSED',
  'EXCHANGE_TLS',
  'EXCHANGE_TIMEOUT',
  'EXCHANGE_NETWORK',
  'EXCHANGE_UNAUTHORIZED',
  'EXCHANGE_NOT_PORTER_API',
  'EXCHANGE_UNAVAILABLE',
  'EXCHANGE_REJECTED',
  'EXCHANGE_FOLDER_UNAVAILABLE',
  'EXCHANGE_SERVER_START_FAILED',
  // Exchange: the price list sync (the supplier has published none yet; its answer cannot be read)
  'EXCHANGE_NO_PRICE_LIST',
  'EXCHANGE_INVALID_ANSWER',
  // A store's price type that the supplier's price list does not have (the store's sync, the manager's per-store export)
  'PRICE_TYPE_UNKNOWN',
  // Manager mode: orders exported to the back office before (export again only on purpose)
  'ORDERS_ALREADY_EXPORTED',
  // Manager mode: batch actions (a check or action needs the current price list; a batch that can no longer be undone)
  'NO_PRICE_LIST',
  'BATCH_NOT_UNDOABLE',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Where in a file a problem is: the UI and the command line print it as "file, row N, field F". */
export interface ErrorDetails {
  file?: string;
  row?: number;
  field?: string;
  [key: string]: unknown;
}

export interface PorterErrorData {
  code: ErrorCode;
  message: string;
  details?: ErrorDetails;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: PorterErrorData };

/** An error the core raises on purpose: it carries a stable code and where it happened. */
export class PorterError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails | undefined;

  constructor(code: ErrorCode, message: string, details?: ErrorDetails) {
    super(message);
    this.name = 'PorterError';
    this.code = code;
    this.details = details;
  }

  toData(): PorterErrorData {
    return this.details ? { code: this.code, message: this.message, details: this.details } : { code: this.code, message: this.message };
  }
}

export function describeLocation(details: ErrorDetails | undefined): string {
  if (!details) return '';
  const parts: string[] = [];
  if (details.file) parts.push(details.file);
  if (details.row !== undefined) parts.push(`row ${details.row}`);
  if (details.field) parts.push(`field ${details.field}`);
  return parts.join(', ');
}
