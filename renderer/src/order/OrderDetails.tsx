import { Group, Textarea, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { Order } from '../../../shared/domain';
import { useT } from '../i18n';

interface OrderDetailsProps {
  order: Order;
  onSave: (details: { deliveryDate: string | null; comment: string }) => void;
}

/** Delivery date and comment of a draft; saved when the field is left or the date is picked. */
export function OrderDetails({ order, onSave }: OrderDetailsProps) {
  const { t } = useT();
  const [comment, setComment] = useState(order.comment);
  useEffect(() => setComment(order.comment), [order.id, order.comment]);
  const readOnly = order.status !== 'draft';
  return (
    <Group gap={8} align="flex-start" wrap="nowrap" className="order-details">
      <TextInput
        type="date"
        size="xs"
        label={t('order.deliveryDate')}
        value={order.deliveryDate ?? ''}
        readOnly={readOnly}
        onChange={(event) => onSave({ deliveryDate: event.currentTarget.value || null, comment })}
        data-testid="order-delivery-date"
        w={140}
      />
      <Textarea
        size="xs"
        label={t('order.comment')}
        placeholder={t('order.commentPlaceholder')}
        autosize
        minRows={1}
        maxRows={3}
        maxLength={2000}
        readOnly={readOnly}
        value={comment}
        onChange={(event) => setComment(event.currentTarget.value)}
        onBlur={() => comment !== order.comment && onSave({ deliveryDate: order.deliveryDate, comment })}
        data-testid="order-comment"
        style={{ flex: 1 }}
      />
    </Group>
  );
}
