import type { Locale } from '../../../shared/domain';
import { createLogger } from '../logger';
import type { PdfFonts } from '../resources';
import { formatQuantity, localDate, pickOrdersText, type PickList } from './pickList';

const log = createLogger('manager.pickListPdf');

export interface PickListPdfInput {
  list: PickList;
  locale: Locale;
  /** The supplier as its price list names it, or ''. */
  supplierName: string;
  /** When it was printed (ISO instant), shown under the title. */
  printedAt: string;
  fonts: PdfFonts;
}

type Cells = [string, string, string, string, string, string];

// The renderer's translation files are not available in the core, so the document's words live here.
const LABELS: Record<
  Locale,
  {
    title: (date: string) => string;
    summary: (orders: number, items: number) => string;
    printed: string;
    supplier: string;
    columns: Cells;
    empty: string;
    page: (page: number, pages: number) => string;
  }
> = {
  ru: {
    title: (date) => `Лист подбора на ${date}`,
    summary: (orders, items) => `Заказов: ${orders}, позиций: ${items}`,
    printed: 'Сформирован',
    supplier: 'Поставщик',
    columns: ['№', 'Код', 'Наименование', 'Ед.', 'Кол-во', 'Заказы (магазин, номер: количество)'],
    empty: 'На эту дату нет принятых заказов',
    page: (page, pages) => `Страница ${page} из ${pages}`,
  },
  en: {
    title: (date) => `Pick list for ${date}`,
    summary: (orders, items) => `Orders: ${orders}, items: ${items}`,
    printed: 'Printed',
    supplier: 'Supplier',
    columns: ['No.', 'Code', 'Name', 'Unit', 'Qty', 'Orders (store, number: quantity)'],
    empty: 'No accepted orders for this date',
    page: (page, pages) => `Page ${page} of ${pages}`,
  },
};

// Layout in PDF points (1/72 inch) on A4 portrait, as the order PDF (orders/orderPdf.ts).
const MM = 72 / 25.4;
const MARGIN = 15 * MM;
const FOOTER_HEIGHT = 14;
const FONT_SIZE = { title: 14, text: 9, table: 8, footer: 7.5 };
const PAD_X = 2.5;
const PAD_Y = 2.5;
const RULE_COLOR = '#b0b0b0';
const HEADER_FILL = '#ececec';
const MUTED = '#555555';
/** № / Code / Name / Unit / Qty / Orders; Name takes what the others leave. */
const COLUMNS: readonly { width: number; align: 'left' | 'right' }[] = [
  { width: 24, align: 'right' },
  { width: 62, align: 'left' },
  { width: 0, align: 'left' },
  { width: 30, align: 'left' },
  { width: 46, align: 'right' },
  { width: 170, align: 'left' },
];

type Doc = PDFKit.PDFDocument;

/** The pick list as an A4 PDF: title, the items (header repeated on every page), page numbers. */
export async function renderPickListPdf(input: PickListPdfInput): Promise<Buffer> {
  // pdfkit costs ~27 MB and ~200 ms to load: only when a PDF is actually made.
  const { default: PDFDocument } = await import('pdfkit');
  const labels = LABELS[input.locale];
  const title = labels.title(localDate(input.list.deliveryDate, input.locale));
  // Faces selected by path from the start (see orderPdf.ts): Helvetica, which has no Cyrillic, is never loaded.
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    font: input.fonts.regular,
    bufferPages: true,
    lang: input.locale === 'ru' ? 'ru-RU' : 'en-GB',
    displayTitle: true,
    info: { Title: title, Creator: 'Porter', Producer: 'Porter' },
  });
  const chunks: Buffer[] = [];
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  try {
    new PickListLayout(doc, input, title).draw();
  } finally {
    doc.end();
  }
  const pdf = await finished;
  log.debug('pick list PDF rendered', { date: input.list.deliveryDate, items: input.list.items.length, bytes: pdf.length });
  return pdf;
}

class PickListLayout {
  private readonly labels;
  private readonly left = MARGIN;
  private readonly right: number;
  private readonly columns: { width: number; align: 'left' | 'right' }[];
  private y = MARGIN;

  constructor(
    private readonly doc: Doc,
    private readonly input: PickListPdfInput,
    private readonly title: string,
  ) {
    this.labels = LABELS[input.locale];
    this.right = doc.page.width - MARGIN;
    const fixed = COLUMNS.reduce((sum, c) => sum + c.width, 0);
    this.columns = COLUMNS.map((c) => (c.width === 0 ? { ...c, width: this.right - this.left - fixed } : c));
  }

