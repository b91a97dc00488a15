import { ERROR_CODES, type ErrorCode } from '../../../shared/errors';
import type { Translate } from '../i18n';

function isErrorCode(code: string): code is ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(code);
}

/**
 * A failure the core recorded as data (an error code and its words: an outbox entry's last error, a
 * connection test, a price list sync) as the purchaser reads it: the code in words, then the details.
 */
export function describeFailure(t: Translate, code: string | null, message: string | null): { title: string; details: string } {
  if (code && isErrorCode(code)) return { title: t(`errors.${code}`), details: message ?? '' };
  return { title: message ?? '', details: '' };
}
