import { NativeSelect } from '@mantine/core';
import type { ColumnMapping } from '../../../shared/domain';
import { PRICE_LIST_FIELDS, type PriceListField } from '../../../shared/priceListFields';
import { useT } from '../i18n';

const SKIP = '';

interface MappingTableProps {
  headings: readonly string[];
  sampleRows: readonly (readonly string[])[];
  mapping: ColumnMapping;
  onChange: (mapping: ColumnMapping) => void;
}

/** Which field each column of the file holds, with the file's first rows under the headings. */
export function MappingTable({ headings, sampleRows, mapping, onChange }: MappingTableProps) {
  const { t } = useT();
  const fieldOfColumn = new Map<number, PriceListField>();
  for (const field of PRICE_LIST_FIELDS) {
    const column = mapping[field];
    if (column !== undefined) fieldOfColumn.set(column, field);
  }
  const options = [
    { value: SKIP, label: t('import.skip') },
    ...PRICE_LIST_FIELDS.map((field) => ({ value: field, label: t(`field.${field}`) })),
  ];

  const assign = (column: number, value: string) => {
    const next: ColumnMapping = {};
    for (const field of PRICE_LIST_FIELDS) {
      const current = mapping[field];
      // A field lives in one column: choosing it here takes it away from any other.
      if (current !== undefined && current !== column && field !== value) next[field] = current;
    }
    const field = PRICE_LIST_FIELDS.find((f) => f === value);
    if (field) next[field] = column;
    onChange(next);
  };

  return (
    <div className="mapping-scroll" data-testid="mapping-table">
      <table className="mapping-table">
        <thead>
          <tr>
            {headings.map((heading, column) => {
              const label = heading.trim() || t('import.column', { number: column + 1 });
              const field = fieldOfColumn.get(column);
              return (
                <th key={column} className={field ? 'is-mapped' : 'is-skipped'} data-testid="mapping-column">
                  <div className="mapping-table__heading" title={label} data-testid="mapping-heading">
                    {label}
                  </div>
                  <NativeSelect
                    size="xs"
                    data={options}
                    value={field ?? SKIP}
                    onChange={(event) => assign(column, event.currentTarget.value)}
                    aria-label={t('import.columnField', { heading: label })}
                    data-testid="mapping-select"
                    data-column={column}
                  />
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {sampleRows.map((row, index) => (
            <tr key={index}>
              {headings.map((_, column) => (
                <td key={column} className={fieldOfColumn.has(column) ? 'is-mapped' : 'is-skipped'} title={row[column]}>
                  {row[column]}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
