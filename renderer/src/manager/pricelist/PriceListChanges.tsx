import { Table, Tabs, Text } from '@mantine/core';
import { useState } from 'react';
import type { PriceListDiff } from '../../../../shared/manager';
import { formatMoney } from '../../../../shared/money';
import { formatCount } from '../../common/format';
import { useT } from '../../i18n';

type Kind = 'changed' | 'added' | 'removed';

/** "+12,5 %" / "−3,0 %": how much a price moved, against the old one. */
function percentChange(oldKopecks: number, newKopecks: number, locale: 'ru' | 'en'): string {
  if (oldKopecks === 0) return '';
  const percent = ((newKopecks - oldKopecks) / oldKopecks) * 100;
  const text = new Intl.NumberFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(
    Math.abs(percent),
  );
  return `${percent > 0 ? '+' : percent < 0 ? '−' : ''}${text} %`;
}

/**
 * What a new price list changes against the published one, item by item: prices changed (old → new,
 * by how much), items added, items removed — each a tab with its count; the lists are capped, the
 * counts are whole.
 */
export function PriceListChanges({ changes }: { changes: PriceListDiff }) {
  const { t, locale } = useT();
  const first: Kind = changes.priceChanged > 0 ? 'changed' : changes.added > 0 ? 'added' : 'removed';
  const [tab, setTab] = useState<Kind>(first);
  const count = (n: number) => formatCount(n, locale);
  const money = (kopecks: number) => formatMoney(kopecks, locale);
  const capped = (shown: number, total: number) =>
    total > shown ? (
      <Text size="xs" c="dimmed" p={6}>
        {t('priceList.review.capped', { shown: count(shown), total: count(total) })}
      </Text>
    ) : null;
  const empty = (
    <Text size="sm" c="dimmed" p="sm">
      {t('priceList.review.none')}
    </Text>
  );

  return (
    <Tabs value={tab} onChange={(value) => setTab(value === 'added' ? 'added' : value === 'removed' ? 'removed' : 'changed')}>
      <Tabs.List>
        <Tabs.Tab value="changed" data-testid="review-tab-changed" data-count={changes.priceChanged}>
          {t('priceList.review.changed', { count: count(changes.priceChanged) })}
        </Tabs.Tab>
        <Tabs.Tab value="added" data-testid="review-tab-added" data-count={changes.added}>
          {t('priceList.review.added', { count: count(changes.added) })}
        </Tabs.Tab>
        <Tabs.Tab value="removed" data-testid="review-tab-removed" data-count={changes.removed}>
          {t('priceList.review.removed', { count: count(changes.removed) })}
        </Tabs.Tab>
      </Tabs.List>
      <div className="outputs-orders outputs-orders--tall review-list">
        {tab === 'changed' &&
          (changes.changedItems.length === 0 ? (
            empty
          ) : (
            <>
              <Table verticalSpacing={3} fz="sm" stickyHeader className="screen-table" data-testid="review-changed">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={120}>{t('priceList.review.code')}</Table.Th>
                    <Table.Th>{t('priceList.review.name')}</Table.Th>
                    <Table.Th w={120} className="cell--right">
                      {t('priceList.review.oldPrice')}
                    </Table.Th>
                    <Table.Th w={120} className="cell--right">
                      {t('priceList.review.newPrice')}
                    </Table.Th>
                    <Table.Th w={90} className="cell--right">
                      {t('priceList.review.change')}
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {changes.changedItems.map((item) => (
                    <Table.Tr key={item.code} data-testid="review-item" data-code={item.code}>
                      <Table.Td className="mono">{item.code}</Table.Td>
                      <Table.Td>{item.name}</Table.Td>
                      <Table.Td className="num cell--right cell--dim">{money(item.oldPriceKopecks)}</Table.Td>
                      <Table.Td className="num cell--right" fw={600}>
                        {money(item.priceKopecks)}
                      </Table.Td>
                      <Table.Td
                        className={`num cell--right ${item.priceKopecks > item.oldPriceKopecks ? 'price-up' : 'price-down'}`}
                        data-testid="review-item-change"
                      >
                        {percentChange(item.oldPriceKopecks, item.priceKopecks, locale)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              {capped(changes.changedItems.length, changes.priceChanged)}
            </>
          ))}
        {tab !== 'changed' &&
          (() => {
            const items = tab === 'added' ? changes.addedItems : changes.removedItems;
            const total = tab === 'added' ? changes.added : changes.removed;
            if (items.length === 0) return empty;
            return (
              <>
                <Table verticalSpacing={3} fz="sm" stickyHeader className="screen-table" data-testid={`review-${tab}`}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th w={120}>{t('priceList.review.code')}</Table.Th>
                      <Table.Th>{t('priceList.review.name')}</Table.Th>
                      <Table.Th w={120} className="cell--right">
                        {t('priceList.review.price')}
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {items.map((item) => (
                      <Table.Tr key={item.code} data-testid="review-item" data-code={item.code}>
                        <Table.Td className="mono">{item.code}</Table.Td>
                        <Table.Td>{item.name}</Table.Td>
                        <Table.Td className="num cell--right">{money(item.priceKopecks)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
                {capped(items.length, total)}
              </>
            );
          })()}
      </div>
    </Tabs>
  );
}
