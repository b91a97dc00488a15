import {
  DEMO_GAP_CATEGORY,
  DEMO_GAP_STORE,
  DEMO_LAPSING_STORE,
  DEMO_OVERDUE_STORE,
  DEMO_STOPPED_ITEMS_STORE,
  ORDER_COLUMNS,
  STORE_COLUMNS,
  WEEKDAY_NAMES,
  type DemoHistory,
  type DemoOrder,
  type DemoOrderLine,
  type DemoStore,
} from '../../electron/core/insights/demoHistory';
import { dateOfDay, dayNumber, weekdayOfDay } from '../../shared/insights/history';
import type { GeneratedItem } from './priceLists';
import { pick, seededRandom } from './random';

/**
 * A deterministic order history of stores buying from the demo price list: each store has a format
 * (a cluster of stores that buy alike), a rhythm (weekly on a set weekday, twice a week, fortnightly,
 * monthly on a day of the month), its own range (the format's core items plus a few of its own), and
 * each order takes each item of the range with the item's own probability, in a quantity worth a
 * typical line value, rounded to the pack multiple. Around the rhythm: no orders from 31 December to
 * 8 January, a skipped order now and then, an order a day early or late, one-off top-up orders a day
 * or two after a regular one. Seasons: New Year goods only from mid-November to the end of December
 * (peak in December), drinks five times their winter quantity in July, sweets more in December.
 * The stores of electron/core/insights/demoHistory.ts (overdue, lapsing, gap, stopped items) are
 * built on purpose; besides them, a few stores lapse more gently, now and then one misses its last
 * weekly order, and some are new (their first order late in the year, or only weeks ago).
 */

export interface DemoHistoryOptions {
  stores: number;
  /** First and last possible order day, YYYY-MM-DD. */
  from: string;
  to: string;
  seed?: number;
}

type Rhythm =
  | { kind: 'weekly'; weekday: number }
  | { kind: 'twiceWeekly'; weekdays: [number, number] }
  | { kind: 'fortnightly'; weekday: number; parity: number }
  | { kind: 'monthly'; dayOfMonth: number };

interface RangeItem {
  item: GeneratedItem;
  /** Chance the item is in an order. */
  chance: number;
  /** Usual quantity, a pack multiple. */
  quantity: number;
}

interface StorePlan {
  store: DemoStore;
  rhythm: Rhythm;
  range: RangeItem[];
  /** Orders before this day do not exist (a new client). */
  startDay: number;
  /** Orders after this day do not exist (a store that stopped). */
  stopDay: number;
  /** From this day on, every other order is dropped and the rest have `lapseScale` of the usual lines. */
  lapseFrom: number;
  lapseScale: number;
  /** Items dropped from this day on. */
  stoppedItems: Set<string>;
  stopItemsFrom: number;
  /** The last regular order is missed (overdue by one interval). */
  missesLast: boolean;
  /** Skips, shifts and top-up orders happen. */
  noisy: boolean;
}

const SHOP_KINDS = ['Магазин', 'Минимаркет', 'Продукты', 'Универсам', 'Гастроном', 'Лавка', 'Павильон', 'Маркет'];
const SHOP_NAMES = [
  'Берёзка',
  'Ромашка',
  'Колосок',
  'Удача',
  'Семья',
  'Визит',
  'Фортуна',
  'Светлана',
  'Уют',
  'Радуга',
  'Копеечка',
  'Лакомка',
  'Каприз',
  'Домашний',
  'Околица',
  'Изобилие',
  'Надежда',
  'Весна',
  'Калинка',
  'Сударушка',
  'Теремок',
  'Добрыня',
  'Родничок',
  'Апельсин',
  'Хуторок',
  'Пятачок',
  'Ладушки',
  'Мечта',
  'Огонёк',
  'Соседи',
  'Каравай',
  'Янтарь',
  'Юбилейный',
  'Солнышко',
  'Виктория',
  'Любава',
];
const STREETS = [
  'ул. Ленина',
  'ул. Советская',
  'ул. Мира',
  'ул. Гагарина',
  'ул. Победы',
  'ул. Садовая',
  'ул. Школьная',
  'ул. Молодёжная',
  'ул. Лесная',
  'ул. Набережная',
  'пр. Строителей',
  'ул. Пушкина',
  'ул. Кирова',
  'ул. Заводская',
  'ул. Северная',
  'ул. Центральная',
  'ул. Октябрьская',
  'ул. Комсомольская',
  'ул. Первомайская',
  'ул. Чехова',
];
const TOWNS = ['Вологда', 'Череповец', 'Сокол', 'Грязовец', 'Кириллов', 'Тотьма', 'Великий Устюг', 'Шексна'];
const WOMEN = {
  first: ['Ирина', 'Наталья', 'Елена', 'Ольга', 'Татьяна', 'Светлана', 'Марина', 'Галина', 'Людмила', 'Анна', 'Оксана', 'Юлия'],
  middle: ['Александровна', 'Сергеевна', 'Викторовна', 'Николаевна', 'Петровна', 'Ивановна', 'Михайловна', 'Владимировна'],
  last: ['Иванова', 'Смирнова', 'Кузнецова', 'Попова', 'Васильева', 'Петрова', 'Соколова', 'Михайлова', 'Новикова', 'Морозова', 'Волкова'],
};
const MEN = {
  first: ['Сергей', 'Андрей', 'Алексей', 'Дмитрий', 'Николай', 'Михаил', 'Игорь', 'Владимир'],
  middle: ['Александрович', 'Сергеевич', 'Викторович', 'Николаевич', 'Петрович', 'Иванович'],
  last: ['Иванов', 'Смирнов', 'Кузнецов', 'Попов', 'Васильев', 'Петров', 'Соколов', 'Морозов', 'Волков', 'Лебедев'],
};
const PRICE_TYPES = ['Оптовая', 'Оптовая', 'Мелкий опт', 'Крупный опт'];

