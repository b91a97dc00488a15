import { createCore, type PorterCore } from '../../electron/core/core';
import { NO_RECEIVED_ORDER_STATUS, type ReceivedOrder } from '../../shared/exchange';
import type { ReceivedOrderState, StoreEntry } from '../../shared/manager';
import { importListedPriceList, type ListedItem, type ListOptions } from './orderPriceLists';
import { pick, seededRandom } from './random';

/**
 * Days of received orders for the manager's checks and batch actions: deterministic orders from
 * deterministic stores, taken into the order book as files are (source 'file'), each at its own time.
 */

/** A supplier's small price list: pack multiples, a minimum, a last few units, a lower bound, unknown stock, two categories. */
export const WAREHOUSE: ListedItem[] = [
  {
    code: 'M-001',
    name: 'Молоко 3,2% 930 мл',
    packMultiple: 12,
    priceKopecks: 8990,
    stock: 1200,
    vatRate: 10,
    category: 'Молочные продукты',
  },
  { code: 'M-002', name: 'Кефир 1% 900 г', packMultiple: 6, priceKopecks: 7200, stock: '', vatRate: 10, category: 'Молочные продукты' },
  {
    code: 'C-001',
    name: 'Шоколад «Алёнка» горький 70%',
    packMultiple: 20,
    minOrderQuantity: 40,
    priceKopecks: 11500,
    stock: 540,
    vatRate: 22,
    category: 'Кондитерские изделия',
  },
  {
    code: 'C-002',
    name: 'Мёд цветочный 500 г',
    packMultiple: 1,
    priceKopecks: 45000,
    stock: 'более 100',
    vatRate: 22,
    category: 'Кондитерские изделия',
  },
  {
    code: 'T-001',
    name: 'Ёлка искусственная 180 см',
    packMultiple: 1,
    priceKopecks: 499000,
    stock: 10,
    vatRate: 22,
    category: 'Сезонные товары',
  },
  { code: 'T-002', name: 'Гирлянда 10 м', packMultiple: 6, priceKopecks: 59000, stock: 50, vatRate: 22, category: 'Сезонные товары' },
];

export const STORES: StoreEntry[] = [
  { customerCode: 'S-001', name: 'Магазин «У дома» №7', priceType: '', deliveryDays: [1, 4], contact: 'Ольга', phone: '', email: '' },
  { customerCode: 'S-002', name: 'Продукты на Лесной', priceType: '', deliveryDays: [2, 5], contact: 'Ирина', phone: '', email: '' },
  { customerCode: 'S-003', name: 'Минимаркет «Берёзка»', priceType: '', deliveryDays: [3], contact: 'Пётр', phone: '', email: '' },
];

/** A manager's Porter in a fresh data folder: the price list imported, the stores in the directory. */
export async function managerCore(
  dataDir: string,
  items: readonly ListedItem[] = WAREHOUSE,
  stores: readonly StoreEntry[] = STORES,
  options: ListOptions = {},
): Promise<PorterCore> {
  const core = await createCore({ dataDir });
  await core.api.setAppMode({ mode: 'manager' });
  await importListedPriceList(core, 'warehouse', items, options);
  if (stores.length > 0) await core.api.saveStores({ stores: [...stores] });
  return core;
}

export interface LineSpec {
  code: string;
  quantity: number;
  /** The item's price in `items` when absent. */
  priceKopecks?: number;
}

export interface OrderSpec {
  store: string;
  number: string;
  lines: readonly LineSpec[];
  /** The order's document id; `porter-<store>-<number>` when absent. */
  id?: string;
  orderedOn?: string;
  deliveryDate?: string | null;
  /** When it arrived (ISO instant). */
  receivedAt: string;
  priceListId?: string | null;
  state?: ReceivedOrderState;
}

const indexes = new WeakMap<readonly ListedItem[], Map<string, ListedItem>>();
function itemIndex(items: readonly ListedItem[]): Map<string, ListedItem> {
  let index = indexes.get(items);
  if (!index) indexes.set(items, (index = new Map(items.map((i) => [i.code, i]))));
  return index;
}

