import type { PorterApi } from '../../../shared/contract';
import type { DatabaseKeeper } from './databaseKeeper';

/** The contract methods that answer in every state of the core, recovery included. */
export const MAINTENANCE_METHODS = [
  'getStartupState',
  'listBackups',
  'createBackup',
  'restoreBackup',
  'startWithEmptyDatabase',
  'saveDiagnostics',
] as const satisfies readonly (keyof PorterApi)[];

export type MaintenanceApi = Pick<PorterApi, (typeof MAINTENANCE_METHODS)[number]>;

/** Backups and diagnostics: the contract's side of the database keeper. */
export function createMaintenanceApi(keeper: DatabaseKeeper): MaintenanceApi {
  return {
    getStartupState: async () => keeper.startupState(),
    listBackups: async () => keeper.listBackups(),
    createBackup: () => keeper.backupNow(),
    restoreBackup: ({ backupId }) => keeper.restore(backupId),
    startWithEmptyDatabase: () => keeper.startEmpty(),
    saveDiagnostics: () => keeper.diagnostics(),
  };
}

export function isMaintenanceMethod(method: string): method is (typeof MAINTENANCE_METHODS)[number] {
  return (MAINTENANCE_METHODS as readonly string[]).includes(method);
}
