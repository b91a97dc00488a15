import type Database from 'better-sqlite3';
import { PorterError } from '../../../shared/errors';
import { storeEntrySchema, type StoreEntry } from '../../../shared/manager';

interface StoreRow {
  customer_code: string;
  name: string;
  price_type: string;
  delivery_days: string;
  contact: string;
  phone: string;
  email: string;
}

const toEntry = (r: StoreRow): StoreEntry => ({
  customerCode: r.customer_code,
  name: r.name,
  priceType: r.price_type,
  deliveryDays: r.delivery_days === '' ? [] : r.delivery_days.split(',').map(Number),
  contact: r.contact,
  phone: r.phone,
  email: r.email,
});

/** The supplier's stores: who may order, at which price type, on which delivery days, whom to call. */
export class StoresDirectory {
  constructor(
    private readonly db: Database.Database,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  list(): StoreEntry[] {
    return this.db.prepare<[], StoreRow>('SELECT * FROM stores ORDER BY name, customer_code').all().map(toEntry);
  }

  get(customerCode: string): StoreEntry | null {
    const row = this.db.prepare<[string], StoreRow>('SELECT * FROM stores WHERE customer_code = ?').get(customerCode);
    return row ? toEntry(row) : null;
  }

  has(customerCode: string): boolean {
    return this.db.prepare<[string], number>('SELECT 1 FROM stores WHERE customer_code = ?').pluck().get(customerCode) !== undefined;
  }

  /** Adds or updates stores by customer code, all or none. */
  save(entries: readonly StoreEntry[]): number {
    const upsert = this.db.prepare(
      `INSERT INTO stores (customer_code, name, price_type, delivery_days, contact, phone, email, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(customer_code) DO UPDATE SET name = excluded.name, price_type = excluded.price_type,
         delivery_days = excluded.delivery_days, contact = excluded.contact, phone = excluded.phone, email = excluded.email`,
    );
    const now = this.clock().toISOString();
    this.db.transaction(() => {
      entries.forEach((raw, index) => {
        const parsed = storeEntrySchema.safeParse(raw);
        if (!parsed.success) {
          const issue = parsed.error.issues[0]!;
          throw new PorterError('INVALID_INPUT', `Store ${index + 1}: field ${issue.path.join('.')}: ${issue.message}`, {
            field: String(issue.path[0] ?? ''),
          });
        }
        const e = parsed.data;
        const days = [...new Set(e.deliveryDays)].sort((a, b) => a - b).join(',');
        upsert.run(e.customerCode, e.name, e.priceType, days, e.contact, e.phone, e.email, now);
      });
    })();
    return entries.length;
  }

  remove(customerCode: string): boolean {
    return this.db.prepare('DELETE FROM stores WHERE customer_code = ?').run(customerCode).changes > 0;
  }
}
