import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Order, OrderLine, StoreProfile } from '../../shared/domain';
import { formatMoney, lineTotals, orderTotals, type VatRate } from '../../shared/money';
import { orderPdfFileName, renderOrderPdf, type OrderPdfInput } from '../../electron/core/orders/orderPdf';
import { pdfFonts } from '../../electron/core/resources';
import { extractPdfText, normalizeSpaces } from '../builders/pdfText';

const fonts = pdfFonts(fileURLToPath(new URL('../../resources', import.meta.url)));

interface LineSpec {
  code: string;
  name: string;
  unit?: string;
  priceKopecks: number;
  quantity: number;
  vatRate: VatRate;
}

function orderLine(spec: LineSpec, pricesIncludeVat: boolean): OrderLine {
  const totals = lineTotals(spec, pricesIncludeVat);
  return {
    itemCode: spec.code,
    name: spec.name,
    barcode: '',
    unit: spec.unit ?? 'шт',
    packMultiple: 1,
    minOrderQuantity: 0,
    priceKopecks: spec.priceKopecks,
    vatRate: spec.vatRate,
    quantity: spec.quantity,
    amountKopecks: totals.amountKopecks,
    vatKopecks: totals.vatKopecks,
    grossKopecks: totals.grossKopecks,
    problems: [],
  };
}

function buildOrder(lines: LineSpec[], overrides: Partial<Order> = {}): Order {
  const pricesIncludeVat = overrides.pricesIncludeVat ?? true;
  return {
    id: 'order-0001',
    number: 'P-000012',
    status: 'submitted',
    createdAt: '2026-11-28T09:15:00.000Z',
    updatedAt: '2026-11-29T08:40:00.000Z',
    submittedAt: '2026-11-29T08:40:00.000Z',
    exportedAt: null,
    deliveryDate: '2026-12-02',
    comment: 'Доставка с 8:00 до 12:00, въезд со двора',
    origin: '',
    attentionCount: 0,
    minimumOrder: null,
    priceListId: 'pl-1',
    pricesIncludeVat,
    lines: lines.map((spec) => orderLine(spec, pricesIncludeVat)),
    totals: orderTotals(lines, pricesIncludeVat),
    ...overrides,
  };
}

const store: StoreProfile = { storeName: 'Магазин «Берёзка» №5', customerCode: 'К-00417', priceType: '', locale: 'ru' };

const threeLines: LineSpec[] = [
  { code: '000123', name: 'Молоко «Домик в деревне» 3,2% 930 мл', priceKopecks: 8990, quantity: 24, vatRate: 10 },
  { code: '004501', name: 'Сыр "Российский" 50% Ёлкинский, вес', unit: 'кг', priceKopecks: 64950, quantity: 3, vatRate: 20 },
  { code: 'LV-77', name: 'Coca-Cola Zero 0,5 л ПЭТ', priceKopecks: 7900, quantity: 12, vatRate: 22 },
];

function input(order: Order, overrides: Partial<OrderPdfInput> = {}): OrderPdfInput {
  return { order, store, supplierName: 'ООО «Молочный двор»', priceListName: 'price-list.csv', locale: 'ru', fonts, ...overrides };
}

