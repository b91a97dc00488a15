import type { Locale, Order, OrderLine, OrderStatus, StoreProfile } from '../../../shared/domain';
import { formatMoney } from '../../../shared/money';
import { createLogger } from '../logger';
import type { PdfFonts } from '../resources';

const log = createLogger('orders.pdf');

export interface OrderPdfInput {
  order: Order;
  store: StoreProfile;
  /** The supplier as the price list names it, or '' (then the price list's name stands in). */
  supplierName: string;
  priceListName: string;
  locale: Locale;
  /** The embedded TrueType fonts: `pdfFonts(resourcesDir)` from ../resources. */
  fonts: PdfFonts;
}

/** "Porter-order-P-000012.pdf": letters, digits, dot, dash and underscore only, so every file system takes it. */
export function orderPdfFileName(order: Order): string {
  const number = order.number.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80) || 'order';
  return `Porter-order-${number}.pdf`;
}

/** One row of the table: № / Code / Name / Unit / Qty / Price / VAT % / Sum. */
type Cells = [string, string, string, string, string, string, string, string];

// The renderer's translation files are not available in the core, so the document's words live here.
const RU = {
  order: (number: string) => `Заказ № ${number}`,
  of: 'от',
  status: 'Статус',
  statuses: { draft: 'черновик', submitted: 'отправлен', exported: 'выгружен в файл' } satisfies Record<OrderStatus, string>,
  store: 'Магазин',
  customerCode: 'код клиента',
  supplier: 'Поставщик',
  deliveryDate: 'Дата поставки',
  comment: 'Комментарий',
  columns: ['№', 'Код', 'Наименование', 'Ед.', 'Кол-во', 'Цена', 'НДС %', 'Сумма'] as Cells,
  pricesIncludeVat: 'Цены включают НДС',
  pricesExcludeVat: 'Цены без НДС',
  lineCount: (count: string) => `Всего наименований: ${count}`,
  noLines: 'В заказе нет строк',
  net: 'Без НДС',
  vat: (rate: number) => `НДС ${rate} %`,
  gross: 'Итого с НДС',
  page: (page: number, pages: number) => `Страница ${page} из ${pages}`,
};
type Labels = typeof RU;

const LABELS: Record<Locale, Labels> = {
  ru: RU,
  en: {
    order: (number) => `Order No. ${number}`,
    of: 'of',
    status: 'Status',
    statuses: { draft: 'draft', submitted: 'submitted', exported: 'exported to a file' },
    store: 'Store',
    customerCode: 'customer code',
    supplier: 'Supplier',
    deliveryDate: 'Delivery date',
    comment: 'Comment',
    columns: ['No.', 'Code', 'Name', 'Unit', 'Qty', 'Price', 'VAT %', 'Sum'],
    pricesIncludeVat: 'Prices include VAT',
    pricesExcludeVat: 'Prices exclude VAT',
    lineCount: (count) => `Lines: ${count}`,
    noLines: 'The order has no lines',
    net: 'Without VAT',
    vat: (rate) => `VAT ${rate} %`,
    gross: 'Total with VAT',
    page: (page, pages) => `Page ${page} of ${pages}`,
  },
};

const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function formatDate(year: number, month: number, day: number, locale: Locale): string {
  return locale === 'ru'
    ? `${String(day).padStart(2, '0')}.${String(month).padStart(2, '0')}.${year}`
    : `${day} ${EN_MONTHS[month - 1] ?? ''} ${year}`;
}

/** A timestamp as the calendar date on this computer (where the purchaser is). */
function formatTimestampDate(iso: string, locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return formatDate(date.getFullYear(), date.getMonth() + 1, date.getDate(), locale);
}

/** A YYYY-MM-DD date, read as written: a delivery date has no time zone. */
function formatIsoDate(isoDate: string, locale: Locale): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  return year && month && day ? formatDate(year, month, day, locale) : isoDate;
}

function formatCount(value: number, locale: Locale): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, locale === 'ru' ? '\u00a0' : ',');
}

