import fs from 'node:fs';
import iconv from 'iconv-lite';
import type { VatRate } from '../../shared/money';
import { ean13, pick, seededRandom } from './random';

/** A kind of product with the variants and sizes it really comes in. */
type Product = [kind: string, variants: string[], sizes: string[]];

interface CategorySpec {
  name: string;
  vatRate: VatRate;
  products: Product[];
  brands: string[];
  unit: string;
  packs: number[];
  /** Price range in rubles. */
  price: [number, number];
}

const CATEGORIES: CategorySpec[] = [
  {
    name: 'Молочная продукция',
    vatRate: 10,
    products: [
      ['Молоко', ['1,5%', '2,5%', '3,2%', '6%'], ['930 мл', '1 л', '1,5 л']],
      ['Кефир', ['1%', '2,5%', '3,2%'], ['450 г', '900 г', '1 л']],
      ['Ряженка', ['2,5%', '4%'], ['450 г', '900 г']],
      ['Сметана', ['15%', '20%', '25%'], ['180 г', '300 г', '400 г']],
      ['Творог', ['0,5%', '5%', '9%'], ['180 г', '200 г', '350 г']],
      ['Йогурт питьевой', ['клубника', 'черника', 'персик'], ['270 г', '290 г']],
      ['Масло сливочное', ['72,5%', '82,5%'], ['180 г', '200 г', '400 г']],
      ['Сыр полутвёрдый', ['Российский', 'Голландский', 'Гауда'], ['200 г', '250 г']],
    ],
    brands: ['Простоквашино', 'Домик в деревне', 'Весёлый молочник', 'Савушкин', 'Вкуснотеево', 'Здравушка'],
    unit: 'шт',
    packs: [1, 6, 10, 12],
    price: [45, 390],
  },
  {
    name: 'Бакалея',
    vatRate: 10,
    products: [
      ['Гречка ядрица', ['высший сорт', 'в пакетиках'], ['400 г', '800 г', '900 г']],
      ['Рис круглозёрный', ['первый сорт', 'шлифованный'], ['800 г', '900 г']],
      ['Макароны спагетти', ['группа А', 'из твёрдых сортов'], ['400 г', '450 г', '500 г']],
      ['Мука пшеничная', ['высший сорт', 'первый сорт'], ['1 кг', '2 кг']],
      ['Сахар-песок', ['ГОСТ', 'экстра'], ['900 г', '1 кг']],
      ['Овсяные хлопья', ['Геркулес', 'Экстра №3'], ['400 г', '500 г']],
      ['Соль поваренная', ['йодированная', 'помол №1'], ['1 кг']],
    ],
    brands: ['Увелка', 'Мистраль', 'Макфа', 'Барилла', 'Националь', 'Агро-Альянс'],
    unit: 'шт',
    packs: [1, 5, 10, 12, 20],
    price: [38, 260],
  },
  {
    name: 'Кондитерские изделия',
    vatRate: 22,
    products: [
      ['Шоколад горький', ['70%', '85%', 'с миндалём'], ['90 г', '100 г']],
      ['Шоколад молочный', ['классический', 'с орехом', 'с изюмом'], ['90 г', '100 г', '200 г']],
      ['Печенье сахарное', ['топлёное молоко', 'классическое'], ['112 г', '250 г']],
      ['Конфеты шоколадные', ['ассорти', 'пралине'], ['200 г', '250 г', '500 г']],
      ['Зефир', ['ванильный', 'в шоколаде'], ['250 г', '300 г']],
      ['Пряники', ['тульские', 'мятные'], ['300 г', '500 г']],
      ['Мёд цветочный', ['натуральный', 'кремовый'], ['250 г', '500 г']],
    ],
    brands: ['Алёнка', 'Бабаевский', 'Красный Октябрь', 'Юбилейное', 'Шарлиз', 'Коломенское'],
    unit: 'шт',
    packs: [1, 10, 12, 20, 24],
    price: [55, 520],
  },
  {
    name: 'Напитки',
    vatRate: 22,
    products: [
      ['Вода минеральная', ['газированная', 'негазированная'], ['0,5 л', '1,5 л']],
      ['Сок яблочный', ['осветлённый', 'с мякотью'], ['0,2 л', '1 л', '2 л']],
      ['Сок томатный', ['с солью', 'без соли'], ['1 л']],
      ['Морс клюквенный', ['классический'], ['1 л']],
      ['Квас', ['хлебный', 'окрошечный'], ['1,5 л', '2 л']],
      ['Лимонад', ['Тархун', 'Дюшес', 'Буратино'], ['0,5 л', '1,5 л']],
    ],
    brands: ['Ессентуки', 'Боржоми', 'Добрый', 'Любимый', 'Очаково', 'Черноголовка'],
    unit: 'шт',
    packs: [6, 8, 12],
    price: [35, 180],
  },
  {
    name: 'Чай и кофе',
    vatRate: 20,
    products: [
      ['Чай чёрный', ['байховый', 'с бергамотом', 'пакетированный 25 шт'], ['75 г', '100 г', '250 г']],
      ['Чай зелёный', ['листовой', 'с жасмином', 'пакетированный 25 шт'], ['75 г', '100 г']],
      ['Кофе молотый', ['арабика', 'для турки'], ['250 г', '500 г']],
      ['Кофе растворимый', ['сублимированный', 'гранулированный'], ['95 г', '190 г']],
      ['Кофе в зёрнах', ['арабика', 'эспрессо'], ['500 г', '1 кг']],
      ['Какао-порошок', ['натуральный'], ['100 г', '250 г']],
    ],
    brands: ['Майский', 'Гринфилд', 'Ахмад', 'Жокей', 'Якобс', 'Золотая чаша'],
    unit: 'шт',
    packs: [1, 6, 12],
    price: [89, 1450],
  },
  {
    name: 'Консервы',
    vatRate: 10,
    products: [
      ['Горошек зелёный', ['мозговых сортов', 'высший сорт'], ['400 г']],
      ['Кукуруза сладкая', ['в зёрнах'], ['340 г', '425 мл']],
      ['Тушёнка говяжья', ['ГОСТ', 'высший сорт'], ['325 г', '338 г']],
      ['Сайра натуральная', ['с добавлением масла'], ['250 г']],
      ['Шпроты в масле', ['из балтийской кильки'], ['160 г', '240 г']],
      ['Фасоль красная', ['в собственном соку'], ['400 г']],
      ['Огурцы маринованные', ['хрустящие', 'корнишоны'], ['680 г', '720 мл']],
    ],
    brands: ['Бондюэль', 'Главпродукт', 'Скатерть-самобранка', 'Дядя Ваня', 'Рыбный день'],
    unit: 'шт',
    packs: [6, 12, 24],
    price: [65, 320],
  },
  {
    name: 'Бытовая химия',
    vatRate: 22,
    products: [
      ['Средство для мытья посуды', ['лимон', 'алоэ вера'], ['450 мл', '900 мл']],
      ['Стиральный порошок', ['автомат', 'для цветного'], ['400 г', '3 кг']],
      ['Гель для стирки', ['универсальный', 'для цветного'], ['1,3 л', '2,6 л']],
      ['Чистящее средство', ['морской бриз', 'универсальное'], ['500 мл', '750 мл']],
      ['Освежитель воздуха', ['ёлочная свежесть', 'лаванда'], ['300 мл']],
      ['Кондиционер для белья', ['свежесть утра'], ['1 л', '2 л']],
    ],
    brands: ['Фейри', 'Миф', 'Лоск', 'Пемолюкс', 'Чистая линия', 'Ушастый нянь'],
    unit: 'шт',
    packs: [1, 4, 6, 12],
    price: [79, 890],
  },
  {
    name: 'Новогодние товары',
    vatRate: 22,
    products: [
      ['Ёлка искусственная', ['зелёная', 'заснеженная'], ['60 см', '120 см', '180 см']],
      ['Ёлочные игрушки', ['шары стекло, набор 6 шт', 'шары пластик, набор 12 шт'], ['6 см', '8 см']],
      ['Гирлянда светодиодная', ['тёплый белый', 'разноцветная'], ['5 м', '10 м']],
      ['Мишура', ['серебристая', 'золотая'], ['2 м']],
      ['Хлопушка', ['с конфетти'], ['30 см']],
    ],
    brands: ['Зимняя сказка', 'Снегурочка', 'Северное сияние'],
    unit: 'шт',
    packs: [1, 6, 12],
    price: [49, 4900],
  },
  {
    name: 'Овощи и фрукты',
    vatRate: 10,
    products: [
      ['Картофель', ['мытый', 'молодой'], ['сетка 2,5 кг', 'сетка 5 кг']],
      ['Морковь', ['мытая'], ['1 кг']],
      ['Лук репчатый', ['золотистый', 'красный'], ['1 кг', 'сетка 5 кг']],
      ['Яблоки', ['Голден', 'Гренни Смит', 'Симиренко'], ['1 кг']],
      ['Бананы', ['спелые'], ['1 кг']],
      ['Томаты', ['розовые', 'черри'], ['1 кг', '250 г']],
    ],
    brands: ['Краснодар', 'Астрахань', 'Эквадор', 'Подмосковье'],
    unit: 'кг',
    packs: [1, 5, 10],
    price: [39, 290],
  },
  {
    name: 'Хлеб и выпечка',
    vatRate: 10,
    products: [
      ['Хлеб Бородинский', ['нарезка'], ['300 г', '400 г']],
      ['Батон нарезной', ['в упаковке'], ['350 г', '400 г']],
      ['Лаваш армянский', ['тонкий'], ['250 г']],
      ['Сушки', ['ванильные', 'с маком'], ['200 г', '500 г']],
      ['Сухари', ['ржаные', 'сливочные'], ['200 г']],
    ],
    brands: ['Хлебозавод №1', 'Черёмушки', 'Коломенское', 'Пеко'],
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
  /** Written as "более N": stock is a lower bound. */
  stockAtLeast?: boolean;
  category: string;
}

export interface GenerateOptions {
  /** Share of items (0–1) whose stock the list writes as "более 100" rather than a number above 100. */
  stockAtLeastShare?: number;
}

/** Deterministic Russian price-list items; consecutive items share a category (as in a real list). */
export function* generateItems(count: number, seed = 1, options: GenerateOptions = {}): Generator<GeneratedItem> {
  const random = seededRandom(seed);
  // A stream of its own: lists generated without the option stay exactly as they were.
  const atLeastRandom = seededRandom(seed ^ 0x5eed);
  const atLeastShare = options.stockAtLeastShare ?? 0;
  const perCategory = Math.ceil(count / CATEGORIES.length);
  for (let i = 0; i < count; i++) {
    const spec = CATEGORIES[Math.min(CATEGORIES.length - 1, Math.floor(i / perCategory))]!;
    const [kind, variants, sizes] = pick(random, spec.products);
    const pack = pick(random, spec.packs);
    const rubles = spec.price[0] + random() * (spec.price[1] - spec.price[0]);
    const item: GeneratedItem = {
      code: String(100000 + i).padStart(8, '0'),
      name: `${kind} «${pick(random, spec.brands)}» ${pick(random, variants)} ${pick(random, sizes)}`,
      barcode: ean13(`46${String(10_000_000_000 + i * 7 + Math.floor(random() * 7)).slice(1)}`),
      unit: spec.unit,
      packMultiple: pack,
      minOrderQuantity: random() < 0.15 ? pack * 2 : 0,
      priceKopecks: Math.round(rubles * 100),
      vatRate: spec.vatRate,
      stock: random() < 0.07 ? 0 : Math.floor(random() * 500) * pack,
      category: spec.name,
    };
    if (atLeastShare > 0 && atLeastRandom() < atLeastShare && item.stock > 100) {
      item.stock = 100;
      item.stockAtLeast = true;
    }
    yield item;
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
      item.stockAtLeast ? `более ${item.stock}` : String(item.stock),
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
