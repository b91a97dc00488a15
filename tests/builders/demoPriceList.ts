import { generateItems, writePriceListCsv, type CsvLayout, type GeneratedItem } from './priceLists';

/** The demo price list in resources/demo: 5,000 items as a supplier's 1C would print them. */
export const DEMO_LAYOUT: Partial<CsvLayout> = {
  letterhead: [
    'Прайс-лист ООО «Северный оптовик»;;;;;;;;',
    'Цены указаны с НДС, в рублях. Действителен с 01.12.2026;;;;;;;;',
    'Минимальная сумма заказа: 15 000 ₽;;;;;;;;',
    ';;;;;;;;',
  ],
  categoryRows: true,
};

export function demoItems(): GeneratedItem[] {
  return [...generateItems(5000, 2026, { stockAtLeastShare: 0.1 })];
}

/** Writes the demo price list; `revise` makes the supplier's next version of it (prices changed, items gone). */
export async function writeDemoPriceList(
  file: string,
  revise: (items: GeneratedItem[]) => GeneratedItem[] = (items) => items,
): Promise<void> {
  await writePriceListCsv(file, revise(demoItems()), DEMO_LAYOUT);
}
