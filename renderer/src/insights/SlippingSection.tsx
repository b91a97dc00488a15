import { Badge, Table, Text } from '@mantine/core';
import type { SlippingStoreView, StoppedItemsStore } from '../../../shared/insightsView';
import { useT } from '../i18n';
import { formatChange, formatDate, formatRubles } from './insightsFormat';
import { InsightsCard, ShowMore, StoreCell, StoreRow, useShowMore, PhoneCell } from './parts';

interface SlippingSectionProps {
  slipping: readonly SlippingStoreView[];
  onOpenStore: (customerCode: string) => void;
}

/** Stores ordering less often or for less, worst first: the last 8 weeks against the 8 before and a year earlier. */
export function SlippingSection({ slipping, onOpenStore }: SlippingSectionProps) {
  const { t, locale } = useT();
  const more = useShowMore(slipping.length, 10);
  // With less than a year and eight weeks of history no store has a year-ago figure: the column would say so on every row.
  const withYearAgo = slipping.some((s) => s.yearAgo !== null);
  return (
    <InsightsCard
      id="slipping"
      title={t('insights.slipping.title')}
      count={slipping.length}
      countColor={slipping.length > 0 ? 'red' : 'gray'}
      description={t('insights.slipping.description')}
      testId="insights-slipping"
      empty={slipping.length === 0 ? t('insights.slipping.empty') : null}
    >
      <Table className="insights-table" verticalSpacing={6} highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('insights.col.store')}</Table.Th>
            <Table.Th>{t('insights.slipping.col.value')}</Table.Th>
            <Table.Th className="num">{t('insights.slipping.col.orders')}</Table.Th>
            {withYearAgo && <Table.Th className="num">{t('insights.slipping.col.yearAgo')}</Table.Th>}
            <Table.Th>{t('insights.col.phone')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {slipping.slice(0, more.shown).map((store) => (
            <StoreRow
              key={store.customerCode}
              name={store.name}
              code={store.customerCode}
              onOpenStore={onOpenStore}
              data-testid="slipping-row"
            >
              <Table.Td>
                <span className="num nowrap">{formatRubles(store.recent.amountKopecks, locale)}</span>{' '}
                <Badge variant="light" color="red" radius="sm" tt="none" fw={600} ml={4}>
                  {formatChange(store.valueRatio, locale)}
                </Badge>
                <Text size="xs" c="dimmed" mt={2}>
                  {t('insights.slipping.was', { value: formatRubles(store.before.amountKopecks, locale) })}
                </Text>
              </Table.Td>
              <Table.Td className="num nowrap">
                {t('insights.slipping.orders', { recent: store.recent.orders, before: store.before.orders })}
              </Table.Td>
              {withYearAgo && (
                <Table.Td className="num nowrap">
                  {store.yearAgo ? (
                    formatRubles(store.yearAgo.amountKopecks, locale)
                  ) : (
                    <span className="cell--dim">{t('insights.slipping.noYear')}</span>
                  )}
                </Table.Td>
              )}
              <PhoneCell phone={store.phone} />
            </StoreRow>
          ))}
        </Table.Tbody>
      </Table>
      <ShowMore more={more} />
    </InsightsCard>
  );
}

/** Stores that stopped buying items they used to buy nearly every week. */
export function StoppedSection({ stores, onOpenStore }: { stores: readonly StoppedItemsStore[]; onOpenStore: (code: string) => void }) {
  const { t, locale } = useT();
  const more = useShowMore(stores.length, 6);
  return (
    <InsightsCard
      id="stopped"
      title={t('insights.stopped.title')}
      count={stores.length}
      description={t('insights.stopped.description')}
      testId="insights-stopped"
      empty={stores.length === 0 ? t('insights.stopped.empty') : null}
    >
      <Table className="insights-table" verticalSpacing={6}>
        <Table.Tbody>
          {stores.slice(0, more.shown).map((store) => (
            <Table.Tr key={store.customerCode} data-testid="stopped-row" data-code={store.customerCode}>
              <Table.Td className="insights-table__store">
                <StoreCell name={store.name} code={store.customerCode} onOpen={() => onOpenStore(store.customerCode)} />
              </Table.Td>
              <Table.Td>
                <ul className="insights-list">
                  {store.items.map((item) => (
                    <li key={item.itemCode}>
                      {t('insights.stopped.item', {
                        name: item.name,
                        weeks: item.weeksBought,
                        date: formatDate(item.lastBoughtOn, locale),
                      })}
                    </li>
                  ))}
                </ul>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <ShowMore more={more} />
    </InsightsCard>
  );
}