/** A received order as a reader would give it, priced from `items` unless a line says otherwise. */
export function receivedOrder(spec: OrderSpec, items: readonly ListedItem[] = WAREHOUSE): ReceivedOrder {
  const byCode = itemIndex(items);
  const lines = spec.lines.map((l, index) => {
    const item = byCode.get(l.code);
    const priceKopecks = l.priceKopecks ?? item?.priceKopecks ?? 10000;
    return {
      lineNumber: index + 1,
      itemId: '',
      itemCode: l.code,
      barcode: '',
      name: item?.name ?? `Товар ${l.code}`,
      unit: 'шт',
      unitCode: '796',
      quantity: l.quantity,
      priceKopecks,
      amountKopecks: Math.round(priceKopecks * l.quantity),
      vatRate: item?.vatRate ?? 22,
      vatKopecks: null,
      vatIncluded: true,
    };
  });
  const gross = lines.reduce((sum, l) => sum + l.amountKopecks, 0);
  const store = STORES.find((s) => s.customerCode === spec.store);
  return {
    format: 'porter-json',
    id: spec.id ?? `porter-${spec.store}-${spec.number}`,
    number: spec.number,
    date: spec.orderedOn ?? spec.receivedAt.slice(0, 10),
    time: null,
    number1c: null,
    date1c: null,
    operation: 'Заказ товара',
    role: 'Покупатель',
    currency: 'RUB',
    customer: { id: spec.store, code: spec.store, name: store?.name ?? `Магазин ${spec.store}` },
    comment: '',
    deliveryDate: spec.deliveryDate === undefined ? '2026-12-01' : spec.deliveryDate,
    lines,
    totals: { grossKopecks: gross, vatKopecks: 0, netKopecks: gross, linesKopecks: gross, vatIncluded: true, matchesLines: true },
    status: NO_RECEIVED_ORDER_STATUS,
    requisites: [],
  };
}

/** Takes the orders into the manager's order book as opened files, all in one transaction; their ids in order. */
export function takeIn(core: PorterCore, specs: readonly OrderSpec[], items: readonly ListedItem[] = WAREHOUSE): number[] {
  const book = core.manager.book;
  return core.db.transaction(() =>
    specs.map((spec) => {
      const outcome = book.intake(receivedOrder(spec, items), {
        source: 'file',
        sourceName: `order-${spec.store}-${spec.number}.json`,
        receivedAt: spec.receivedAt,
        priceListId: spec.priceListId === undefined ? (core.priceLists.currentInfo?.id ?? null) : spec.priceListId,
        state: spec.state,
      });
      if (outcome.kind !== 'added') throw new Error(`Order ${spec.number} of ${spec.store} was taken in before`);
      return outcome.id;
    }),
  )();
}

/** An ISO instant on the order day, `minutes` after 08:00 UTC. */
export const at = (minutes: number, day = '2026-11-30'): string =>
  new Date(Date.parse(`${day}T08:00:00Z`) + minutes * 60_000).toISOString();

const stockOf = (r: number): string | number =>
  r < 0.15 ? '' : r < 0.25 ? Math.floor((r - 0.15) * 15_000) : 5000 + Math.floor(r * 50_000);

/**
 * A large price list for timing: `count` items in 20 categories, pack multiples 1–24; stock unknown
 * for about one item in seven, short (up to 1,500) for about one in ten, ample for the rest.
 */
export function bulkItems(count: number, seed = 5): ListedItem[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => ({
    code: `B${String(i + 1).padStart(6, '0')}`,
    name: `Товар ${i + 1}`,
    packMultiple: pick(random, [1, 1, 6, 10, 12, 24]),
    priceKopecks: 1000 + Math.floor(random() * 100_000),
    stock: stockOf(random()),
    vatRate: pick(random, [10, 22] as const),
    category: `Группа ${(i % 20) + 1}`,
  }));
}

/** A day of `orders` orders of `linesPerOrder` lines from `stores` stores, over the given items, deterministic per seed. */
export function dayOfOrders(items: readonly ListedItem[], orders: number, linesPerOrder: number, stores = 300, seed = 7): OrderSpec[] {
  const random = seededRandom(seed);
  const packs = new Map(items.map((i) => [i.code, i.packMultiple ?? 1]));
  return Array.from({ length: orders }, (_, n) => {
    const codes = new Set<string>();
    while (codes.size < linesPerOrder) codes.add(items[Math.floor(random() * items.length)]!.code);
    return {
      store: `S-${String((n % stores) + 1).padStart(3, '0')}`,
      number: String(10_000 + n),
      receivedAt: at(Math.floor((n * 600) / orders)),
      lines: [...codes].map((code) => {
        const pack = packs.get(code)!;
        // Mostly whole packs, now and then a quantity off the pack.
        return { code, quantity: random() < 0.05 ? pack * (1 + Math.floor(random() * 5)) + 1 : pack * (1 + Math.floor(random() * 5)) };
      }),
    };
  });
}
