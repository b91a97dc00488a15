import path from 'node:path';
import type Database from 'better-sqlite3';
import { METHOD_NAMES, type PorterApi } from '../../../shared/contract';
import type { CoreOptions, PorterCore } from '../core';
import { FileRegistry } from '../files';
import { JobRegistry } from '../jobs/jobRegistry';
import { DatabaseKeeper } from './databaseKeeper';
import { createMaintenanceApi, isMaintenanceMethod } from './maintenanceApi';

/** What one session of the core's services is built on; files and jobs outlive sessions (the shells subscribe to them once). */
export interface SessionContext {
  db: Database.Database;
  files: FileRegistry;
  jobs: JobRegistry;
  maintenance: DatabaseKeeper<PorterCore>;
}

export type SessionStarter = (options: CoreOptions, context: SessionContext) => Promise<PorterCore>;

/**
 * The core as the shells see it: one object for the life of the process, whatever happens to
 * the database underneath. When the database cannot be opened, the core still starts — in
 * recovery: the maintenance methods (startup state, backups, restore, start empty,
 * diagnostics) answer, every other method answers with the database's problem (DB_CORRUPT …).
 * After a restore or the choice of an empty database the services are started again on the new
 * database, and `api` and the fields below reach the new ones.
 *
 * Fields of the session other than api, dataDir, files, jobs and maintenance (db, priceLists,
 * orders, and any added later) are forwarded by a Proxy, so they never go stale after a
 * restore and throw the recovery error when there is no database.
 */
export async function startWithRecovery(options: CoreOptions, startSession: SessionStarter): Promise<PorterCore> {
  const files = new FileRegistry(path.join(options.dataDir, 'uploads'));
  files.clearUploads();
  const jobs = new JobRegistry();
  const keeper: DatabaseKeeper<PorterCore> = new DatabaseKeeper(
    { ...options.maintenance, dataDir: options.dataDir, jobs },
    (db, { afterChoice }) =>
      // The demo price list and order history are for a first run, not for a database the user just chose.
      startSession(afterChoice ? { ...options, firstRunPriceList: undefined, firstRunOrderHistory: undefined } : options, {
        db,
        files,
        jobs,
        maintenance: keeper,
      }),
  );
  await keeper.start();

  const maintenanceApi = createMaintenanceApi(keeper);
  const api = Object.fromEntries(
    METHOD_NAMES.map((method) => [
      method,
      isMaintenanceMethod(method)
        ? maintenanceApi[method]
        : async (input: unknown) => (keeper.current().api[method] as (input: unknown) => Promise<unknown>)(input),
    ]),
  ) as unknown as PorterApi;

  const stable = {
    api,
    dataDir: options.dataDir,
    files,
    jobs,
    maintenance: keeper,
    close: () => keeper.close(),
  };
  return new Proxy(stable, {
    get(target, property, receiver): unknown {
      // 'then' is looked up by await; symbols by inspection: neither must reach a missing session.
      if (typeof property === 'symbol' || property === 'then' || property in target)
        return Reflect.get(target, property, receiver) as unknown;
      return Reflect.get(keeper.current(), property) as unknown;
    },
  }) as unknown as PorterCore;
}
