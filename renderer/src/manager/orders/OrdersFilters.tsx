import { Button, CloseButton, Group, MultiSelect, SegmentedControl, Select, TextInput } from '@mantine/core';
import type { KeyboardEvent, RefObject } from 'react';
import { PROBLEM_KINDS, type ProblemKind } from '../../../../shared/manager';
import { formatCount } from '../../common/format';
import { SearchIcon } from '../../common/icons';
import { formatIsoDate } from '../../history/dates';
import { useT } from '../../i18n';
import { filtersActive, NO_FILTERS, type OrderFacets, type OrderFilters } from './orderView';

const STATE_CHOICES = ['all', 'open', 'new', 'held', 'accepted', 'rejected', 'exported'] as const;

interface OrdersFiltersProps {
  searchRef: RefObject<HTMLInputElement | null>;
  typed: string;
  onTyped: (text: string) => void;
  onSearchKeyDown: (event: KeyboardEvent<HTMLInputElement>) => void;
  filters: OrderFilters;
  onFilters: (filters: OrderFilters) => void;
  facets: OrderFacets;
  total: number;
}

/** Search and filters over the order book: state, clean or not, problem kinds, store, delivery date. */
export function OrdersFilters({ searchRef, typed, onTyped, onSearchKeyDown, filters, onFilters, facets, total }: OrdersFiltersProps) {
  const { t, locale } = useT();
  const count = (n: number) => formatCount(n, locale);
  const set = (patch: Partial<OrderFilters>) => onFilters({ ...filters, ...patch });
  const stateCount = (state: (typeof STATE_CHOICES)[number]) =>
    state === 'all'
      ? total
      : state === 'open'
        ? (facets.byState.get('new') ?? 0) + (facets.byState.get('held') ?? 0)
        : (facets.byState.get(state) ?? 0);

  return (
    <div className="orders-filters" role="search">
      <TextInput
        ref={searchRef}
        className="screen-search orders-search"
        value={typed}
        onChange={(event) => onTyped(event.currentTarget.value)}
        onKeyDown={onSearchKeyDown}
        placeholder={t('orders.searchPlaceholder')}
        aria-label={t('orders.searchLabel')}
        leftSection={<SearchIcon size={16} />}
        rightSection={
          typed ? <CloseButton size="sm" aria-label={t('orders.clearSearch')} onClick={() => onTyped('')} tabIndex={-1} /> : null
        }
        spellCheck={false}
        autoComplete="off"
        maxLength={200}
        data-testid="orders-search"
      />
      <Select
        className="orders-filter"
        w={180}
        aria-label={t('orders.filter.state')}
        value={filters.state}
        allowDeselect={false}
        onChange={(value) => set({ state: STATE_CHOICES.find((s) => s === value) ?? 'all' })}
        data={STATE_CHOICES.map((state) => ({ value: state, label: `${t(`orders.filter.state.${state}`)} · ${count(stateCount(state))}` }))}
        data-testid="orders-filter-state"
      />
      <SegmentedControl
        size="sm"
        value={filters.problems}
        onChange={(value) => set({ problems: value === 'clean' ? 'clean' : value === 'problems' ? 'problems' : 'all' })}
        data={[
          { value: 'all', label: t('orders.filter.all') },
          { value: 'clean', label: t('orders.filter.clean', { count: count(facets.clean) }) },
          { value: 'problems', label: t('orders.filter.problems', { count: count(facets.withProblems) }) },
        ]}
        aria-label={t('orders.filter.problemsLabel')}
        data-testid="orders-filter-problems"
      />
      <MultiSelect
        className="orders-filter orders-filter--kinds"
        w={200}
        aria-label={t('orders.filter.kinds')}
        placeholder={filters.kinds.length === 0 ? t('orders.filter.kinds') : undefined}
        value={[...filters.kinds]}
        onChange={(values) => set({ kinds: PROBLEM_KINDS.filter((kind) => values.includes(kind)) })}
        data={PROBLEM_KINDS.map((kind: ProblemKind) => ({
          value: kind,
          label: `${t(`problem.short.${kind}`)} · ${count(facets.kinds.get(kind) ?? 0)}`,
        }))}
        clearable
        data-testid="orders-filter-kinds"
      />
      <Select
        className="orders-filter"
        w={200}
        aria-label={t('orders.filter.store')}
        placeholder={t('orders.filter.anyStore')}
        value={filters.storeCode}
        onChange={(value) => set({ storeCode: value })}
        data={facets.stores.map((store) => ({ value: store.code, label: `${store.name} (${store.code}) · ${count(store.count)}` }))}
        searchable
        clearable
        nothingFoundMessage={t('orders.filter.noStore')}
        data-testid="orders-filter-store"
      />
      <Select
        className="orders-filter"
        w={170}
        aria-label={t('orders.filter.delivery')}
        placeholder={t('orders.filter.anyDelivery')}
        value={filters.deliveryDate}
        onChange={(value) => set({ deliveryDate: value })}
        data={facets.deliveryDates.map((d) => ({ value: d.date, label: `${formatIsoDate(d.date, locale)} · ${count(d.count)}` }))}
        clearable
        data-testid="orders-filter-delivery"
      />
      {filtersActive(filters) && (
        <Group gap={0}>
          <Button variant="subtle" size="sm" onClick={() => onFilters(NO_FILTERS)} data-testid="orders-filter-reset">
            {t('orders.filter.reset')}
          </Button>
        </Group>
      )}
    </div>
  );
}
