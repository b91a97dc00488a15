import type { CatalogView } from '../../../shared/domain';
import { ColumnHeadings } from '../common/ColumnHeading';
import { useT, type MessageKey } from '../i18n';

type Sort = NonNullable<CatalogView['sort']>;
type SortColumn = Sort['column'];

const COLUMNS: { key: MessageKey; sort?: SortColumn; numeric?: boolean }[] = [
  { key: 'catalog.col.code', sort: 'code' },
  { key: 'catalog.col.name', sort: 'name' },
  { key: 'catalog.col.unit', sort: 'unit' },
  { key: 'catalog.col.pack', sort: 'packMultiple', numeric: true },
  { key: 'catalog.col.price', sort: 'price', numeric: true },
  { key: 'catalog.col.stock', sort: 'stock', numeric: true },
  { key: 'catalog.col.vat', sort: 'vatRate', numeric: true },
  { key: 'catalog.col.quantity', numeric: true },
  { key: 'catalog.col.sum', numeric: true },
];

interface CatalogHeaderProps {
  sort: Sort | null;
  /** Ascending, then descending, then back to the price list's order. */
  onSort: (sort: Sort | null) => void;
  priceLabel: MessageKey;
}

/** The grid's column headings; sticky inside the scroll area. A sortable heading is a button. */
export function CatalogHeader({ sort, onSort, priceLabel }: CatalogHeaderProps) {
  const { t } = useT();
  return (
    <div className="grid-row grid-header" role="row" aria-rowindex={1}>
      <ColumnHeadings
        columns={COLUMNS.map((column) => ({ ...column, label: t(column.key === 'catalog.col.price' ? priceLabel : column.key) }))}
        sort={sort}
        onSort={onSort}
        sortTitle={(label) => t('catalog.sortBy', { column: label })}
        testIdPrefix="sort-"
      />
    </div>
  );
}
