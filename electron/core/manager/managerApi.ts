import type { PorterApi } from '../../../shared/contract';
import type { Manager } from './manager';

export type ManagerApi = Pick<
  PorterApi,
  'setAppMode' | 'listReceivedOrders' | 'getReceivedOrder' | 'answerStore' | 'listStores' | 'saveStores' | 'removeStore'
>;

/** The manager-mode methods of the contract. */
export function createManagerApi(manager: Manager): ManagerApi {
  return {
    setAppMode: async ({ mode }) => ({ mode: manager.mode.set(mode) }),
    listReceivedOrders: async (filter) => ({ orders: manager.book.list(filter) }),
    getReceivedOrder: async ({ id }) => manager.book.get(id),
    answerStore: async ({ id }) => manager.answers.answer(id),
    listStores: async () => ({ stores: manager.stores.list() }),
    saveStores: async ({ stores }) => ({ saved: manager.stores.save(stores) }),
    removeStore: async ({ customerCode }) => ({ removed: manager.stores.remove(customerCode) }),
  };
}
