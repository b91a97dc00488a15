import { Badge, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import type { PriceListSyncStatus } from '../../../shared/domain';
import { ErrorAlert } from '../common/ErrorAlert';
import { describeFailure } from '../common/exchangeFailure';
import { formatCount, formatDateTime } from '../common/format';
import { useShell } from '../common/ShellContext';
import { toUiError, type UiError } from '../common/uiError';
import { useT } from '../i18n';

/** How often the state is read while a sync runs (in the background or asked for here). */
const SYNCING_POLL_MS = 1000;

interface PriceListSyncPanelProps {
  /** The saved connection is the network: only then does the price list come from the supplier. */
  connected: boolean;
  /** Bumped when the connection is saved (saving starts a sync in the background). */
  savedVersion: number;
}

/**
 * The supplier's price list as the store has it: its version and publication date, whether it is the
 * list in use, "Sync now", and what the last sync did (new, changed and removed items) or why it failed.
 * `data-state`: loading, ready, syncing.
 */
export function PriceListSyncPanel({ connected, savedVersion }: PriceListSyncPanelProps) {
  const { t, locale } = useT();
  const { api } = useShell();
  const [status, setStatus] = useState<PriceListSyncStatus | null>(null);
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<UiError | null>(null);

  const load = useCallback(() => {
    api.getPriceListSync({}).then(setStatus, (thrown: unknown) => setError(toUiError(thrown)));
  }, [api]);
  useEffect(load, [load, savedVersion]);

  const syncing = asking || (status?.syncing ?? false);
  useEffect(() => {
    if (!status?.syncing || asking) return;
    const timer = window.setInterval(load, SYNCING_POLL_MS);
    return () => window.clearInterval(timer);
  }, [status?.syncing, asking, load]);

  const syncNow = async () => {
    if (syncing) return;
    setAsking(true);
    setError(null);
    try {
      await api.syncPriceList({});
    } catch (thrown) {
      // A failed sync is recorded by the core and shown below as the last result; other failures here.
      const failure = toUiError(thrown);
      if (failure.code === 'NETWORK' || failure.code === 'INTERNAL') setError(failure);
    } finally {
      setAsking(false);
      load();
    }
  };

  const last = status?.lastSync ?? null;
  const failure = last?.outcome === 'failed' ? describeFailure(t, last.errorCode, last.error) : null;
  return (
    <section
      className="price-list-sync"
      aria-labelledby="price-list-sync-title"
      data-testid="price-list-sync"
      data-state={!status ? 'loading' : syncing ? 'syncing' : 'ready'}
      data-version={status?.version ?? ''}
      data-last-outcome={last?.outcome ?? ''}
    >
      <Title order={3} size="h5" id="price-list-sync-title">
        {t('exchange.priceList.title')}
      </Title>
      {!connected ? (
        <Text size="sm" c="dimmed" mt={4}>
          {t('exchange.priceList.needsHttp')}
        </Text>
      ) : (
        <Stack gap="xs" mt={4}>
          <Text size="xs" c="dimmed">
            {t('exchange.priceList.hint')}
          </Text>
          {status &&
            (status.version ? (
              <dl className="price-list-sync__facts">
                <div>
                  <dt>{t('exchange.priceList.version')}</dt>
                  <dd className="mono" data-testid="price-list-version" title={status.version}>
                    {status.version}
                  </dd>
                </div>
                {status.publishedAt && (
                  <div>
                    <dt>{t('exchange.priceList.published')}</dt>
                    <dd className="num" data-testid="price-list-published">
                      {formatDateTime(status.publishedAt, locale)}
                    </dd>
                  </div>
                )}
              </dl>
            ) : (
              <Text size="sm" data-testid="price-list-version-none">
                {t('exchange.priceList.none')}
              </Text>
            ))}
          {status?.version && !status.isCurrent && (
            <Text size="sm" c="orange.9">
              {t('exchange.priceList.notCurrent')}
            </Text>
          )}
          <Group gap="sm" align="center">
            <Button variant="light" loading={syncing} onClick={() => void syncNow()} data-testid="price-list-sync-now">
              {t('exchange.priceList.sync')}
            </Button>
            {syncing && (
              <Text size="sm" c="dimmed" aria-live="polite">
                {t('exchange.priceList.syncing')}
              </Text>
            )}
          </Group>
          {last && !syncing && (
            <div className="price-list-sync__last" aria-live="polite" data-testid="price-list-last-sync" data-outcome={last.outcome}>
              <Text size="sm" fw={500} c={last.outcome === 'failed' ? 'red.8' : undefined}>
                {t(
                  last.outcome === 'failed'
                    ? 'exchange.priceList.last.failed'
                    : last.outcome === 'unchanged'
                      ? 'exchange.priceList.last.unchanged'
                      : last.kind === 'delta'
                        ? 'exchange.priceList.last.delta'
                        : 'exchange.priceList.last.full',
                  { date: formatDateTime(last.at, locale) },
                )}
              </Text>
              {last.outcome === 'updated' && last.changes && (
                <Group gap={6} mt={4}>
                  <Badge variant="light" color="green" tt="none" fw={500} data-testid="price-list-added" data-count={last.changes.added}>
                    {t('exchange.priceList.added', { count: formatCount(last.changes.added, locale) })}
                  </Badge>
                  <Badge variant="light" color="blue" tt="none" fw={500} data-testid="price-list-changed" data-count={last.changes.changed}>
                    {t('exchange.priceList.changed', { count: formatCount(last.changes.changed, locale) })}
                  </Badge>
                  <Badge variant="light" color="gray" tt="none" fw={500} data-testid="price-list-removed" data-count={last.changes.removed}>
                    {t('exchange.priceList.removed', { count: formatCount(last.changes.removed, locale) })}
                  </Badge>
                </Group>
              )}
              {failure && (
                <Text size="sm" mt={2} data-testid="price-list-sync-failure" data-code={last.errorCode ?? ''}>
                  {failure.title}
                  {failure.details && (
                    <Text span size="xs" c="dimmed">
                      {' '}
                      — {failure.details}
                    </Text>
                  )}
                </Text>
              )}
            </div>
          )}
          {error && <ErrorAlert error={error} onClose={() => setError(null)} />}
        </Stack>
      )}
    </section>
  );
}
