import type { SupplierOrderStatus } from '../../../../shared/domain';
import type { ReceivedOrderState } from '../../../../shared/manager';
import { useT } from '../../i18n';

const STATE_TONE: Record<ReceivedOrderState, string> = {
  new: 'blue',
  held: 'yellow',
  accepted: 'green',
  rejected: 'red',
  exported: 'teal',
};

/** Where the order stands with the manager: new, held, accepted, rejected, exported. */
export function OrderStateTag({ state }: { state: ReceivedOrderState }) {
  const { t } = useT();
  return (
    <span className={`tag state-tag state-tag--${STATE_TONE[state]}`} data-testid="order-state" data-state={state}>
      {t(`orders.state.${state}`)}
    </span>
  );
}

/** What the store has been told (the confirmation it fetched); a dash before any answer. */
export function SupplierStatusTag({ status }: { status: SupplierOrderStatus | null }) {
  const { t } = useT();
  if (status === null) {
    return (
      <span className="cell--dim" data-testid="order-answer" data-status="none" title={t('orders.answer.none')}>
        {t('orders.none')}
      </span>
    );
  }
  return (
    <span className="answer-status" data-testid="order-answer" data-status={status}>
      {t(`supplier.status.${status}`)}
    </span>
  );
}
