import '@mantine/charts/styles.css';
import '../styles/insights.css';
import { Button, Group, Loader, Select, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import type { DueStore, InsightsOverview } from '../../../shared/insightsView';
import { ErrorAlert } from '../common/ErrorAlert';
import { useShell } from '../common/ShellContext';
import { toUiError, type UiError } from '../common/uiError';
import { useT } from '../i18n';
import { DueSection } from './DueSection';
import { GapsSection } from './GapsSection';
import { formatDate, formatLongDate, formatNumber } from './insightsFormat';
import { SeasonalitySection } from './SeasonalitySection';
import { SlippingSection, StoppedSection } from './SlippingSection';
import { StoreCardView, type OrderRef } from './StoreCardView';

interface InsightsScreenProps {
  /**
   * Opens an order of the order book in the manager's Orders screen (the manager app's navigation).
   * Without it, "open the last order" opens the store's card, which shows the last order's lines.
   */
  onOpenOrder?: (order: OrderRef) => void;
  /** Open this store's card first (from elsewhere in the app, e.g. the stores directory). */
  initialStore?: string | null;
}

/**
 * Where the manager's freed time goes: stores due or overdue against their own rhythm, stores slipping
 * away and the items they stopped buying, what each store could buy more of, and what season is coming.
 * A store's card opens in place (Esc goes back). `data-state`: loading, ready, error.
 */
export function InsightsScreen({ onOpenOrder, initialStore = null }: InsightsScreenProps) {
  const { t, locale } = useT();
  const { api } = useShell();
  const [overview, setOverview] = useState<InsightsOverview | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  const [store, setStore] = useState<string | null>(initialStore);
  const [reloads, setReloads] = useState(0);
  const [stores, setStores] = useState<{ value: string; label: string }[]>([]);

  useEffect(() => {
    let live = true;
    setError(null);
    api.getInsights({}).then(
      (loaded) => live && setOverview(loaded),
      (thrown: unknown) => live && setError(toUiError(thrown)),
    );
    return () => {
      live = false;
    };
  }, [api, reloads]);

  useEffect(() => {
    let live = true;
    api.listStores({}).then(
      ({ stores: entries }) => live && setStores(entries.map((s) => ({ value: s.customerCode, label: `${s.name} (${s.customerCode})` }))),
      // Finding a store is a convenience: the lists still open every card.
      () => live && setStores([]),
    );
    return () => {
      live = false;
    };
  }, [api]);

  const openLastOrder = useCallback(
    (due: DueStore) => {
      if (onOpenOrder && due.lastOrderId !== null && due.lastOrderNumber !== null)
        onOpenOrder({ id: due.lastOrderId, number: due.lastOrderNumber });
      else setStore(due.customerCode);
    },
    [onOpenOrder],
  );
  const back = useCallback(() => setStore(null), []);

  if (store !== null) return <StoreCardView customerCode={store} onBack={back} onOpenOrder={onOpenOrder} />;

  const state = error ? 'error' : overview ? 'ready' : 'loading';
  return (
    <section className="screen insights-screen" aria-labelledby="insights-title" data-testid="insights-screen" data-state={state}>
      <Group justify="space-between" wrap="nowrap" gap="md">
        <div>
          <Title order={2} size="h3" id="insights-title">
            {t('insights.title')}
          </Title>
          {overview && (
            <Text size="sm" c="dimmed" data-testid="insights-subtitle">
              {overview.firstOrderOn && overview.lastOrderOn
                ? t('insights.subtitle', {
                    date: formatLongDate(overview.today, locale),
                    stores: formatNumber(overview.storeCount, locale),
                    orders: formatNumber(overview.orderCount, locale),
                    from: formatDate(overview.firstOrderOn, locale),
                    to: formatDate(overview.lastOrderOn, locale),
                  })
                : t('insights.subtitleEmpty', { date: formatLongDate(overview.today, locale) })}
            </Text>
          )}
        </div>
        <Group gap="sm" wrap="nowrap" className="no-print">
          <Select
            data={stores}
            value={null}
            onChange={(code) => code && setStore(code)}
            searchable
            clearable={false}
            placeholder={t('insights.findStorePlaceholder')}
            aria-label={t('insights.findStore')}
            nothingFoundMessage={t('insights.none')}
            limit={50}
            w={340}
            data-testid="insights-store-pick"
          />
          <Button variant="default" onClick={() => setReloads((n) => n + 1)} data-testid="insights-refresh">
            {t('insights.refresh')}
          </Button>
          <Button variant="default" onClick={() => window.print()} disabled={!overview}>
            {t('insights.print')}
          </Button>
        </Group>
      </Group>
      {error && <ErrorAlert error={error} onClose={() => setError(null)} />}
      {!overview && !error && (
        <Group gap="sm" p="md">
          <Loader size="sm" />
          <Text c="dimmed">{t('insights.loading')}</Text>
        </Group>
      )}
      {overview && overview.orderCount === 0 && (
        <Text c="dimmed" p="md" data-testid="insights-empty">
          {t('insights.empty')}
        </Text>
      )}
      {overview && overview.orderCount > 0 && (
        <div className="insights-scroll">
          <div className="insights-grid">
            <DueSection due={overview.due} onOpenStore={setStore} onOpenLastOrder={openLastOrder} />
            <SlippingSection slipping={overview.slipping} onOpenStore={setStore} />
          </div>
          <div className="insights-grid insights-grid--wide-first">
            <GapsSection gaps={overview.gaps} onOpenStore={setStore} />
            <StoppedSection stores={overview.stoppedItems} onOpenStore={setStore} />
          </div>
          <SeasonalitySection seasonality={overview.seasonality} currentWeek={overview.currentWeek} today={overview.today} />
        </div>
      )}
    </section>
  );
}