/** Store formats: which categories they carry (New Year goods are added per store). */
const FORMATS: { name: string; categories: string[] }[] = [
  {
    name: 'у дома',
    categories: ['Молочная продукция', 'Бакалея', 'Хлеб и выпечка', 'Напитки', 'Кондитерские изделия', 'Консервы', 'Чай и кофе'],
  },
  {
    name: 'минимаркет',
    categories: ['Молочная продукция', 'Бакалея', 'Хлеб и выпечка', 'Напитки', 'Кондитерские изделия', 'Бытовая химия', 'Овощи и фрукты'],
  },
  { name: 'павильон', categories: ['Напитки', 'Кондитерские изделия', 'Хлеб и выпечка', 'Молочная продукция', 'Чай и кофе'] },
  {
    name: 'сельский',
    categories: ['Бакалея', 'Консервы', 'Хлеб и выпечка', 'Молочная продукция', 'Бытовая химия', 'Чай и кофе', 'Кондитерские изделия'],
  },
  { name: 'гастроном', categories: ['Молочная продукция', 'Чай и кофе', 'Кондитерские изделия', 'Консервы', 'Напитки', 'Бакалея'] },
  { name: 'овощной', categories: ['Овощи и фрукты', 'Хлеб и выпечка', 'Молочная продукция', 'Напитки', 'Бакалея'] },
];
const CORE_PER_CATEGORY = 8;
const NEW_YEAR = 'Новогодние товары';

