import { Button, Group, Stack, Text } from '@mantine/core';
import type { ReceivedOrderDetail } from '../../../../shared/manager';
import type { BatchAction } from '../../../../shared/managerBatch';
import { ErrorAlert } from '../../common/ErrorAlert';
import { useT } from '../../i18n';
import type { BatchActions } from './useBatchActions';

interface DetailActionsProps {
  order: ReceivedOrderDetail;
  batch: BatchActions;
  onReject: () => void;
}

/** The open order's own actions: the batch actions on this one order. */
export function DetailActions({ order, batch, onReject }: DetailActionsProps) {
  const { t } = useT();
  const orderIds = [order.id];
  const busy = batch.busy;
  const exported = order.state === 'exported';
  const action = (kind: BatchAction['kind'], run: () => void, props: { color?: string; variant?: string; disabled?: boolean } = {}) => (
    <Button
      size="xs"
      variant={props.variant ?? 'default'}
      color={props.color}
      disabled={exported || props.disabled || (busy !== null && busy !== kind)}
      loading={busy === kind}
      onClick={run}
      title={t(`batch.hint.${kind}`)}
      data-testid={`detail-${kind}`}
    >
      {kind === 'reject' ? t('batch.rejectButton') : kind === 'reprice' ? t('orderDetail.takeCurrentPrices') : t(`batch.kind.${kind}`)}
    </Button>
  );
  return (
    <Stack gap={6} w="100%">
      <Group gap={6} role="toolbar" aria-label={t('orderDetail.actions')} data-testid="detail-actions">
        {action('accept', () => void batch.run({ kind: 'accept', orderIds }), {
          color: 'green',
          variant: 'filled',
          disabled: order.state === 'accepted',
        })}
        {action('reject', onReject, { color: 'red', variant: 'light', disabled: order.state === 'rejected' })}
        {action('hold', () => void batch.run({ kind: 'hold', orderIds }), {
          color: 'yellow',
          variant: 'light',
          disabled: order.state === 'held',
        })}
        {action('roundToPack', () => void batch.run({ kind: 'roundToPack', orderIds }), { disabled: order.state === 'rejected' })}
        {action('reprice', () => void batch.run({ kind: 'reprice', orderIds, mode: 'current' }), { disabled: order.state === 'rejected' })}
        {exported && (
          <Text size="sm" c="dimmed">
            {t('orderDetail.exportedNote')}
          </Text>
        )}
      </Group>
      {batch.error && <ErrorAlert error={batch.error} onClose={batch.clearError} />}
    </Stack>
  );
}
