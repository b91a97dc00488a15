import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { RejectedRow } from '../../../../shared/domain';
import { openSqlite } from '../../db/sqlite';
import { offerStock, type Offer, type OfferPrice } from './offersReader';
import type { PriceTypeChoice } from './priceTypeChoice';
import { cmlMoney, oneLine } from './values';

/** What the catalog pass needs of one offer. */
export interface OfferFacts {
  offerId: string;
  /** Kopecks of the chosen price type; null: no such price. */
  priceKopecks: number | null;
  /** The offer's readable, non-negative prices of the other types, by ИдТипаЦены (the chosen type's is priceKopecks). */
  prices: Map<string, number>;
  /** The price text when it is not an amount (reported), else ''. */
  badPrice: string;
  /** Whole base units, rounded down, never negative; null when not stated. */
  stock: number | null;
  article: string;
  /** For characteristics ("product#characteristic") only: their own name and barcodes. */
  name: string;
  barcode: string;
  isCharacteristic: boolean;
}

interface OfferRow {
  slot: number;
  offer_id: string;
  price: number | null;
  bad_price: string | null;
  prices: string | null;
  stock: number | null;
  article: string;
  name: string | null;
  barcode: string | null;
}

/**
 * The offers of an exchange, kept until the catalog is read — on disk, in a scratch SQLite file, not
 * in JavaScript memory: 200,000 offers held as objects take ~40 MB of heap and a million would not
 * fit the import worker at all, while the file costs a few MB of page cache whatever the size. Per
 * offer only what a row needs is stored (price of the chosen type and the prices of the other types, total
 * stock, article; name and barcode for characteristics). Offers split over several files (2.08+ offers.xml, prices.xml,
 * rests.xml) merge by their Ид when read: a later file's price or stock fills in or replaces an earlier one's.
 */
export class OfferIndex {
  private readonly file: string;
  private readonly db: Database.Database;
  private readonly insert: Database.Statement;
  private byProduct: Database.Statement | null = null;
  private matched = new Uint8Array(0);
  private matchedCount = 0;
  private rows = 0;
  private count = 0;