export function generateDemoHistory(items: readonly GeneratedItem[], options: DemoHistoryOptions): DemoHistory {
  const random = seededRandom(options.seed ?? 20261129);
  const from = dayNumber(options.from);
  const to = dayNumber(options.to);
  const byCategory = new Map<string, GeneratedItem[]>();
  // A store's usual line is worth 1,000–4,000 ₽: items whose smallest order costs far more are not in anyone's range.
  for (const item of items.filter((i) => Math.max(i.packMultiple, i.minOrderQuantity) * i.priceKopecks <= 800_000)) {
    const list = byCategory.get(item.category);
    if (list) list.push(item);
    else byCategory.set(item.category, [item]);
  }
  const categoryItems = (category: string) => {
    const list = byCategory.get(category);
    if (!list) throw new Error(`the price list has no category "${category}"`);
    return list;
  };
  // Each format's core range: a few best sellers shared by all formats, the rest its own.
  const bestSellers = new Map<string, GeneratedItem[]>();
  for (const [category, list] of byCategory) bestSellers.set(category, distinct(random, list, 3));
  const cores = FORMATS.map((format) => {
    const core = new Map<string, GeneratedItem[]>();
    for (const category of format.categories) {
      const shared = bestSellers.get(category) ?? [];
      const own = distinct(random, categoryItems(category), CORE_PER_CATEGORY - shared.length, new Set(shared));
      core.set(category, [...shared, ...own]);
    }
    return core;
  });

  const plans: StorePlan[] = [];
  const names = new Set<string>();
  for (let n = 0; n < options.stores; n++) {
    const customerCode = `ТТ-${String(n + 1).padStart(4, '0')}`;
    const formatIndex = customerCode === DEMO_GAP_STORE ? 0 : Math.floor(random() * FORMATS.length);
    const format = FORMATS[formatIndex]!;
    const rhythm = special(customerCode) ? ({ kind: 'weekly', weekday: 4 } as const) : pickRhythm(random);
    const size = customerCode === DEMO_GAP_STORE ? 1 : pick(random, [0.45, 0.6, 0.6, 0.75, 0.85]);
    // Orders a month apart carry a month of goods: bigger lines, almost every item every time.
    const scale = rhythm.kind === 'monthly' ? 3.5 : rhythm.kind === 'fortnightly' ? 1.8 : rhythm.kind === 'twiceWeekly' ? 0.6 : 1;
    const range: RangeItem[] = [];
    for (const category of format.categories) {
      if (customerCode === DEMO_GAP_STORE && category === DEMO_GAP_CATEGORY) continue;
      const core = cores[formatIndex]!.get(category)!;
      for (const item of core) {
        if (random() < size) range.push(rangeItem(random, item, 0.6 + random() * 0.35, scale));
      }
      const own = Math.floor(random() * 3);
      for (const item of distinct(random, categoryItems(category), own, new Set(core))) {
        range.push(rangeItem(random, item, 0.3 + random() * 0.5, scale));
      }
    }
    if (random() < 0.6) {
      for (const item of distinct(random, categoryItems(NEW_YEAR), 2 + Math.floor(random() * 5))) {
        range.push(rangeItem(random, item, 0.7 + random() * 0.25, scale));
      }
    }
    const stoppedItems = new Set<string>();
    if (customerCode === DEMO_STOPPED_ITEMS_STORE) {
      const everyWeek = range.filter((r) => r.item.category !== NEW_YEAR).slice(0, 2);
      for (const r of everyWeek) {
        r.chance = 0.97;
        stoppedItems.add(r.item.code);
      }
    }
    const lapsing = customerCode === DEMO_LAPSING_STORE || (!special(customerCode) && random() < 0.02);
    const isNew = !special(customerCode) && random() < 0.015;
    const lateStart = !special(customerCode) && !isNew && random() < 0.06;
    plans.push({
      store: storeOf(random, customerCode, rhythm, names),
      rhythm,
      range,
      startDay: isNew ? to - 20 - Math.floor(random() * 10) : lateStart ? from + 30 + Math.floor(random() * (to - from - 150)) : from,
      stopDay: customerCode === DEMO_OVERDUE_STORE ? to - 35 : to,
      lapseFrom: lapsing ? to - 62 : Infinity,
      lapseScale: customerCode === DEMO_LAPSING_STORE ? 0.5 : 0.8 + random() * 0.1,
      stoppedItems,
      stopItemsFrom: to - 56,
      missesLast: !special(customerCode) && rhythm.kind === 'weekly' && random() < 0.015,
      noisy: !special(customerCode),
    });
  }

  const orders: (Omit<DemoOrder, 'orderId'> & { day: number })[] = [];
  for (const plan of plans) {
    for (const { day, topUp } of orderDays(random, plan, from, to)) {
      const lapsed = day >= plan.lapseFrom;
      const lines = basket(random, plan, day, topUp, lapsed ? plan.lapseScale : 1);
      if (lines.length === 0) continue;
      orders.push({ day, storeCode: plan.store.customerCode, date: dateOfDay(day), deliveryDate: dateOfDay(deliveryDay(day)), lines });
    }
  }
  orders.sort((a, b) => a.day - b.day || (a.storeCode < b.storeCode ? -1 : a.storeCode > b.storeCode ? 1 : 0));
  return {
    stores: plans.map((p) => p.store),
    orders: orders.map(({ day: _day, ...order }, n) => ({ orderId: `ЗК-${String(n + 1).padStart(6, '0')}`, ...order })),
  };
}

function special(code: string): boolean {
  return [DEMO_OVERDUE_STORE, DEMO_LAPSING_STORE, DEMO_GAP_STORE, DEMO_STOPPED_ITEMS_STORE].includes(code);
}

function distinct<T>(random: () => number, values: readonly T[], count: number, except: ReadonlySet<T> = new Set()): T[] {
  const chosen = new Set<T>();
  for (let tries = 0; chosen.size < count && tries < count * 20; tries++) {
    const value = pick(random, values);
    if (!except.has(value)) chosen.add(value);
  }
  return [...chosen];
}

