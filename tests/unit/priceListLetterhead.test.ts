import { describe, expect, it } from 'vitest';
import { letterheadOf, readLetterhead } from '../../electron/core/catalog/letterhead';

describe('letterhead of a price list: supplier and minimum order sum', () => {
  it.each([
    {
      what: "1C's letterhead: organisation, tax number, phone, title, sum with kopecks",
      lines: [
        'ООО «Северный оптовик»',
        'ИНН 7701234567, г. Москва, ул. Складская, 1',
        'Тел.: +7 (495) 123-45-67',
        'ПРАЙС-ЛИСТ на 01.12.2026',
        'Цены указаны в рублях с НДС',
        'Минимальная сумма заказа 5 000,00 руб.',
      ],
      supplierName: 'ООО «Северный оптовик»',
      minOrderKopecks: 500_000,
    },
    {
      what: 'the title names the supplier; the sum in ₽ with a space between thousands',
      lines: [
        'Прайс-лист ООО «Северный оптовик»',
        'Цены указаны с НДС, в рублях. Действителен с 01.12.2026',
        'Минимальная сумма заказа: 15 000 ₽',
      ],
      supplierName: 'ООО «Северный оптовик»',
      minOrderKopecks: 1_500_000,
    },
    {
      what: 'straight quotes, a dash and "от", "р."',
      lines: ['ЗАО "Ромашка" — прайс-лист на декабрь', 'Мин. сумма заказа — от 3 000 р.'],
      supplierName: 'ЗАО "Ромашка"',
      minOrderKopecks: 300_000,
    },
    {
      what: 'a sole trader, and "рублей" after a no-break space',
      lines: ['ИП Петров А. В.', 'Сумма минимального заказа 7\u00a0500 рублей'],
      supplierName: 'ИП Петров А. В.',
      minOrderKopecks: 750_000,
    },
    {
      what: 'the legal form written out, a narrow no-break space',
      lines: ['Общество с ограниченной ответственностью «Вектор-Юг»', 'Минимальный заказ: 10\u202f000 руб.'],
      supplierName: 'Общество с ограниченной ответственностью «Вектор-Юг»',
      minOrderKopecks: 1_000_000,
    },
    {
      what: 'English: a quoted name with LLC, a decimal point',
      lines: ['"Northern Wholesale" LLC', 'Price list as of 12/01/2026', 'Minimum order: 5000.00'],
      supplierName: '"Northern Wholesale" LLC',
      minOrderKopecks: 500_000,
    },
    {
      what: 'English: a name without quotes after the title, the currency first, thousands with commas',
      lines: ['Price list Northern Wholesale LLC, 1 Dock Road', 'Minimum order amount: RUB 12,500.50'],
      supplierName: 'Northern Wholesale LLC',
      minOrderKopecks: 1_250_050,
    },
    {
      what: 'Latin look-alike "OOO"',
      lines: ['OOO "Vector"'],
      supplierName: 'OOO "Vector"',
      minOrderKopecks: null,
    },
    {
      what: 'no legal form: the first line that names something besides the title and the date',
      lines: ['ПРАЙС-ЛИСТ на 01.12.2026', 'Торговая компания Вектор', 'Тел. 8-800-000-00-00'],
      supplierName: 'Торговая компания Вектор',
      minOrderKopecks: null,
    },
    {
      what: 'no legal form, the name in the title line',
      lines: ['Прайс-лист «Молочный двор»'],
      supplierName: '«Молочный двор»',
      minOrderKopecks: null,
    },
    {
      what: 'the sum in the row below its label',
      lines: ['ПРАЙС-ЛИСТ', 'Минимальная сумма заказа:', '10 000,00'],
      supplierName: '',
      minOrderKopecks: 1_000_000,
    },
    {
      what: 'a minimum order in packs is a quantity, not a sum',
      lines: ['Прайс-лист на 01.12.2026', 'Минимальный заказ 10 упаковок', 'Minimum order: 3 cases'],
      supplierName: '',
      minOrderKopecks: null,
    },
    {
      what: 'only a title, a date and terms',
      lines: ['ПРАЙС-ЛИСТ на 01.12.2026', 'Цены указаны в рублях с НДС'],
      supplierName: '',
      minOrderKopecks: null,
    },
    { what: 'no letterhead at all', lines: [], supplierName: '', minOrderKopecks: null },
  ])('$what', ({ lines, supplierName, minOrderKopecks }) => {
    expect(readLetterhead(lines)).toEqual({ supplierName, minOrderKopecks });
  });

  it('reads rows above the header only, with a line spread over several cells', () => {
    const rows = [
      { row: 1, cells: ['Прайс-лист', '', 'ООО «Ромашка»', ''] },
      { row: 2, cells: ['', '', '', ''] },
      { row: 3, cells: ['Минимальная сумма заказа', '', '15 000 ₽', ''] },
      { row: 4, cells: ['Код', 'Наименование', 'Цена', 'Остаток'] },
      { row: 5, cells: ['Минимальная сумма заказа 99 руб.', '', '', ''] },
    ];
    expect(letterheadOf(rows, 4)).toEqual({ supplierName: 'ООО «Ромашка»', minOrderKopecks: 1_500_000 });
    expect(letterheadOf(rows, 1)).toEqual({ supplierName: '', minOrderKopecks: null });
  });
});
