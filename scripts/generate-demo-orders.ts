// Regenerates the demo order history manager mode loads on first run (deterministic):
// resources/demo/stores.csv and resources/demo/order-history.csv.gz — about 200 stores and a year of
// their orders ending 27 November 2026, every line an item of resources/demo/price-list.csv.
// What is in it and which stores are built to be found: electron/core/insights/demoHistory.ts.
import fs from 'node:fs';
import zlib from 'node:zlib';
import { DEMO_HISTORY_END, demoHistoryFiles } from '../electron/core/insights/demoHistory';
import { demoItems } from '../tests/builders/demoPriceList';
import { generateDemoHistory, orderHistoryCsv, storesCsv } from '../tests/builders/demoOrders';

const { stores, orders } = generateDemoHistory(demoItems(), { stores: 200, from: '2025-11-28', to: DEMO_HISTORY_END });
const files = demoHistoryFiles('resources');
fs.mkdirSync('resources/demo', { recursive: true });
fs.writeFileSync(files.stores, storesCsv(stores));
// gzip writes no file time or name here: the same history gives the same bytes.
fs.writeFileSync(files.orders, zlib.gzipSync(orderHistoryCsv(orders), { level: 9 }));
const lines = orders.reduce((sum, o) => sum + o.lines.length, 0);
console.log(`${files.stores}: ${stores.length} stores`);
console.log(`${files.orders}: ${orders.length} orders, ${lines} lines, ${(fs.statSync(files.orders).size / 1e6).toFixed(2)} MB`);