// Layout in PDF points (1/72 inch) on A4 portrait.
const MM = 72 / 25.4;
const MARGIN = 15 * MM;
const FOOTER_HEIGHT = 14;
const FONT_SIZE = { title: 14, text: 9, table: 8, footer: 7.5, gross: 10 };
const CELL_PAD_X = 2.5;
const CELL_PAD_Y = 2.5;
const RULE_COLOR = '#b0b0b0';
const HEADER_FILL = '#ececec';
const MUTED = '#555555';

interface Column {
  width: number;
  align: 'left' | 'right' | 'center';
}
/** № / Code / Name / Unit / Qty / Price / VAT % / Sum; Name takes what the others leave. */
const FIXED_COLUMNS: readonly Column[] = [
  { width: 22, align: 'right' },
  { width: 60, align: 'left' },
  { width: 0, align: 'left' },
  { width: 30, align: 'left' },
  { width: 44, align: 'right' },
  { width: 64, align: 'right' },
  { width: 36, align: 'right' },
  { width: 78, align: 'right' },
];

type Doc = PDFKit.PDFDocument;
type Face = keyof PdfFonts;

/** Renders the order as an A4 PDF: heading, parties, the lines (header repeated on every page), VAT totals. */
export async function renderOrderPdf(input: OrderPdfInput): Promise<Buffer> {
  // pdfkit costs ~27 MB and ~200 ms to load: only when a PDF is actually made.
  const { default: PDFDocument } = await import('pdfkit');
  const { order, locale, fonts } = input;
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'portrait',
    margin: MARGIN,
    // The regular face from the start, so the built-in Helvetica (no Cyrillic) is never loaded. Faces are
    // always selected by path: pdfkit caches a font under the key it was selected by, and a registered
    // alias of a font it already holds makes it read and parse the file again on every switch.
    font: fonts.regular,
    bufferPages: true,
    lang: locale === 'ru' ? 'ru-RU' : 'en-GB',
    displayTitle: true,
    info: { Title: order.number, Author: input.store.storeName || 'Porter', Creator: 'Porter', Producer: 'Porter' },
  });
  const chunks: Buffer[] = [];
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  try {
    new OrderPdfLayout(doc, input).draw();
  } finally {
    doc.end();
  }
  const pdf = await finished;
  log.debug('order PDF rendered', { number: order.number, lines: order.lines.length, bytes: pdf.length });
  return pdf;
}

class OrderPdfLayout {
  private readonly labels: Labels;
  private readonly left: number;
  private readonly right: number;
  private readonly columns: Column[];
  private y: number;

  constructor(
    private readonly doc: Doc,
    private readonly input: OrderPdfInput,
  ) {
    this.labels = LABELS[input.locale];
    this.left = MARGIN;
    this.right = doc.page.width - MARGIN;
    const fixed = FIXED_COLUMNS.reduce((sum, c) => sum + c.width, 0);
    this.columns = FIXED_COLUMNS.map((c) => (c.width === 0 ? { ...c, width: this.right - this.left - fixed } : c));
    this.y = MARGIN;
  }

  draw(): void {
    this.heading();
    this.parties();
    this.table();
    this.totals();
    this.footers();
  }

  /** Lowest y the body may reach on a page; the footer lives below it. */
  private get bottom(): number {
    return this.doc.page.height - MARGIN - FOOTER_HEIGHT;
  }

  private get width(): number {
    return this.right - this.left;
  }

  /** Faces are selected by their file path, never by an alias: see the note where the document is created. */
  private face(face: Face, size: number): Doc {
    return this.doc.font(this.input.fonts[face]).fontSize(size);
  }

  private newPage(): void {
    this.doc.addPage();
    this.y = MARGIN;
  }

  private heading(): void {
    const { order, locale } = this.input;
    const date = formatTimestampDate(order.submittedAt ?? order.exportedAt ?? order.createdAt, locale);
    this.write(`${this.labels.order(order.number)} ${this.labels.of} ${date}`, { font: 'bold', size: FONT_SIZE.title });
    this.y += 2;
    this.write(`${this.labels.status}: ${this.labels.statuses[order.status]}`, { size: FONT_SIZE.text, color: MUTED });
    this.y += 8;
  }

