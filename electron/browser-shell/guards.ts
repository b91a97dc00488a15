import crypto from 'node:crypto';
import type http from 'node:http';
import net from 'node:net';

/**
 * Request body caps. /api carries JSON contract calls (the largest is a pasted order of a few
 * thousand lines, far below 1 MiB). /upload carries a price list or an order file: 512 MiB is
 * five times the largest price list Porter is benchmarked on (1,000,000 items ≈ 100 MB of CSV).
 */
export const BODY_LIMITS = { apiBytes: 1024 * 1024, uploadBytes: 512 * 1024 * 1024 } as const;
export type BodyLimits = { apiBytes: number; uploadBytes: number };

/**
 * Constant-time token check. timingSafeEqual needs buffers of equal length; a token of another
 * length is refused after a comparison of the same cost, so the time taken never depends on
 * how much of the token was right (only on its length, which is public: 32 characters).
 */
export function tokensMatch(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  if (a.length !== b.length) {
    crypto.timingSafeEqual(b, b);
    return false;
  }
  return crypto.timingSafeEqual(a, b);
}

/** 127.0.0.0/8, ::1 and localhost: addresses no other computer can reach. */
export function isLoopbackAddress(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  if (bare === 'localhost' || bare === '::1') return true;
  return net.isIPv4(bare) && bare.startsWith('127.');
}

/**
 * Which Host headers the shell answers. Always 127.0.0.1, [::1] and localhost on its port. A
 * page on another site can point a DNS name of its own at 127.0.0.1 (DNS rebinding), so no
 * other name is accepted — except the one the shell was deliberately told to listen on. When
 * it listens on a network address, IP literals are accepted too: rebinding needs a name.
 */
export function allowedHost(hostHeader: string | undefined, port: number, listenHost: string, exposed: boolean): boolean {
  if (!hostHeader) return false;
  let parsed: URL;
  try {
    parsed = new URL(`http://${hostHeader}`);
  } catch {
    return false;
  }
  if (parsed.port !== String(port) || parsed.username || parsed.password || parsed.pathname !== '/') return false;
  const name = parsed.hostname.replace(/^\[|\]$/g, '');
  if (name === '127.0.0.1' || name === '::1' || name === 'localhost') return true;
  if (!exposed) return false;
  return net.isIP(name) !== 0 || name === listenHost.toLowerCase();
}

export type BodyResult = { ok: true; body: Buffer } | { ok: false; reason: 'too-large' | 'aborted' };

/** The request's declared Content-Length, or undefined when it has none (chunked) or it is not a number. */
export function declaredLength(req: http.IncomingMessage): number | undefined {
  const header = req.headers['content-length'];
  if (header === undefined) return undefined;
  const value = Number(header);
  return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

/**
 * Reads a whole body of at most `limit` bytes into memory. A larger declared length is refused
 * before a byte is read; a chunked body is refused as soon as it passes the limit, and nothing
 * read so far is kept.
 */
export function readLimitedBody(req: http.IncomingMessage, limit: number): Promise<BodyResult> {
  const declared = declaredLength(req);
  if (declared !== undefined && declared > limit) return Promise.resolve({ ok: false, reason: 'too-large' });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (result: BodyResult) => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('close', onClose);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        req.pause();
        finish({ ok: false, reason: 'too-large' });
      } else chunks.push(chunk);
    };
    const onEnd = () => finish({ ok: true, body: Buffer.concat(chunks) });
    const onClose = () => finish({ ok: false, reason: 'aborted' });
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('close', onClose);
  });
}

const DRAIN_MS = 2_000;

/**
 * Answers a body that is too large, after reading and throwing away the rest of it (for at most a
 * moment). Answering first does not work: with `Connection: close` the server destroys the socket
 * once the answer is written, the client's further writes then meet a reset, and it sees "EPIPE"
 * or "connection reset" instead of the 413.
 */
export function refuseBody(req: http.IncomingMessage, res: http.ServerResponse, status: number, body: unknown): void {
  let answered = false;
  const answer = () => {
    if (answered) return;
    answered = true;
    clearTimeout(timer);
    if (res.destroyed) return;
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'close' });
    res.end(JSON.stringify(body));
  };
  // A client that keeps sending past the moment gets the answer anyway, and then the close.
  const timer = setTimeout(answer, DRAIN_MS);
  timer.unref();
  if (req.complete) return answer();
  req.once('end', answer);
  req.once('close', answer);
  req.resume();
}
