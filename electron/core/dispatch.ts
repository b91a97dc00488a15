import { ZodError } from 'zod';
import { contract, isMethodName, type MethodName, type PorterApi } from '../../shared/contract';
import { PorterError, type PorterErrorData, type Result } from '../../shared/errors';
import { createLogger } from './logger';

const log = createLogger('core.dispatch');

/**
 * The one entry every shell uses: checks the method name, parses the input with the
 * contract, calls the core, and turns any failure into error data with a stable code.
 */
export async function dispatch(api: PorterApi, method: string, rawInput: unknown): Promise<Result<unknown>> {
  if (!isMethodName(method)) {
    return { ok: false, error: { code: 'NOT_FOUND', message: `Unknown method ${method}` } };
  }
  try {
    const input = contract[method].input.parse(rawInput ?? {});
    const call = api[method] as (input: unknown) => Promise<unknown>;
    const value = await call(input);
    return { ok: true, value };
  } catch (error) {
    return { ok: false, error: toErrorData(error, method) };
  }
}

export function toErrorData(error: unknown, method?: MethodName): PorterErrorData {
  if (error instanceof PorterError) return error.toData();
  if (error instanceof ZodError) {
    const issue = error.issues[0];
    const field = issue?.path.join('.') ?? '';
    return {
      code: 'INVALID_INPUT',
      message: `Invalid input${method ? ` for ${method}` : ''}${field ? ` at ${field}` : ''}: ${issue?.message ?? 'rejected'}`,
      details: { field },
    };
  }
  log.error('unexpected error', { method, error: error instanceof Error ? error.stack : String(error) });
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}
