import type { StoreEntry } from '../../../shared/manager';
import type { LineSpec } from '../../builders/commerceml';
import { ORDER_FILE_FORMATS, type OrderFileSpec } from '../../builders/orderFiles';
import { SLICE_ITEMS, type SliceItem } from './slicePriceList';

/**
 * A manager's day for the outputs test: the stores of the directory (one connected through the exchange
 * API, 25 sending files) and 49 order files from them over the slice price list, with a few problems.
 */
const { milk, milkUpper, kefir, chocolate } = SLICE_ITEMS;

/** A date in Moscow (where the test's browser lives), days from today: delivery dates are in the days ahead. */
export function moscowDate(daysFromToday: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(),
  );
  const date = new Date(`${today}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + daysFromToday);
  return date.toISOString().slice(0, 10);
}

export const line = (item: SliceItem, quantity: number, priceKopecks = item.priceKopecks): LineSpec => ({
  itemCode: item.code,
  name: item.name,
  barcode: item.barcode,
  unit: 'шт',
  priceKopecks,
  vatRate: item.vatRate,
  quantity,
});

/** The store connected through the exchange API: a Porter of its own in store mode. */
export const API_STORE = { customerCode: '00042', name: 'Магазин «У дома» №7' };
/** Stores that send files: 25 of them, two orders each at most. */
export const FILE_STORES = Array.from({ length: 25 }, (_, i) => ({
  customerCode: String(1001 + i).padStart(5, '0'),
  name: `Продукты «Квартал ${i + 1}»`,
}));
export const directoryEntry = (store: { customerCode: string; name: string }): StoreEntry => ({
  ...store,
  priceType: '',
  deliveryDays: [1, 2, 3, 4, 5],
  contact: '',
  phone: '',
  email: '',
});

/** Orders 3 and 30 carry chocolate at an old price; 2, 7, 12, 17, 22 (and the API store's) want the last kefir. */
export const PRICE_PROBLEMS = new Set([3, 30]);
export const OVER_STOCK = new Set([2, 7, 12, 17, 22]);
const OLD_CHOCOLATE_PRICE = 11_000;

/**
 * The day's 49 good order files from the file stores, in four formats by turns: each store's two
 * orders differ (no duplicates), one in five for the day after tomorrow, the rest for tomorrow.
 */
export function dayOfOrderFiles(tomorrow: string, dayAfter: string): OrderFileSpec[] {
  return Array.from({ length: 49 }, (_, n) => {
    const store = FILE_STORES[n % FILE_STORES.length]!;
    const lines = [line(milk, 12 * (Math.floor(n / FILE_STORES.length) + 1))];
    if (n % 3 === 0) lines.push(line(chocolate, 20, PRICE_PROBLEMS.has(n) ? OLD_CHOCOLATE_PRICE : chocolate.priceKopecks));
    if (n % 4 === 1) lines.push(line(milkUpper, 12));
    if (OVER_STOCK.has(n)) lines.push(line(kefir, 12));
    return {
      store,
      id: `5b1e0c4a-0000-4000-8000-${String(n + 1).padStart(12, '0')}`,
      number: `F-${String(n + 1).padStart(6, '0')}`,
      format: ORDER_FILE_FORMATS[n % ORDER_FILE_FORMATS.length]!,
      deliveryDate: n % 5 === 4 ? dayAfter : tomorrow,
      lines,
      createdAt: `2026-11-30T0${6 + (n % 3)}:${String(n % 60).padStart(2, '0')}:00.000Z`,
    };
  });
}
