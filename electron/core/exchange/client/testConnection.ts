import fs from 'node:fs/promises';
import path from 'node:path';
import type { ConnectionTest } from '../../../../shared/domain';
import { pingSchema } from '../wire';
import { exchangeRequest, ExchangeFailure, statusFailure } from './exchangeHttp';

/**
 * "Test connection": one authenticated GET /v1/ping, and an answer that says exactly what failed —
 * the name not in DNS, nothing listening, the certificate refused, no answer in time, the token refused,
 * or something answering that is not the Porter exchange API (a wrong path, a web site, a proxy's page).
 */
export async function testHttpConnection(url: string, token: string, timeoutMs: number): Promise<ConnectionTest> {
  const started = Date.now();
  const result = (fields: Partial<ConnectionTest> & Pick<ConnectionTest, 'ok' | 'message'>): ConnectionTest => ({
    code: null,
    httpStatus: null,
    store: null,
    supplierName: null,
    latencyMs: Date.now() - started,
    ...fields,
  });
  if (url.trim() === '') return result({ ok: false, code: 'EXCHANGE_NOT_CONFIGURED', message: 'No supplier address is set' });
  try {
    const answer = await exchangeRequest({ baseUrl: url, token }, { method: 'GET', path: '/v1/ping' }, { timeoutMs });
    if (answer.status !== 200) {
      const failure = statusFailure(answer, url, Date.now());
      return result({ ok: false, code: failure.code, message: failure.message, httpStatus: answer.status });
    }
    let json: unknown = null;
    try {
      json = JSON.parse(answer.text);
    } catch {
      // not JSON: reported below
    }
    const ping = pingSchema.safeParse(json);
    if (!ping.success) {
      return result({
        ok: false,
        code: 'EXCHANGE_NOT_PORTER_API',
        message: `${url} answers, but not as the Porter exchange API (check the path)`,
        httpStatus: 200,
      });
    }
    return result({
      ok: true,
      message: `Connected to ${ping.data.supplierName || url} as ${ping.data.store.name}`,
      httpStatus: 200,
      store: ping.data.store,
      supplierName: ping.data.supplierName ?? null,
    });
  } catch (error) {
    if (error instanceof ExchangeFailure) return result({ ok: false, code: error.code, message: error.message });
    throw error;
  }
}

/** The folder exists and Porter may write into it (checked by writing and removing a small file). */
export async function testFolder(folder: string): Promise<ConnectionTest> {
  const started = Date.now();
  const base = { httpStatus: null, store: null, supplierName: null };
  if (folder.trim() === '')
    return { ...base, ok: false, code: 'EXCHANGE_NOT_CONFIGURED', message: 'No exchange folder is set', latencyMs: 0 };
  const probe = path.join(folder, `.porter-write-test-${process.pid}`);
  try {
    await fs.writeFile(probe, 'porter');
    await fs.rm(probe, { force: true });
    return { ...base, ok: true, code: null, message: `Porter can write into ${folder}`, latencyMs: Date.now() - started };
  } catch (error) {
    return {
      ...base,
      ok: false,
      code: 'EXCHANGE_FOLDER_UNAVAILABLE',
      message: `Cannot write into ${folder}: ${(error as Error).message}`,
      latencyMs: Date.now() - started,
    };
  }
}
