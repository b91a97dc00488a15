import type { Locale } from '../../../../shared/domain';
import type { OrderProblem } from '../../../../shared/manager';
import { formatMoney } from '../../../../shared/money';
import { formatCount } from '../../common/format';
import type { Translate } from '../../i18n';

/** A problem in words with its figures: "Цена 120,00 → 125,00", "Кратно 6: 12", "Остаток 10, спрос 14". */
export function problemText(problem: OrderProblem, t: Translate, locale: Locale, numberOf?: (id: number) => string | undefined): string {
  const money = (kopecks: number | undefined) => (kopecks === undefined ? '?' : formatMoney(kopecks, locale));
  const count = (n: number | null | undefined) => (n === undefined || n === null ? '?' : formatCount(n, locale));
  switch (problem.kind) {
    case 'priceDiffers':
      return t('problem.text.priceDiffers', { store: money(problem.storePriceKopecks), current: money(problem.currentPriceKopecks) });
    case 'notPackMultiple':
      return t('problem.text.notPackMultiple', { pack: count(problem.packMultiple), suggested: count(problem.suggestedQuantity) });
    case 'belowMinimum':
      return t('problem.text.belowMinimum', { minimum: count(problem.minOrderQuantity), suggested: count(problem.suggestedQuantity) });
    case 'overStock':
      return t('problem.text.overStock', { stock: count(problem.stock), demand: count(problem.demand) });
    case 'duplicate':
      return problem.duplicateOf === undefined
        ? t('problem.duplicate')
        : t('problem.text.duplicate', { number: numberOf?.(problem.duplicateOf) ?? `#${problem.duplicateOf}` });
    case 'unknownPriceType':
      return t('problem.text.unknownPriceType', {
        type: problem.priceType ?? '?',
        available: (problem.availablePriceTypes ?? []).join(', '),
      });
    case 'unknownItem':
      // With a price type: the item is in the list, but not at the store's type.
      return problem.priceType === undefined ? t('problem.unknownItem') : t('problem.text.unknownItemOfType', { type: problem.priceType });
    case 'unknownStore':
      return t(`problem.${problem.kind}`);
  }
}
