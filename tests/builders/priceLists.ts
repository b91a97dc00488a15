import fs from 'node:fs';
import iconv from 'iconv-lite';
import type { VatRate } from '../../shared/money';
import { ean13, pick, seededRandom } from './random';

interface CategorySpec {
  name: string;
  vatRate: VatRate;
  kinds: string[];
  brands: string[];
  variants: string[];
  sizes: string[];
  unit: string;
  packs: number[];
  /** Price range in rubles. */
  price: [number, number];
}

const CATEGORIES: CategorySpec[] = [
  {
    name: 'Молочная продукция',
    vatRate: 10,
    kinds: ['Молоко', 'Кефир', 'Ряженка', 'Сметана', 'Творог', 'Йогурт питьевой', 'Масло сливочное', 'Сыр полутвёрдый'],
    brands: ['Простоквашино', 'Домик в деревне', 'Весёлый молочник', 'Савушкин', 'Вкуснотеево', 'Здравушка'],
    variants: ['1,5%', '2,5%', '3,2%', '5%', '15%', '20%', '82,5%'],
    sizes: ['180 г', '200 г', '400 г', '900 мл', '930 мл', '1 л'],
    unit: 'шт',
    packs: [1, 6, 10, 12],
    price: [45, 390],
  },
  {
    name: 'Бакалея',
    vatRate: 10,
    kinds: [
      'Гречка ядрица',
      'Рис круглозёрный',
      'Макароны спагетти',
      'Мука пшеничная',
      'Сахар-песок',
      'Овсяные хлопья',
      'Пшено шлифованное',
      'Соль поваренная',
    ],
    brands: ['Увелка', 'Мистраль', 'Макфа', 'Барилла', 'Националь', 'Агро-Альянс'],
    variants: ['высший сорт', 'первый сорт', 'в пакетиках', 'экстра'],
    sizes: ['400 г', '500 г', '800 г', '900 г', '1 кг', '2 кг'],
    unit: 'шт',
    packs: [1, 5, 10, 12, 20],
    price: [38, 260],
  },
  {
    name: 'Кондитерские изделия',
    vatRate: 22,
    kinds: [
      'Шоколад горький',
      'Шоколад молочный',
      'Печенье сахарное',
      'Конфеты шоколадные',
      'Зефир ванильный',
      'Пряники',
      'Вафли',
      'Мёд цветочный',
    ],
    brands: ['Алёнка', 'Бабаевский', 'Красный Октябрь', 'Юбилейное', 'Шарлиз', 'Коломенское'],
    variants: ['70%', 'с орехом', 'с изюмом', 'классические', 'глазированные'],
    sizes: ['90 г', '100 г', '200 г', '250 г', '500 г'],
    unit: 'шт',
    packs: [1, 10, 12, 20, 24],
    price: [55, 520],
  },
  {
    name: 'Напитки',
    vatRate: 22,
    kinds: ['Вода минеральная', 'Сок яблочный', 'Сок томатный', 'Морс клюквенный', 'Квас', 'Лимонад', 'Чай холодный'],
    brands: ['Ессентуки', 'Боржоми', 'Добрый', 'Любимый', 'Очаково', 'Черноголовка'],
    variants: ['газированная', 'негазированная', 'осветлённый', 'с мякотью', 'классический'],
    sizes: ['0,5 л', '1 л', '1,5 л', '2 л'],
    unit: 'шт',
    packs: [6, 8, 12],
    price: [35, 180],
  },
  {
    name: 'Чай и кофе',
    vatRate: 20,
    kinds: ['Чай чёрный', 'Чай зелёный', 'Кофе молотый', 'Кофе растворимый', 'Кофе в зёрнах', 'Какао-порошок'],
    brands: ['Майский', 'Гринфилд', 'Ахмад', 'Жокей', 'Московская кофейня на паяхъ', 'Якобс'],
    variants: ['байховый', 'с бергамотом', 'пакетированный 25 шт', 'арабика', 'сублимированный'],
    sizes: ['75 г', '100 г', '250 г', '500 г', '1 кг'],
    unit: 'шт',
    packs: [1, 6, 12],
    price: [89, 1450],
  },
  {
    name: 'Консервы',
    vatRate: 10,
    kinds: [
      'Горошек зелёный',
      'Кукуруза сладкая',
      'Тушёнка говяжья',
      'Сайра натуральная',
      'Шпроты в масле',
      'Фасоль красная',
      'Огурцы маринованные',
    ],
    brands: ['Бондюэль', 'Главпродукт', 'Скатерть-самобранка', 'Дядя Ваня', 'Рыбный день'],
    variants: ['ГОСТ', 'высший сорт', 'в собственном соку', 'отборные'],
    sizes: ['240 г', '325 г', '400 г', '680 г'],
    unit: 'шт',
    packs: [6, 12, 24],
    price: [65, 320],
  },
  {
    name: 'Бытовая химия',
    vatRate: 22,
    kinds: [
      'Средство для мытья посуды',
      'Стиральный порошок',
      'Гель для стирки',
      'Чистящее средство',
      'Освежитель воздуха',
      'Кондиционер для белья',
    ],
    brands: ['Фейри', 'Миф', 'Лоск', 'Пемолюкс', 'Чистая линия', 'Ушастый нянь'],
    variants: ['лимон', 'морской бриз', 'для цветного', 'универсальный', 'ёлочная свежесть'],
    sizes: ['450 мл', '500 мл', '900 г', '1,3 л', '3 кг'],
    unit: 'шт',
    packs: [1, 4, 6, 12],
    price: [79, 890],
  },
  {
    name: 'Новогодние товары',
    vatRate: 22,
    kinds: ['Ёлка искусственная', 'Ёлочные игрушки', 'Гирлянда светодиодная', 'Мишура', 'Хлопушка'],
    brands: ['Зимняя сказка', 'Снегурочка', 'Северное сияние'],
    variants: ['зелёная', 'серебристая', 'набор 6 шт', 'разноцветная'],
    sizes: ['60 см', '120 см', '180 см', '5 м', '10 м'],
    unit: 'шт',
    packs: [1, 6, 12],
    price: [49, 4900],
  },
  {
    name: 'Овощи и фрукты',
    vatRate: 10,
    kinds: ['Картофель', 'Морковь', 'Лук репчатый', 'Яблоки', 'Бананы', 'Огурцы', 'Томаты', 'Апельсины'],
    brands: ['Краснодар', 'Астрахань', 'Эквадор', 'Турция', 'Подмосковье'],
    variants: ['мытый', 'отборные', 'красные', 'сетка', 'весовой'],
    sizes: ['1 кг', '2,5 кг', '5 кг', '10 кг'],
    unit: 'кг',
    packs: [1, 5, 10],
    price: [39, 290],
  },
  {
    name: 'Хлеб и выпечка',
    vatRate: 10,
    kinds: ['Хлеб Бородинский', 'Батон нарезной', 'Лаваш армянский', 'Сушки', 'Сухари'],
    brands: ['Хлебозавод №1', 'Черёмушки', 'Коломенское', 'Пеко'],
    variants: ['нарезка', 'с изюмом', 'ванильные', 'ржаные'],
    sizes: ['200 г', '300 г', '400 г', '500 г'],
    unit: 'шт',
    packs: [1, 10, 20],
    price: [29, 150],
  },
];

