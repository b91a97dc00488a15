import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { API_ERROR_CODES } from '../../electron/core/exchange/wire';
import { SUPPLIER_ORDER_STATUSES as DOMAIN_STATUSES, supplierAnswerLineSchema } from '../../shared/domain';
import { CONFIRMATION_LINE_STATES, SUPPLIER_ORDER_STATUSES } from '../../shared/exchange';

/** docs/exchange-api.openapi.yaml: what a supplier's IT implements; checked for structure and against the code. */
type Operation = {
  operationId?: string;
  parameters?: { name: string; in: string; required?: boolean }[];
  responses: Record<string, unknown>;
};
type Document = {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, Operation>>;
  components: {
    schemas: Record<string, { enum?: string[]; properties?: Record<string, { enum?: string[] }> }>;
    securitySchemes: Record<string, { type: string; scheme?: string }>;
  };
  security: Record<string, unknown>[];
};
const text = fs.readFileSync(path.resolve(import.meta.dirname, '../../docs/exchange-api.openapi.yaml'), 'utf8');
const doc = yaml.load(text) as Document;

describe('the exchange API document', () => {
  it('is OpenAPI 3.1 with bearer authentication on every operation', () => {
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(doc.info.title).toBeTruthy();
    expect(doc.components.securitySchemes.storeToken).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.security).toEqual([{ storeToken: [] }]);
  });

  it('has the operations Porter serves and calls, with the statuses the exchange depends on', () => {
    const operations = Object.entries(doc.paths).flatMap(([p, methods]) =>
      Object.entries(methods).map(([m, op]) => [`${m.toUpperCase()} ${p}`, op] as const),
    );
    expect(operations.map(([name]) => name).sort()).toEqual([
      'GET /v1/confirmations',
      'GET /v1/ping',
      'GET /v1/price-list',
      'POST /v1/orders',
    ]);
    const op = (name: string) => operations.find(([n]) => n === name)![1];

    const priceList = op('GET /v1/price-list');
    expect(priceList.parameters!.map((p) => `${p.in}:${p.name}`)).toEqual(['header:If-None-Match', 'query:since']);
    expect(Object.keys(priceList.responses)).toEqual(expect.arrayContaining(['200', '304', '401', '429', '503']));

    const orders = op('POST /v1/orders');
    expect(orders.parameters).toContainEqual(expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: true }));
    expect(Object.keys(orders.responses)).toEqual(expect.arrayContaining(['200', '201', '401', '409', '422', '429', '503']));

    const confirmations = op('GET /v1/confirmations');
    expect(confirmations.parameters!.map((p) => p.name)).toContain('cursor');
  });

  it('resolves every $ref', () => {
    const refs = [...text.matchAll(/\$ref: '#\/([^']+)'/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(10);
    const missing = refs.filter(
      (ref) => ref.split('/').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], doc) === undefined,
    );
    expect(missing).toEqual([]);
  });

  it('lists exactly the error codes, order statuses and line kinds the implementation uses', () => {
    expect(doc.components.schemas.ErrorCode!.enum).toEqual([...API_ERROR_CODES]);
    expect(doc.components.schemas.OrderStatus!.enum).toEqual([...SUPPLIER_ORDER_STATUSES]);
    expect(doc.components.schemas.ConfirmationLine!.properties!.state!.enum).toEqual([...CONFIRMATION_LINE_STATES]);
    // shared/domain.ts lists them again (it cannot import shared/exchange.ts, which imports it).
    expect([...DOMAIN_STATUSES]).toEqual([...SUPPLIER_ORDER_STATUSES]);
    expect(supplierAnswerLineSchema.shape.state.options).toEqual([...CONFIRMATION_LINE_STATES]);
  });

  it('documents Retry-After on 429 and 503', () => {
    const responses = doc.components as unknown as { responses: Record<string, { headers?: Record<string, unknown> }> };
    expect(Object.keys(responses.responses.TooManyRequests!.headers!)).toContain('Retry-After');
    expect(Object.keys(responses.responses.Unavailable!.headers!)).toContain('Retry-After');
  });
});
