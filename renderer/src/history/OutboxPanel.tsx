import '../styles/exchange.css';
import { Button, Group, Text } from '@mantine/core';
import { useState } from 'react';
import type { OutboxEntry } from '../../../shared/domain';
import { ErrorAlert } from '../common/ErrorAlert';
import { formatCount, formatDateTime } from '../common/format';
import { useToast } from '../common/Toasts';
import { toUiError, type UiError } from '../common/uiError';
import { useT } from '../i18n';
import { describeFailure } from '../common/exchangeFailure';
import { DeliveryBadge } from './exchangeBadges';
import type { OutboxQueue } from './useOutbox';

/**
 * Orders on their way to the supplier, above the history: queued (with the next attempt), sending,
 * needing attention (with the reason and "Send again"). Shown only while there is something unsent.
 * `data-count` and each entry's `data-state` tell tests what is on screen.
 */
export function OutboxPanel({ outbox }: { outbox: OutboxQueue }) {
  const { t, locale } = useT();
  const toast = useToast();
  const [retrying, setRetrying] = useState<string | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  const entries = outbox.entries ?? [];
  if (entries.length === 0 && !outbox.error && !error) return null;

  const retry = async (entry: OutboxEntry) => {
    if (retrying) return;
    setRetrying(entry.orderId);
    setError(null);
    try {
      await outbox.retry(entry.orderId);
      toast({ title: t('outbox.title'), message: t('outbox.retried', { number: entry.orderNumber }), color: 'gray' });
    } catch (thrown) {
      setError(toUiError(thrown));
    } finally {
      setRetrying(null);
    }
  };

  return (
    <section className="outbox" aria-labelledby="outbox-title" data-testid="outbox" data-count={entries.length}>
      <Group justify="space-between" gap="sm" wrap="nowrap">
        <Text fw={600} size="sm" id="outbox-title">
          {t('outbox.title')}
        </Text>
        <Text size="xs" c="dimmed">
          {entries.some((entry) => entry.state === 'needsAttention') ? t('outbox.hintAttention') : t('outbox.hint')}
        </Text>
      </Group>
      {outbox.error && <ErrorAlert error={outbox.error} />}
      {error && <ErrorAlert error={error} onClose={() => setError(null)} />}
      <ul className="outbox__list" aria-live="polite">
        {entries.map((entry) => {
          const failure = describeFailure(t, entry.lastErrorCode, entry.lastError);
          return (
            <li
              key={entry.orderId}
              className="outbox__entry"
              data-testid="outbox-entry"
              data-number={entry.orderNumber}
              data-state={entry.state}
            >
              <Text span className="mono" fw={600} size="sm">
                {t('outbox.order', { number: entry.orderNumber })}
              </Text>
              <DeliveryBadge state={entry.state} transport={entry.transport} />
              <div className="outbox__details">
                {entry.state === 'queued' && entry.nextAttemptAt && entry.attempts > 0 && (
                  <Text size="xs" c="dimmed">
                    {t('outbox.nextAttempt', { time: formatDateTime(entry.nextAttemptAt, locale) })} ·{' '}
                    {t('outbox.attempts', { count: formatCount(entry.attempts, locale) })}
                  </Text>
                )}
                {entry.lastErrorCode !== null && (
                  <Text size="xs" c={entry.state === 'needsAttention' ? 'red.8' : 'dimmed'} data-testid="outbox-reason">
                    {t('outbox.reason', { reason: failure.title })}
                    {failure.details && (
                      <Text span size="xs" c="dimmed">
                        {' '}
                        — {failure.details}
                      </Text>
                    )}
                  </Text>
                )}
              </div>
              {entry.state === 'needsAttention' && (
                <Button
                  size="xs"
                  variant="light"
                  color="red"
                  loading={retrying === entry.orderId}
                  onClick={() => void retry(entry)}
                  aria-label={`${t('outbox.retry')}: ${t('outbox.order', { number: entry.orderNumber })}`}
                  data-testid="outbox-retry"
                >
                  {t('outbox.retry')}
                </Button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
