import { formatMoney } from '../../../../shared/money';
import type { PorterPriceList, PorterPriceListItem } from '../../../../shared/exchange';
import { xmlElement as el } from '../xml/xmlWriter';
import { cmlAmount, okeiCode } from './values';

export const COMMERCEML_NAMESPACES = ['urn:1C.ru:commerceml_2', 'urn:1C.ru:commerceml_208', 'urn:1C.ru:commerceml_210'] as const;

export interface CommerceMlPriceListWriteOptions {
  /** ВерсияСхемы; 2.10 unless told. */
  schemaVersion?: string;
  /** The default namespace, or null for none (1C-Bitrix writes none). */
  namespace?: string | null;
  /** The encoding the declaration names; the caller encodes the text accordingly. */
  declaredEncoding?: string;
  /** ДатаФормирования, YYYY-MM-DDTHH:MM:SS. */
  generatedAt: string;
  /**
   * Further price types, each priced per item (for stores on other price types): null leaves the item without
   * a price of that type; pricesIncludeVat is the list's unless told.
   */
  otherPriceTypes?: { id: string; name: string; pricesIncludeVat?: boolean; priceOf(item: PorterPriceListItem): number | null }[];
  lineEnding?: '\n' | '\r\n';
}

export interface CommerceMlPriceListHeader extends Omit<PorterPriceList, 'items'> {
  items: Iterable<PorterPriceListItem>;
}

const NDS = 'НДС';

