import type { Locale } from '../../../shared/domain';
import type { GapView } from '../../../shared/insightsView';
import type { DownloadFile } from '../../../shared/manager';
import { inertText } from '../formats/orderTable/orderTableColumns';

/**
 * A store's assortment gaps as a file the manager hands to the store (or works through on the phone):
 * the items similar stores buy regularly and this one has never ordered, the most likely additions
 * first. CSV the way Excel in Russia opens it (UTF-8 with a BOM, ';', decimal commas, CRLF), or XLSX
 * with a title row naming the store and the date; codes stay text (leading zeros kept).
 */
export interface GapListContent {
  customerCode: string;
  storeName: string;
  /** YYYY-MM-DD */
  today: string;
  gaps: readonly GapView[];
  locale: Locale;
}

export const GAP_LIST_COLUMNS = ['itemCode', 'name', 'category', 'unit', 'price', 'peers', 'likelihood', 'expectedWeekly'] as const;
type GapListColumn = (typeof GAP_LIST_COLUMNS)[number];

export const GAP_LIST_HEADINGS: Record<Locale, Record<GapListColumn, string>> = {
  ru: {
    itemCode: 'Код',
    name: 'Наименование',
    category: 'Категория',
    unit: 'Ед.',
    price: 'Цена, ₽',
    peers: 'Берут похожие магазины',
    likelihood: 'Вероятность, %',
    expectedWeekly: 'Ожидаемо в неделю, ₽',
  },
  en: {
    itemCode: 'Code',
    name: 'Item',
    category: 'Category',
    unit: 'Unit',
    price: 'Price, ₽',
    peers: 'Similar stores buying it',
    likelihood: 'Likelihood, %',
    expectedWeekly: 'Likely per week, ₽',
  },
};

const TEXT_COLUMNS: ReadonlySet<GapListColumn> = new Set(['itemCode', 'name', 'category', 'unit']);
const MONEY_COLUMNS: ReadonlySet<GapListColumn> = new Set(['price', 'expectedWeekly']);

type Cell = string | number | null;

function rowOf(gap: GapView): Record<GapListColumn, Cell> {
  return {
    itemCode: gap.itemCode,
    name: gap.name,
    category: gap.category,
    unit: gap.unit,
    price: gap.priceKopecks === null ? null : gap.priceKopecks / 100,
    peers: gap.peers.length,
    likelihood: Math.round(gap.likelihood * 100),
    expectedWeekly: gap.expectedWeeklyKopecks / 100,
  };
}

/** "Ассортимент для …" — the file's title, also its name. */
function titleOf(content: GapListContent): string {
  const date = `${content.today.slice(8, 10)}.${content.today.slice(5, 7)}.${content.today.slice(0, 4)}`;
  return content.locale === 'en'
    ? `Items similar stores buy regularly that ${content.storeName} (${content.customerCode}) has not ordered yet — ${date}`
    : `Товары, которые похожие магазины берут регулярно, а ${content.storeName} (${content.customerCode}) ещё не заказывал — ${date}`;
}

export function gapListFileName(content: Pick<GapListContent, 'customerCode' | 'today' | 'locale'>, format: 'xlsx' | 'csv'): string {
  const code = content.customerCode.replace(/[\\/:*?"<>|\s]+/g, '_');
  return `${content.locale === 'en' ? 'gap-list' : 'ассортимент'}-${code}-${content.today}.${format}`;
}

export function writeGapListCsv(content: GapListContent): string {
  const headings = GAP_LIST_HEADINGS[content.locale];
  const lines = [GAP_LIST_COLUMNS.map((c) => csvCell(headings[c]))];
  for (const gap of content.gaps) {
    const row = rowOf(gap);
    lines.push(GAP_LIST_COLUMNS.map((c) => csvCell(csvValue(c, row[c]))));
  }
  return `\ufeff${lines.map((cells) => cells.join(';')).join('\r\n')}\r\n`;
}

export async function writeGapListXlsx(content: GapListContent): Promise<Buffer> {
  // exceljs costs ~300 ms to load: only when a workbook is actually written.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Porter';
  const sheet = workbook.addWorksheet(content.locale === 'en' ? 'Gap list' : 'Ассортимент');
  const headings = GAP_LIST_HEADINGS[content.locale];
  sheet.getCell('A1').value = titleOf(content);
  sheet.getCell('A1').font = { bold: true, size: 12 };
  const header = sheet.getRow(3);
  GAP_LIST_COLUMNS.forEach((column, index) => {
    header.getCell(index + 1).value = headings[column];
    sheet.getColumn(index + 1).width = column === 'name' ? 48 : column === 'category' ? 24 : column === 'peers' ? 22 : 14;
  });
  header.font = { bold: true };
  content.gaps.forEach((gap, k) => {
    const row = rowOf(gap);
    const sheetRow = sheet.getRow(4 + k);
    GAP_LIST_COLUMNS.forEach((column, index) => {
      const cell = sheetRow.getCell(index + 1);
      const value = row[column];
      // Text set as text: exceljs types a value by its JavaScript type, and codes must stay strings.
      cell.value = TEXT_COLUMNS.has(column) ? inertText(String(value)) : value;
      if (TEXT_COLUMNS.has(column)) cell.numFmt = '@';
      else if (MONEY_COLUMNS.has(column)) cell.numFmt = '#,##0.00';
    });
  });
  sheet.views = [{ state: 'frozen', ySplit: 3 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function gapListFile(content: GapListContent, format: 'xlsx' | 'csv'): Promise<DownloadFile> {
  const fileName = gapListFileName(content, format);
  const bytes = format === 'csv' ? Buffer.from(writeGapListCsv(content), 'utf8') : await writeGapListXlsx(content);
  return { fileName, base64: bytes.toString('base64') };
}

function csvValue(column: GapListColumn, value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'string') return inertText(value);
  return MONEY_COLUMNS.has(column) ? value.toFixed(2).replace('.', ',') : String(value);
}

function csvCell(text: string): string {
  return /[;"\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}
