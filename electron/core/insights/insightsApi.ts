import type Database from 'better-sqlite3';
import type { PorterApi } from '../../../shared/contract';
import type { Locale } from '../../../shared/domain';
import { gapListFile } from './gapListFile';
import type { InsightsService } from './insightsService';
import { orderHintsFor } from './storeHints';
import type { OrderService } from '../orders/orderService';
import type { PriceListLookup } from '../orders/orderRows';

export type InsightsApi = Pick<PorterApi, 'getInsights' | 'getStoreCard' | 'exportGapList' | 'getOrderHints'>;

export interface InsightsApiDeps {
  insights: InsightsService;
  /** The UI's language: files are written in it. */
  locale: () => Locale;
  /** Store mode: the database with the store's sent orders, the drafts, and the current price list. */
  db: Database.Database;
  orders: OrderService;
  catalog: () => PriceListLookup | null;
}

/** The insights methods of the contract: manager mode's insights, and store mode's order hints. */
export function createInsightsApi({ insights, locale, db, orders, catalog }: InsightsApiDeps): InsightsApi {
  return {
    getOrderHints: async ({ orderId }) => orderHintsFor(db, orders.get(orderId), catalog(), orders.now()),
    getInsights: async () => insights.overview(),
    getStoreCard: async ({ customerCode }) => insights.storeCard(customerCode),
    exportGapList: async ({ customerCode, format }) => {
      const list = insights.gapList(customerCode);
      return gapListFile({ customerCode, storeName: list.name, today: list.today, gaps: list.gaps, locale: locale() }, format);
    },
  };
}
