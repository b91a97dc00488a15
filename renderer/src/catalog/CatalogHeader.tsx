import { useT, type MessageKey } from '../i18n';

const COLUMNS: { key: MessageKey; numeric?: boolean }[] = [
  { key: 'catalog.col.code' },
  { key: 'catalog.col.name' },
  { key: 'catalog.col.barcode' },
  { key: 'catalog.col.unit' },
  { key: 'catalog.col.pack', numeric: true },
  { key: 'catalog.col.price', numeric: true },
  { key: 'catalog.col.vat', numeric: true },
  { key: 'catalog.col.stock', numeric: true },
  { key: 'catalog.col.category' },
  { key: 'catalog.col.quantity', numeric: true },
];

/** The grid's column headings; sticky inside the scroll area so they line up with the rows. */
export function CatalogHeader() {
  const { t } = useT();
  return (
    <div className="grid-row grid-header" role="row" aria-rowindex={1}>
      {COLUMNS.map((column) => (
        <div key={column.key} className={`cell${column.numeric ? ' cell--num' : ''}`} role="columnheader">
          {t(column.key)}
        </div>
      ))}
    </div>
  );
}
