import { Table, Text } from '@mantine/core';
import type { GapStore } from '../../../shared/insightsView';
import { useT } from '../i18n';
import { formatRubles } from './insightsFormat';
import { InsightsCard, ShowMore, StoreRow, useShowMore } from './parts';

/** Per store: how many items similar stores buy and it never ordered, and what they would likely add per week. */
export function GapsSection({ gaps, onOpenStore }: { gaps: readonly GapStore[]; onOpenStore: (customerCode: string) => void }) {
  const { t, locale } = useT();
  const more = useShowMore(gaps.length, 8);
  return (
    <InsightsCard
      id="gaps"
      title={t('insights.gaps.title')}
      count={gaps.length}
      countColor="blue"
      description={t('insights.gaps.description')}
      testId="insights-gaps"
      empty={gaps.length === 0 ? t('insights.gaps.empty') : null}
    >
      <Table className="insights-table" verticalSpacing={6} highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('insights.col.store')}</Table.Th>
            <Table.Th className="num">{t('insights.gaps.col.potential')}</Table.Th>
            <Table.Th className="num">{t('insights.gaps.col.count')}</Table.Th>
            <Table.Th>{t('insights.gaps.col.top')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {gaps.slice(0, more.shown).map((store) => (
            <StoreRow
              key={store.customerCode}
              name={store.name}
              code={store.customerCode}
              onOpenStore={onOpenStore}
              data-testid="gap-row"
              storeCellClassName="insights-table__store"
            >
              <Table.Td className="num nowrap" fw={600}>
                +{formatRubles(store.expectedWeeklyKopecks, locale)}
              </Table.Td>
              <Table.Td className="num">{store.gapCount}</Table.Td>
              <Table.Td>
                <Text size="sm" lineClamp={2}>
                  {store.topGaps.map((gap) => gap.name).join(' · ')}
                </Text>
              </Table.Td>
            </StoreRow>
          ))}
        </Table.Tbody>
      </Table>
      <ShowMore more={more} />
    </InsightsCard>
  );
}
