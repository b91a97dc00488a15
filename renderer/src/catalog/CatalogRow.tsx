import { Tooltip } from '@mantine/core';
import type { Item, OrderLine } from '../../../shared/domain';
import { formatMoney } from '../../../shared/money';
import { formatCount } from '../common/format';
import { useT } from '../i18n';
import { priceOn, type PriceBasis } from './priceDisplay';
import { QuantityInput } from './QuantityInput';

interface CatalogRowProps {
  index: number;
  top: number;
  item: Item | undefined;
  line: OrderLine | undefined;
  revision: number;
  pricesIncludeVat: boolean;
  priceBasis: PriceBasis;
  onCommit: (item: Item, quantity: number) => void;
  onNavigate: (rowIndex: number, delta: number) => void;
  onBackToSearch: () => void;
}

/** One 32 px row of the catalog grid; a row whose page has not arrived yet shows a placeholder. */
export function CatalogRow(props: CatalogRowProps) {
  const { index, top, item, line, revision, pricesIncludeVat, priceBasis, onCommit, onNavigate, onBackToSearch } = props;
  const { t, locale } = useT();
  const style = { transform: `translateY(${top}px)` };
  if (!item) {
    return (
      <div className="grid-row grid-row--placeholder" role="row" aria-rowindex={index + 2} style={style}>
        <div className="cell cell--dim" role="gridcell">
          {t('catalog.loadingRow')}
        </div>
      </div>
    );
  }
  const money = (kopecks: number) => formatMoney(kopecks, locale);
  const inOrder = (line?.quantity ?? 0) > 0;
  const className = ['grid-row', index % 2 === 1 ? 'grid-row--odd' : '', inOrder ? 'grid-row--ordered' : ''].join(' ');
  const stock =
    item.stock === null
      ? t('catalog.noStock')
      : item.stock <= 0
        ? t('catalog.stockNone')
        : item.stockAtLeast
          ? t('catalog.stockMore', { count: formatCount(item.stock, locale) })
          : formatCount(item.stock, locale);
  const price = priceOn(item, pricesIncludeVat, priceBasis);
  const previous =
    item.previousPriceKopecks === null ? null : priceOn({ ...item, priceKopecks: item.previousPriceKopecks }, pricesIncludeVat, priceBasis);
  const nameTitle = [item.name, item.barcode && `${t('catalog.col.barcode')}: ${item.barcode}`, item.category].filter(Boolean).join('\n');
  return (
    <div className={className} role="row" aria-rowindex={index + 2} style={style} data-testid="catalog-row" data-code={item.code}>
      <div className="cell cell--mono" role="gridcell" data-col="code">
        {item.code}
      </div>
      <div className="cell cell--name" role="gridcell" data-col="name" title={nameTitle}>
        {item.isNew && (
          <span className="tag tag--new" data-testid="item-new">
            {t('catalog.tag.new')}
          </span>
        )}
        {item.name}
      </div>
      <div className="cell cell--dim" role="gridcell" data-col="unit">
        {item.unit}
      </div>
      <div className="cell cell--num" role="gridcell" data-col="pack">
        {item.packMultiple > 1 ? item.packMultiple : ''}
      </div>
      <div className="cell cell--num cell--strong" role="gridcell" data-col="price">
        {previous !== null && (
          <Tooltip label={t('catalog.priceWas', { price: money(previous) })} openDelay={300}>
            <span
              className={`price-change ${previous < price ? 'price-change--up' : 'price-change--down'}`}
              aria-label={t('catalog.priceWas', { price: money(previous) })}
              data-testid="item-price-changed"
            >
              {previous < price ? '▲' : '▼'}
            </span>
          </Tooltip>
        )}
        {money(price)}
      </div>
      <div className={`cell cell--num${item.stock !== null && item.stock <= 0 ? ' cell--out' : ''}`} role="gridcell" data-col="stock">
        {stock}
      </div>
      <div className="cell cell--num cell--dim" role="gridcell" data-col="vat">
        {t('format.percent', { value: item.vatRate })}
      </div>
      <div className="cell cell--qty" role="gridcell" data-col="quantity">
        <QuantityInput
          item={item}
          line={line}
          revision={revision}
          rowIndex={index}
          onCommit={onCommit}
          onNavigate={onNavigate}
          onBackToSearch={onBackToSearch}
        />
      </div>
      <div className="cell cell--num" role="gridcell" data-col="sum">
        {line ? money(priceBasis === 'gross' ? line.grossKopecks : line.grossKopecks - line.vatKopecks) : ''}
      </div>
    </div>
  );
}
