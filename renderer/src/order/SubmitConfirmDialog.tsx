import { Alert, Button, Group, Modal, Text } from '@mantine/core';
import type { Order } from '../../../shared/domain';
import { formatMoney } from '../../../shared/money';
import { formatCount } from '../common/format';
import { useT } from '../i18n';

interface SubmitConfirmDialogProps {
  order: Order | null;
  onCancel: () => void;
  onConfirm: () => void;
}

/** Sending cannot be undone: say what goes, and what still looks wrong, before it goes. */
export function SubmitConfirmDialog({ order, onCancel, onConfirm }: SubmitConfirmDialogProps) {
  const { t, locale } = useT();
  return (
    <Modal opened={order !== null} onClose={onCancel} title={t('order.confirm.title')} data-testid="submit-confirm">
      {order && (
        <>
          <Text size="sm">
            {t('order.confirm.text', {
              number: order.number,
              lines: formatCount(order.lines.length, locale),
              sum: formatMoney(order.totals.grossKopecks, locale),
            })}
          </Text>
          {order.attentionCount > 0 && (
            <Alert color="orange" mt="sm" data-testid="submit-confirm-attention">
              {t('order.confirm.attention', { count: order.attentionCount })}
            </Alert>
          )}
          {order.minimumOrder && !order.minimumOrder.met && (
            <Alert color="red" mt="sm">
              {t('order.confirm.minimum', { sum: formatMoney(order.minimumOrder.kopecks, locale) })}
            </Alert>
          )}
          <Group justify="flex-end" mt="md">
            <Button variant="default" onClick={onCancel}>
              {t('dialog.cancel')}
            </Button>
            <Button onClick={onConfirm} data-autofocus data-testid="submit-confirm-send">
              {t('order.submit')}
            </Button>
          </Group>
        </>
      )}
    </Modal>
  );
}
