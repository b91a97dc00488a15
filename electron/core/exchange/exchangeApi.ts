import type { PorterApi } from '../../../shared/contract';
import { PorterError } from '../../../shared/errors';
import { ExchangeFailure, parseBaseUrl } from './client/exchangeHttp';
import { testFolder, testHttpConnection } from './client/testConnection';
import type { Exchange } from './exchange';

export type ExchangeApi = Pick<
  PorterApi,
  | 'getExchangeSettings'
  | 'setExchangeSettings'
  | 'testConnection'
  | 'listOutbox'
  | 'retryOutboxEntry'
  | 'syncConfirmations'
  | 'getPriceListSync'
  | 'syncPriceList'
  | 'getExchangeServer'
  | 'setExchangeServer'
  | 'addExchangeStore'
  | 'revokeExchangeStore'
  | 'listInbox'
  | 'confirmInboxOrder'
  | 'setInboxOrderStatus'
>;

/** The exchange methods of the contract. */
export function createExchangeApi(exchange: Exchange): ExchangeApi {
  return {
    getExchangeSettings: async () => exchange.settings.visible(),
    setExchangeSettings: async (input) => {
      if (input.mode === 'http') {
        try {
          parseBaseUrl(input.url);
        } catch (error) {
          if (error instanceof ExchangeFailure) throw new PorterError(error.code, error.message, { field: 'url' });
          throw error;
        }
      }
      if (input.mode === 'folder' && input.folder === '') {
        throw new PorterError('EXCHANGE_NOT_CONFIGURED', 'Choose the exchange folder', { field: 'folder' });
      }
      exchange.settings.setConnection(input);
      // What made queued orders wait (a wrong address, a refused token) may be fixed now.
      exchange.outbox.hurryQueued(new Date());
      exchange.sender.wake();
      // A new connection brings the supplier's price list (in the background: saving does not wait for it).
      exchange.requestPriceListSync();
      return exchange.settings.visible();
    },
    testConnection: async ({ url, token, folder }) => {
      if (folder !== undefined) return testFolder(folder);
      const saved = exchange.settings.connection();
      if (url === undefined && saved.mode === 'folder') return testFolder(saved.folder);
      if (url === undefined && saved.mode === 'none') {
        return {
          ok: false,
          code: 'EXCHANGE_NOT_CONFIGURED',
          message: 'No connection to the supplier is set',
          httpStatus: null,
          latencyMs: 0,
          store: null,
          supplierName: null,
        };
      }
      return testHttpConnection(url ?? saved.url, token ?? saved.token, exchange.requestTimeoutMs);
    },
    listOutbox: async ({ states }) => ({ entries: exchange.outbox.list(states) }),
    retryOutboxEntry: async ({ orderId }) => {
      const entry = exchange.outbox.retry(orderId, new Date());
      exchange.sender.wake();
      return entry;
    },
    syncConfirmations: () => exchange.syncConfirmations(),
    getPriceListSync: async () => exchange.priceListSyncStatus(),
    syncPriceList: () => exchange.syncPriceList(),

    getExchangeServer: async () => exchange.serverState(),
    setExchangeServer: (settings) => exchange.configureServer(settings),
    addExchangeStore: async ({ name, customerCode, priceType }) => exchange.stores.add(name, customerCode, priceType),
    revokeExchangeStore: async ({ storeId }) => ({ revoked: exchange.stores.revoke(storeId) }),
    listInbox: async ({ limit }) => ({ orders: exchange.inbox.list(limit) }),
    confirmInboxOrder: async ({ inboxId, lines, comment }) => exchange.inbox.confirm(inboxId, lines, comment),
    setInboxOrderStatus: async ({ inboxId, status, comment }) => exchange.inbox.setStatus(inboxId, status, comment),
  };
}
