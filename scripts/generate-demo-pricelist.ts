// Regenerates resources/demo/price-list.csv: 5,000 items as a supplier's 1C would print a
// price list — letterhead lines (the supplier, the minimum order sum), the header on row 5,
// category rows between items, some stock written as "более 100".
import fs from 'node:fs';
import { generateItems, writePriceListCsv } from '../tests/builders/priceLists';

fs.mkdirSync('resources/demo', { recursive: true });
await writePriceListCsv('resources/demo/price-list.csv', generateItems(5000, 2026, { stockAtLeastShare: 0.1 }), {
  letterhead: [
    'Прайс-лист ООО «Северный оптовик»;;;;;;;;',
    'Цены указаны с НДС, в рублях. Действителен с 01.12.2026;;;;;;;;',
    'Минимальная сумма заказа: 15 000 ₽;;;;;;;;',
    ';;;;;;;;',
  ],
  categoryRows: true,
});
console.log('resources/demo/price-list.csv written');
