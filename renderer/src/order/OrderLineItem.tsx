import { CloseButton, Group, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import type { OrderLine } from '../../../shared/domain';
import { formatMoney } from '../../../shared/money';
import { formatCount } from '../common/format';
import { useT } from '../i18n';
import { ProblemBadges } from './ProblemBadges';

interface OrderLineItemProps {
  line: OrderLine;
  editable: boolean;
  onSetQuantity: (itemCode: string, quantity: number) => void;
  onAcceptPrice: (itemCode: string) => void;
}

/** One line of the draft: name, quantity × price, the line's sum, and any quantity problems. */
export function OrderLineItem({ line, editable, onSetQuantity, onAcceptPrice }: OrderLineItemProps) {
  const { t, locale } = useT();
  const ref = useRef<HTMLLIElement>(null);
  // A line just added or changed scrolls into view, so the purchaser sees what the core accepted.
  // (A block body: Chromium's scrollIntoView may return a promise, which React would take for a cleanup.)
  useEffect(() => {
    ref.current?.scrollIntoView({ block: 'nearest' });
  }, [line.quantity]);
  return (
    <li
      ref={ref}
      className={`order-line${line.problems.length > 0 ? ' order-line--warn' : ''}`}
      data-testid="order-line"
      data-code={line.itemCode}
      data-quantity={line.quantity}
    >
      <Group gap={6} wrap="nowrap" align="flex-start">
        <Text size="sm" fw={500} className="order-line__name" title={line.name} data-testid="order-line-name">
          {line.name}
        </Text>
        {editable && (
          <CloseButton
            size="xs"
            aria-label={t('order.removeLine', { name: line.name })}
            onClick={() => onSetQuantity(line.itemCode, 0)}
            data-testid="order-line-remove"
          />
        )}
      </Group>
      <Group justify="space-between" gap={8} wrap="nowrap" mt={2}>
        <Text size="xs" c="dimmed" className="num" data-testid="order-line-quantity">
          <span className="mono">{line.itemCode}</span>
          {' · '}
          {t('order.lineQuantity', {
            quantity: formatCount(line.quantity, locale),
            unit: line.unit,
            price: formatMoney(line.priceKopecks, locale),
          })}
        </Text>
        <Text size="sm" fw={600} className="num" data-testid="order-line-sum">
          {formatMoney(line.amountKopecks, locale)}
        </Text>
      </Group>
      {editable && (
        <ProblemBadges
          problems={line.problems}
          onApply={(quantity) => onSetQuantity(line.itemCode, quantity)}
          onAcceptPrice={() => onAcceptPrice(line.itemCode)}
        />
      )}
    </li>
  );
}
