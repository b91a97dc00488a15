import { divideRounded } from '../../../../shared/money';
import {
  NO_RECEIVED_ORDER_STATUS,
  type ReceivedOrder,
  type ReceivedOrderLine,
  type ReceivedOrderStatus,
} from '../../../../shared/exchange';
import { PorterError } from '../../../../shared/errors';
import { parseXml, type XmlInput, type XmlListener } from '../xml/xmlStream';
import { attribute, cleanId, cmlBoolean, cmlMoney, cmlNumber, isoDate, isVatName, unitShortName, vatPercent } from './values';

/** A document that is not an order ("Отпуск товара", "Счет на оплату"…): skipped, and said so. */
export interface SkippedDocument {
  line: number;
  id: string;
  operation: string;
}

export interface CommerceMlOrdersFacts {
  schemaVersion: string;
  encoding: string;
  documents: number;
  skipped: SkippedDocument[];
}

const ORDER_OPERATION = 'заказ товара';

/**
 * Reads CommerceML order documents (Документ, ХозОперация "Заказ товара"), streaming, one
 * ReceivedOrder per document — in both directions: orders a store or a site sent, and orders coming
 * back from 1C with Номер1С/Дата1С, payment and shipment requisites and statuses. Sums are kept as
 * stated; VAT is added on top where УчтеноВСумме=false; whether the stated total matches its lines
 * is reported, never corrected.
 */
export async function* readCommerceMlOrders(
  input: XmlInput,
  facts?: CommerceMlOrdersFacts,
  signal?: AbortSignal,
): AsyncGenerator<ReceivedOrder> {
  const listener = new OrdersListener(input.name);
  listener.encoding = (sniffed) => {
    if (facts) facts.encoding = sniffed.encoding;
  };
  for await (const _ of parseXml(input, listener, signal)) {
    void _;
    if (listener.root !== '' && listener.root !== 'КоммерческаяИнформация') {
      throw new PorterError('FILE_FORMAT', `${input.name}: not a CommerceML file (its root element is <${listener.root}>)`, {
        file: input.name,
      });
    }
    yield* listener.ready.splice(0);
  }
  if (facts) {
    facts.schemaVersion = listener.schemaVersion;
    facts.documents = listener.documents;
    facts.skipped.push(...listener.skipped);
  }
  if (listener.documents === 0) {
    throw new PorterError('FILE_FORMAT', `${input.name}: the CommerceML file holds no documents (Документ); is it a price list?`, {
      file: input.name,
    });
  }
}

interface LineDraft {
  itemId: string;
  article: string;
  barcodes: string[];
  name: string;
  unit: string;
  unitCode: string;
  price: string;
  quantity: string;
  amount: string;
  rate: string;
  taxName: string;
  taxIncluded: boolean | null;
  taxSum: string;
  taxRate: string;
  requisiteName: string;
  requisiteValue: string;
}

interface DocumentDraft {
  line: number;
  fields: Map<string, string>;
  customers: { id: string; name: string; fullName: string; role: string }[];
  customer: { id: string; name: string; fullName: string; role: string } | null;
  taxName: string;
  taxIncluded: boolean | null;
  taxSum: string;
  vatIncluded: boolean | null;
  vatSum: string;
  requisites: { name: string; value: string }[];
  requisiteName: string;
  requisiteValue: string;
  lines: LineDraft[];
}

class OrdersListener implements XmlListener {
  root = '';
  schemaVersion = '';
  documents = 0;
  readonly ready: ReceivedOrder[] = [];
  readonly skipped: SkippedDocument[] = [];
  encoding?: XmlListener['encoding'];
  private readonly names: string[] = [];
  private readonly relative: string[] = [];
  private buffer = '';
  private documentDepth = -1;
  private document: DocumentDraft | null = null;
  private lineDepth = -1;
  private line: LineDraft | null = null;

  constructor(private readonly file: string) {}

