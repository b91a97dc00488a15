import type { ErrorCode, ErrorDetails } from '../../../shared/errors';
import { PorterCallError } from '../../../shared/shell';

/** An error as the UI shows it: a stable code to translate, the core's message, and where it happened. */
export interface UiError {
  /** NETWORK: the call never reached the core (the local server stopped, the window lost it). */
  code: ErrorCode | 'NETWORK';
  message: string;
  details?: ErrorDetails;
}

export function toUiError(error: unknown): UiError {
  if (error instanceof PorterCallError) {
    return error.data.details
      ? { code: error.data.code, message: error.data.message, details: error.data.details }
      : { code: error.data.code, message: error.data.message };
  }
  if (error instanceof TypeError) return { code: 'NETWORK', message: error.message };
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}
