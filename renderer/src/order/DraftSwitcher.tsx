import { ActionIcon, Group, Select, Tooltip } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { Order, OrderSummary } from '../../../shared/domain';
import { formatMoney } from '../../../shared/money';
import { useShell } from '../common/ShellContext';
import { toUiError, type UiError } from '../common/uiError';
import { ErrorAlert } from '../common/ErrorAlert';
import { useT } from '../i18n';

interface DraftSwitcherProps {
  order: Order;
  onShow: (order: Order) => void;
}

/** Several drafts at once: pick one, or start a new one. */
export function DraftSwitcher({ order, onShow }: DraftSwitcherProps) {
  const { api } = useShell();
  const { t, locale } = useT();
  const [drafts, setDrafts] = useState<OrderSummary[]>([]);
  const [error, setError] = useState<UiError | null>(null);

  // The list follows the shown draft (its sum changes as lines are typed).
  useEffect(() => {
    let current = true;
    api.listDrafts({}).then(
      (result) => current && setDrafts(result.drafts),
      (failure: unknown) => current && setError(toUiError(failure)),
    );
    return () => {
      current = false;
    };
  }, [api, order]);

  const run = (action: Promise<Order>) => action.then(onShow, (failure: unknown) => setError(toUiError(failure)));
  const label = (d: OrderSummary) =>
    [d.number, d.deliveryDate ? t('order.deliveryShort', { date: d.deliveryDate }) : '', formatMoney(d.grossKopecks, locale)]
      .filter(Boolean)
      .join(' · ');

  return (
    <>
      <Group gap={6} wrap="nowrap">
        <Select
          size="xs"
          className="draft-select"
          aria-label={t('order.drafts')}
          value={order.id}
          data={drafts.map((d) => ({ value: d.id, label: label(d) }))}
          onChange={(id) => id && id !== order.id && void run(api.getOrder({ orderId: id }))}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
          data-testid="draft-select"
        />
        <Tooltip label={t('order.newDraft')}>
          <ActionIcon
            variant="light"
            size="md"
            aria-label={t('order.newDraft')}
            onClick={() => void run(api.createDraft({}))}
            data-testid="new-draft"
          >
            +
          </ActionIcon>
        </Tooltip>
      </Group>
      {error && <ErrorAlert error={error} onClose={() => setError(null)} />}
    </>
  );
}
