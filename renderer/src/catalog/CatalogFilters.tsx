import { Chip, Group, SegmentedControl } from '@mantine/core';
import type { CatalogView } from '../../../shared/domain';
import { useT, type MessageKey } from '../i18n';
import type { PriceBasis } from './priceDisplay';

export type CatalogFilterState = NonNullable<CatalogView['filters']>;
type FilterName = keyof CatalogFilterState;

const FILTERS: { name: FilterName; label: MessageKey }[] = [
  { name: 'inStock', label: 'catalog.filter.inStock' },
  { name: 'orderedBefore', label: 'catalog.filter.orderedBefore' },
  { name: 'newItems', label: 'catalog.filter.newItems' },
  { name: 'priceChanged', label: 'catalog.filter.priceChanged' },
];

interface CatalogFiltersProps {
  filters: CatalogFilterState;
  onFilters: (filters: CatalogFilterState) => void;
  priceBasis: PriceBasis;
  onPriceBasis: (basis: PriceBasis) => void;
}

/** Filter chips (space toggles) and which price the grid shows: with or without VAT. */
export function CatalogFilters({ filters, onFilters, priceBasis, onPriceBasis }: CatalogFiltersProps) {
  const { t } = useT();
  return (
    <Group justify="space-between" gap="xs" wrap="nowrap" className="catalog-filters">
      <Group gap={6} wrap="wrap" role="group" aria-label={t('catalog.filters')}>
        {FILTERS.map((filter) => (
          <Chip
            key={filter.name}
            size="xs"
            radius="sm"
            checked={filters[filter.name] === true}
            onChange={(checked) => onFilters({ ...filters, [filter.name]: checked })}
            data-testid={`filter-${filter.name}`}
          >
            {t(filter.label)}
          </Chip>
        ))}
      </Group>
      <SegmentedControl
        size="xs"
        value={priceBasis}
        onChange={(value) => onPriceBasis(value === 'net' ? 'net' : 'gross')}
        data={[
          { value: 'gross', label: t('catalog.priceGross') },
          { value: 'net', label: t('catalog.priceNet') },
        ]}
        aria-label={t('catalog.priceBasis')}
        data-testid="price-basis"
      />
    </Group>
  );
}
