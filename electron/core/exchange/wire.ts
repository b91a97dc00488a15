import { z } from 'zod';
import type { SupplierAnswer } from '../../../shared/domain';
import {
  orderConfirmationSchema,
  supplierOrderStatusSchema,
  type OrderConfirmation,
  type SupplierOrderStatus,
} from '../../../shared/exchange';

/**
 * The exchange API on the wire (docs/exchange-api.openapi.yaml): what the server sends and what the
 * store's client accepts. The client checks every answer against these schemas, so a captive portal or
 * another service answering 200 is never taken for "the supplier has the order".
 */
export const EXCHANGE_API_NAME = 'porter-exchange';
export const EXCHANGE_API_VERSION = 1;

/** The error codes of the API (ErrorCode in the OpenAPI document; a unit test compares the two). */
export const API_ERROR_CODES = [
  'UNAUTHORIZED',
  'NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'INVALID_JSON',
  'INVALID_CURSOR',
  'INVALID_ORDER',
  'IDEMPOTENCY_KEY_REQUIRED',
  'IDEMPOTENCY_KEY_REUSED',
  'REQUEST_IN_PROGRESS',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'NO_PRICE_LIST',
  'PRICE_TYPE_UNKNOWN',
  'RATE_LIMITED',
  'UNAVAILABLE',
  'INTERNAL',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export const apiErrorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() }),
});

export const pingSchema = z.object({
  api: z.literal(EXCHANGE_API_NAME),
  apiVersion: z.literal(EXCHANGE_API_VERSION),
  supplierName: z.string().optional(),
  store: z.object({ name: z.string(), customerCode: z.string(), priceType: z.string() }),
  serverTime: z.string(),
});
export type Ping = z.infer<typeof pingSchema>;

export const orderReceiptSchema = z.object({
  orderId: z.string(),
  supplierOrderId: z.string().optional(),
  status: supplierOrderStatusSchema,
  receivedAt: z.string(),
});
export type OrderReceipt = z.infer<typeof orderReceiptSchema>;

/**
 * The events a store reads by cursor: a status change, or a confirmation — the same document as
 * Porter's confirmation file (porter.confirmation, shared/exchange.ts), so an answer reads the same
 * whether it came over the API or as a file.
 */
export const exchangeEventSchema = z.discriminatedUnion('type', [
  z.object({
    cursor: z.string(),
    type: z.literal('status'),
    orderId: z.string(),
    orderNumber: z.string(),
    status: supplierOrderStatusSchema,
    at: z.string(),
    comment: z.string(),
  }),
  z.object({
    cursor: z.string(),
    type: z.literal('confirmation'),
    orderId: z.string(),
    at: z.string(),
    confirmation: orderConfirmationSchema,
  }),
]);
export type ExchangeEvent = z.infer<typeof exchangeEventSchema>;
/** An event as stored by the server, before its cursor is known. */
export type StoredEvent = DistributiveOmit<ExchangeEvent, 'cursor'>;
type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

export const eventPageSchema = z.object({
  events: z.array(exchangeEventSchema),
  nextCursor: z.string(),
  hasMore: z.boolean(),
});
export type EventPage = z.infer<typeof eventPageSchema>;

/** What the supplier has said about an order, as the UI shows it: its status and the latest confirmation. */
export function supplierAnswer(
  status: SupplierOrderStatus,
  updatedAt: string,
  confirmation: OrderConfirmation | null,
  comment?: string,
): SupplierAnswer {
  return {
    status,
    updatedAt,
    comment: comment ?? confirmation?.comment ?? '',
    confirmationId: confirmation?.confirmationId ?? null,
    confirmedAt: confirmation?.confirmedAt ?? null,
    supplierNumber: confirmation?.supplierNumber ?? '',
    lines: confirmation?.lines ?? [],
    totals: confirmation?.totals ?? null,
  };
}