  open(name: string, attributes: Readonly<Record<string, string>>, line: number): void {
    const depth = this.names.length;
    this.names.push(name);
    this.buffer = '';
    if (depth === 0) {
      this.root = name;
      this.schemaVersion = attribute(attributes, 'ВерсияСхемы');
      return;
    }
    if (!this.document) {
      if (name === 'Документ' && depth === 1) {
        this.documentDepth = depth;
        this.document = {
          line,
          fields: new Map(),
          customers: [],
          customer: null,
          taxName: '',
          taxIncluded: null,
          taxSum: '',
          vatIncluded: null,
          vatSum: '',
          requisites: [],
          requisiteName: '',
          requisiteValue: '',
          lines: [],
        };
      }
      return;
    }
    const below = depth - this.documentDepth;
    const key = below === 1 ? name : this.relative[depth - 1] ? `${this.relative[depth - 1]}/${name}` : '';
    this.relative[depth] = below <= 6 ? key : '';
    if (key === 'Товары/Товар') {
      this.lineDepth = depth;
      this.line = {
        itemId: '',
        article: '',
        barcodes: [],
        name: '',
        unit: '',
        unitCode: '',
        price: '',
        quantity: '',
        amount: '',
        rate: '',
        taxName: '',
        taxIncluded: null,
        taxSum: '',
        taxRate: '',
        requisiteName: '',
        requisiteValue: '',
      };
    } else if (key === 'Товары/Товар/БазоваяЕдиница' && this.line) {
      this.line.unitCode = attribute(attributes, 'Код');
      this.line.unit = unitShortName({
        code: this.line.unitCode,
        fullName: attribute(attributes, 'НаименованиеПолное'),
        shortName: attribute(attributes, 'НаименованиеКраткое'),
        international: attribute(attributes, 'МеждународноеСокращение'),
      });
    } else if (key === 'Контрагенты/Контрагент') {
      this.document.customer = { id: '', name: '', fullName: '', role: '' };
    }
  }

  close(): void {
    const depth = this.names.length - 1;
    this.names.pop();
    const text = this.buffer;
    this.buffer = '';
    const doc = this.document;
    if (!doc) return;
    if (depth === this.documentDepth) {
      this.finishDocument(doc);
      return;
    }
    const key = this.relative[depth] ?? '';
    if (this.line && key.startsWith('Товары/Товар')) {
      if (depth === this.lineDepth) {
        doc.lines.push(this.line);
        this.line = null;
        this.lineDepth = -1;
      } else this.lineField(this.line, key.slice('Товары/Товар/'.length), text);
      return;
    }
    this.documentField(doc, key, text);
  }

  text(text: string): void {
    this.buffer += text;
  }

  private documentField(doc: DocumentDraft, key: string, text: string): void {
    const customer = doc.customer;
    switch (key) {
      case 'Ид':
      case 'Номер':
      case 'Номер1С':
      case 'Дата':
      case 'Дата1С':
      case 'Время':
      case 'ХозОперация':
      case 'Роль':
      case 'Валюта':
      case 'Сумма':
      case 'Комментарий':
      case 'ПометкаУдаления':
        doc.fields.set(key, text.trim());
        return;
      case 'Контрагенты/Контрагент/Ид':
        if (customer) customer.id = text.trim();
        return;
      case 'Контрагенты/Контрагент/Наименование':
        if (customer) customer.name = text.trim();
        return;
      case 'Контрагенты/Контрагент/ПолноеНаименование':
      case 'Контрагенты/Контрагент/ОфициальноеНаименование':
        if (customer && customer.fullName === '') customer.fullName = text.trim();
        return;
      case 'Контрагенты/Контрагент/Роль':
        if (customer) customer.role = text.trim();
        return;
      case 'Контрагенты/Контрагент':
        if (customer) doc.customers.push(customer);
        doc.customer = null;
        return;
      case 'Налоги/Налог/Наименование':
        doc.taxName = text;
        return;
      case 'Налоги/Налог/УчтеноВСумме':
        doc.taxIncluded = cmlBoolean(text);
        return;
      case 'Налоги/Налог/Сумма':
        doc.taxSum = text;
        return;
      case 'Налоги/Налог':
        if (isVatName(doc.taxName)) {
          doc.vatIncluded = doc.taxIncluded;
          doc.vatSum = doc.taxSum;
        }
        doc.taxName = doc.taxSum = '';
        doc.taxIncluded = null;
        return;
      case 'ЗначенияРеквизитов/ЗначениеРеквизита/Наименование':
        doc.requisiteName = text.trim();
        return;
      case 'ЗначенияРеквизитов/ЗначениеРеквизита/Значение':
        doc.requisiteValue = text.trim();
        return;
      case 'ЗначенияРеквизитов/ЗначениеРеквизита':
        doc.requisites.push({ name: doc.requisiteName, value: doc.requisiteValue });
        doc.requisiteName = doc.requisiteValue = '';
        return;
    }
  }

