import type { PorterCore } from '../../electron/core/core';
import type { IntakeSource } from '../../electron/core/manager/orderBook';
import { NO_RECEIVED_ORDER_STATUS, type ReceivedOrder } from '../../shared/exchange';
import type { StoreEntry } from '../../shared/manager';
import { divideRounded } from '../../shared/money';
import { DAIRY_AND_MORE, type ListedItem } from './orderPriceLists';

/** Three stores of the directory the manager tests work with; codes with leading zeros, as 1C has them. */
export const STORES: StoreEntry[] = [
  { customerCode: '00042', name: 'Магазин «У дома» №7', priceType: '', deliveryDays: [1, 4], contact: 'Ольга', phone: '', email: '' },
  { customerCode: '00043', name: 'Продукты на Лесной', priceType: 'Мелкий опт', deliveryDays: [2], contact: '', phone: '', email: '' },
  { customerCode: '00044', name: '=Ларёк "Весна"', priceType: '', deliveryDays: [5], contact: '', phone: '', email: '' },
];

export interface LineSpec {
  itemCode: string;
  quantity: number;
  /** The store's price; the listed price by default. */
  priceKopecks?: number;
  /** null: the order states no rate. */
  vatRate?: number | null;
}

export interface ReceivedOrderSpec {
  store: Pick<StoreEntry, 'customerCode' | 'name'>;
  number: string;
  /** The document id; `order-<number>` by default. */
  id?: string;
  date?: string;
  time?: string | null;
  deliveryDate?: string | null;
  comment?: string;
  pricesIncludeVat?: boolean;
  format?: ReceivedOrder['format'];
  lines: LineSpec[];
}

/** A received order as a reader would give it, deterministic, priced from the listed items unless a line says otherwise. */
export function receivedOrder(spec: ReceivedOrderSpec, items: readonly ListedItem[] = DAIRY_AND_MORE): ReceivedOrder {
  const included = spec.pricesIncludeVat ?? true;
  const lines = spec.lines.map((line, index) => {
    const item = items.find((i) => i.code === line.itemCode);
    const priceKopecks = line.priceKopecks ?? item?.priceKopecks ?? 10_000;
    const vatRate = line.vatRate === undefined ? (item?.vatRate ?? 20) : line.vatRate;
    const amountKopecks = Math.round(priceKopecks * line.quantity);
    const vatKopecks = vatRate === null ? null : divideRounded(amountKopecks * vatRate, included ? 100 + vatRate : 100);
    return {
      lineNumber: index + 1,
      itemId: '',
      itemCode: line.itemCode,
      barcode: item?.barcode ?? '',
      name: item?.name ?? `Товар ${line.itemCode}`,
      unit: item?.unit ?? 'шт',
      unitCode: '',
      quantity: line.quantity,
      priceKopecks,
      amountKopecks,
      vatRate,
      vatKopecks,
      vatIncluded: included,
    };
  });
  const linesKopecks = lines.reduce((sum, l) => sum + l.amountKopecks, 0);
  const vatKopecks = lines.reduce((sum, l) => sum + (l.vatKopecks ?? 0), 0);
  const grossKopecks = included ? linesKopecks : linesKopecks + vatKopecks;
  return {
    format: spec.format ?? 'porter-json',
    id: spec.id ?? `order-${spec.number}`,
    number: spec.number,
    date: spec.date ?? '2026-11-28',
    time: spec.time === undefined ? '09:30:00' : spec.time,
    number1c: null,
    date1c: null,
    operation: 'Заказ товара',
    role: 'Покупатель',
    currency: 'RUB',
    customer: { id: spec.store.customerCode, code: spec.store.customerCode, name: spec.store.name },
    comment: spec.comment ?? '',
    deliveryDate: spec.deliveryDate === undefined ? '2026-12-01' : spec.deliveryDate,
    lines,
    totals: {
      grossKopecks,
      vatKopecks,
      netKopecks: grossKopecks - vatKopecks,
      linesKopecks,
      vatIncluded: included,
      matchesLines: true,
    },
    status: NO_RECEIVED_ORDER_STATUS,
    requisites: [],
  };
}

/** Takes the order into the core's order book (as a file the manager opened, accepted by default); returns its id. */
export function takeIn(core: PorterCore, order: ReceivedOrder, from: Partial<IntakeSource> = {}): number {
  const outcome = core.manager.book.intake(order, {
    source: 'file',
    sourceName: `${order.number}.json`,
    receivedAt: '2026-11-28T07:00:00.000Z',
    state: 'accepted',
    ...from,
  });
  if (outcome.kind !== 'added') throw new Error(`order ${order.number} was in the book already`);
  return outcome.id;
}

/** The manager's edit of a line, straight in the book (the edit screen records it the same way, manager/orderEdits.ts). */
export function setLine(core: PorterCore, id: number, lineNumber: number, change: { quantity?: number; priceKopecks?: number }): void {
  if (change.quantity !== undefined) {
    core.db
      .prepare('UPDATE received_order_lines SET quantity = ? WHERE received_order_id = ? AND line_number = ?')
      .run(change.quantity, id, lineNumber);
  }
  if (change.priceKopecks !== undefined) {
    core.db
      .prepare('UPDATE received_order_lines SET price_kopecks = ? WHERE received_order_id = ? AND line_number = ?')
      .run(change.priceKopecks, id, lineNumber);
  }
  core.manager.book.touch();
}
