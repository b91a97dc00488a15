import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type PorterCore } from '../../electron/core/core';
import {
  DEMO_GAP_CATEGORY,
  DEMO_GAP_STORE,
  DEMO_LAPSING_STORE,
  DEMO_OVERDUE_STORE,
  DEMO_STOPPED_ITEMS_STORE,
  DEMO_TODAY,
} from '../../electron/core/insights/demoHistory';
import { demoOrderHistoryDir, demoShiftDays } from '../../electron/core/insights/demoLoad';
import { GAP_LIST_HEADINGS } from '../../electron/core/insights/gapListFile';
import { demoPriceListPath } from '../../electron/core/resources';
import { dateOfDay, dayNumber } from '../../shared/insights/history';
import { tempDataDir } from '../builders/dataDir';
import { receivedOrder } from '../builders/receivedOrders';

const resources = path.resolve(import.meta.dirname, '..', '..', 'resources');
const demo = { firstRunPriceList: demoPriceListPath(resources), firstRunOrderHistory: demoOrderHistoryDir(resources) };

function elapsed(since: number): number {
  return Math.round(performance.now() - since);
}

describe('the demo order history in manager mode, and the insights computed from it', () => {
  const data = tempDataDir('porter-insights');
  let core: PorterCore;
  let loadMs = 0;

  beforeAll(async () => {
    core = await createCore({ dataDir: data.dir, ...demo, today: DEMO_TODAY });
    // A store's Porter loads no order history: the demo is for manager mode.
    expect(core.manager.book.count()).toBe(0);
    const started = performance.now();
    await core.api.setAppMode({ mode: 'manager' });
    loadMs = elapsed(started);
  });
  afterAll(() => {
    core?.close();
    data.remove();
  });

  it('loads the stores directory and the year of orders on switching to manager mode, quickly', async () => {
    const stores = (await core.api.listStores({})).stores;
    expect(stores).toHaveLength(200);
    const counts = core.db
      .prepare<[], { orders: number; lines: number; demo: number; exported: number; first: string; last: string }>(
        `SELECT count(*) AS orders, sum(source = 'demo') AS demo, sum(state = 'exported') AS exported,
           (SELECT count(*) FROM received_order_lines) AS lines, min(ordered_on) AS first, max(ordered_on) AS last
         FROM received_orders`,
      )
      .get()!;
    expect(counts.orders).toBeGreaterThan(9_000);
    expect(counts.demo).toBe(counts.orders);
    // Every demo order was delivered before the demo's day: all are history, none waits in the inbox.
    expect(counts.exported).toBe(counts.orders);
    expect(counts.lines).toBeGreaterThan(200_000);
    expect(counts.last).toBe('2026-11-27');
    expect(counts.first).toBe('2025-11-28');
    // The lines carry the price list's names and the history's categories.
    const line = core.db
      .prepare<[], { name: string; category: string; item_code: string }>(
        'SELECT name, category, item_code FROM received_order_lines LIMIT 1',
      )
      .get()!;
    expect(line.name).not.toBe(line.item_code);
    expect(line.category).not.toBe('');
    console.log(`demo load: ${counts.orders} orders, ${counts.lines} lines, ${stores.length} stores in ${loadMs} ms (read + write)`);
    // Well within a few seconds on a 2-core machine shared with other work.
    expect(loadMs).toBeLessThan(15_000);
  });

  it('puts the known overdue store first among the overdue, by its own rhythm', async () => {
    const started = performance.now();
    const insights = await core.api.getInsights({});
    const firstMs = elapsed(started);
    console.log(
      `insights: first getInsights ${firstMs} ms (read + compute ${insights.computedMs} ms), timings ${JSON.stringify(core.insights.timings())}`,
    );
    expect(insights.today).toBe(DEMO_TODAY);
    expect(insights.storeCount).toBe(200);
    const first = insights.due[0]!;
    expect(first).toMatchObject({ customerCode: DEMO_OVERDUE_STORE, status: 'overdue', intervalDays: 7, lastOrderOn: '2026-10-23' });
    expect(first.daysSinceLast).toBe(37);
    expect(first.daysLate).toBe(30);
    expect(first.lateness).toBeCloseTo(37 / 7, 5);
    expect(first.phone).not.toBe('');
    // Its last order opens from the list.
    const last = await core.api.getReceivedOrder({ id: first.lastOrderId! });
    expect(last).toMatchObject({ storeCode: DEMO_OVERDUE_STORE, orderedOn: '2026-10-23' });
    // The overdue come before the due, each list latest first.
    const statuses = insights.due.map((d) => d.status);
    expect(statuses.indexOf('due') === -1 || statuses.lastIndexOf('overdue') < statuses.indexOf('due')).toBe(true);

    const again = performance.now();
    const cached = await core.api.getInsights({});
    console.log(`insights: cached getInsights ${elapsed(again)} ms`);
    expect(cached.computedMs).toBe(0);
    expect(cached.due).toEqual(insights.due);
  });

  it('puts the known lapsing store first among the slipping, and lists stopped items', async () => {
    const insights = await core.api.getInsights({});
    const first = insights.slipping[0]!;
    expect(first.customerCode).toBe(DEMO_LAPSING_STORE);
    expect(first.valueRatio).toBeLessThan(0.4);
    expect(first.recent.orders).toBeLessThan(first.before.orders);
    // A year of history does not reach the same eight weeks a year earlier.
    expect(first.yearAgo).toBeNull();
    const stopped = insights.stoppedItems.find((s) => s.customerCode === DEMO_STOPPED_ITEMS_STORE);
    expect(stopped?.items.length).toBeGreaterThanOrEqual(2);
    expect(stopped!.items[0]!.name).not.toBe(stopped!.items[0]!.itemCode);
  });

  it('finds the gap store missing its peers’ category, and seasonality per category', async () => {
    const insights = await core.api.getInsights({});
    const gapStore = insights.gaps.find((g) => g.customerCode === DEMO_GAP_STORE)!;
    expect(gapStore.topGaps[0]!.category).toBe(DEMO_GAP_CATEGORY);
    expect(insights.seasonality.categories.length).toBeGreaterThan(3);
    for (const category of insights.seasonality.categories) expect(category.weekly).toHaveLength(53);
    // Late November: the New Year goods' season is coming (the demo sells them from mid-November to December).
    expect(insights.seasonality.items.length).toBeGreaterThan(0);
    expect(insights.seasonality.items[0]!.comingIndex).toBeGreaterThan(1.5);
    expect(insights.seasonality.items[0]!.peakWeeks.some((w) => w >= 48)).toBe(true);
  });

  it('gives a store card with the contact to call, history, rhythm, top items and gaps', async () => {
    const card = await core.api.getStoreCard({ customerCode: DEMO_GAP_STORE });
    const entry = (await core.api.listStores({})).stores.find((s) => s.customerCode === DEMO_GAP_STORE)!;
    expect(card.directory).toEqual(entry);
    expect(card.directory!.contact).not.toBe('');
    expect(card.directory!.phone).toMatch(/^\+7/);
    expect(card.name).toBe(entry.name);
    expect(card.orderCount).toBeGreaterThan(20);
    expect(card.weeklyKopecks).toHaveLength(52);
    expect(card.ordersByWeekday).toHaveLength(7);
    expect(card.rhythm?.intervalDays).toBeGreaterThan(0);
    expect(card.topItems.length).toBe(10);
    expect(card.gaps[0]!.category).toBe(DEMO_GAP_CATEGORY);
    expect(card.gaps[0]!.priceKopecks).toBeGreaterThan(0);
    expect(card.recentOrders[0]!.id).toBe(card.lastOrderId);
    expect(card.recentOrders[0]!.orderedOn).toBe(card.lastOrderOn);
    const detail = await core.api.getReceivedOrder({ id: card.lastOrderId! });
    expect(card.recentOrders[0]!.grossKopecks).toBe(detail.grossKopecks);
    expect(card.recentOrders[0]!.lineCount).toBe(detail.lineCount);
  });

  it('says which store it does not know', async () => {
    await expect(core.api.getStoreCard({ customerCode: 'НЕТ-ТАКОГО' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('exports a store’s gap list as CSV and XLSX with the gaps of its card', async () => {
    const card = await core.api.getStoreCard({ customerCode: DEMO_GAP_STORE });
    const csv = await core.api.exportGapList({ customerCode: DEMO_GAP_STORE, format: 'csv' });
    expect(csv.fileName).toBe(`ассортимент-${DEMO_GAP_STORE}-${DEMO_TODAY}.csv`);
    const text = Buffer.from(csv.base64, 'base64').toString('utf8');
    expect(text.startsWith('\ufeff')).toBe(true);
    const rows = text
      .slice(1)
      .trimEnd()
      .split('\r\n')
      .map((r) => r.split(';'));
    expect(rows[0]![0]).toBe(GAP_LIST_HEADINGS.ru.itemCode);
    expect(rows).toHaveLength(card.gaps.length + 1);
    const firstGap = card.gaps[0]!;
    expect(rows[1]!.slice(0, 3)).toEqual([firstGap.itemCode, firstGap.name, firstGap.category]);
    expect(rows[1]![4]).toBe((firstGap.priceKopecks! / 100).toFixed(2).replace('.', ','));

    const xlsx = await core.api.exportGapList({ customerCode: DEMO_GAP_STORE, format: 'xlsx' });
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(xlsx.base64, 'base64') as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell('A1').text).toContain(card.name);
    expect(sheet.getCell('A3').value).toBe(GAP_LIST_HEADINGS.ru.itemCode);
    expect(sheet.getCell('A4').value).toBe(firstGap.itemCode);
    expect(sheet.getCell('B4').value).toBe(firstGap.name);
    expect(sheet.getCell('E4').value).toBe(firstGap.priceKopecks! / 100);
    expect(sheet.getCell(`A${3 + card.gaps.length}`).value).toBe(card.gaps[card.gaps.length - 1]!.itemCode);
  });

  it('computes again when the order book changes: an order from the overdue store takes it off the list, rejecting it puts it back', async () => {
    const book = core.manager.book;
    const outcome = book.intake(
      receivedOrder({
        store: { customerCode: DEMO_OVERDUE_STORE, name: 'Лавка' },
        number: 'ЗК-НОВЫЙ',
        date: DEMO_TODAY,
        lines: [{ itemCode: '00100157', quantity: 10, priceKopecks: 29_834, vatRate: 10 }],
      }),
      { source: 'file', sourceName: 'order.json' },
    );
    expect(outcome.kind).toBe('added');
    const after = await core.api.getInsights({});
    expect(after.computedMs).toBeGreaterThan(0);
    expect(after.due.some((d) => d.customerCode === DEMO_OVERDUE_STORE)).toBe(false);
    const card = await core.api.getStoreCard({ customerCode: DEMO_OVERDUE_STORE });
    expect(card.lastOrderOn).toBe(DEMO_TODAY);

    if (outcome.kind !== 'added') return;
    await core.api.applyBatchAction({ kind: 'reject', orderIds: [outcome.id], reason: 'test', actor: 'test' });
    const rejected = await core.api.getInsights({});
    expect(rejected.due[0]!.customerCode).toBe(DEMO_OVERDUE_STORE);
  });

  it('does not load the demo again over the same data', async () => {
    const before = core.manager.book.count();
    core.close();
    core = await createCore({ dataDir: data.dir, ...demo, today: DEMO_TODAY });
    expect(core.manager.book.count()).toBe(before);
    await core.api.setAppMode({ mode: 'manager' });
    expect(core.manager.book.count()).toBe(before);
  });
});

describe('the demo history on another day', () => {
  it('moves by whole weeks, so the overdue and lapsing stores stay first and weekdays stay', async () => {
    expect(demoShiftDays(DEMO_TODAY)).toBe(0);
    expect(demoShiftDays('2026-12-05')).toBe(0);
    expect(demoShiftDays('2026-12-06')).toBe(7);
    expect(demoShiftDays('2026-11-28')).toBe(-7);
    const today = dateOfDay(dayNumber(DEMO_TODAY) + 7 * 30 + 1);
    const data = tempDataDir('porter-insights-shift');
    // Started in manager mode: the history loads on start.
    const first = await createCore({ dataDir: data.dir, firstRunPriceList: demo.firstRunPriceList });
    await first.api.setAppMode({ mode: 'manager' });
    first.close();
    const core = await createCore({ dataDir: data.dir, firstRunOrderHistory: demo.firstRunOrderHistory, today });
    try {
      const last = core.db.prepare<[], string>('SELECT max(ordered_on) FROM received_orders').pluck().get();
      expect(last).toBe(dateOfDay(dayNumber('2026-11-27') + 7 * 30));
      const insights = await core.api.getInsights({});
      expect(insights.due[0]!.customerCode).toBe(DEMO_OVERDUE_STORE);
      expect(insights.slipping[0]!.customerCode).toBe(DEMO_LAPSING_STORE);
    } finally {
      core.close();
      data.remove();
    }
  });

  it('is not loaded over the manager’s own stores directory', async () => {
    const data = tempDataDir('porter-insights-own');
    const core = await createCore({ dataDir: data.dir, firstRunOrderHistory: demo.firstRunOrderHistory, today: DEMO_TODAY });
    try {
      await core.api.saveStores({
        stores: [{ customerCode: '00042', name: 'Магазин «У дома»', priceType: '', deliveryDays: [1], contact: '', phone: '', email: '' }],
      });
      await core.api.setAppMode({ mode: 'manager' });
      expect(core.manager.book.count()).toBe(0);
      expect((await core.api.listStores({})).stores.map((s) => s.customerCode)).toEqual(['00042']);
    } finally {
      core.close();
      data.remove();
    }
  });

  it('is not loaded without a demo history configured (--no-demo)', async () => {
    const data = tempDataDir('porter-insights-none');
    const core = await createCore({ dataDir: data.dir, today: DEMO_TODAY });
    try {
      await core.api.setAppMode({ mode: 'manager' });
      expect(core.manager.book.count()).toBe(0);
      const insights = await core.api.getInsights({});
      expect(insights).toMatchObject({ storeCount: 0, orderCount: 0, due: [], slipping: [], gaps: [], firstOrderOn: null });
    } finally {
      core.close();
      data.remove();
    }
  });
});