  private lineField(line: LineDraft, key: string, text: string): void {
    switch (key) {
      case 'Ид':
        line.itemId = cleanId(text);
        return;
      case 'Артикул':
        line.article = cleanId(text);
        return;
      case 'Штрихкод':
        if (text.trim() !== '') line.barcodes.push(text.trim());
        return;
      case 'Наименование':
        line.name = text.trim();
        return;
      case 'БазоваяЕдиница':
        if (text.trim() !== '') line.unit = text.trim();
        return;
      case 'Единица/НаименованиеКраткое':
        line.unit = text.trim();
        return;
      case 'Единица/Код':
        line.unitCode = text;
        return;
      case 'ЦенаЗаЕдиницу':
      case 'Цена':
        line.price = text;
        return;
      case 'Количество':
        line.quantity = text;
        return;
      case 'Сумма':
        line.amount = text;
        return;
      case 'СтавкиНалогов/СтавкаНалога/Ставка':
        if (line.rate === '') line.rate = text.trim();
        return;
      case 'Налоги/Налог/Наименование':
        line.taxName = text;
        return;
      case 'Налоги/Налог/УчтеноВСумме':
        line.taxIncluded = cmlBoolean(text);
        return;
      case 'Налоги/Налог/Сумма':
        line.taxSum = text;
        return;
      case 'Налоги/Налог/Ставка':
        line.taxRate = text.trim();
        return;
      case 'ЗначенияРеквизитов/ЗначениеРеквизита/Наименование':
        line.requisiteName = text.trim();
        return;
      case 'ЗначенияРеквизитов/ЗначениеРеквизита/Значение':
        line.requisiteValue = text.trim();
        return;
      case 'ЗначенияРеквизитов/ЗначениеРеквизита':
        line.requisiteName = line.requisiteValue = '';
        return;
    }
    if (key === 'Налоги/Налог' && !isVatName(line.taxName)) {
      // Not VAT (an excise): forget it.
      line.taxSum = line.taxRate = '';
      line.taxIncluded = null;
    }
  }

  private finishDocument(doc: DocumentDraft): void {
    this.document = null;
    this.documentDepth = -1;
    this.relative.length = 0;
    this.documents++;
    const operation = doc.fields.get('ХозОперация') ?? '';
    if (operation.toLowerCase() !== ORDER_OPERATION) {
      this.skipped.push({ line: doc.line, id: doc.fields.get('Ид') ?? '', operation });
      return;
    }
    this.ready.push(receivedOrder(doc, this.file));
  }
}

function receivedOrder(doc: DocumentDraft, file: string): ReceivedOrder {
  const field = (name: string) => doc.fields.get(name) ?? '';
  const where: Where = { file, row: doc.line, label: `${file}, document ${field('Номер') || field('Ид')} (line ${doc.line})` };
  const documentIncluded = doc.vatIncluded;
  const lines = doc.lines.map((line, index) => receivedLine(line, index + 1, documentIncluded, where));
  const linesKopecks = lines.reduce((sum, l) => sum + l.amountKopecks, 0);
  const vatIncluded = documentIncluded ?? (lines.length > 0 ? lines.every((l) => l.vatIncluded) : true);
  const statedVat = doc.vatSum.trim() === '' ? null : money(doc.vatSum, where, 'Налоги/Налог/Сумма');
  const vatKopecks = statedVat ?? lines.reduce((sum, l) => sum + (l.vatKopecks ?? 0), 0);
  const expectedGross = linesKopecks + (vatIncluded ? 0 : vatKopecks);
  const statedGross = field('Сумма') === '' ? null : money(field('Сумма'), where, 'Сумма');
  const grossKopecks = statedGross ?? expectedGross;
  const customer = doc.customers.find((c) => c.role.toLowerCase() === 'покупатель') ?? doc.customers[0];
  const requisite = (...names: string[]) => {
    const wanted = names.map((n) => n.toLowerCase());
    const found = doc.requisites.find((r) => wanted.includes(r.name.toLowerCase()));
    return found ? found.value : null;
  };
  return {
    format: 'commerceml',
    id: field('Ид'),
    number: field('Номер'),
    date: isoDate(field('Дата')),
    time: clockTime(field('Время')) ?? clockTime(field('Дата').split('T')[1] ?? ''),
    number1c: field('Номер1С') || null,
    date1c: isoDate(field('Дата1С')),
    operation: field('ХозОперация'),
    role: field('Роль'),
    currency: field('Валюта'),
    customer: {
      id: customer?.id ?? '',
      code: requisite('Код покупателя', 'Код контрагента', 'Код клиента') ?? '',
      name: customer ? customer.name || customer.fullName : '',
    },
    comment: doc.fields.get('Комментарий') ?? '',
    deliveryDate: isoDate(requisite('Дата доставки', 'Желаемая дата доставки') ?? ''),
    lines,
    totals: {
      grossKopecks,
      vatKopecks,
      netKopecks: grossKopecks - vatKopecks,
      linesKopecks,
      vatIncluded,
      matchesLines: statedGross === null || statedGross === expectedGross,
    },
    status: status(doc, requisite),
    requisites: doc.requisites,
  };
}

