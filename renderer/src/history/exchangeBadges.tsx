import { Badge } from '@mantine/core';
import type { OutboxEntry, OutboxState, SupplierOrderStatus } from '../../../shared/domain';
import { useT } from '../i18n';

const DELIVERY_COLORS: Record<OutboxState, string> = { queued: 'gray', sending: 'blue', sent: 'teal', needsAttention: 'red' };

const SUPPLIER_COLORS: Record<SupplierOrderStatus, string> = {
  received: 'blue',
  accepted: 'green',
  partiallyAccepted: 'orange',
  rejected: 'red',
  onHold: 'yellow',
  shipped: 'teal',
  cancelled: 'gray',
};

/** Where an order is on its way to the supplier: queued, sending, delivered, needs attention. */
export function DeliveryBadge({ state, transport }: { state: OutboxState; transport?: OutboxEntry['transport'] }) {
  const { t } = useT();
  const label = state === 'sent' && transport === 'folder' ? t('outbox.state.sentFolder') : t(`outbox.state.${state}`);
  return (
    <Badge variant="light" color={DELIVERY_COLORS[state]} radius="sm" tt="none" fw={500} data-testid="delivery-state" data-state={state}>
      {label}
    </Badge>
  );
}

/** The order's status at the supplier: received, accepted, partly accepted, rejected… */
export function SupplierStatusBadge({ status }: { status: SupplierOrderStatus }) {
  const { t } = useT();
  return (
    <Badge variant="dot" color={SUPPLIER_COLORS[status]} radius="sm" tt="none" fw={500} data-testid="supplier-status" data-status={status}>
      {t(`supplier.status.${status}`)}
    </Badge>
  );
}
