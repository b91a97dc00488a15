import type { ExchangeServerState } from '../../../shared/domain';

/**
 * The address a store connects to, from where the exchange server listens; null when it does not.
 * A wildcard address (all networks) has no one address: `anyAddress` stands in for this PC's own.
 */
export function storeFacingUrl(server: ExchangeServerState | null, anyAddress: string): string | null {
  const listening = server?.listening;
  if (!listening) return null;
  const wildcard = listening.address === '0.0.0.0' || listening.address === '::';
  const host = wildcard ? anyAddress : listening.address.includes(':') ? `[${listening.address}]` : listening.address;
  return `http://${host}:${listening.port}`;
}
