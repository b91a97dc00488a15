export interface GridSort<C extends string> {
  column: C;
  direction: 'asc' | 'desc';
}

/** The sort after a click on a column's heading: ascending, then descending, then none (the list's own order). */
function nextSort<C extends string>(sort: GridSort<C> | null, column: C): GridSort<C> | null {
  if (sort?.column !== column) return { column, direction: 'asc' };
  return sort.direction === 'asc' ? { column, direction: 'desc' } : null;
}

export interface GridColumn<C extends string> {
  label: string;
  sort?: C;
  numeric?: boolean;
}

/**
 * A grid's column headings: `sortTitle` gives a sortable heading's tooltip, `testIdPrefix` + the column
 * its button's test id.
 */
export function ColumnHeadings<C extends string>({
  columns,
  sort,
  onSort,
  sortTitle,
  testIdPrefix,
}: {
  columns: readonly GridColumn<C>[];
  sort: GridSort<C> | null;
  onSort: (sort: GridSort<C> | null) => void;
  sortTitle: (label: string) => string;
  testIdPrefix: string;
}) {
  return columns.map((column) => (
    <ColumnHeading
      key={column.label}
      label={column.label}
      numeric={column.numeric}
      sortBy={column.sort && { column: column.sort, sort, onSort, title: sortTitle(column.label), testId: `${testIdPrefix}${column.sort}` }}
    />
  ));
}

interface ColumnHeadingProps<C extends string> {
  label: string;
  numeric?: boolean;
  /** Sortable columns only: the grid's sort now, and what a click asks for. */
  sortBy?: {
    column: C;
    sort: GridSort<C> | null;
    onSort: (sort: GridSort<C> | null) => void;
    /** The button's tooltip ("Sort by …"). */
    title: string;
    testId: string;
  };
}

/** A column heading of a virtualized grid; a sortable one is a button that shows the direction. */
function ColumnHeading<C extends string>({ label, numeric, sortBy }: ColumnHeadingProps<C>) {
  const className = `cell${numeric ? ' cell--num' : ''}`;
  if (!sortBy) {
    return (
      <div className={className} role="columnheader">
        {label}
      </div>
    );
  }
  const active = sortBy.sort?.column === sortBy.column ? sortBy.sort.direction : null;
  return (
    <div className={className} role="columnheader" aria-sort={active === 'asc' ? 'ascending' : active === 'desc' ? 'descending' : 'none'}>
      <button
        type="button"
        className={`sort-button${active ? ' sort-button--active' : ''}`}
        onClick={() => sortBy.onSort(nextSort(sortBy.sort, sortBy.column))}
        title={sortBy.title}
        data-testid={sortBy.testId}
      >
        {label}
        <span className="sort-button__arrow" aria-hidden>
          {active === 'asc' ? '▲' : active === 'desc' ? '▼' : ''}
        </span>
      </button>
    </div>
  );
}
