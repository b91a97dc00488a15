import { AreaChart, BarChart } from '@mantine/charts';
import { useMemo } from 'react';
import type { SeasonalView } from '../../../shared/insightsView';
import { useT } from '../i18n';
import {
  addDays,
  formatDayMonth,
  formatIsoWeek,
  formatMonth,
  formatNumber,
  formatRubles,
  formatRublesCompact,
  thursdayOfIsoWeek,
  weekdayShort,
} from './insightsFormat';

/*
 * The insights charts (@mantine/charts over recharts). Axis labels and tooltips are translated, numbers
 * and dates in the locale's formats; no animation, so a chart is whole the moment it is shown or printed.
 * Each chart is an img with a label saying what it shows; the numbers are in the tables beside it.
 */

interface SeasonChartProps {
  profile: SeasonalView;
  /** ISO week of today and its year: the line marking "now", and the months under the weeks. */
  currentWeek: number;
  year: number;
}

/** Demand by week of the year (ISO weeks 1–52/53), months under the weeks, a line at the current week. */
export function SeasonChart({ profile, currentWeek, year }: SeasonChartProps) {
  const { t, locale } = useT();
  const weeks = (profile.weekly[52] ?? 0) > 0 ? 53 : 52;
  const data = useMemo(
    () => Array.from({ length: weeks }, (_, i) => ({ week: i + 1, quantity: profile.weekly[i] ?? 0 })),
    [profile.weekly, weeks],
  );
  // A month's name under the first week whose Thursday falls in it.
  const monthTick = (week: number) => {
    if (!Number.isInteger(week) || week < 1) return '';
    const month = thursdayOfIsoWeek(year, week).getUTCMonth();
    const previous = week > 1 ? thursdayOfIsoWeek(year, week - 1).getUTCMonth() : -1;
    return month !== previous ? formatMonth(thursdayOfIsoWeek(year, week), locale) : '';
  };
  return (
    <div role="img" aria-label={t('insights.season.chartLabel', { name: profile.name })} data-testid="season-chart" className="chart">
      <AreaChart
        h={260}
        data={data}
        dataKey="week"
        series={[{ name: 'quantity', label: t('insights.season.quantity'), color: 'blue.6' }]}
        curveType="monotone"
        withDots={false}
        fillOpacity={0.25}
        gridAxis="x"
        xAxisLabel={t('insights.season.xAxis')}
        yAxisLabel={t('insights.season.yAxis')}
        valueFormatter={(value) => formatNumber(value, locale, value < 10 ? 1 : 0)}
        xAxisProps={{ interval: 0, tickFormatter: (week: number) => monthTick(week), height: 40 }}
        yAxisProps={{ width: 64 }}
        referenceLines={[{ x: currentWeek, color: 'red.6', label: t('insights.season.now'), labelPosition: 'insideTopRight' }]}
        tooltipProps={{
          // Recharts renders the tooltip before any point is hovered, without a label.
          labelFormatter: (week) =>
            typeof week === 'number' ? t('insights.season.week', { week, dates: formatIsoWeek(year, week, locale) }) : '',
        }}
        tooltipAnimationDuration={0}
        accessibilityLayer={false}
      />
    </div>
  );
}

interface WeeklyValueChartProps {
  /** Order value per week, oldest first; the last week ends on `endsOn`. */
  weeklyKopecks: readonly number[];
  endsOn: string;
}

/** A store's order value per week, the week's first day under each bar. */
export function WeeklyValueChart({ weeklyKopecks, endsOn }: WeeklyValueChartProps) {
  const { t, locale } = useT();
  const data = useMemo(
    () =>
      weeklyKopecks.map((kopecks, i) => {
        const start = addDays(endsOn, -7 * (weeklyKopecks.length - i) + 1);
        return { start, rubles: Math.round(kopecks / 100) };
      }),
    [weeklyKopecks, endsOn],
  );
  return (
    <div role="img" aria-label={t('storeCard.history.chartLabel')} data-testid="store-history-chart" className="chart">
      <BarChart
        h={240}
        data={data}
        dataKey="start"
        series={[{ name: 'rubles', label: t('storeCard.history.value'), color: 'blue.6' }]}
        gridAxis="x"
        xAxisLabel={t('storeCard.history.xAxis')}
        yAxisLabel={t('storeCard.history.yAxis')}
        valueFormatter={(rubles) => formatRubles(rubles * 100, locale)}
        xAxisProps={{ tickFormatter: (start: string) => formatDayMonth(start, locale), interval: 3, height: 40 }}
        yAxisProps={{ width: 64, tickFormatter: (rubles: number) => formatRublesCompact(rubles * 100, locale) }}
        tooltipProps={{
          labelFormatter: (start) =>
            typeof start === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(start)
              ? `${formatDayMonth(start, locale)} – ${formatDayMonth(addDays(start, 6), locale)}`
              : start,
        }}
        tooltipAnimationDuration={0}
        maxBarWidth={14}
        accessibilityLayer={false}
      />
    </div>
  );
}

/** Orders by weekday, Monday first. */
export function WeekdayChart({ ordersByWeekday }: { ordersByWeekday: readonly number[] }) {
  const { t, locale } = useT();
  const data = ordersByWeekday.map((orders, i) => ({ day: weekdayShort(i, locale), orders }));
  return (
    <div role="img" aria-label={t('storeCard.weekdays.title')} data-testid="store-weekday-chart" className="chart">
      <BarChart
        h={160}
        data={data}
        dataKey="day"
        series={[{ name: 'orders', label: t('storeCard.weekdays.value'), color: 'teal.6' }]}
        gridAxis="none"
        withYAxis={false}
        withBarValueLabel
        valueFormatter={(value) => formatNumber(value, locale)}
        tooltipAnimationDuration={0}
        maxBarWidth={28}
        accessibilityLayer={false}
      />
    </div>
  );
}