  draw(): void {
    const { list, locale, supplierName, printedAt } = this.input;
    this.write(this.title, 'bold', FONT_SIZE.title, 'black');
    this.y += 2;
    const printed = new Date(printedAt);
    const two = (n: number) => String(n).padStart(2, '0');
    const when = `${localDate(`${printed.getFullYear()}-${two(printed.getMonth() + 1)}-${two(printed.getDate())}`, locale)} ${two(printed.getHours())}:${two(printed.getMinutes())}`;
    const facts = [
      this.labels.summary(list.orderCount, list.items.length),
      `${this.labels.printed}: ${Number.isNaN(printed.getTime()) ? printedAt : when}`,
      ...(supplierName.trim() ? [`${this.labels.supplier}: ${supplierName.trim()}`] : []),
    ];
    this.write(facts.join(' · '), 'regular', FONT_SIZE.text, MUTED);
    this.y += 8;
    this.tableHeader();
    if (list.items.length === 0) this.write(this.labels.empty, 'regular', FONT_SIZE.table, MUTED);
    const maxRowHeight = (this.bottom - MARGIN - this.headerHeight()) / 2;
    list.items.forEach((item, index) => {
      const cells: Cells = [
        String(index + 1),
        item.itemCode,
        item.name,
        item.unit,
        formatQuantity(item.quantity, locale),
        pickOrdersText(item, locale),
      ];
      this.face('regular', FONT_SIZE.table);
      let height = this.rowHeight(cells);
      if (height > maxRowHeight) {
        // Hundreds of stores ordering one item: the cell is cut with an ellipsis (the workbook lists them all).
        cells[5] = fitText(this.doc, cells[5], this.columns[5]!.width - 2 * PAD_X, maxRowHeight - 2 * PAD_Y);
        cells[2] = fitText(this.doc, cells[2], this.columns[2]!.width - 2 * PAD_X, maxRowHeight - 2 * PAD_Y);
        height = this.rowHeight(cells);
      }
      if (this.y + height > this.bottom) {
        this.doc.addPage();
        this.y = MARGIN;
        this.tableHeader();
      }
      this.row(cells, height, 'regular');
      this.rule(0.4);
    });
    this.footers();
  }

  private get bottom(): number {
    return this.doc.page.height - MARGIN - FOOTER_HEIGHT;
  }

  private face(face: keyof PdfFonts, size: number): Doc {
    return this.doc.font(this.input.fonts[face]).fontSize(size);
  }

  private headerHeight(): number {
    this.face('bold', FONT_SIZE.table);
    return this.rowHeight(this.labels.columns);
  }

  private tableHeader(): void {
    const height = this.headerHeight();
    if (this.y + 2 * height > this.bottom) {
      this.doc.addPage();
      this.y = MARGIN;
    }
    this.doc.rect(this.left, this.y, this.right - this.left, height).fill(HEADER_FILL);
    this.rule(0.8);
    this.row(this.labels.columns, height, 'bold');
    this.rule(0.8);
  }

  private rowHeight(cells: readonly string[]): number {
    let height = this.doc.currentLineHeight(true);
    cells.forEach((text, i) => {
      height = Math.max(height, this.doc.heightOfString(text, { width: this.columns[i]!.width - 2 * PAD_X }));
    });
    return height + 2 * PAD_Y;
  }

  private row(cells: readonly string[], height: number, face: keyof PdfFonts): void {
    this.face(face, FONT_SIZE.table).fillColor('black');
    let x = this.left;
    cells.forEach((text, i) => {
      const column = this.columns[i]!;
      this.doc.text(text, x + PAD_X, this.y + PAD_Y, { width: column.width - 2 * PAD_X, align: column.align });
      x += column.width;
    });
    this.y += height;
  }

  private rule(lineWidth: number): void {
    this.doc.save().moveTo(this.left, this.y).lineTo(this.right, this.y).lineWidth(lineWidth).strokeColor(RULE_COLOR).stroke().restore();
  }

  private write(text: string, face: keyof PdfFonts, size: number, color: string): void {
    this.face(face, size).fillColor(color);
    const width = this.right - this.left;
    const height = this.doc.heightOfString(text, { width });
    if (this.y + height > this.bottom) {
      this.doc.addPage();
      this.y = MARGIN;
    }
    this.doc.text(text, this.left, this.y, { width });
    this.y += height;
  }

  /** The title and "Page 2 of 3" at the foot of every page, once the page count is known. */
  private footers(): void {
    const range = this.doc.bufferedPageRange();
    const width = this.right - this.left;
    for (let i = range.start; i < range.start + range.count; i++) {
      this.doc.switchToPage(i);
      const y = this.doc.page.height - MARGIN - FONT_SIZE.footer - 2;
      this.face('regular', FONT_SIZE.footer).fillColor(MUTED);
      this.doc.text(this.title, this.left, y, { width: width / 2, lineBreak: false });
      this.doc.text(this.labels.page(i - range.start + 1, range.count), this.left + width / 2, y, {
        width: width / 2,
        lineBreak: false,
        align: 'right',
      });
    }
  }
}

/** Shortens text with an ellipsis until it fits the height (in the current font). */
function fitText(doc: Doc, text: string, width: number, maxHeight: number): string {
  if (doc.heightOfString(text, { width }) <= maxHeight) return text;
  let low = 0;
  let high = text.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (doc.heightOfString(`${text.slice(0, mid)}…`, { width }) <= maxHeight) low = mid;
    else high = mid - 1;
  }
  return `${text.slice(0, low)}…`;
}