  /** scratchDir: where the scratch file goes (the import puts it beside the catalog it builds, so a crash leaves it where the next start cleans up). */
  constructor(
    private readonly choice: PriceTypeChoice,
    scratchDir = os.tmpdir(),
  ) {
    this.file = path.join(scratchDir, `porter-offers-${crypto.randomUUID()}.sqlite`);
    this.db = openSqlite(this.file);
    try {
      // Scratch data, rebuilt from the files on any failure: no journal, no fsync, a small cache.
      this.db.pragma('journal_mode = OFF');
      this.db.pragma('synchronous = OFF');
      this.db.pragma('locking_mode = EXCLUSIVE');
      this.db.pragma('cache_size = -4096');
      this.db.exec(`CREATE TABLE offers (
        slot INTEGER PRIMARY KEY,
        offer_id TEXT NOT NULL,
        product_id TEXT NOT NULL,
        price INTEGER,
        bad_price TEXT,
        prices TEXT,
        stock INTEGER,
        article TEXT NOT NULL,
        name TEXT,
        barcode TEXT,
        line INTEGER NOT NULL,
        file TEXT NOT NULL
      ) STRICT`);
      // Appended, never looked up while loading (no index to keep in step); an offer given twice merges when read.
      this.insert = this.db
        .prepare(`INSERT INTO offers (offer_id, product_id, price, bad_price, prices, stock, article, name, barcode, line, file)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
      this.db.exec('BEGIN');
    } catch (error) {
      this.close();
      throw error;
    }
  }

  /** Distinct offers stored. */
  get size(): number {
    return this.count;
  }

  /** Adds or merges an offer; an offer that cannot be used is returned as a rejection. */
  add(offer: Offer, file: string): RejectedRow | null {
    if (offer.id === '') {
      return {
        row: offer.line,
        field: 'code',
        code: 'required',
        value: '',
        reason: `${file}, line ${offer.line}: an offer without an Ид cannot be matched to a product`,
      };
    }
    if (offer.deleted) return null;
    const price = this.choice.pick(offer.prices);
    const kopecks = price ? cmlMoney(price.perUnit) : null;
    const badPrice = price && kopecks === null ? price.perUnit.trim().slice(0, 100) : null;
    const stock = offerStock(offer);
    const characteristic = offer.id.includes('#');
    this.insert.run(
      offer.id,
      offer.productId,
      kopecks,
      badPrice,
      otherPrices(offer, price),
      stock === null ? null : Math.max(0, Math.floor(stock)),
      offer.article.trim(),
      characteristic && offer.name.trim() !== '' ? oneLine(offer.name) : null,
      characteristic && offer.barcodes.length > 0 ? offer.barcodes.join(' ') : null,
      offer.line,
      file,
    );
    return null;
  }

  /** All offers are in: index them by product. */
  finishLoading(): void {
    this.db.exec('COMMIT');
    this.db.exec('CREATE INDEX offers_product ON offers (product_id, slot)');
    this.rows = Number(this.db.prepare('SELECT count(*) FROM offers').pluck().get());
    this.count = Number(this.db.prepare('SELECT count(DISTINCT offer_id) FROM offers').pluck().get());
    const last = Number(this.db.prepare('SELECT coalesce(max(slot), 0) FROM offers').pluck().get());
    this.matched = new Uint8Array(last + 1);
    this.byProduct = this.db.prepare(
      'SELECT slot, offer_id, price, bad_price, prices, stock, article, name, barcode FROM offers WHERE product_id = ? ORDER BY slot',
    );
  }

  /** The offers of a product: the product itself, then its characteristics, in file order. Marks them used. */
  offersOf(productId: string): OfferFacts[] {
    const rows = this.byProduct!.all(productId) as OfferRow[];
    const offers = new Map<string, OfferFacts>();
    for (const row of rows) {
      if (this.matched[row.slot] === 0) {
        this.matched[row.slot] = 1;
        this.matchedCount++;
      }
      const earlier = offers.get(row.offer_id);
      if (!earlier) {
        offers.set(row.offer_id, {
          offerId: row.offer_id,
          priceKopecks: row.price,
          prices: new Map(row.prices === null ? [] : (JSON.parse(row.prices) as [string, number][])),
          badPrice: row.bad_price ?? '',
          stock: row.stock,
          article: row.article,
          name: row.name ?? '',
          barcode: row.barcode ?? '',
          isCharacteristic: row.offer_id !== productId,
        });
        continue;
      }
      // The same offer in a later file (prices.xml, rests.xml): what it states replaces what was there.
      if (row.price !== null) {
        earlier.priceKopecks = row.price;
        earlier.badPrice = '';
      } else if (row.bad_price !== null) earlier.badPrice = row.bad_price;
      if (row.prices !== null)
        for (const [type, kopecks] of JSON.parse(row.prices) as [string, number][]) earlier.prices.set(type, kopecks);
      if (row.stock !== null) earlier.stock = row.stock;
      if (row.article !== '') earlier.article = row.article;
      if (row.name !== null) earlier.name = row.name;
      if (row.barcode !== null) earlier.barcode = row.barcode;
    }
    return [...offers.values()];
  }

  /** Offers for products the catalog did not have, as rejected rows. */
  *unmatched(): Generator<RejectedRow> {
    if (this.matchedCount === this.rows) return;
    const rows = this.db
      .prepare('SELECT min(slot) AS slot, offer_id, line, file FROM offers GROUP BY offer_id ORDER BY 1')
      .iterate() as IterableIterator<{
      slot: number;
      offer_id: string;
      line: number;
      file: string;
    }>;
    for (const row of rows) {
      if (this.matched[row.slot]) continue;
      yield {
        row: row.line,
        field: 'code',
        code: 'unknownProduct',
        value: row.offer_id.slice(0, 100),
        reason: `${row.file}, line ${row.line}: the offer ${row.offer_id} is for a product that is not in the catalog`,
      };
    }
  }

  close(): void {
    if (this.db?.open) this.db.close();
    fs.rmSync(this.file, { force: true });
  }
}

/**
 * The offer's prices of the types other than the chosen one as JSON pairs [ИдТипаЦены, kopecks]; null when
 * it has none (a list with one price type pays nothing for the others). A price that is not an amount or is
 * negative is left out: a store on that type does not get the item, as an import leaves out a product
 * without a price of its type.
 */
function otherPrices(offer: Offer, chosen: OfferPrice | undefined): string | null {
  if (offer.prices.length < (chosen ? 2 : 1)) return null;
  const pairs: [string, number][] = [];
  const seen = new Set<string>(chosen ? [chosen.priceTypeId] : []);
  for (const price of offer.prices) {
    // The first price of a type counts, as it does for the chosen type (PriceTypeChoice.pick).
    if (price.priceTypeId === '' || seen.has(price.priceTypeId)) continue;
    seen.add(price.priceTypeId);
    const kopecks = cmlMoney(price.perUnit);
    if (kopecks !== null && kopecks >= 0) pairs.push([price.priceTypeId, kopecks]);
  }
  return pairs.length === 0 ? null : JSON.stringify(pairs);
}
