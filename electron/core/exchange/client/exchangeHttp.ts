import http from 'node:http';
import https from 'node:https';
import type { ErrorCode } from '../../../../shared/errors';
import { apiErrorBodySchema } from '../wire';

/** Why a request to the supplier failed, with a stable code, and whether trying again can help. */
export class ExchangeFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** True: retrying will not help (the supplier refused this order); false: try again later. */
    readonly permanent: boolean,
    readonly httpStatus: number | null = null,
    /** The server's Retry-After, in milliseconds. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = 'ExchangeFailure';
  }
}

export interface ExchangeTarget {
  baseUrl: string;
  token: string;
}

export interface ExchangeRequest {
  method: 'GET' | 'POST';
  /** Relative to the base URL: '/v1/orders'. */
  path: string;
  query?: Record<string, string>;
  body?: string;
  headers?: Record<string, string>;
}

export interface ExchangeAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

const MAX_ANSWER_BYTES = 256 * 1024 * 1024;

/** The base URL parsed and checked: http or https, no credentials in it. */
export function parseBaseUrl(baseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new ExchangeFailure('EXCHANGE_INVALID_URL', `"${baseUrl}" is not an address (expected https://host[:port][/path])`, true);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ExchangeFailure('EXCHANGE_INVALID_URL', `"${baseUrl}" is not an http:// or https:// address`, true);
  }
  return url;
}

/**
 * One HTTP request to the exchange API with a deadline for the whole exchange (connect, send, answer).
 * Network failures become ExchangeFailure with the code that names what failed; HTTP statuses are
 * returned as they are (the caller decides what a status means for it).
 */
export function exchangeRequest(
  target: ExchangeTarget,
  request: ExchangeRequest,
  options: { timeoutMs: number; agent?: http.Agent; signal?: AbortSignal },
): Promise<ExchangeAnswer> {
  const base = parseBaseUrl(target.baseUrl);
  const url = new URL(base.href);
  url.pathname = `${base.pathname.replace(/\/+$/, '')}${request.path}`;
  for (const [k, v] of Object.entries(request.query ?? {})) url.searchParams.set(k, v);
  const transport = url.protocol === 'https:' ? https : http;
  const headers: Record<string, string> = { Accept: 'application/json', ...request.headers };
  if (target.token !== '') headers.Authorization = `Bearer ${target.token}`;
  if (request.body !== undefined) {
    headers['Content-Type'] = 'application/json; charset=utf-8';
    headers['Content-Length'] = String(Buffer.byteLength(request.body));
  }
  return new Promise<ExchangeAnswer>((resolve, reject) => {
    let settled = false;
    const finish = (error: ExchangeFailure | null, answer?: ExchangeAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      options.signal?.removeEventListener('abort', abort);
      if (error) reject(error);
      else resolve(answer!);
    };
    const abort = () => {
      finish(new ExchangeFailure('EXCHANGE_NETWORK', `The request to ${url.host} was cancelled (Porter is closing)`, false));
      req.destroy();
    };
    const req = transport.request(url, { method: request.method, headers, ...(options.agent ? { agent: options.agent } : {}) }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_ANSWER_BYTES) {
          req.destroy();
          finish(
            new ExchangeFailure('EXCHANGE_NOT_PORTER_API', `The answer from ${url.host} is larger than ${MAX_ANSWER_BYTES} bytes`, false),
          );
        } else chunks.push(chunk);
      });
      res.on('end', () =>
        finish(null, { status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', (error) => finish(networkFailure(error, url)));
      res.on('close', () => {
        if (!res.complete)
          finish(new ExchangeFailure('EXCHANGE_NETWORK', `The connection to ${url.host} broke off during the answer`, false));
      });
    });
    const deadline = setTimeout(() => {
      finish(new ExchangeFailure('EXCHANGE_TIMEOUT', `${url.host} did not answer within ${options.timeoutMs} ms`, false));
      req.destroy();
    }, options.timeoutMs);
    req.on('error', (error) => finish(networkFailure(error, url)));
    if (options.signal?.aborted) abort();
    else options.signal?.addEventListener('abort', abort, { once: true });
    req.end(request.body);
  });
}

const TLS_CODES =
  /^(ERR_TLS_|ERR_SSL_|ERR_OSSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|HOSTNAME_MISMATCH|EPROTO)/;

/** A network error from Node as the failure a person can act on. */
export function networkFailure(error: Error, url: URL): ExchangeFailure {
  const code = String((error as NodeJS.ErrnoException).code ?? '');
  const host = url.hostname;
  const at = url.port ? `${host}:${url.port}` : host;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME' || code === 'EAI_FAIL') {
    return new ExchangeFailure('EXCHANGE_DNS', `The name ${host} was not found in DNS (${code})`, false);
  }
  if (code === 'ECONNREFUSED')
    return new ExchangeFailure('EXCHANGE_REFUSED', `${at} refused the connection (nothing listens there)`, false);
  if (code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT')
    return new ExchangeFailure('EXCHANGE_TIMEOUT', `${at} did not answer (${code})`, false);
  if (TLS_CODES.test(code) || /certificate|ssl|tls/i.test(error.message)) {
    return new ExchangeFailure('EXCHANGE_TLS', `No secure connection to ${at}: ${error.message} (${code || 'TLS'})`, false);
  }
  return new ExchangeFailure('EXCHANGE_NETWORK', `The connection to ${at} failed: ${error.message}${code ? ` (${code})` : ''}`, false);
}

/** Retry-After as milliseconds: delay-seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(header: string | string[] | undefined, now: number): number | null {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === '') return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** The server's error code and message from an error body, if it is the API's error shape. */
export function apiErrorOf(text: string): { code: string; message: string } | null {
  try {
    const parsed = apiErrorBodySchema.safeParse(JSON.parse(text));
    return parsed.success ? { code: parsed.data.error.code, message: parsed.data.error.message } : null;
  } catch {
    return null;
  }
}

/**
 * What a non-2xx status means for the store. 408, 409 (the same order still in progress), 425, 429 and
 * 5xx pass: retry (after Retry-After). 401/403 and 404 are set-up problems worth retrying for a while (a
 * token being issued, a server being deployed). Any other 4xx is the supplier refusing this request.
 */
export function statusFailure(answer: ExchangeAnswer, url: string, now: number): ExchangeFailure {
  const status = answer.status;
  const server = apiErrorOf(answer.text);
  const said = server ? `: ${server.code} ${server.message}` : '';
  const wait = retryAfterMs(answer.headers['retry-after'], now);
  if (status === 401 || status === 403) {
    return new ExchangeFailure(
      'EXCHANGE_UNAUTHORIZED',
      `The supplier refused the store's token (HTTP ${status}${said})`,
      false,
      status,
      wait,
    );
  }
  if (status === 404 || status === 405) {
    return new ExchangeFailure(
      'EXCHANGE_NOT_PORTER_API',
      `${url} is not the Porter exchange API (HTTP ${status}${said})`,
      false,
      status,
      wait,
    );
  }
  if (status === 408 || status === 409 || status === 425 || status === 429 || status >= 500) {
    return new ExchangeFailure('EXCHANGE_UNAVAILABLE', `The supplier's server answered HTTP ${status}${said}`, false, status, wait);
  }
  if (status >= 400)
    return new ExchangeFailure('EXCHANGE_REJECTED', `The supplier refused the request (HTTP ${status}${said})`, true, status);
  return new ExchangeFailure('EXCHANGE_NOT_PORTER_API', `Unexpected answer HTTP ${status} from ${url}`, false, status, wait);
}
