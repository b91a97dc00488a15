import { orderTotals, lineTotals, type VatRate } from '../../../shared/money';

export interface StoreOrderLine {
  itemCode: string;
  name: string;
  quantity: number;
  priceKopecks: number;
  vatRate: VatRate;
  unit?: string;
}

export interface StoreOrderSpec {
  id: string;
  number: string;
  store: { name: string; customerCode: string };
  exportedAt: string;
  deliveryDate?: string;
  comment?: string;
  lines: StoreOrderLine[];
}

/** A Porter order file as a store's Porter writes it (docs/schemas/porter-order.v1.schema.json), prices with VAT. */
export function storeOrderFile(spec: StoreOrderSpec) {
  const lines = spec.lines.map((line, index) => {
    const totals = lineTotals({ priceKopecks: line.priceKopecks, quantity: line.quantity, vatRate: line.vatRate }, true);
    return {
      lineNumber: index + 1,
      itemCode: line.itemCode,
      name: line.name,
      barcode: '',
      unit: line.unit ?? 'шт',
      quantity: line.quantity,
      priceKopecks: line.priceKopecks,
      vatRate: line.vatRate,
      amountKopecks: totals.amountKopecks,
      vatKopecks: totals.vatKopecks,
    };
  });
  return {
    format: 'porter.order',
    version: 1,
    generator: 'Porter e2e store',
    exportedAt: spec.exportedAt,
    store: spec.store,
    order: {
      id: spec.id,
      number: spec.number,
      createdAt: spec.exportedAt,
      ...(spec.deliveryDate ? { deliveryDate: spec.deliveryDate } : {}),
      ...(spec.comment ? { comment: spec.comment } : {}),
      priceListId: null,
      currency: 'RUB',
      pricesIncludeVat: true,
      lines,
      totals: orderTotals(
        spec.lines.map((l) => ({ priceKopecks: l.priceKopecks, quantity: l.quantity, vatRate: l.vatRate })),
        true,
      ),
    },
  };
}

/** Sends an order as a store's Porter does: POST /v1/orders with its token and the order id as the Idempotency-Key. */
export async function sendOrder(serverUrl: string, token: string, file: ReturnType<typeof storeOrderFile>): Promise<Response> {
  return fetch(`${serverUrl}/v1/orders`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Idempotency-Key': file.order.id, 'Content-Type': 'application/json' },
    body: JSON.stringify(file),
  });
}

/** The confirmations the store fetches (GET /v1/confirmations since a cursor), as it would see them. */
export async function fetchConfirmations(serverUrl: string, token: string): Promise<unknown> {
  const response = await fetch(`${serverUrl}/v1/confirmations?cursor=0`, { headers: { Authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`GET /v1/confirmations: ${response.status} ${await response.text()}`);
  return response.json();
}
