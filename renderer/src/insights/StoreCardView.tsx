import { Alert, Badge, Button, Group, Loader, Menu, Paper, Table, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import type { StoreCard } from '../../../shared/insightsView';
import type { ReceivedOrderDetail } from '../../../shared/manager';
import { ErrorAlert } from '../common/ErrorAlert';
import { DownloadIcon } from '../common/icons';
import { useShell } from '../common/ShellContext';
import { useToast } from '../common/Toasts';
import { toUiError, type UiError } from '../common/uiError';
import { useT } from '../i18n';
import { WeekdayChart, WeeklyValueChart } from './charts';
import {
  daysBetween,
  formatChange,
  formatDate,
  formatLongDate,
  formatNumber,
  formatPercent,
  formatPrice,
  formatRubles,
  telHref,
  weekdayShort,
} from './insightsFormat';
import { InsightsCard, ShowMore, useShowMore } from './parts';

/** An order of the order book, as the Orders screen finds it. */
export interface OrderRef {
  id: number;
  number: string;
}

interface StoreCardViewProps {
  customerCode: string;
  onBack: () => void;
  /** Opens an order in the Orders screen; without it the card shows the last order's lines only. */
  onOpenOrder?: (order: OrderRef) => void;
}

/**
 * One store on one screen: whom to call, its order history as a chart, rhythm, trend, top items,
 * stopped items, assortment gaps (exported as XLSX or CSV to hand to the store) and its latest orders
 * with the last one's lines. Esc goes back. `data-state`: loading, ready, error.
 */
export function StoreCardView({ customerCode, onBack, onOpenOrder }: StoreCardViewProps) {
  const { t, locale } = useT();
  const shell = useShell();
  const { api } = shell;
  const toast = useToast();
  const [card, setCard] = useState<StoreCard | null>(null);
  const [lastOrder, setLastOrder] = useState<ReceivedOrderDetail | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  const [exporting, setExporting] = useState(false);
  useHotkeys([['Escape', onBack]]);

  useEffect(() => {
    let live = true;
    setCard(null);
    setLastOrder(null);
    setError(null);
    api.getStoreCard({ customerCode }).then(
      async (loaded) => {
        if (!live) return;
        setCard(loaded);
        if (loaded.lastOrderId !== null) {
          const order = await api.getReceivedOrder({ id: loaded.lastOrderId });
          if (live) setLastOrder(order);
        }
      },
      (thrown: unknown) => live && setError(toUiError(thrown)),
    );
    return () => {
      live = false;
    };
  }, [api, customerCode]);

  const exportGaps = async (format: 'xlsx' | 'csv') => {
    setExporting(true);
    try {
      const file = await api.exportGapList({ customerCode, format });
      if (await shell.saveFile(file.fileName, file.base64, 'base64')) {
        toast({ title: t('storeCard.gaps.export'), message: t('storeCard.gaps.exported', { file: file.fileName }), color: 'green' });
      }
    } catch (thrown) {
      setError(toUiError(thrown));
    } finally {
      setExporting(false);
    }
  };

  const state = error ? 'error' : card ? 'ready' : 'loading';
  return (
    <section
      className="screen store-card"
      aria-labelledby="store-card-title"
      data-testid="store-card"
      data-state={state}
      data-code={customerCode}
    >
      <Group justify="space-between" wrap="nowrap" gap="md" className="store-card__head">
        <Group gap="md" wrap="nowrap" align="center">
          <Button variant="default" onClick={onBack} title={t('storeCard.backHint')} className="no-print" data-testid="store-card-back">
            ← {t('storeCard.back')}
          </Button>
          <div>
            <Title order={2} size="h3" id="store-card-title">
              {card?.name ?? customerCode}
            </Title>
            <Group gap={6} mt={2}>
              <Text size="sm" c="dimmed" className="mono">
                {t('storeCard.code', { code: customerCode })}
              </Text>
              {card?.rhythm?.status === 'overdue' && (
                <Badge color="red" variant="light" radius="sm" tt="none">
                  {t('storeCard.status.overdue')}
                </Badge>
              )}
              {card?.rhythm?.status === 'due' && (
                <Badge color="orange" variant="light" radius="sm" tt="none">
                  {t('storeCard.status.due')}
                </Badge>
              )}
              {card?.slipping && (
                <Badge color="red" variant="outline" radius="sm" tt="none">
                  {t('storeCard.status.slipping')}
                </Badge>
              )}
            </Group>
          </div>
        </Group>
        <Group gap="sm" wrap="nowrap" className="no-print">
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <Button
                leftSection={<DownloadIcon />}
                loading={exporting}
                disabled={!card || card.gaps.length === 0}
                data-testid="export-gaps"
              >
                {t('storeCard.gaps.export')}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item onClick={() => void exportGaps('xlsx')} data-testid="export-gaps-xlsx">
                {t('storeCard.gaps.exportXlsx')}
              </Menu.Item>
              <Menu.Item onClick={() => void exportGaps('csv')} data-testid="export-gaps-csv">
                {t('storeCard.gaps.exportCsv')}
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
          <Button variant="default" onClick={() => window.print()}>
            {t('insights.print')}
          </Button>
        </Group>
      </Group>
      {error && <ErrorAlert error={error} onClose={() => setError(null)} />}
      {!card && !error && (
        <Group gap="sm" p="md">
          <Loader size="sm" />
          <Text c="dimmed">{t('storeCard.loading')}</Text>
        </Group>
      )}
      {card && (
        <div className="insights-scroll">
          <div className="store-card__top">
            <ContactPanel card={card} />
            <Kpis card={card} />
          </div>
          <div className="store-card__charts">
            <InsightsCard
              id="store-history"
              title={t('storeCard.history.title')}
              description={t('storeCard.history.description', { date: formatDate(card.today, locale) })}
              testId="store-history"
            >
              {card.weeklyKopecks.length > 0 && <WeeklyValueChart weeklyKopecks={card.weeklyKopecks} endsOn={card.today} />}
            </InsightsCard>
            <InsightsCard id="store-weekdays" title={t('storeCard.weekdays.title')} testId="store-weekdays">
              <WeekdayChart ordersByWeekday={card.ordersByWeekday} />
            </InsightsCard>
          </div>
          <GapsTable card={card} />
          <div className="insights-grid">
            <TopItems card={card} />
            <StoppedItems card={card} />
          </div>
          <RecentOrders card={card} lastOrder={lastOrder} onOpenOrder={onOpenOrder} />
        </div>
      )}
    </section>
  );
}

function ContactPanel({ card }: { card: StoreCard }) {
  const { t, locale } = useT();
  const entry = card.directory;
  return (
    <Paper withBorder radius="sm" p="md" className="store-contact" data-testid="store-contact">
      <Text fw={650} size="sm" c="dimmed" tt="uppercase" mb={6}>
        {t('storeCard.contact.title')}
      </Text>
      {!entry ? (
        <Alert color="yellow" variant="light">
          {t('storeCard.notInDirectory')}
        </Alert>
      ) : (
        <>
          <Text fw={650} size="lg" data-testid="store-contact-person">
            {entry.contact || t('insights.none')}
          </Text>
          {entry.phone ? (
            <a className="store-contact__phone" href={telHref(entry.phone)} data-testid="store-phone">
              {entry.phone}
            </a>
          ) : (
            <Text c="dimmed">{t('insights.none')}</Text>
          )}
          <dl className="store-contact__facts">
            {entry.email && (
              <>
                <dt>{t('storeCard.contact.email')}</dt>
                <dd>
                  <a href={`mailto:${entry.email}`}>{entry.email}</a>
                </dd>
              </>
            )}
            <dt>{t('storeCard.contact.delivery')}</dt>
            <dd>
              {entry.deliveryDays.length ? entry.deliveryDays.map((d) => weekdayShort(d - 1, locale)).join(', ') : t('insights.none')}
            </dd>
            <dt>{t('storeCard.contact.priceType')}</dt>
            <dd>{entry.priceType || t('storeCard.contact.defaultPriceType')}</dd>
          </dl>
        </>
      )}
    </Paper>
  );
}

function Kpi({
  label,
  value,
  note,
  tone,
  testId,
}: {
  label: string;
  value: string;
  note?: string;
  tone?: 'bad' | 'good';
  testId?: string;
}) {
  return (
    <div className="kpi" data-tone={tone} data-testid={testId}>
      <div className="kpi__label">{label}</div>
      <div className="kpi__value">{value}</div>
      {note && <div className="kpi__note">{note}</div>}
    </div>
  );
}

function Kpis({ card }: { card: StoreCard }) {
  const { t, locale } = useT();
  const rhythm = card.rhythm;
  const usualDays = card.ordersByWeekday
    .map((orders, day) => ({ orders, day }))
    .filter((d) => d.orders > 0 && d.orders >= card.orderCount * 0.2)
    .sort((a, b) => b.orders - a.orders)
    .map((d) => weekdayShort(d.day, locale));
  const late = rhythm && rhythm.nextDueOn !== null && (rhythm.status === 'overdue' || rhythm.status === 'due');
  // As the due list counts it: days past the expected next order.
  const daysLate = rhythm?.nextDueOn ? Math.max(0, daysBetween(rhythm.nextDueOn, card.today)) : 0;
  const trend = card.trend;
  return (
    <div className="kpis" data-testid="store-kpis">
      <Kpi
        label={t('storeCard.kpi.orders')}
        value={formatNumber(card.orderCount, locale)}
        note={card.firstOrderOn ? t('storeCard.kpi.ordersSince', { date: formatDate(card.firstOrderOn, locale) }) : undefined}
      />
      <Kpi
        label={t('storeCard.kpi.average')}
        value={formatRubles(card.averageOrderKopecks, locale)}
        note={t('storeCard.kpi.total', { value: formatRubles(card.totalKopecks, locale) })}
      />
      <Kpi
        label={t('storeCard.kpi.rhythm')}
        value={
          rhythm?.intervalDays
            ? t('storeCard.kpi.every', { days: formatNumber(rhythm.intervalDays, locale, 1) })
            : t('storeCard.kpi.rhythmUnknown')
        }
        note={usualDays.length ? t('storeCard.kpi.usually', { days: usualDays.join(', ') }) : undefined}
        testId="store-rhythm"
      />
      <Kpi
        label={t('storeCard.kpi.next')}
        value={
          late && rhythm.status === 'overdue'
            ? t('storeCard.kpi.late', { days: daysLate })
            : rhythm?.nextDueOn
              ? formatDate(rhythm.nextDueOn, locale)
              : t('insights.none')
        }
        note={[
          late && rhythm.status === 'overdue' && rhythm.nextDueOn
            ? t('storeCard.kpi.nextOn', { date: formatDate(rhythm.nextDueOn, locale) })
            : null,
          card.lastOrderOn ? t('storeCard.kpi.lastOn', { date: formatDate(card.lastOrderOn, locale) }) : null,
        ]
          .filter((part) => part !== null)
          .join(' · ')}
        tone={late ? 'bad' : undefined}
        testId="store-next"
      />
      <Kpi
        label={t('storeCard.kpi.trend')}
        value={trend?.valueRatio != null ? formatChange(trend.valueRatio, locale) : t('storeCard.kpi.trendNone')}
        note={trend ? t('storeCard.kpi.trendOrders', { recent: trend.recent.orders, before: trend.before.orders }) : undefined}
        tone={trend?.valueRatio != null ? (trend.valueRatio < 0.85 ? 'bad' : trend.valueRatio > 1.15 ? 'good' : undefined) : undefined}
        testId="store-trend"
      />
    </div>
  );
}

function GapsTable({ card }: { card: StoreCard }) {
  const { t, locale } = useT();
  const more = useShowMore(card.gaps.length, 15);
  return (
    <InsightsCard
      id="store-gaps"
      title={t('storeCard.gaps.title')}
      count={card.gaps.length}
      countColor="blue"
      description={t('storeCard.gaps.description')}
      testId="store-gaps"
      empty={card.gaps.length === 0 ? t('storeCard.gaps.empty') : null}
    >
      <Table className="insights-table" verticalSpacing={4} striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('storeCard.col.item')}</Table.Th>
            <Table.Th>{t('storeCard.gaps.col.category')}</Table.Th>
            <Table.Th className="num">{t('storeCard.gaps.col.price')}</Table.Th>
            <Table.Th className="num">{t('storeCard.gaps.col.peers')}</Table.Th>
            <Table.Th className="num">{t('storeCard.gaps.col.likelihood')}</Table.Th>
            <Table.Th className="num">{t('storeCard.gaps.col.expected')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {card.gaps.slice(0, more.shown).map((gap) => (
            <Table.Tr key={gap.itemCode} data-testid="store-gap" data-item={gap.itemCode}>
              <Table.Td>
                {gap.name} <span className="cell--dim mono">{gap.itemCode}</span>
              </Table.Td>
              <Table.Td>{gap.category}</Table.Td>
              <Table.Td className="num nowrap">
                {gap.priceKopecks === null ? t('insights.none') : formatPrice(gap.priceKopecks, locale)}
              </Table.Td>
              <Table.Td className="num">{t('storeCard.gaps.peers', { count: gap.peers.length })}</Table.Td>
              <Table.Td className="num">{formatPercent(gap.likelihood, locale)}</Table.Td>
              <Table.Td className="num nowrap" fw={600}>
                +{formatRubles(gap.expectedWeeklyKopecks, locale)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <ShowMore more={more} />
    </InsightsCard>
  );
}

function TopItems({ card }: { card: StoreCard }) {
  const { t, locale } = useT();
  return (
    <InsightsCard id="store-top" title={t('storeCard.top.title')} description={t('storeCard.top.description')} testId="store-top">
      <Table className="insights-table" verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('storeCard.col.item')}</Table.Th>
            <Table.Th className="num">{t('storeCard.col.quantity')}</Table.Th>
            <Table.Th className="num">{t('storeCard.col.amount')}</Table.Th>
            <Table.Th className="num">{t('storeCard.col.orders')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {card.topItems.map((item) => (
            <Table.Tr key={item.itemCode}>
              <Table.Td>{item.name}</Table.Td>
              <Table.Td className="num nowrap">
                {formatNumber(item.quantity, locale, 3)} {item.unit}
              </Table.Td>
              <Table.Td className="num nowrap">{formatRubles(item.amountKopecks, locale)}</Table.Td>
              <Table.Td className="num">{item.orders}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </InsightsCard>
  );
}

function StoppedItems({ card }: { card: StoreCard }) {
  const { t, locale } = useT();
  return (
    <InsightsCard
      id="store-stopped"
      title={t('storeCard.stopped.title')}
      count={card.stoppedItems.length}
      testId="store-stopped"
      empty={card.stoppedItems.length === 0 ? t('storeCard.stopped.empty') : null}
    >
      <Table className="insights-table" verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('storeCard.col.item')}</Table.Th>
            <Table.Th className="num">{t('storeCard.col.orders')}</Table.Th>
            <Table.Th>{t('storeCard.col.last')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {card.stoppedItems.map((item) => (
            <Table.Tr key={item.itemCode} data-testid="store-stopped-item">
              <Table.Td>{item.name}</Table.Td>
              <Table.Td className="num nowrap">{t('storeCard.stopped.weeks', { weeks: item.weeksBought })}</Table.Td>
              <Table.Td className="nowrap">{formatDate(item.lastBoughtOn, locale)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </InsightsCard>
  );
}

interface RecentOrdersProps {
  card: StoreCard;
  lastOrder: ReceivedOrderDetail | null;
  onOpenOrder?: (order: OrderRef) => void;
}

function RecentOrders({ card, lastOrder, onOpenOrder }: RecentOrdersProps) {
  const { t, locale } = useT();
  const lines = useShowMore(lastOrder?.lines.length ?? 0, 10);
  return (
    <div className="insights-grid">
      <InsightsCard id="store-orders" title={t('storeCard.orders.title')} testId="store-orders">
        {card.recentOrders.length === 0 ? (
          <Text c="dimmed" size="sm">
            {t('storeCard.orders.empty')}
          </Text>
        ) : (
          <Table className="insights-table" verticalSpacing={4} highlightOnHover={onOpenOrder !== undefined}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('storeCard.orders.col.number')}</Table.Th>
                <Table.Th>{t('storeCard.orders.col.date')}</Table.Th>
                <Table.Th className="num">{t('storeCard.orders.col.lines')}</Table.Th>
                <Table.Th className="num">{t('storeCard.orders.col.gross')}</Table.Th>
                <Table.Th>{t('storeCard.orders.col.state')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {card.recentOrders.map((order) => (
                <Table.Tr key={order.id} data-testid="store-order" data-id={order.id}>
                  <Table.Td className="mono">
                    {onOpenOrder ? (
                      <button type="button" className="insights-link" onClick={() => onOpenOrder(order)}>
                        {order.number}
                      </button>
                    ) : (
                      order.number
                    )}
                  </Table.Td>
                  <Table.Td className="nowrap">{formatDate(order.orderedOn, locale)}</Table.Td>
                  <Table.Td className="num">{order.lineCount}</Table.Td>
                  <Table.Td className="num nowrap">{formatRubles(order.grossKopecks, locale)}</Table.Td>
                  <Table.Td>{t(`storeCard.state.${order.state}`)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </InsightsCard>
      {lastOrder && (
        <InsightsCard
          id="store-last-order"
          title={t('storeCard.lastOrder.title', { number: lastOrder.number, date: formatLongDate(lastOrder.orderedOn, locale) })}
          description={t('storeCard.lastOrder.summary', {
            lines: lastOrder.lineCount,
            gross: formatRubles(lastOrder.grossKopecks, locale),
          })}
          testId="store-last-order"
          actions={
            onOpenOrder && (
              <Button
                size="xs"
                variant="light"
                className="no-print"
                onClick={() => onOpenOrder(lastOrder)}
                data-testid="store-open-last-order"
              >
                {t('storeCard.orders.open')}
              </Button>
            )
          }
        >
          <Table className="insights-table" verticalSpacing={3}>
            <Table.Tbody>
              {lastOrder.lines.slice(0, lines.shown).map((line) => (
                <Table.Tr key={line.lineNumber}>
                  <Table.Td>{line.name}</Table.Td>
                  <Table.Td className="num nowrap">
                    {formatNumber(line.quantity, locale, 3)} {line.unit}
                  </Table.Td>
                  <Table.Td className="num nowrap">{formatRubles(line.amountKopecks, locale)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <ShowMore more={lines} />
        </InsightsCard>
      )}
    </div>
  );
}
