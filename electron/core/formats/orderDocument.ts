import type { Order, StoreProfile } from '../../../shared/domain';
import { NO_RECEIVED_ORDER_STATUS, type ReceivedOrder } from '../../../shared/exchange';
import { okeiCode } from './commerceml/values';

/**
 * What every order file Porter writes says about an order, in one place: its date (when it was
 * sent, else exported, else created) in the office's local time, and the requisites a back office
 * needs beyond the lines. Readers give these back, so a round trip can be checked against them.
 */
export function orderMoment(order: Pick<Order, 'submittedAt' | 'exportedAt' | 'createdAt'>): string {
  return order.submittedAt ?? order.exportedAt ?? order.createdAt;
}

/** Local date and time of an instant; offsetMinutes east of UTC (the machine's own by default). */
export function localDateTime(iso: string, offsetMinutes?: number): { date: string; time: string } {
  const ms = Date.parse(iso);
  const offset = offsetMinutes ?? -new Date(ms).getTimezoneOffset();
  const local = new Date(ms + offset * 60_000).toISOString();
  return { date: local.slice(0, 10), time: local.slice(11, 19) };
}

/** The customer as Porter's order files name it: the customer code at the supplier when the store has one. */
export function orderCustomer(store: Pick<StoreProfile, 'storeName' | 'customerCode'>): { id: string; code: string; name: string } {
  return { id: store.customerCode || store.storeName, code: store.customerCode, name: store.storeName };
}

/** Document-level requisites Porter writes into a CommerceML order, in order. */
export function porterOrderRequisites(
  order: Pick<Order, 'deliveryDate'>,
  store: Pick<StoreProfile, 'customerCode'>,
): { name: string; value: string }[] {
  return [
    ...(store.customerCode !== '' ? [{ name: 'Код покупателя', value: store.customerCode }] : []),
    ...(order.deliveryDate !== null ? [{ name: 'Дата доставки', value: order.deliveryDate }] : []),
    { name: 'Источник', value: 'Porter' },
  ];
}

export interface ReceivedFromOrderOptions {
  format: ReceivedOrder['format'];
  offsetMinutes?: number;
  itemIds?: ReadonlyMap<string, string>;
}

/**
 * A received order's totals from its stated totals and its lines: `matchesLines` says whether the
 * stated total is the lines' sum (plus VAT when VAT is added on top).
 */
export function receivedTotals(
  stated: { grossKopecks: number; vatKopecks: number },
  lines: readonly { amountKopecks: number; vatKopecks: number }[],
  pricesIncludeVat: boolean,
): ReceivedOrder['totals'] {
  const linesKopecks = lines.reduce((sum, line) => sum + line.amountKopecks, 0);
  const vatOnTop = pricesIncludeVat ? 0 : lines.reduce((sum, line) => sum + line.vatKopecks, 0);
  return {
    grossKopecks: stated.grossKopecks,
    vatKopecks: stated.vatKopecks,
    netKopecks: stated.grossKopecks - stated.vatKopecks,
    linesKopecks,
    vatIncluded: pricesIncludeVat,
    matchesLines: stated.grossKopecks === linesKopecks + vatOnTop,
  };
}

/**
 * The order as the supplier's inbox receives it from a file Porter wrote in `format`: what each
 * format carries and nothing more (CSV and XLSX have no time, unit codes or requisites).
 */
export function receivedOrderFromOrder(order: Order, store: StoreProfile, options: ReceivedFromOrderOptions): ReceivedOrder {
  const { date, time } = localDateTime(orderMoment(order), options.offsetMinutes);
  const table = options.format === 'csv' || options.format === 'xlsx';
  return {
    format: options.format,
    id: order.id,
    number: order.number,
    date,
    time: table ? null : time,
    number1c: null,
    date1c: null,
    operation: 'Заказ товара',
    role: 'Покупатель',
    currency: 'RUB',
    customer: orderCustomer(store),
    comment: order.comment,
    deliveryDate: order.deliveryDate,
    lines: order.lines.map((line, index) => ({
      lineNumber: index + 1,
      itemId: table ? '' : (options.itemIds?.get(line.itemCode) ?? line.itemCode),
      itemCode: line.itemCode,
      barcode: line.barcode,
      name: line.name,
      unit: line.unit,
      unitCode: table ? '' : okeiCode(line.unit),
      quantity: line.quantity,
      priceKopecks: line.priceKopecks,
      amountKopecks: line.amountKopecks,
      vatRate: line.vatRate,
      vatKopecks: line.vatKopecks,
      vatIncluded: order.pricesIncludeVat,
    })),
    totals: receivedTotals(order.totals, order.lines, order.pricesIncludeVat),
    status: NO_RECEIVED_ORDER_STATUS,
    requisites: table ? [] : porterOrderRequisites(order, store),
  };
}
