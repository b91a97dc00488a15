import type { z } from 'zod';
import { PorterError } from '../../../../shared/errors';

/**
 * Reads one of Porter's own JSON files: parsed, its format and version checked first (so a wrong
 * file or a newer Porter's file gets a plain message), then validated against its schema. Every
 * error names the file and the field ("lines[3].quantity"). Keys such as "__proto__" are data
 * to JSON.parse, and the strict schemas refuse any key they do not know.
 */
export function readPorterJson<S extends z.ZodType>(text: string, file: string, format: string, version: number, schema: S): z.output<S> {
  let data: unknown;
  try {
    data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /at position (\d+)/.exec(message);
    const line = position ? text.slice(0, Number(position[1])).split('\n').length : undefined;
    throw new PorterError(
      'FILE_FORMAT',
      `${file}${line === undefined ? '' : `, line ${line}`}: not valid JSON (${message.split('\n')[0]})`,
      line === undefined ? { file } : { file, row: line },
    );
  }
  return checkPorterJson(data, file, format, version, schema);
}

/** Checks data already parsed from JSON (an API answer that wraps the file) the way readPorterJson checks a file. */
export function checkPorterJson<S extends z.ZodType>(data: unknown, file: string, format: string, version: number, schema: S): z.output<S> {
  const head = (typeof data === 'object' && data !== null ? data : {}) as { format?: unknown; version?: unknown };
  if (head.format !== format) {
    throw new PorterError(
      'FILE_FORMAT',
      `${file}: not a ${format} file` + (typeof head.format === 'string' ? ` (it says "${head.format.slice(0, 60)}")` : ''),
      { file, field: 'format' },
    );
  }
  if (typeof head.version === 'number' && head.version > version) {
    throw new PorterError(
      'FILE_FORMAT',
      `${file}: written by a newer Porter (${format} version ${head.version}); update Porter to read it`,
      {
        file,
        field: 'version',
      },
    );
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    const path = fieldPath([...issue.path, ...(keys.length > 0 ? [keys[0]!] : [])]);
    throw new PorterError('FILE_FORMAT', `${file}: ${path === '' ? 'the file' : `field ${path}`}: ${issue.message}`, {
      file,
      field: path,
    });
  }
  return parsed.data;
}

/** ["lines", 3, "quantity"] → "lines[3].quantity" */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`)).join('');
}

/** An error in the meaning of a file that its schema cannot see (a reference to nothing, a duplicate). */
export function fileFieldError(file: string, field: string, message: string): PorterError {
  return new PorterError('FILE_FORMAT', `${file}: field ${field}: ${message}`, { file, field });
}
