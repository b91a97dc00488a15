import type { Order, OrderLine, StoreProfile } from '../../../../shared/domain';
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
  const nl = '\n';
  const documents = orders.map((order) => documentXml(order, options, nl)).join('');
  return (
    `<?xml version="1.0" encoding="UTF-8"?>${nl}` +
    `<КоммерческаяИнформация xmlns="${COMMERCEML_NAMESPACES[0]}" xmlns:xs="http://www.w3.org/2001/XMLSchema" ` +
    `xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ВерсияСхемы="2.10" ДатаФормирования="${options.generatedAt}">${nl}` +
    documents +
    `</КоммерческаяИнформация>${nl}`
  );
}

function documentXml(order: Order, options: CommerceMlOrderWriteOptions, nl: string): string {
  const { date, time } = localDateTime(orderMoment(order), options.offsetMinutes);
  const customer = orderCustomer(options.store);
  const requisites = porterOrderRequisites(order, options.store)
    .map((r) => `<ЗначениеРеквизита>${el('Наименование', r.name)}${el('Значение', r.value)}</ЗначениеРеквизита>${nl}`)
    .join('');
  const included = String(order.pricesIncludeVat);
  return (
    `<Документ>${nl}${el('Ид', order.id)}${nl}${el('Номер', order.number)}${nl}${el('Дата', date)}${nl}` +
    `${el('ХозОперация', 'Заказ товара')}${nl}${el('Роль', 'Покупатель')}${nl}${el('Валюта', 'RUB')}${nl}${el('Курс', '1')}${nl}` +
    `${el('Сумма', cmlAmount(order.totals.grossKopecks))}${nl}` +
    `<Контрагенты>${nl}<Контрагент>${nl}${el('Ид', customer.id)}${nl}${el('Наименование', customer.name)}${nl}` +
    `${el('ОфициальноеНаименование', customer.name)}${nl}${el('Роль', 'Покупатель')}${nl}</Контрагент>${nl}</Контрагенты>${nl}` +
    `${el('Время', time)}${nl}${el('Комментарий', order.comment)}${nl}` +
    `<Налоги><Налог>${el('Наименование', 'НДС')}${el('УчтеноВСумме', included)}${el('Сумма', cmlAmount(order.totals.vatKopecks))}</Налог></Налоги>${nl}` +
    `<Товары>${nl}${order.lines.map((line) => lineXml(line, order.pricesIncludeVat, options.itemIds, nl)).join('')}</Товары>${nl}` +
    `<ЗначенияРеквизитов>${nl}${requisites}</ЗначенияРеквизитов>${nl}</Документ>${nl}`
  );
}

function lineXml(line: OrderLine, pricesIncludeVat: boolean, itemIds: ReadonlyMap<string, string> | undefined, nl: string): string {
  const code = okeiCode(line.unit);
  const unitAttributes: Record<string, string> =
    code === ''
      ? { НаименованиеПолное: line.unit }
      : {
          Код: code,
          НаименованиеПолное: UNIT_FULL_NAMES[code] ?? line.unit,
          ...(UNIT_INTERNATIONAL[code] ? { МеждународноеСокращение: UNIT_INTERNATIONAL[code] } : {}),
        };
  const barcodes =
    line.barcode === ''
      ? ''
      : line.barcode
          .split(' ')
          .map((b) => el('Штрихкод', b))
          .join('');
  const rate = line.vatRate === 0 ? 'Без НДС' : String(line.vatRate);
  return (
    `<Товар>${nl}${el('Ид', itemIds?.get(line.itemCode) ?? line.itemCode)}${nl}${barcodes}${el('Артикул', line.itemCode)}${nl}` +
    `${el('Наименование', line.name)}${nl}${el('БазоваяЕдиница', line.unit, unitAttributes)}${nl}` +
    `${el('ЦенаЗаЕдиницу', cmlAmount(line.priceKopecks))}${nl}${el('Количество', String(line.quantity))}${nl}` +
    `${el('Сумма', cmlAmount(line.amountKopecks))}${nl}` +
    `<СтавкиНалогов><СтавкаНалога>${el('Наименование', 'НДС')}${el('Ставка', rate)}</СтавкаНалога></СтавкиНалогов>${nl}` +
    `<Налоги><Налог>${el('Наименование', 'НДС')}${el('УчтеноВСумме', String(pricesIncludeVat))}` +
    `${el('Сумма', cmlAmount(line.vatKopecks))}${el('Ставка', rate)}</Налог></Налоги>${nl}` +
    `<ЗначенияРеквизитов>${nl}<ЗначениеРеквизита>${el('Наименование', 'ВидНоменклатуры')}${el('Значение', 'Товар')}</ЗначениеРеквизита>${nl}` +
    `<ЗначениеРеквизита>${el('Наименование', 'ТипНоменклатуры')}${el('Значение', 'Товар')}</ЗначениеРеквизита>${nl}</ЗначенияРеквизитов>${nl}` +
    `</Товар>${nl}`
  );
}
