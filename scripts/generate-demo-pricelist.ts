// Regenerates resources/demo/price-list.csv: 5,000 items as a supplier's 1C would print a
// price list — letterhead lines (the supplier, the minimum order sum), the header on row 5,
// category rows between items, some stock written as "более 100".
import fs from 'node:fs';
import { writeDemoPriceList } from '../tests/builders/demoPriceList';

fs.mkdirSync('resources/demo', { recursive: true });
await writeDemoPriceList('resources/demo/price-list.csv');
console.log('resources/demo/price-list.csv written');
