import type { PorterApi } from '../../../shared/contract';
import type { PriceListService } from './priceListService';

/**
 * The catalog side of the contract: pages of a view (search, category, filters, sort) and
 * the category tree, over the current price list. With no price list yet, both are empty.
 * orderedItemCodes is asked only when the "ordered before" filter is on.
 */
export function createCatalogApi(
  priceLists: PriceListService,
  orderedItemCodes: () => string[],
): Pick<PorterApi, 'searchItems' | 'listCategories'> {
  return {
    searchItems: async ({ offset, limit, ...view }) => {
      const catalog = priceLists.current;
      if (!catalog) return { items: [], total: 0, totalExact: true };
      return catalog.browse(view, offset, limit, orderedItemCodes);
    },
    listCategories: async () => ({ categories: priceLists.current?.categories() ?? [] }),
  };
}
