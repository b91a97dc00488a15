import type { Migration } from '../migrate';
import { migration0001 } from './0001_initial';
import { migration0002 } from './0002_order_delivery';
import { migration0003 } from './0003_store_ordering';
import { migration0004 } from './0004_exchange';
import { migration0005 } from './0005_manager';

/** Append-only: a shipped migration is never edited; add a new file instead. */
export const MIGRATIONS: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004, migration0005];