function receivedLine(line: LineDraft, lineNumber: number, documentIncluded: boolean | null, where: Where): ReceivedOrderLine {
  const at: Where = { ...where, label: `${where.label}, order line ${lineNumber}` };
  const priceKopecks = line.price.trim() === '' ? 0 : money(line.price, at, 'ЦенаЗаЕдиницу');
  const quantity = line.quantity.trim() === '' ? null : cmlNumber(line.quantity);
  if (quantity === null || quantity < 0) {
    throw new PorterError('FILE_FORMAT', `${at.label}: not a quantity: "${line.quantity.trim()}"`, {
      file: at.file,
      row: at.row,
      field: 'Количество',
    });
  }
  const amountKopecks = line.amount.trim() === '' ? Math.round(priceKopecks * quantity) : money(line.amount, at, 'Сумма');
  const vatRate = vatPercent(line.taxRate || line.rate);
  const vatIncluded = line.taxIncluded ?? documentIncluded ?? true;
  const statedVat = line.taxSum.trim() === '' ? null : money(line.taxSum, at, 'Налоги/Налог/Сумма');
  const vatKopecks =
    statedVat ??
    (vatRate === null
      ? null
      : vatIncluded
        ? divideRounded(amountKopecks * vatRate, 100 + vatRate)
        : divideRounded(amountKopecks * vatRate, 100));
  return {
    lineNumber,
    itemId: line.itemId,
    itemCode: line.article || line.itemId,
    barcode: line.barcodes.join(' '),
    name: line.name,
    unit: line.unit,
    unitCode: line.unitCode,
    quantity,
    priceKopecks,
    amountKopecks,
    vatRate,
    vatKopecks,
    vatIncluded,
  };
}

function status(doc: DocumentDraft, requisite: (...names: string[]) => string | null): ReceivedOrderStatus {
  const flag = (...names: string[]) => {
    const value = requisite(...names);
    return value === null ? null : cmlBoolean(value);
  };
  const deleted = doc.fields.get('ПометкаУдаления');
  return {
    ...NO_RECEIVED_ORDER_STATUS,
    text: requisite('Статус заказа'),
    code: requisite('Статуса заказа ИД', 'Статус заказа ИД', 'Статус заказа ID'),
    cancelled: flag('Отменен'),
    posted: flag('Проведен'),
    paid: flag('Заказ оплачен'),
    shipmentAllowed: flag('Доставка разрешена'),
    final: flag('Финальный статус'),
    deleted: deleted === undefined ? null : cmlBoolean(deleted),
    changedAt: requisite('Дата изменения статуса'),
    paymentNumber: requisite('Номер оплаты по 1С'),
    paymentDate: requisite('Дата оплаты по 1С'),
    shipmentNumber: requisite('Номер отгрузки по 1С'),
    shipmentDate: requisite('Дата отгрузки по 1С'),
  };
}

interface Where {
  file: string;
  row: number;
  label: string;
}

function money(text: string, where: Where, field: string): number {
  const kopecks = cmlMoney(text);
  if (kopecks === null) {
    throw new PorterError('FILE_FORMAT', `${where.label}: ${field} is not an amount: "${text.trim()}"`, {
      file: where.file,
      row: where.row,
      field,
    });
  }
  return kopecks;
}

function clockTime(text: string): string | null {
  const match = /^(\d{2}):(\d{2})(?::(\d{2}))?/.exec(text.trim());
  return match ? `${match[1]}:${match[2]}:${match[3] ?? '00'}` : null;
}
