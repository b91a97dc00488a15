import { Group, SegmentedControl, Select, Text, UnstyledButton } from '@mantine/core';
import { useMemo, useState } from 'react';
import type { InsightsOverview, SeasonalView } from '../../../shared/insightsView';
import { useT } from '../i18n';
import { SeasonChart } from './charts';
import { formatIsoWeek, formatRatio } from './insightsFormat';
import { InsightsCard } from './parts';

type By = 'category' | 'item';

interface SeasonalitySectionProps {
  seasonality: InsightsOverview['seasonality'];
  currentWeek: number;
  /** YYYY-MM-DD: today, for the year the weeks are drawn in. */
  today: string;
}

/** The season coming first: whichever category or item rises most in the next weeks. */
function comingFirst(profiles: readonly SeasonalView[]): SeasonalView[] {
  return [...profiles].sort((a, b) => b.comingIndex - a.comingIndex || a.name.localeCompare(b.name, 'ru'));
}

/** Demand by week of the year per category or item, with what is coming in the next weeks. */
export function SeasonalitySection({ seasonality, currentWeek, today }: SeasonalitySectionProps) {
  const { t, locale } = useT();
  const [by, setBy] = useState<By>('category');
  const profiles = by === 'category' ? seasonality.categories : seasonality.items;
  const ranked = useMemo(() => comingFirst(profiles), [profiles]);
  const [picked, setPicked] = useState<Record<By, string | null>>({ category: null, item: null });
  const selected = profiles.find((p) => p.key === picked[by]) ?? ranked[0] ?? null;
  const coming = ranked.filter((p) => p.comingIndex > 1.2).slice(0, 8);
  const year = Number(today.slice(0, 4));
  const options = useMemo(
    () =>
      [...profiles]
        .sort((a, b) => a.name.localeCompare(b.name, locale))
        .map((p) => ({ value: p.key, label: by === 'item' ? `${p.name} (${p.key})` : p.name })),
    [profiles, by, locale],
  );
  const pick = (key: string) => setPicked((current) => ({ ...current, [by]: key }));

  return (
    <InsightsCard
      id="season"
      title={t('insights.season.title')}
      description={t('insights.season.description')}
      testId="insights-season"
      actions={
        <SegmentedControl
          size="xs"
          className="no-print"
          value={by}
          onChange={(value) => setBy(value === 'item' ? 'item' : 'category')}
          data={[
            { value: 'category', label: t('insights.season.byCategory') },
            { value: 'item', label: t('insights.season.byItem') },
          ]}
          data-testid="season-by"
        />
      }
    >
      {selected === null ? (
        <Text c="dimmed" size="sm">
          {t('insights.season.empty')}
        </Text>
      ) : (
        <div className="season-layout">
          <div className="season-main">
            <Group gap="sm" align="flex-end" wrap="nowrap">
              <Select
                className="no-print"
                label={t('insights.season.pick')}
                data={options}
                value={selected.key}
                onChange={(value) => value && pick(value)}
                searchable
                allowDeselect={false}
                w={420}
                size="sm"
                data-testid="season-pick"
              />
              <Text size="sm" c="dimmed" pb={6}>
                {t('insights.season.peaks', {
                  weeks: selected.peakWeeks.map((w) => formatIsoWeek(year, w, locale)).join(', ') || t('insights.none'),
                })}
              </Text>
            </Group>
            <Text className="print-only" fw={600}>
              {selected.name}
            </Text>
            <SeasonChart profile={selected} currentWeek={currentWeek} year={year} />
          </div>
          <aside className="season-coming" aria-labelledby="season-coming-title">
            <Text fw={600} size="sm" id="season-coming-title">
              {t('insights.season.coming')}
            </Text>
            <Text size="xs" c="dimmed" mb={6}>
              {t('insights.season.comingHint')}
            </Text>
            {coming.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('insights.season.noneComing')}
              </Text>
            ) : (
              <ol className="season-coming__list">
                {coming.map((p) => (
                  <li key={p.key}>
                    <UnstyledButton
                      className="season-coming__item"
                      data-active={p.key === selected.key}
                      onClick={() => pick(p.key)}
                      data-testid="season-coming"
                    >
                      <span className="season-coming__name">{p.name}</span>
                      <span className="season-coming__value num">
                        {t('insights.season.comingValue', { ratio: formatRatio(p.comingIndex, locale) })}
                      </span>
                    </UnstyledButton>
                  </li>
                ))}
              </ol>
            )}
          </aside>
        </div>
      )}
    </InsightsCard>
  );
}
