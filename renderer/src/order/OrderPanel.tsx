import { Badge, Button, EmptyState, Group, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { ErrorAlert } from '../common/ErrorAlert';
import { CartIcon, DownloadIcon } from '../common/icons';
import { useShell } from '../common/ShellContext';
import { useToast } from '../common/Toasts';
import { toUiError, type UiError } from '../common/uiError';
import { formatCount } from '../common/format';
import { useT } from '../i18n';
import { OrderLineItem } from './OrderLineItem';
import { OrderTotals } from './OrderTotals';
import { SaveIndicator } from './SaveIndicator';
import type { DraftOrder } from './useDraftOrder';

/** The draft order beside the catalog: its lines, totals with VAT, and export to a file. */
export function OrderPanel({ draft }: { draft: DraftOrder }) {
  const { t, locale } = useT();
  const shell = useShell();
  const toast = useToast();
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<UiError | null>(null);
  const { order } = draft;
  if (!order) return <aside className="order-panel" />;

  const exportOrder = async () => {
    setExporting(true);
    setExportError(null);
    try {
      const file = await shell.api.exportOrder({ orderId: order.id });
      const saved = await shell.saveFile(file.fileName, file.content);
      toast(
        saved
          ? { title: t('order.exportTitle'), message: t('order.exported', { number: order.number, file: file.fileName }), color: 'green' }
          : { title: t('order.exportCancelled'), message: file.fileName, color: 'gray' },
      );
    } catch (error) {
      setExportError(toUiError(error));
    } finally {
      setExporting(false);
    }
  };

  return (
    <aside className="order-panel" data-testid="order-panel" aria-labelledby="order-title">
      <div className="order-panel__head">
        <Group justify="space-between" wrap="nowrap">
          <Group gap={8} wrap="nowrap">
            <Title order={2} size="h4" id="order-title" data-testid="order-number">
              {t('order.title', { number: order.number })}
            </Title>
            <Badge variant="light" color="gray" radius="sm">
              {t('order.draft')}
            </Badge>
          </Group>
          <SaveIndicator state={draft.saveState} />
        </Group>
        <Text size="xs" c="dimmed" mt={2}>
          {t('order.linesCount', { count: formatCount(order.lines.length, locale) })}
          {' · '}
          {order.pricesIncludeVat ? t('order.pricesIncludeVat') : t('order.pricesExcludeVat')}
        </Text>
      </div>
      {draft.saveError && <ErrorAlert error={draft.saveError} onClose={draft.dismissSaveError} />}
      {order.lines.length === 0 ? (
        <div className="order-panel__empty" data-testid="order-empty">
          <EmptyState size="sm" icon={<CartIcon size={24} />} title={t('order.empty.title')} description={t('order.empty.description')} />
        </div>
      ) : (
        <ol className="order-lines" data-testid="order-lines">
          {order.lines.map((line) => (
            <OrderLineItem key={line.itemCode} line={line} onSetQuantity={draft.setQuantity} />
          ))}
        </ol>
      )}
      <div className="order-panel__foot">
        <OrderTotals order={order} />
        {exportError && <ErrorAlert error={exportError} onClose={() => setExportError(null)} />}
        <Button
          fullWidth
          size="md"
          leftSection={<DownloadIcon />}
          disabled={order.lines.length === 0}
          loading={exporting}
          onClick={() => void exportOrder()}
          data-testid="export-order"
        >
          {t('order.export')}
        </Button>
      </div>
    </aside>
  );
}