  private parties(): void {
    const { order, store, supplierName, priceListName, locale } = this.input;
    const storeText = [
      store.storeName.trim() || '—',
      store.customerCode.trim() ? `(${this.labels.customerCode} ${store.customerCode.trim()})` : '',
    ]
      .filter(Boolean)
      .join(' ');
    this.field(this.labels.store, storeText);
    this.field(this.labels.supplier, supplierName.trim() || priceListName.trim() || '—');
    if (order.deliveryDate) this.field(this.labels.deliveryDate, formatIsoDate(order.deliveryDate, locale));
    if (order.comment.trim()) this.field(this.labels.comment, order.comment.trim());
    this.y += 4;
    this.write(order.pricesIncludeVat ? this.labels.pricesIncludeVat : this.labels.pricesExcludeVat, {
      size: FONT_SIZE.table,
      color: MUTED,
    });
    this.y += 4;
  }

  /** "Label: value", the value wrapping under itself. */
  private field(label: string, value: string): void {
    const labelWidth = 92;
    this.face('regular', FONT_SIZE.text);
    const height = Math.max(this.doc.heightOfString(value, { width: this.width - labelWidth }), this.doc.currentLineHeight(true));
    if (this.y + height > this.bottom) this.newPage();
    this.face('bold', FONT_SIZE.text)
      .fillColor('black')
      .text(`${label}:`, this.left, this.y, { width: labelWidth - 6, lineBreak: false });
    this.face('regular', FONT_SIZE.text).text(value, this.left + labelWidth, this.y, { width: this.width - labelWidth });
    this.y += height + 3;
  }

  private table(): void {
    const { order, locale } = this.input;
    this.tableHeader();
    if (order.lines.length === 0) {
      this.write(this.labels.noLines, { size: FONT_SIZE.table, color: MUTED, padTop: CELL_PAD_Y });
      return;
    }
    // A row never takes more than half a page (the longest name a price list may hold, 1,000 characters, takes about 40 %).
    const maxRowHeight = (this.bottom - MARGIN - this.headerHeight()) / 2;
    order.lines.forEach((line, index) => {
      const cells = lineCells(line, index, locale);
      this.face('regular', FONT_SIZE.table);
      let height = this.rowHeight(cells);
      if (height > maxRowHeight) {
        cells[2] = fitText(this.doc, cells[2], this.columns[2]!.width - 2 * CELL_PAD_X, maxRowHeight - 2 * CELL_PAD_Y);
        height = this.rowHeight(cells);
      }
      if (this.y + height > this.bottom) {
        this.newPage();
        this.tableHeader();
      }
      this.row(cells, height, 'regular');
      this.rule(this.y, 0.4);
    });
  }

  private headerHeight(): number {
    this.face('bold', FONT_SIZE.table);
    return this.rowHeight(this.labels.columns);
  }

  private tableHeader(): void {
    const height = this.headerHeight();
    // A header alone at the foot of a page is useless: start the table on the next one.
    if (this.y + 2 * height > this.bottom) this.newPage();
    this.doc.rect(this.left, this.y, this.width, height).fill(HEADER_FILL);
    this.rule(this.y, 0.8);
    this.row(this.labels.columns, height, 'bold');
    this.rule(this.y, 0.8);
  }

  private rowHeight(cells: readonly string[]): number {
    let height = this.doc.currentLineHeight(true);
    cells.forEach((text, i) => {
      height = Math.max(height, this.doc.heightOfString(text, { width: this.columns[i]!.width - 2 * CELL_PAD_X }));
    });
    return height + 2 * CELL_PAD_Y;
  }

