import { Table, Text, UnstyledButton } from '@mantine/core';
import type { DueStore } from '../../../shared/insightsView';
import { useT } from '../i18n';
import { formatDate, formatNumber, formatRatio, formatRubles } from './insightsFormat';
import { InsightsCard, ShowMore, StoreRow, useShowMore, PhoneCell } from './parts';

interface DueSectionProps {
  due: readonly DueStore[];
  onOpenStore: (customerCode: string) => void;
  /** Opens the store's last order (in the Orders screen, or on the store's card). */
  onOpenLastOrder: (store: DueStore) => void;
}

/** Due and overdue stores, the latest against their own rhythm first. Enter on a row opens its last order. */
export function DueSection({ due, onOpenStore, onOpenLastOrder }: DueSectionProps) {
  const { t, locale } = useT();
  const more = useShowMore(due.length, 10);
  const overdue = due.filter((d) => d.status === 'overdue').length;
  return (
    <InsightsCard
      id="due"
      title={t('insights.due.title')}
      count={due.length}
      countColor={overdue > 0 ? 'red' : 'orange'}
      description={t('insights.due.description')}
      testId="insights-due"
      empty={due.length === 0 ? t('insights.due.empty') : null}
    >
      <Table className="insights-table" verticalSpacing={6} highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('insights.col.store')}</Table.Th>
            <Table.Th>{t('insights.due.col.late')}</Table.Th>
            <Table.Th>{t('insights.due.col.lastOrder')}</Table.Th>
            <Table.Th>{t('insights.col.phone')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {due.slice(0, more.shown).map((store) => (
            <StoreRow
              key={store.customerCode}
              name={store.name}
              code={store.customerCode}
              onOpenStore={onOpenStore}
              onEnter={() => onOpenLastOrder(store)}
              data-testid="due-row"
              data-status={store.status}
            >
              <Table.Td>
                <Text size="sm" fw={650} c={store.status === 'overdue' ? 'red.8' : 'orange.8'} className="nowrap">
                  {store.status === 'overdue'
                    ? t('insights.due.overdue', { days: store.daysLate })
                    : store.daysLate > 0
                      ? t('insights.due.dueSince', { days: store.daysLate })
                      : t('insights.due.dueToday')}
                </Text>
                <Text size="xs" c="dimmed" className="nowrap" data-testid="due-rhythm">
                  {t('insights.due.rhythm', {
                    ratio: formatRatio(store.lateness, locale),
                    interval: formatNumber(store.intervalDays, locale, 1),
                  })}
                </Text>
              </Table.Td>
              <Table.Td>
                <UnstyledButton
                  className="insights-link"
                  onClick={() => onOpenLastOrder(store)}
                  aria-label={t('insights.due.openOrder', { date: formatDate(store.lastOrderOn, locale) })}
                  data-testid="due-last-order"
                >
                  {formatDate(store.lastOrderOn, locale)} ↗
                </UnstyledButton>
                <Text size="xs" c="dimmed" className="nowrap">
                  {t('insights.due.average', { value: formatRubles(store.averageOrderKopecks, locale) })}
                </Text>
              </Table.Td>
              <PhoneCell phone={store.phone} />
            </StoreRow>
          ))}
        </Table.Tbody>
      </Table>
      <ShowMore more={more} />
      <Text size="xs" c="dimmed" className="no-print">
        {t('insights.due.hint')}
      </Text>
    </InsightsCard>
  );
}
