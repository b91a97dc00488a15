import type { Item, OrderLine } from '../../../shared/domain';
import { formatMoney } from '../../../shared/money';
import { formatCount } from '../common/format';
import { useT } from '../i18n';
import { QuantityInput } from './QuantityInput';

interface CatalogRowProps {
  index: number;
  top: number;
  item: Item | undefined;
  line: OrderLine | undefined;
  revision: number;
  onCommit: (item: Item, quantity: number) => void;
  onNavigate: (rowIndex: number, delta: number) => void;
  onBackToSearch: () => void;
}

/** One 32 px row of the catalog grid; a row whose page has not arrived yet shows a placeholder. */
export function CatalogRow({ index, top, item, line, revision, onCommit, onNavigate, onBackToSearch }: CatalogRowProps) {
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
  const inOrder = (line?.quantity ?? 0) > 0;
  const className = ['grid-row', index % 2 === 1 ? 'grid-row--odd' : '', inOrder ? 'grid-row--ordered' : ''].join(' ');
  return (
    <div className={className} role="row" aria-rowindex={index + 2} style={style} data-testid="catalog-row" data-code={item.code}>
      <div className="cell cell--mono" role="gridcell" data-col="code">
        {item.code}
      </div>
      <div className="cell cell--name" role="gridcell" data-col="name" title={item.name}>
        {item.name}
      </div>
      <div className="cell cell--mono cell--dim" role="gridcell" data-col="barcode">
        {item.barcode}
      </div>
      <div className="cell cell--dim" role="gridcell" data-col="unit">
        {item.unit}
      </div>
      <div className="cell cell--num" role="gridcell" data-col="pack">
        {item.packMultiple > 1 ? item.packMultiple : ''}
      </div>
      <div className="cell cell--num cell--strong" role="gridcell" data-col="price">
        {formatMoney(item.priceKopecks, locale)}
      </div>
      <div className="cell cell--num cell--dim" role="gridcell" data-col="vat">
        {t('format.percent', { value: item.vatRate })}
      </div>
      <div className={`cell cell--num${item.stock === 0 ? ' cell--out' : ''}`} role="gridcell" data-col="stock">
        {item.stock === null ? t('catalog.noStock') : formatCount(item.stock, locale)}
      </div>
      <div className="cell cell--dim" role="gridcell" data-col="category" title={item.category}>
        {item.category}
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
    </div>
  );
}
