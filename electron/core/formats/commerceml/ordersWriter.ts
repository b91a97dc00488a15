import type { Order, StoreProfile } from '../../../../shared/domain';
import { xmlElement as el } from '../xml/xmlWriter';
import { localDateTime, orderCustomer, orderMoment, porterOrderRequisites } from '../orderDocument';
import { COMMERCEML_NAMESPACES } from './priceListWriter';
import { cmlAmount, okeiCode } from './values';

export interface CommerceMlOrderWriteOptions {
  store: StoreProfile;
  /** ДатаФормирования of the file. */
  generatedAt: string;
  /**
   * The supplier's item ids (the offer Ид from its CommerceML price list) by Porter item code: 1C
   * finds an order's goods by Ид. Items without one are written with their code as Ид (and as Артикул).
   */
  itemIds?: ReadonlyMap<string, string>;
  /** Minutes east of UTC for Дата and Время; the machine's zone by default. */
  offsetMinutes?: number;
}

/** One order as a CommerceML Документ states it, whoever made the order (a store's draft, an order the manager received). */
export interface CommerceMlOrderDocument {
  /** Ид: 1C updates the document with this id instead of adding a second one. */
  id: string;
  number: string;
  /** YYYY-MM-DD and HH:MM:SS, local time. */
  date: string;
  time: string;
  /** The buying Контрагент: its Ид (the customer code when there is one) and name. */
  customer: { id: string; name: string };
  comment: string;
  pricesIncludeVat: boolean;
  /** Сумма: what the buyer pays (VAT on top included when prices exclude it). */
  grossKopecks: number;
  vatKopecks: number;
  lines: CommerceMlOrderLine[];
  /** Document-level ЗначенияРеквизитов, in order. */
  requisites: { name: string; value: string }[];
}

export interface CommerceMlOrderLine {
  /** Товар/Ид: the supplier's id of the item (its code when there is none). */
  itemId: string;
  itemCode: string;
  /** Barcodes separated by spaces, or ''. */
  barcode: string;
  name: string;
  unit: string;
  priceKopecks: number;
  quantity: number;
  amountKopecks: number;
  /** In percent (0: "Без НДС"); null when the order states no rate — then no tax elements are written. */
  vatRate: number | null;
  vatKopecks: number;
}

const UNIT_FULL_NAMES: Record<string, string> = { '796': 'Штука', '166': 'Килограмм', '112': 'Литр', '006': 'Метр', '778': 'Упаковка' };
const UNIT_INTERNATIONAL: Record<string, string> = { '796': 'PCE', '166': 'KGM', '112': 'LTR', '006': 'MTR', '778': 'NMP' };

/**
 * Orders as a CommerceML 2.10 document 1C takes in through its site exchange ("Заказ товара",
 * Роль "Покупатель"): one Документ per order with Ид = the order's id (so loading the same file
 * twice updates one order instead of making two), the store as the buying Контрагент, lines with
 * Ид/Артикул, base unit with its OKEI code, price, quantity, sum and VAT both as a rate and as an
 * amount with УчтеноВСумме, and Porter's requisites (customer code, delivery date).
 */
export function writeCommerceMlOrders(orders: readonly Order[], options: CommerceMlOrderWriteOptions): string {
  return writeCommerceMlOrderDocuments(
    orders.map((order) => orderDocument(order, options)),
    options.generatedAt,
  );
}

/**
 * Order documents as one CommerceML file. Each line carries its unit and price the two ways real files
 * do: as a site writes them for 1C (БазоваяЕдиница, ЦенаЗаЕдиницу) and as 1C writes them itself
 * (Единица, Коэффициент, Цена), so either loader finds them; readers take both to the same values.
 */
export function writeCommerceMlOrderDocuments(documents: readonly CommerceMlOrderDocument[], generatedAt: string): string {
  return commerceMlOrdersHead(generatedAt) + documents.map(commerceMlDocumentXml).join('') + COMMERCEML_ORDERS_TAIL;
}

/**
 * The file in pieces — this head, each document's commerceMlDocumentXml, COMMERCEML_ORDERS_TAIL — for a
 * writer that turns them into bytes as it goes: a day's batch runs to hundreds of megabytes, too long for one string.
 */
