import { describe, expect, it } from 'vitest';
import { retryDelay, type BackoffPolicy } from '../../electron/core/exchange/client/backoff';
import { retryAfterMs, statusFailure, type ExchangeAnswer } from '../../electron/core/exchange/client/exchangeHttp';
import { canonicalJson, sha256Hex } from '../../electron/core/exchange/canonicalJson';
import { seededRandom } from '../builders/random';

const policy: BackoffPolicy = { baseDelayMs: 1000, maxDelayMs: 60_000, maxRetryAfterMs: 3_600_000 };

describe('retry delays: exponential backoff with full jitter', () => {
  it('spreads each wait over [0, base·2^(n−1)), capped', () => {
    const random = seededRandom(7);
    for (const attempts of [1, 2, 3, 4, 8, 20]) {
      const ceiling = Math.min(policy.maxDelayMs, 1000 * 2 ** (attempts - 1));
      const waits = Array.from({ length: 500 }, () => retryDelay(attempts, policy, random));
      expect(Math.min(...waits)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...waits)).toBeLessThan(ceiling);
      // Full jitter: the waits cover the range, not a band near the ceiling.
      expect(Math.min(...waits)).toBeLessThan(ceiling * 0.1);
      expect(Math.max(...waits)).toBeGreaterThan(ceiling * 0.9);
    }
  });

  it('never retries sooner than Retry-After, and caps an absurd one', () => {
    expect(retryDelay(1, policy, () => 0.5, 30_000)).toBe(30_000);
    expect(retryDelay(10, policy, () => 0.99, 1_000)).toBeGreaterThan(1_000);
    expect(retryDelay(1, policy, () => 0, 10 * 24 * 3_600_000)).toBe(policy.maxRetryAfterMs);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-11-30T10:00:00Z');
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs('Mon, 30 Nov 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs(undefined, now)).toBeNull();
    expect(retryAfterMs('soon', now)).toBeNull();
  });
});

describe('what an HTTP status means for an order in the outbox', () => {
  const answer = (status: number, body: unknown = {}, headers: Record<string, string> = {}): ExchangeAnswer => ({
    status,
    headers,
    text: JSON.stringify(body),
  });
  it.each([
    [401, 'EXCHANGE_UNAUTHORIZED', false],
    [403, 'EXCHANGE_UNAUTHORIZED', false],
    [404, 'EXCHANGE_NOT_PORTER_API', false],
    [408, 'EXCHANGE_UNAVAILABLE', false],
    [409, 'EXCHANGE_UNAVAILABLE', false],
    [429, 'EXCHANGE_UNAVAILABLE', false],
    [500, 'EXCHANGE_UNAVAILABLE', false],
    [503, 'EXCHANGE_UNAVAILABLE', false],
    [400, 'EXCHANGE_REJECTED', true],
    [413, 'EXCHANGE_REJECTED', true],
    [422, 'EXCHANGE_REJECTED', true],
  ])('HTTP %i → %s (permanent: %s)', (status, code, permanent) => {
    const failure = statusFailure(answer(status, { error: { code: 'X', message: 'why' } }, { 'retry-after': '3' }), 'http://s', 0);
    expect([failure.code, failure.permanent]).toEqual([code, permanent]);
    expect(failure.message).toContain('X why');
    if (!permanent) expect(failure.retryAfterMs).toBe(3000);
  });
});

describe('canonical JSON', () => {
  it('gives one text (and hash) for the same document however it is formatted', () => {
    const a = JSON.parse('{"b": [1, {"y": "я", "x": null}], "a": "\\u0041"}') as unknown;
    const b = JSON.parse('{\n  "a": "A",\n  "b": [1, {"x": null, "y": "я"}]\n}') as unknown;
    expect(canonicalJson(a)).toBe('{"a":"A","b":[1,{"x":null,"y":"я"}]}');
    expect(sha256Hex(canonicalJson(a))).toBe(sha256Hex(canonicalJson(b)));
    expect(canonicalJson({ b: [2, 1] })).not.toBe(canonicalJson({ b: [1, 2] }));
  });
});