function pickRhythm(random: () => number): Rhythm {
  const r = random();
  const weekday = Math.floor(random() * 5); // Monday to Friday
  if (r < 0.5) return { kind: 'weekly', weekday };
  if (r < 0.7) return { kind: 'twiceWeekly', weekdays: pick(random, [[0, 3] as [number, number], [1, 4] as [number, number]]) };
  if (r < 0.88) return { kind: 'fortnightly', weekday, parity: Math.floor(random() * 2) };
  return { kind: 'monthly', dayOfMonth: 1 + Math.floor(random() * 28) };
}

/** A line worth 1,000–4,000 ₽ at the item's price (cheap goods by the case, dear ones a few at a time). */
function rangeItem(random: () => number, item: GeneratedItem, chance: number, scale: number): RangeItem {
  const lineRubles = (1000 + random() * 3000) * scale;
  const units = Math.max(1, Math.round((lineRubles * 100) / item.priceKopecks));
  const quantity = Math.max(item.packMultiple, Math.round(units / item.packMultiple) * item.packMultiple);
  return { item, chance, quantity };
}

function storeOf(random: () => number, customerCode: string, rhythm: Rhythm, names: Set<string>): DemoStore {
  const shopName = () => {
    const town = pick(random, TOWNS);
    return `${pick(random, SHOP_KINDS)} «${pick(random, SHOP_NAMES)}», ${town === 'Вологда' ? '' : `г. ${town}, `}${pick(random, STREETS)}, ${1 + Math.floor(random() * 120)}`;
  };
  let name = shopName();
  while (names.has(name)) name = shopName();
  names.add(name);
  const people = random() < 0.75 ? WOMEN : MEN;
  const contact = `${pick(random, people.last)} ${pick(random, people.first)} ${pick(random, people.middle)}`;
  const digits = () => String(Math.floor(random() * 10));
  const phone = `+7 (9${digits()}${digits()}) ${digits()}${digits()}${digits()}-${digits()}${digits()}-${digits()}${digits()}`;
  const orderWeekdays =
    rhythm.kind === 'weekly' || rhythm.kind === 'fortnightly'
      ? [rhythm.weekday]
      : rhythm.kind === 'twiceWeekly'
        ? rhythm.weekdays
        : [0, 1, 2, 3, 4, 5];
  // Delivered the next day (Saturday orders and monthly stores: any day but Sunday).
  const deliveryWeekdays = [...new Set(orderWeekdays.map((w) => (w === 5 ? 0 : w + 1)))].sort((a, b) => a - b).map((w) => w + 1);
  return { customerCode, name, priceType: pick(random, PRICE_TYPES), deliveryWeekdays, contact, phone };
}

/** New Year week: 31 December to 8 January, no orders. */
function isHoliday(day: number): boolean {
  const date = dateOfDay(day);
  const monthDay = date.slice(5);
  return monthDay === '12-31' || (monthDay >= '01-01' && monthDay <= '01-08');
}

function usable(day: number, plan: StorePlan, from: number, to: number): boolean {
  return day >= from && day <= to && day >= plan.startDay && day <= plan.stopDay && weekdayOfDay(day) !== 6 && !isHoliday(day);
}

function regularDays(rhythm: Rhythm, from: number, to: number): number[] {
  const days: number[] = [];
  for (let day = from; day <= to; day++) {
    const weekday = weekdayOfDay(day);
    if (rhythm.kind === 'weekly' && weekday === rhythm.weekday) days.push(day);
    if (rhythm.kind === 'twiceWeekly' && rhythm.weekdays.includes(weekday)) days.push(day);
    if (rhythm.kind === 'fortnightly' && weekday === rhythm.weekday && Math.floor(day / 7) % 2 === rhythm.parity) days.push(day);
    if (rhythm.kind === 'monthly') {
      const dayOfMonth = Number(dateOfDay(day).slice(8));
      // On the day of the month; a Sunday's order moves to Monday.
      if (dayOfMonth === rhythm.dayOfMonth && weekday !== 6) days.push(day);
      if (weekday === 0 && Number(dateOfDay(day - 1).slice(8)) === rhythm.dayOfMonth) days.push(day);
    }
  }
  return days;
}

