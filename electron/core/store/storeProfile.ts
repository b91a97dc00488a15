import type Database from 'better-sqlite3';
import { localeSchema, type Locale, type StoreProfile } from '../../../shared/domain';

const KEYS = { storeName: 'store.name', customerCode: 'store.customerCode', priceType: 'store.priceType', locale: 'locale' } as const;

/** Who this Porter orders for: the store's name, its customer code at the supplier, its price type, its language. */
export class StoreProfileService {
  private readonly read: Database.Statement<[string], string>;
  private readonly write: Database.Statement<[string, string]>;

  constructor(private readonly db: Database.Database) {
    this.read = db.prepare<[string], string>('SELECT value FROM settings WHERE key = ?').pluck();
    this.write = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  }

  profile(): StoreProfile {
    const locale = localeSchema.safeParse(this.read.get(KEYS.locale));
    return {
      storeName: this.read.get(KEYS.storeName) ?? '',
      customerCode: this.read.get(KEYS.customerCode) ?? '',
      priceType: this.read.get(KEYS.priceType) ?? '',
      locale: locale.success ? locale.data : 'ru',
    };
  }

  setProfile(profile: StoreProfile): StoreProfile {
    this.db.transaction(() => {
      for (const key of Object.keys(KEYS) as (keyof StoreProfile)[]) this.write.run(KEYS[key], profile[key].trim());
    })();
    return this.profile();
  }

  setLocale(locale: Locale): Locale {
    this.write.run(KEYS.locale, locale);
    return locale;
  }
}
