import { describe, expect, it } from 'vitest';
import { gapListFile, gapListFileName, writeGapListCsv, type GapListContent } from '../../electron/core/insights/gapListFile';
import type { GapView } from '../../shared/insightsView';

const gap = (over: Partial<GapView>): GapView => ({
  itemCode: '00100157',
  name: 'Кефир 1% 900 г',
  unit: 'шт',
  category: 'Молочная продукция',
  priceKopecks: 7_250,
  likelihood: 0.864,
  weeklyKopecks: 445_500,
  expectedWeeklyKopecks: 384_912,
  peers: ['ТТ-0001', 'ТТ-0002', 'ТТ-0003'],
  ...over,
});

const content = (gaps: GapView[], locale: 'ru' | 'en' = 'ru'): GapListContent => ({
  customerCode: 'ТТ-0012',
  storeName: 'Маркет «Радуга»',
  today: '2026-11-29',
  gaps,
  locale,
});

describe('the gap list file', () => {
  it('writes CSV the way Excel in Russia opens it: BOM, semicolons, decimal commas, codes as text', () => {
    const csv = writeGapListCsv(content([gap({}), gap({ itemCode: '007', name: 'Сок; яблочный "Добрый"', priceKopecks: null })]));
    expect(
      csv.startsWith('\ufeffКод;Наименование;Категория;Ед.;Цена, ₽;Берут похожие магазины;Вероятность, %;Ожидаемо в неделю, ₽\r\n'),
    ).toBe(true);
    const rows = csv.slice(1).trimEnd().split('\r\n');
    expect(rows[1]).toBe('00100157;Кефир 1% 900 г;Молочная продукция;шт;72,50;3;86;3849,12');
    // A name with ';' and quotes is quoted; an item not in the price list has no price.
    expect(rows[2]).toBe('007;"Сок; яблочный ""Добрый""";Молочная продукция;шт;;3;86;3849,12');
  });

  it('makes formula-like text inert, in English headings when the UI is in English', () => {
    const csv = writeGapListCsv(content([gap({ name: '=HYPERLINK("http://x")' })], 'en'));
    const [header, row] = csv.slice(1).trimEnd().split('\r\n');
    expect(header).toBe('Code;Item;Category;Unit;Price, ₽;Similar stores buying it;Likelihood, %;Likely per week, ₽');
    expect(row).toContain(`"'=HYPERLINK(""http://x"")"`);
  });

  it('names the file after the store and the day, safe for any file system', async () => {
    expect(gapListFileName({ customerCode: 'ТТ/12 a', today: '2026-11-29', locale: 'ru' }, 'xlsx')).toBe(
      'ассортимент-ТТ_12_a-2026-11-29.xlsx',
    );
    expect(gapListFileName({ customerCode: '00042', today: '2026-11-29', locale: 'en' }, 'csv')).toBe('gap-list-00042-2026-11-29.csv');
    const file = await gapListFile(content([gap({})]), 'xlsx');
    expect(file.fileName).toBe('ассортимент-ТТ-0012-2026-11-29.xlsx');
    // An XLSX is a zip: "PK".
    expect(Buffer.from(file.base64, 'base64').subarray(0, 2).toString('latin1')).toBe('PK');
  });
});