export interface GeneratedItem {
  code: string;
  name: string;
  barcode: string;
  unit: string;
  packMultiple: number;
  minOrderQuantity: number;
  priceKopecks: number;
  vatRate: VatRate;
  stock: number;
  category: string;
}

/** Deterministic Russian price-list items; consecutive items share a category (as in a real list). */
export function* generateItems(count: number, seed = 1): Generator<GeneratedItem> {
  const random = seededRandom(seed);
  const perCategory = Math.ceil(count / CATEGORIES.length);
  for (let i = 0; i < count; i++) {
    const spec = CATEGORIES[Math.min(CATEGORIES.length - 1, Math.floor(i / perCategory))]!;
    const pack = pick(random, spec.packs);
    const rubles = spec.price[0] + random() * (spec.price[1] - spec.price[0]);
    yield {
      code: String(100000 + i).padStart(8, '0'),
      name: `${pick(random, spec.kinds)} ${pick(random, spec.brands)} ${pick(random, spec.variants)} ${pick(random, spec.sizes)}`,
      barcode: ean13(`46${String(10_000_000_000 + i * 7 + Math.floor(random() * 7)).slice(1)}`),
      unit: spec.unit,
      packMultiple: pack,
      minOrderQuantity: random() < 0.15 ? pack * 2 : 0,
      priceKopecks: Math.round(rubles * 100),
      vatRate: spec.vatRate,
      stock: random() < 0.07 ? 0 : Math.floor(random() * 500) * pack,
      category: spec.name,
    };
  }
}

