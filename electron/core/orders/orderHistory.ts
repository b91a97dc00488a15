import type Database from 'better-sqlite3';
import type { Order, OrderSummary } from '../../../shared/domain';
import { normalizeSearchText, searchWords } from '../../../shared/search';
import { localIsoDate, type OrderHistoryEntry } from '../../../shared/suggestions';
import { orderHeader, type OrderRow } from './orderRows';

const SENT = "status IN ('submitted', 'exported')";

/**
 * The orders the store has sent (submitted or exported): the history screen, its search, the items
 * ordered before (a catalog filter) and each item's ordering rhythm (for suggestions).
 */
export class OrderHistory {
  private orderedItems: string[] | null = null;

  constructor(private readonly db: Database.Database) {}

  /**
   * Sent orders, newest first. Every word of the query must appear in the order's number, comment,
   * item codes or item names — case-insensitive for Cyrillic too (the search text is normalised in
   * JavaScript when the order is sent, because SQLite's lower() folds ASCII only).
   */
  list(query: string, limit: number): OrderSummary[] {
    const words = searchWords(query);
    const where = words.map(() => ' AND instr(search_text, ?) > 0').join('');
    const rows = this.db
      .prepare<unknown[], OrderRow>(
        `SELECT * FROM orders WHERE ${SENT}${where} ORDER BY coalesce(submitted_at, exported_at) DESC, rowid DESC LIMIT ?`,
      )
      .all(...words, limit);
    return rows.map(historySummary);
  }

  /** Item codes in any sent order (cached: it changes only when an order is sent). */
  orderedItemCodes(): string[] {
    this.orderedItems ??= this.db
      .prepare<[], string>(`SELECT DISTINCT l.item_code FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.${SENT}`)
      .pluck()
      .all();
    return this.orderedItems;
  }

  forgetOrderedItems(): void {
    this.orderedItems = null;
  }

  /** Each item's sent orders: the delivery date (else the local day it was sent) and the quantity. */
  itemHistories(): Map<string, OrderHistoryEntry[]> {
    const rows = this.db
      .prepare<[], { item_code: string; quantity: number; delivery_date: string | null; sent_at: string }>(
        `SELECT l.item_code, l.quantity, o.delivery_date, coalesce(o.submitted_at, o.exported_at) AS sent_at
           FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.${SENT}`,
      )
      .all();
    const histories = new Map<string, OrderHistoryEntry[]>();
    for (const row of rows) {
      const date = row.delivery_date ?? localIsoDate(new Date(row.sent_at));
      const entries = histories.get(row.item_code);
      if (entries) entries.push({ date, quantity: row.quantity });
      else histories.set(row.item_code, [{ date, quantity: row.quantity }]);
    }
    return histories;
  }
}

/** What a sent order keeps for the history list and its search: it never changes again. */
export function freezeSummary(order: Order): { lineCount: number; grossKopecks: number; searchText: string } {
  const parts = [order.number, order.comment, ...order.lines.flatMap((l) => [l.itemCode, l.name])];
  return {
    lineCount: order.lines.length,
    grossKopecks: order.totals.grossKopecks,
    searchText: normalizeSearchText(parts.join('\n')),
  };
}

export function historySummary(row: OrderRow): OrderSummary {
  return {
    ...orderHeader(row),
    lineCount: row.line_count ?? 0,
    grossKopecks: row.gross_kopecks ?? 0,
  };
}
