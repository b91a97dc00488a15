import '../styles/insights.css';
import { Button, CloseButton, Group, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { Order } from '../../../shared/domain';
import type { OrderHints as Hints } from '../../../shared/insightsView';
import { useShell } from '../common/ShellContext';
import { useT, type MessageKey } from '../i18n';
import { formatDate, formatNumber } from '../insights/insightsFormat';

interface OrderHintsProps {
  order: Order;
  onAdd: (itemCode: string, quantity: number) => void;
}

/** At most this many hints of each kind: a reminder, not a list to work through. */
const SHOWN = 2;
/** "по понедельникам" / "on Mondays", Monday first. */
const WEEKDAY_KEYS = [
  'hints.weekday.0',
  'hints.weekday.1',
  'hints.weekday.2',
  'hints.weekday.3',
  'hints.weekday.4',
  'hints.weekday.5',
  'hints.weekday.6',
] as const satisfies readonly MessageKey[];

/**
 * Hints from the store's own sent orders, above the draft's lines: a category usually ordered on
 * today's weekday that the draft lacks, and items the store stopped ordering ("still needed?", with
 * the last quantity one click away). Dismissed hints stay away for this draft.
 */
export function OrderHints({ order, onAdd }: OrderHintsProps) {
  const { t, locale } = useT();
  const { api } = useShell();
  const [hints, setHints] = useState<Hints | null>(null);
  const [dismissed, setDismissed] = useState<{ orderId: string; keys: ReadonlySet<string> }>({ orderId: order.id, keys: new Set() });
  const lineCount = order.lines.length;

  // Asked again when a line is added or removed: a category or item just ordered needs no reminder.
  useEffect(() => {
    let live = true;
    api.getOrderHints({ orderId: order.id }).then(
      (answer) => live && setHints(answer),
      // Hints are a convenience: without them the order screen works as before.
      () => live && setHints(null),
    );
    return () => {
      live = false;
    };
  }, [api, order.id, lineCount]);

  if (!hints) return null;
  const hidden = dismissed.orderId === order.id ? dismissed.keys : new Set<string>();
  const dismiss = (key: string) =>
    setDismissed((current) => ({ orderId: order.id, keys: new Set([...(current.orderId === order.id ? current.keys : []), key]) }));
  const habits = hints.habits
    .filter((h) => h.weekday === hints.weekday && !h.inOrder && !hidden.has(`habit:${h.category}`))
    .slice(0, SHOWN);
  const stopped = hints.stopped.filter((s) => !hidden.has(`stopped:${s.itemCode}`)).slice(0, SHOWN);
  if ((habits.length === 0 && stopped.length === 0) || hidden.has('all')) return null;

  return (
    <section className="order-hints" aria-label={t('hints.title')} data-testid="order-hints">
      <Group justify="space-between" wrap="nowrap" gap={4}>
        <Text size="xs" fw={650} c="blue.8">
          {t('hints.title')}
        </Text>
        <CloseButton size="sm" onClick={() => dismiss('all')} aria-label={t('hints.dismissAll')} />
      </Group>
      {habits.map((habit) => (
        <Text key={habit.category} size="xs" data-testid="hint-habit" data-category={habit.category}>
          {t('hints.habit', { weekday: t(WEEKDAY_KEYS[habit.weekday]!), category: habit.category })}
        </Text>
      ))}
      {stopped.map((item) => (
        <div key={item.itemCode} className="order-hints__stopped" data-testid="hint-stopped" data-item={item.itemCode}>
          <Text size="xs">
            {t('hints.stopped', { name: item.name, weeks: item.weeksBought, date: formatDate(item.lastBoughtOn, locale) })}
          </Text>
          <Group gap={6} mt={2}>
            {item.lastQuantity > 0 && (
              <Button size="compact-xs" variant="light" onClick={() => onAdd(item.itemCode, item.lastQuantity)} data-testid="hint-add">
                {t('hints.add', { quantity: formatNumber(item.lastQuantity, locale, 3), unit: item.unit })}
              </Button>
            )}
            <Button size="compact-xs" variant="subtle" color="gray" onClick={() => dismiss(`stopped:${item.itemCode}`)}>
              {t('hints.dismiss')}
            </Button>
          </Group>
        </div>
      ))}
    </section>
  );
}
