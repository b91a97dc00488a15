import type { PorterApi } from '../../../shared/contract';
import type { FileRegistry } from '../files';
import type { Manager } from './manager';
import { failedIntake } from './orderIntake';

export type ManagerApi = Pick<
  PorterApi,
  | 'setAppMode'
  | 'listReceivedOrders'
  | 'getReceivedOrder'
  | 'answerStore'
  | 'listStores'
  | 'saveStores'
  | 'removeStore'
  | 'importOrderFiles'
  | 'saveOrderColumnMapping'
  | 'listOrderColumnMappings'
  | 'deleteOrderColumnMapping'
  | 'getOrderFolder'
  | 'setOrderFolder'
  | 'listFolderIntake'
  | 'editReceivedLine'
  | 'applyBatchAction'
  | 'undoBatch'
  | 'listBatches'
>;

/** The manager-mode methods of the contract. */
export function createManagerApi(manager: Manager, files: FileRegistry): ManagerApi {
  return {
    setAppMode: async ({ mode }) => ({ mode: manager.mode.set(mode) }),
    listReceivedOrders: async (filter) => ({ orders: manager.book.list(filter) }),
    getReceivedOrder: async ({ id }) => manager.book.get(id),
    answerStore: async ({ id }) => manager.answers.answer(id),
    listStores: async () => ({ stores: manager.stores.list() }),
    saveStores: async ({ stores }) => ({ saved: manager.stores.save(stores) }),
    removeStore: async ({ customerCode }) => ({ removed: manager.stores.remove(customerCode) }),
    importOrderFiles: async ({ fileIds }) => {
      const results = [];
      // One file after another, each on its own: a bad file fails alone and stops none of the others.
      for (const fileId of fileIds) {
        let file;
        try {
          file = files.get(fileId);
        } catch (error) {
          results.push(failedIntake(fileId, error));
          continue;
        }
        results.push(await manager.intake.importFile(file.path, file.name, 'file'));
      }
      return { results };
    },
    saveOrderColumnMapping: async (input) => manager.columnMappings.save(input),
    listOrderColumnMappings: async () => ({ mappings: manager.columnMappings.list() }),
    deleteOrderColumnMapping: async ({ signature }) => ({ deleted: manager.columnMappings.delete(signature) }),
    getOrderFolder: async () => manager.folder.state(),
    setOrderFolder: async (settings) => manager.folder.configure(settings),
    listFolderIntake: async ({ limit }) => ({ events: manager.folder.recent(limit ?? 100) }),
    editReceivedLine: async (edit) => manager.edits.editLine(edit),
    applyBatchAction: async (action) => manager.edits.apply(action),
    undoBatch: async ({ batchId, actor }) => manager.edits.undo(batchId, actor),
    listBatches: async ({ limit }) => ({ batches: manager.edits.listBatches(limit ?? 50) }),
  };
}