export function commerceMlOrdersHead(generatedAt: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<КоммерческаяИнформация xmlns="${COMMERCEML_NAMESPACES[0]}" xmlns:xs="http://www.w3.org/2001/XMLSchema" ` +
    `xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ВерсияСхемы="2.10" ДатаФормирования="${generatedAt}">\n`
  );
}

export const COMMERCEML_ORDERS_TAIL = '</КоммерческаяИнформация>\n';

export function commerceMlDocumentXml(document: CommerceMlOrderDocument): string {
  return documentXml(document, '\n');
}

function orderDocument(order: Order, options: CommerceMlOrderWriteOptions): CommerceMlOrderDocument {
  const { date, time } = localDateTime(orderMoment(order), options.offsetMinutes);
  const customer = orderCustomer(options.store);
  return {
    id: order.id,
    number: order.number,
    date,
    time,
    customer: { id: customer.id, name: customer.name },
    comment: order.comment,
    pricesIncludeVat: order.pricesIncludeVat,
    grossKopecks: order.totals.grossKopecks,
    vatKopecks: order.totals.vatKopecks,
    lines: order.lines.map((line) => ({
      itemId: options.itemIds?.get(line.itemCode) ?? line.itemCode,
      itemCode: line.itemCode,
      barcode: line.barcode,
      name: line.name,
      unit: line.unit,
      priceKopecks: line.priceKopecks,
      quantity: line.quantity,
      amountKopecks: line.amountKopecks,
      vatRate: line.vatRate,
      vatKopecks: line.vatKopecks,
    })),
    requisites: porterOrderRequisites(order, options.store),
  };
}

function documentXml(document: CommerceMlOrderDocument, nl: string): string {
  const requisites = document.requisites
    .map((r) => `<ЗначениеРеквизита>${el('Наименование', r.name)}${el('Значение', r.value)}</ЗначениеРеквизита>${nl}`)
    .join('');
  const included = String(document.pricesIncludeVat);
  return (
    `<Документ>${nl}${el('Ид', document.id)}${nl}${el('Номер', document.number)}${nl}${el('Дата', document.date)}${nl}` +
    `${el('ХозОперация', 'Заказ товара')}${nl}${el('Роль', 'Покупатель')}${nl}${el('Валюта', 'RUB')}${nl}${el('Курс', '1')}${nl}` +
    `${el('Сумма', cmlAmount(document.grossKopecks))}${nl}` +
    `<Контрагенты>${nl}<Контрагент>${nl}${el('Ид', document.customer.id)}${nl}${el('Наименование', document.customer.name)}${nl}` +
    `${el('ОфициальноеНаименование', document.customer.name)}${nl}${el('Роль', 'Покупатель')}${nl}</Контрагент>${nl}</Контрагенты>${nl}` +
    `${el('Время', document.time)}${nl}${el('Комментарий', document.comment)}${nl}` +
    `<Налоги><Налог>${el('Наименование', 'НДС')}${el('УчтеноВСумме', included)}${el('Сумма', cmlAmount(document.vatKopecks))}</Налог></Налоги>${nl}` +
    `<Товары>${nl}${document.lines.map((line) => lineXml(line, document.pricesIncludeVat, nl)).join('')}</Товары>${nl}` +
    `<ЗначенияРеквизитов>${nl}${requisites}</ЗначенияРеквизитов>${nl}</Документ>${nl}`
  );
}

function lineXml(line: CommerceMlOrderLine, pricesIncludeVat: boolean, nl: string): string {
  const code = okeiCode(line.unit);
  const unitAttributes: Record<string, string> =
    code === ''
      ? { НаименованиеПолное: line.unit }
      : {
          Код: code,
          НаименованиеПолное: UNIT_FULL_NAMES[code] ?? line.unit,
          ...(UNIT_INTERNATIONAL[code] ? { МеждународноеСокращение: UNIT_INTERNATIONAL[code] } : {}),
        };
  // 1C's own spelling of the unit: Ид and Код are the OKEI code, when the unit has one.
  const unit1c =
    `<Единица>${code === '' ? '' : el('Ид', code)}${el('НаименованиеКраткое', line.unit)}` +
    `${code === '' ? '' : el('Код', code)}${el('НаименованиеПолное', unitAttributes.НаименованиеПолное ?? line.unit)}</Единица>`;
  const barcodes =
    line.barcode === ''
      ? ''
      : line.barcode
          .split(' ')
          .map((b) => el('Штрихкод', b))
          .join('');
  const rate = line.vatRate === null ? null : line.vatRate === 0 ? 'Без НДС' : String(line.vatRate);
  const taxes =
    rate === null
      ? ''
      : `<СтавкиНалогов><СтавкаНалога>${el('Наименование', 'НДС')}${el('Ставка', rate)}</СтавкаНалога></СтавкиНалогов>${nl}` +
        `<Налоги><Налог>${el('Наименование', 'НДС')}${el('УчтеноВСумме', String(pricesIncludeVat))}` +
        `${el('Сумма', cmlAmount(line.vatKopecks))}${el('Ставка', rate)}</Налог></Налоги>${nl}`;
  const price = cmlAmount(line.priceKopecks);
  return (
    `<Товар>${nl}${el('Ид', line.itemId)}${nl}${barcodes}${el('Артикул', line.itemCode)}${nl}` +
    `${el('Наименование', line.name)}${nl}${el('БазоваяЕдиница', line.unit, unitAttributes)}${nl}` +
    `${unit1c}${nl}${el('Коэффициент', '1')}${nl}${el('Цена', price)}${nl}` +
    `${el('ЦенаЗаЕдиницу', price)}${nl}${el('Количество', String(line.quantity))}${nl}` +
    `${el('Сумма', cmlAmount(line.amountKopecks))}${nl}` +
    taxes +
    `<ЗначенияРеквизитов>${nl}<ЗначениеРеквизита>${el('Наименование', 'ВидНоменклатуры')}${el('Значение', 'Товар')}</ЗначениеРеквизита>${nl}` +
    `<ЗначениеРеквизита>${el('Наименование', 'ТипНоменклатуры')}${el('Значение', 'Товар')}</ЗначениеРеквизита>${nl}</ЗначенияРеквизитов>${nl}` +
    `</Товар>${nl}`
  );
}
