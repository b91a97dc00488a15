import type Database from 'better-sqlite3';
import { OPEN_STATES, OPEN_STATES_SQL } from './orderChanges';

/**
 * Open orders that repeat another order of the same store on the same day line for line (item and
 * ordered quantity): each later one points at the first. Rejected orders repeat nothing.
 */
export function findDuplicates(db: Database.Database): Map<number, number> {
  const candidates = db
    .prepare<[], { id: number; store_code: string; ordered_on: string; state: string }>(
      `WITH days AS (SELECT DISTINCT store_code, ordered_on FROM received_orders WHERE state IN ${OPEN_STATES_SQL})
       SELECT o.id, o.store_code, o.ordered_on, o.state FROM days d
       JOIN received_orders o ON o.store_code = d.store_code AND o.ordered_on = d.ordered_on
       WHERE o.state <> 'rejected' ORDER BY o.received_at, o.id`,
    )
    .all();
  const days = new Map<string, typeof candidates>();
  for (const c of candidates) {
    const key = `${c.store_code}\u0000${c.ordered_on}`;
    const day = days.get(key);
    if (day) day.push(c);
    else days.set(key, [c]);
  }
  const repeated = [...days.values()].filter((d) => d.length > 1).flat();
  const found = new Map<number, number>();
  if (repeated.length === 0) return found;
  // A store may order several times a day: compare line for line only the orders whose line
  // count, total quantity and first and last item codes already agree.
  const outline = new Map(
    db
      .prepare<[string], [number, number, number, string, string]>(
        `SELECT received_order_id, count(*), total(ordered_quantity), min(item_code), max(item_code) FROM received_order_lines
         WHERE received_order_id IN (SELECT value FROM json_each(?)) GROUP BY received_order_id`,
      )
      .raw()
      .all(JSON.stringify(repeated.map((c) => c.id)))
      .map(([id, ...rest]) => [id, JSON.stringify(rest)]),
  );
  const alike = new Map<string, number[]>();
  for (const c of repeated) {
    const key = `${c.store_code}\u0000${c.ordered_on}\u0000${outline.get(c.id) ?? ''}`;
    const group = alike.get(key);
    if (group) group.push(c.id);
    else alike.set(key, [c.id]);
  }
  const compared = [...alike.values()].filter((g) => g.length > 1).flat();
  if (compared.length === 0) return found;
  const signatures = new Map<number, string[]>();
  for (const [id, code, quantity] of db
    .prepare<[string], [number, string, number]>(
      `SELECT received_order_id, item_code, ordered_quantity FROM received_order_lines
       WHERE received_order_id IN (SELECT value FROM json_each(?))`,
    )
    .raw()
    .all(JSON.stringify(compared))) {
    const parts = signatures.get(id);
    const part = `${code}\u0001${quantity}`;
    if (parts) parts.push(part);
    else signatures.set(id, [part]);
  }
  const signatureOf = (id: number) => (signatures.get(id) ?? []).sort().join('\u0002');
  for (const day of days.values()) {
    if (day.length < 2) continue;
    const first = new Map<string, number>();
    for (const c of day) {
      if (!signatures.has(c.id)) continue;
      const signature = signatureOf(c.id);
      const original = first.get(signature);
      if (original === undefined) first.set(signature, c.id);
      else if ((OPEN_STATES as readonly string[]).includes(c.state)) found.set(c.id, original);
    }
  }
  return found;
}