function orderDays(random: () => number, plan: StorePlan, from: number, to: number): { day: number; topUp: boolean }[] {
  const result: { day: number; topUp: boolean }[] = [];
  let regular = regularDays(plan.rhythm, from, to).filter((day) => usable(day, plan, from, to));
  if (plan.missesLast) regular = regular.slice(0, -1);
  let count = 0;
  for (const planned of regular) {
    if (planned >= plan.lapseFrom && count++ % 2 === 1) continue;
    let day = planned;
    if (plan.noisy) {
      if (random() < 0.02) continue; // a week off
      if (random() < 0.08) {
        const moved = day + (random() < 0.5 ? -1 : 1);
        if (usable(moved, plan, from, to)) day = moved;
      }
    }
    result.push({ day, topUp: false });
    if (plan.noisy && random() < 0.04) {
      const extra = day + 1 + Math.floor(random() * 2);
      if (usable(extra, plan, from, to)) result.push({ day: extra, topUp: true });
    }
  }
  return result;
}

/** How much of an item's usual quantity a season asks for (0: not ordered at all). */
function seasonFactor(item: GeneratedItem, day: number): number {
  const date = dateOfDay(day);
  const month = Number(date.slice(5, 7));
  const dayOfMonth = Number(date.slice(8));
  if (item.category === NEW_YEAR) {
    if (month === 11 && dayOfMonth >= 15) return 0.6;
    if (month === 12) return dayOfMonth <= 25 ? 1.6 : 0.6;
    return 0;
  }
  if (item.category === 'Напитки') {
    // From 0.6 in winter to 3 in mid-July.
    const dayOfYear = (day - dayNumber(`${date.slice(0, 4)}-01-01`)) / 365;
    const summer = (1 - Math.cos(2 * Math.PI * (dayOfYear - 0.04))) / 2;
    return 0.6 + 2.4 * summer ** 3;
  }
  if (item.category === 'Кондитерские изделия' && month === 12) return 1.6;
  if (month === 12 && dayOfMonth >= 20) return 1.3; // stocking up before the holidays
  return 1;
}

function basket(random: () => number, plan: StorePlan, day: number, topUp: boolean, scale: number): DemoOrderLine[] {
  const lines: DemoOrderLine[] = [];
  for (const { item, chance, quantity } of plan.range) {
    if (day >= plan.stopItemsFrom && plan.stoppedItems.has(item.code)) continue;
    const season = seasonFactor(item, day);
    if (season === 0) continue;
    // A top-up order is a few forgotten things; a lapsing store leaves out lines.
    if (random() >= (topUp ? chance * 0.12 : chance) * scale) continue;
    const wanted = quantity * season * (0.75 + random() * 0.5) * (topUp ? 0.5 : 1);
    const packs = Math.max(1, Math.round(wanted / item.packMultiple));
    lines.push({
      itemCode: item.code,
      category: item.category,
      quantity: Math.max(packs * item.packMultiple, item.minOrderQuantity),
      priceKopecks: item.priceKopecks,
      vatRate: item.vatRate,
    });
  }
  return lines.sort((a, b) => (a.itemCode < b.itemCode ? -1 : 1));
}

function deliveryDay(day: number): number {
  return weekdayOfDay(day + 1) === 6 ? day + 2 : day + 1;
}

/** The stores file, as electron/core/insights/demoHistory.ts reads it. */
export function storesCsv(stores: readonly DemoStore[]): string {
  const rows = stores.map((s) =>
    [s.customerCode, s.name, s.priceType, s.deliveryWeekdays.map((w) => WEEKDAY_NAMES[w - 1]).join(','), s.contact, s.phone].map(cell),
  );
  return [STORE_COLUMNS.join(';'), ...rows.map((r) => r.join(';'))].join('\n') + '\n';
}

/** The order history file (before gzip), as electron/core/insights/demoHistory.ts reads it. */
export function orderHistoryCsv(orders: readonly DemoOrder[]): string {
  const rows: string[] = [ORDER_COLUMNS.join(';')];
  for (const o of orders) {
    const head = [o.orderId, o.storeCode, o.date, o.deliveryDate].map(cell).join(';');
    for (const l of o.lines) rows.push(`${head};${cell(l.itemCode)};${cell(l.category)};${l.priceKopecks};${l.vatRate};${l.quantity}`);
  }
  return rows.join('\n') + '\n';
}

function cell(value: string): string {
  if (/[;"\r\n]/.test(value)) throw new Error(`"${value}" cannot go into the demo files (no ';', '"' or line breaks)`);
  return value;
}