  private row(cells: readonly string[], height: number, font: Face): void {
    this.face(font, FONT_SIZE.table).fillColor('black');
    let x = this.left;
    cells.forEach((text, i) => {
      const column = this.columns[i]!;
      this.doc.text(text, x + CELL_PAD_X, this.y + CELL_PAD_Y, { width: column.width - 2 * CELL_PAD_X, align: column.align });
      x += column.width;
    });
    this.y += height;
  }

  private rule(y: number, lineWidth: number): void {
    this.doc.save().moveTo(this.left, y).lineTo(this.right, y).lineWidth(lineWidth).strokeColor(RULE_COLOR).stroke().restore();
  }

  private totals(): void {
    const { order, locale } = this.input;
    const plain = (label: string, kopecks: number) => ({
      label,
      value: formatMoney(kopecks, locale),
      face: 'regular' as Face,
      size: FONT_SIZE.text,
    });
    const rows = [
      plain(this.labels.net, order.totals.netKopecks),
      ...order.totals.byRate.map((r) => plain(this.labels.vat(r.rate), r.vatKopecks)),
      { ...plain(this.labels.gross, order.totals.grossKopecks), face: 'bold' as Face, size: FONT_SIZE.gross },
    ];
    const rowHeight = 14;
    const labelWidth = 160;
    if (this.y + 8 + rows.length * rowHeight > this.bottom) this.newPage();
    this.y += 8;
    // Wide enough for the largest amount in its own face, so a total never wraps.
    const valueWidth = Math.max(90, ...rows.map((row) => this.face(row.face, row.size).widthOfString(row.value) + 2 * CELL_PAD_X + 1));
    const valueX = this.right - valueWidth;
    const labelX = valueX - labelWidth;
    const count = this.labels.lineCount(formatCount(order.lines.length, locale));
    this.face('regular', FONT_SIZE.text)
      .fillColor(MUTED)
      .text(count, this.left, this.y, { width: labelX - this.left - 8 });
    for (const row of rows) {
      this.face(row.face, row.size).fillColor('black');
      this.doc.text(`${row.label}:`, labelX, this.y, { width: labelWidth - 6, align: 'right', lineBreak: false });
      this.doc.text(row.value, valueX, this.y, { width: valueWidth - CELL_PAD_X, align: 'right', lineBreak: false });
      this.y += rowHeight;
    }
  }

  /** "Page 2 of 3" and the order number at the foot of every page, once the page count is known. */
  private footers(): void {
    const range = this.doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      this.doc.switchToPage(i);
      const y = this.doc.page.height - MARGIN - FONT_SIZE.footer - 2;
      this.face('regular', FONT_SIZE.footer).fillColor(MUTED);
      const half = { width: this.width / 2, lineBreak: false };
      this.doc.text(this.labels.order(this.input.order.number), this.left, y, half);
      this.doc.text(this.labels.page(i - range.start + 1, range.count), this.left + this.width / 2, y, { ...half, align: 'right' });
    }
  }

  private write(text: string, options: { font?: Face; size: number; color?: string; padTop?: number }): void {
    this.face(options.font ?? 'regular', options.size).fillColor(options.color ?? 'black');
    this.y += options.padTop ?? 0;
    const height = this.doc.heightOfString(text, { width: this.width });
    if (this.y + height > this.bottom) this.newPage();
    this.doc.text(text, this.left, this.y, { width: this.width });
    this.y += height;
  }
}

function lineCells(line: OrderLine, index: number, locale: Locale): Cells {
  return [
    String(index + 1),
    line.itemCode,
    line.name,
    line.unit,
    formatCount(line.quantity, locale),
    formatMoney(line.priceKopecks, locale),
    String(line.vatRate),
    formatMoney(line.amountKopecks, locale),
  ];
}

/** Shortens text with an ellipsis until it fits the height (uses the current font). */
function fitText(doc: Doc, text: string, width: number, maxHeight: number): string {
  let low = 0;
  let high = text.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (doc.heightOfString(`${text.slice(0, mid)}…`, { width }) <= maxHeight) low = mid;
    else high = mid - 1;
  }
  return `${text.slice(0, low)}…`;
}