/** The offer and product Ид of an item: its code, with '#' (CommerceML's characteristic separator) escaped. */
export function commerceMlItemId(item: Pick<PorterPriceListItem, 'code'>): string {
  return item.code.replace(/%/g, '%25').replace(/#/g, '%23');
}

/** The price type's Ид as this writer writes it. */
export function commerceMlPriceTypeId(priceList: Pick<PorterPriceList, 'id'>): string {
  return `${priceList.id}-price`;
}

/**
 * A price list as CommerceML 2.x import.xml, the way 1C:UT writes it (classifier with nested groups,
 * then the catalog), streamed as text chunks so a 200,000-item list never is one string. The code
 * goes in Артикул (what Porter's reader takes as the code) and, '#' escaped, in Ид.
 */
export function* commerceMlImportXml(priceList: CommerceMlPriceListHeader, options: CommerceMlPriceListWriteOptions): Generator<string> {
  const nl = options.lineEnding ?? '\n';
  yield prolog(options, nl);
  yield `<Классификатор>${nl}${el('Ид', priceList.id)}${nl}${el('Наименование', 'Классификатор')}${nl}${owner(priceList)}${nl}`;
  yield groupsXml(priceList.categories, nl);
  yield `</Классификатор>${nl}<Каталог СодержитТолькоИзменения="false">${nl}`;
  yield `${el('Ид', priceList.id)}${el('ИдКлассификатора', priceList.id)}${el('Наименование', 'Каталог товаров')}${nl}${owner(priceList)}${nl}<Товары>${nl}`;
  let chunk = '';
  for (const item of priceList.items) {
    chunk += productXml(item, nl);
    if (chunk.length > 1 << 16) {
      yield chunk;
      chunk = '';
    }
  }
  yield `${chunk}</Товары>${nl}</Каталог>${nl}</КоммерческаяИнформация>${nl}`;
}

/** The matching offers.xml: price types, then one offer per item with its price and stock (Количество). */
export function* commerceMlOffersXml(priceList: CommerceMlPriceListHeader, options: CommerceMlPriceListWriteOptions): Generator<string> {
  const nl = options.lineEnding ?? '\n';
  const mainType: { id: string; name: string; pricesIncludeVat?: boolean } = {
    id: commerceMlPriceTypeId(priceList),
    name: priceList.priceType || 'Оптовая',
  };
  const others = options.otherPriceTypes ?? [];
  yield prolog(options, nl);
  yield `<ПакетПредложений СодержитТолькоИзменения="false">${nl}${el('Ид', `${priceList.id}#`)}${el('Наименование', 'Пакет предложений')}`;
  yield `${el('ИдКаталога', priceList.id)}${el('ИдКлассификатора', priceList.id)}${nl}${owner(priceList)}${nl}<ТипыЦен>${nl}`;
  for (const type of [mainType, ...others]) {
    yield `<ТипЦены>${el('Ид', type.id)}${el('Наименование', type.name)}${el('Валюта', 'RUB')}<Налог>${el('Наименование', NDS)}${el(
      'УчтеноВСумме',
      String(type.pricesIncludeVat ?? priceList.pricesIncludeVat),
    )}</Налог></ТипЦены>${nl}`;
  }
  yield `</ТипыЦен>${nl}<Предложения>${nl}`;
  let chunk = '';
  for (const item of priceList.items) {
    const prices = [
      priceXml(mainType.id, item.priceKopecks, item.unit),
      ...others.map((type) => {
        const kopecks = type.priceOf(item);
        return kopecks === null ? '' : priceXml(type.id, kopecks, item.unit);
      }),
    ].join('');
    chunk +=
      `<Предложение>${nl}${el('Ид', commerceMlItemId(item))}${el('Артикул', item.code)}${el('Наименование', item.name)}${nl}` +
      `${unitXml(item.unit)}${nl}<Цены>${prices}</Цены>${nl}` +
      (item.stock === null ? '' : `${el('Количество', String(item.stock))}${nl}`) +
      `</Предложение>${nl}`;
    if (chunk.length > 1 << 16) {
      yield chunk;
      chunk = '';
    }
  }
  yield `${chunk}</Предложения>${nl}</ПакетПредложений>${nl}</КоммерческаяИнформация>${nl}`;
}

function prolog(options: CommerceMlPriceListWriteOptions, nl: string): string {
  const namespace = options.namespace === undefined ? COMMERCEML_NAMESPACES[0] : options.namespace;
  const xmlns = namespace === null ? '' : ` xmlns="${namespace}" xmlns:xs="http://www.w3.org/2001/XMLSchema"`;
  return (
    `<?xml version="1.0" encoding="${options.declaredEncoding ?? 'UTF-8'}"?>${nl}` +
    `<КоммерческаяИнформация${xmlns} ВерсияСхемы="${options.schemaVersion ?? '2.10'}" ДатаФормирования="${options.generatedAt}">${nl}`
  );
}

function owner(priceList: Pick<PorterPriceList, 'id' | 'supplierName'>): string {
  return `<Владелец>${el('Ид', `${priceList.id}-owner`)}${el('Наименование', priceList.supplierName)}</Владелец>`;
}

function groupsXml(categories: PorterPriceList['categories'], nl: string): string {
  if (categories.length === 0) return '';
  const children = new Map<string | null, PorterPriceList['categories']>();
  const known = new Set(categories.map((c) => c.id));
  for (const category of categories) {
    const parent = category.parentId !== null && known.has(category.parentId) ? category.parentId : null;
    const list = children.get(parent) ?? [];
    list.push(category);
    children.set(parent, list);
  }
  const write = (parent: string | null): string => {
    const list = children.get(parent);
    if (!list) return '';
    const groups = list.map((c) => `<Группа>${el('Ид', c.id)}${el('Наименование', c.name)}${write(c.id)}</Группа>${nl}`).join('');
    return `<Группы>${nl}${groups}</Группы>`;
  };
  return `${write(null)}${nl}`;
}

function productXml(item: PorterPriceListItem, nl: string): string {
  const barcodes =
    item.barcode === ''
      ? ''
      : item.barcode
          .split(' ')
          .map((b) => el('Штрихкод', b))
          .join('');
  const requisites = [
    ...(item.packMultiple !== 1 ? [['Кратность', String(item.packMultiple)]] : []),
    ...(item.minOrderQuantity !== 0 ? [['Минимальный заказ', String(item.minOrderQuantity)]] : []),
  ]
    .map(([name, value]) => `<ЗначениеРеквизита>${el('Наименование', name!)}${el('Значение', value!)}</ЗначениеРеквизита>`)
    .join('');
  return (
    `<Товар>${nl}${el('Ид', commerceMlItemId(item))}${barcodes}${el('Артикул', item.code)}${nl}${el('Наименование', item.name)}${nl}` +
    `${unitXml(item.unit)}${nl}` +
    (item.categoryId === null ? '' : `<Группы>${el('Ид', item.categoryId)}</Группы>${nl}`) +
    `<СтавкиНалогов><СтавкаНалога>${el('Наименование', NDS)}${el('Ставка', item.vatRate === 0 ? 'Без НДС' : String(item.vatRate))}</СтавкаНалога></СтавкиНалогов>${nl}` +
    (requisites === '' ? '' : `<ЗначенияРеквизитов>${requisites}</ЗначенияРеквизитов>${nl}`) +
    `</Товар>${nl}`
  );
}

function unitXml(unit: string): string {
  const code = okeiCode(unit);
  return el('БазоваяЕдиница', unit, code === '' ? { НаименованиеПолное: unit } : { Код: code, НаименованиеПолное: unit });
}

function priceXml(priceTypeId: string, kopecks: number, unit: string): string {
  const amount = cmlAmount(kopecks);
  return (
    `<Цена>${el('Представление', `${formatMoney(kopecks)} RUB за ${unit}`)}${el('ИдТипаЦены', priceTypeId)}` +
    `${el('ЦенаЗаЕдиницу', amount)}${el('Валюта', 'RUB')}${el('Единица', unit)}${el('Коэффициент', '1')}</Цена>`
  );
}
