import { Badge } from '@mantine/core';
import type { OrderStatus } from '../../../shared/domain';
import { useT } from '../i18n';

const STATUS_COLORS: Record<OrderStatus, string> = { draft: 'gray', submitted: 'blue', exported: 'teal' };

/** "Отправлен" / "Выгружен в файл": how the order left the store. */
export function StatusBadge({ status }: { status: OrderStatus }) {
  const { t } = useT();
  return (
    <Badge variant="light" color={STATUS_COLORS[status]} radius="sm" tt="none" fw={500} data-testid="history-status" data-status={status}>
      {t(`history.status.${status}`)}
    </Badge>
  );
}