export interface CsvLayout {
  delimiter: ';' | ',' | '\t';
  encoding: 'utf-8' | 'windows-1251';
  bom: boolean;
  decimalComma: boolean;
  /** Letterhead lines before the header (the header is then on row letterhead + 1). */
  letterhead: string[];
  /** Category heading rows between items instead of a category column. */
  categoryRows: boolean;
}

export const DEFAULT_LAYOUT: CsvLayout = {
  delimiter: ';',
  encoding: 'utf-8',
  bom: true,
  decimalComma: true,
  letterhead: [],
  categoryRows: false,
};

const HEADINGS = ['Код', 'Наименование', 'Штрихкод', 'Ед.', 'Кратность', 'Мин. заказ', 'Цена', 'Остаток', 'НДС', 'Группа'];

export function csvCell(value: string, delimiter: string): string {
  return /["\r\n]/.test(value) || value.includes(delimiter) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function formatPrice(kopecks: number, decimalComma: boolean): string {
  const text = `${Math.floor(kopecks / 100)}.${String(kopecks % 100).padStart(2, '0')}`;
  return decimalComma ? text.replace('.', ',') : text;
}

/** The CSV lines of a price list (without line ends), in the given layout. */
export function* priceListCsvLines(items: Iterable<GeneratedItem>, layout: CsvLayout): Generator<string> {
  const d = layout.delimiter;
  yield* layout.letterhead;
  const headings = layout.categoryRows ? HEADINGS.slice(0, -1) : HEADINGS;
  yield headings.join(d);
  let category = '';
  for (const item of items) {
    if (layout.categoryRows && item.category !== category) {
      category = item.category;
      yield csvCell(category, d) + d.repeat(headings.length - 1);
    }
    const cells = [
      item.code,
      item.name,
      item.barcode,
      item.unit,
      String(item.packMultiple),
      String(item.minOrderQuantity),
      formatPrice(item.priceKopecks, layout.decimalComma),
      String(item.stock),
      `${item.vatRate}%`,
    ];
    if (!layout.categoryRows) cells.push(item.category);
    yield cells.map((c) => csvCell(c, d)).join(d);
  }
}

/** Writes a price list CSV file in bounded memory (a million rows stream through). */
export async function writePriceListCsv(file: string, items: Iterable<GeneratedItem>, layout: Partial<CsvLayout> = {}): Promise<void> {
  const full = { ...DEFAULT_LAYOUT, ...layout };
  const out = fs.createWriteStream(file);
  const encode = (text: string): Buffer => (full.encoding === 'utf-8' ? Buffer.from(text, 'utf8') : iconv.encode(text, 'win1251'));
  if (full.bom && full.encoding === 'utf-8') out.write(Buffer.from([0xef, 0xbb, 0xbf]));
  let chunk: string[] = [];
  for (const line of priceListCsvLines(items, full)) {
    chunk.push(line);
    if (chunk.length >= 5000) {
      if (!out.write(encode(chunk.join('\r\n') + '\r\n'))) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      chunk = [];
    }
  }
  out.write(encode(chunk.join('\r\n') + (chunk.length ? '\r\n' : '')));
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}
