import type { Order } from '../../../shared/domain';
import { formatMoney } from '../../../shared/money';
import { useT } from '../i18n';

/** Without VAT, VAT by rate, total with VAT — the sums of the rounded lines, as the core computed them. */
export function OrderTotals({ order }: { order: Order }) {
  const { t, locale } = useT();
  const money = (kopecks: number) => formatMoney(kopecks, locale);
  return (
    <dl className="order-totals" data-testid="order-totals">
      <div className="order-totals__row">
        <dt>{t('order.totals.net')}</dt>
        <dd data-testid="total-net">{money(order.totals.netKopecks)}</dd>
      </div>
      {order.totals.byRate
        .filter((rate) => rate.rate > 0)
        .map((rate) => (
          <div className="order-totals__row order-totals__row--dim" key={rate.rate}>
            <dt>{t('order.totals.vatRate', { rate: rate.rate })}</dt>
            <dd data-testid={`total-vat-${rate.rate}`}>{money(rate.vatKopecks)}</dd>
          </div>
        ))}
      <div className="order-totals__row order-totals__row--grand">
        <dt>{t('order.totals.gross')}</dt>
        <dd data-testid="total-gross">{money(order.totals.grossKopecks)}</dd>
      </div>
      {order.minimumOrder && (
        <div
          className={`order-totals__row order-totals__minimum${order.minimumOrder.met ? '' : ' order-totals__minimum--short'}`}
          data-testid="minimum-order"
          data-met={order.minimumOrder.met ? 'true' : 'false'}
        >
          <dt>{t('order.totals.minimum', { sum: money(order.minimumOrder.kopecks) })}</dt>
          <dd>
            {order.minimumOrder.met
              ? t('order.totals.minimumMet')
              : t('order.totals.minimumShort', { sum: money(order.minimumOrder.kopecks - order.totals.grossKopecks) })}
          </dd>
        </div>
      )}
    </dl>
  );
}