describe('renderOrderPdf', () => {
  it('prints the order number, the parties, Cyrillic names and the total with VAT (ru)', async () => {
    const order = buildOrder(threeLines);
    const pdf = await renderOrderPdf(input(order));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const { text, pageCount, title } = await extractPdfText(pdf);
    expect(pageCount).toBe(1);
    expect(title).toBe('P-000012');
    expect(text).toContain('Заказ № P-000012 от 29.11.2026');
    expect(text).toContain('Магазин «Берёзка» №5');
    expect(text).toContain('К-00417');
    expect(text).toContain('ООО «Молочный двор»');
    expect(text).toContain('Дата поставки: 02.12.2026');
    expect(text).toContain('Доставка с 8:00 до 12:00');
    expect(text).toContain('Молоко «Домик в деревне» 3,2% 930 мл');
    expect(text).toContain('Сыр "Российский" 50% Ёлкинский, вес');
    expect(text).toContain('Coca-Cola Zero 0,5 л ПЭТ');
    // 24 × 89,90 + 3 × 649,50 + 12 × 79,00 = 5 054,10 (prices include VAT)
    expect(order.totals.grossKopecks).toBe(505410);
    expect(text).toContain(`Итого с НДС: ${normalizeSpaces(formatMoney(order.totals.grossKopecks, 'ru'))}`);
    expect(text).toContain('5 054,10');
    for (const rate of order.totals.byRate) {
      expect(text).toContain(`НДС ${rate.rate} %: ${normalizeSpaces(formatMoney(rate.vatKopecks, 'ru'))}`);
    }
    expect(text).toContain(`Без НДС: ${normalizeSpaces(formatMoney(order.totals.netKopecks, 'ru'))}`);
    expect(text).toContain('Страница 1 из 1');
  });

  it('prints English labels and dates, and the price list name when the supplier has none', async () => {
    const order = buildOrder(threeLines, { comment: '', deliveryDate: null, pricesIncludeVat: false });
    const { text } = await extractPdfText(
      await renderOrderPdf(input(order, { locale: 'en', supplierName: '', priceListName: 'Прайс Молочный двор.xlsx' })),
    );
    expect(text).toContain('Order No. P-000012 of 29 Nov 2026');
    expect(text).toContain('Supplier: Прайс Молочный двор.xlsx');
    expect(text).toContain('Prices exclude VAT');
    expect(text).not.toContain('Delivery date');
    expect(text).not.toContain('Comment');
    expect(text).toContain(`Total with VAT: ${formatMoney(order.totals.grossKopecks, 'en')}`);
    expect(text).toContain('Page 1 of 1');
  });

  it('spreads 300 lines over several pages with the table header and page numbers on each', async () => {
    const lines: LineSpec[] = Array.from({ length: 300 }, (_, i) => ({
      code: String(100000 + i),
      name:
        i % 50 === 7
          ? `Набор посуды «Ёлочка» ${'очень длинное наименование с подробным описанием состава и упаковки '.repeat(4)}№${i}`
          : `Товар ${i + 1} «Ёжик» 'Test' ${i % 3 === 0 ? 'Latin name' : 'йогурт'}`,
      priceKopecks: 1000 + i * 37,
      quantity: 1 + (i % 12),
      vatRate: ([10, 20, 22] as const)[i % 3]!,
    }));
    const order = buildOrder(lines);
    const { pages, pageCount, text } = await extractPdfText(await renderOrderPdf(input(order)));

    expect(pageCount).toBeGreaterThan(1);
    pages.forEach((page, i) => {
      expect(page).toContain(`Страница ${i + 1} из ${pageCount}`);
      if (page.includes('Товар')) expect(page).toContain('№ Код Наименование Ед. Кол-во Цена НДС % Сумма');
    });
    expect(text).toContain('Товар 300 «Ёжик»');
    expect(text).toContain('Набор посуды «Ёлочка»');
    expect(text).toContain(`Итого с НДС: ${normalizeSpaces(formatMoney(order.totals.grossKopecks, 'ru'))}`);
    expect(pages.at(-1)).toContain('Итого с НДС');
  });

  it('cuts a name that would fill more than half a page with an ellipsis', async () => {
    const name = `Поддон ${'сборный ассорти '.repeat(600)}конец`;
    const order = buildOrder([{ code: '1', name, priceKopecks: 100, quantity: 1, vatRate: 20 }]);
    const { text, pageCount } = await extractPdfText(await renderOrderPdf(input(order)));
    expect(text).toContain('Поддон сборный ассорти');
    expect(text).toContain('…');
    expect(text).not.toContain('конец');
    expect(pageCount).toBe(1);
  });

  it('prints an order without lines', async () => {
    const order = buildOrder([], { comment: '' });
    const { text } = await extractPdfText(await renderOrderPdf(input(order)));
    expect(text).toContain('В заказе нет строк');
    expect(text).toContain('Итого с НДС: 0,00');
  });
});

describe('orderPdfFileName', () => {
  it('names the file after the order number, with safe characters only', () => {
    expect(orderPdfFileName(buildOrder([]))).toBe('Porter-order-P-000012.pdf');
    expect(orderPdfFileName(buildOrder([], { number: 'P/../12 "x"' }))).toBe('Porter-order-P_.._12_x_.pdf');
  });
});
