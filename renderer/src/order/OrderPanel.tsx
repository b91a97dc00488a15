import { Badge, EmptyState, Group, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useState } from 'react';
import type { Order } from '../../../shared/domain';
import { ErrorAlert } from '../common/ErrorAlert';
import { CartIcon } from '../common/icons';
import { useShell } from '../common/ShellContext';
import { useToast } from '../common/Toasts';
import { formatCount } from '../common/format';
import { useT } from '../i18n';
import { DraftSwitcher } from './DraftSwitcher';
import { OrderActions, useOrderCommands } from './OrderActions';
import { OrderDetails } from './OrderDetails';
import { OrderHints } from './OrderHints';
import { OrderLineItem } from './OrderLineItem';
import { OrderTotals } from './OrderTotals';
import { originLabel } from './origin';
import { SaveIndicator } from './SaveIndicator';
import { SubmitConfirmDialog } from './SubmitConfirmDialog';
import { SuggestionsDialog } from './SuggestionsDialog';
import { SaveTemplateModal } from '../templates/SaveTemplateModal';
import type { DraftOrder } from './useDraftOrder';

interface OrderPanelProps {
  draft: DraftOrder;
  onImportLines: () => void;
  /** The draft was submitted or exported. */
  onSent: () => void;
}

/** The draft beside the catalog: drafts, delivery date, lines with their checks, totals, actions. */
export function OrderPanel({ draft, onImportLines, onSent }: OrderPanelProps) {
  const { t, locale } = useT();
  const { api } = useShell();
  const toast = useToast();
  const [suggestFor, setSuggestFor] = useState<string | null>(null);
  const [templateFor, setTemplateFor] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const { order, change, show } = draft;
  const commands = useOrderCommands(order, onSent);
  const dialogOpen = suggestFor !== null || templateFor !== null || confirming;
  const askToSubmit = () => order && order.lines.length > 0 && setConfirming(true);
  useHotkeys(
    [
      ['F7', () => order && !dialogOpen && setSuggestFor(order.id)],
      ['F9', () => !dialogOpen && askToSubmit()],
      ['mod+P', () => !dialogOpen && commands.savePdf(), { usePhysicalKeys: true }],
    ],
    [],
  );
  if (!order) return <aside className="order-panel" />;

  const acceptPrice = (itemCode: string) => void change((orderId) => api.acceptLinePrice({ orderId, itemCode }));
  const saveDetails = (details: { deliveryDate: string | null; comment: string }) =>
    void change((orderId) => api.setOrderDetails({ orderId, ...details }));
  const acceptSuggestions = (lines: { itemCode: string; quantity: number }[]) =>
    void change((orderId) => api.setOrderLineQuantities({ orderId, lines }));
  const origin = originLabel(order.origin, t);

  return (
    <aside className="order-panel" data-testid="order-panel" data-order-id={order.id} aria-labelledby="order-title">
      <div className="order-panel__head">
        <DraftSwitcher order={order} onShow={(next: Order) => show(next)} />
        <Group justify="space-between" wrap="nowrap" mt={8}>
          <Title order={2} size="h4" id="order-title" data-testid="order-number">
            {t('order.title', { number: order.number })}
          </Title>
          <SaveIndicator state={draft.saveState} />
        </Group>
        <Group justify="space-between" wrap="nowrap" gap={6} mt={2}>
          <Text size="xs" c="dimmed">
            {t('order.draft')}
            {' · '}
            {t('order.linesCount', { count: formatCount(order.lines.length, locale) })}
            {' · '}
            {order.pricesIncludeVat ? t('order.pricesIncludeVat') : t('order.pricesExcludeVat')}
            {origin && (
              <>
                {' · '}
                <span data-testid="order-origin">{origin}</span>
              </>
            )}
          </Text>
          {order.attentionCount > 0 && (
            <Badge
              variant="filled"
              color="orange"
              radius="sm"
              size="sm"
              tt="none"
              style={{ flex: 'none' }}
              data-testid="order-attention"
              data-count={order.attentionCount}
            >
              {t('order.attention', { count: order.attentionCount })}
            </Badge>
          )}
        </Group>
        <OrderDetails order={order} onSave={saveDetails} />
      </div>
      {draft.saveError && <ErrorAlert error={draft.saveError} onClose={draft.dismissSaveError} />}
      <OrderHints order={order} onAdd={draft.setQuantity} />
      {order.lines.length === 0 ? (
        <div className="order-panel__empty" data-testid="order-empty">
          <EmptyState size="sm" icon={<CartIcon size={24} />} title={t('order.empty.title')} description={t('order.empty.description')} />
        </div>
      ) : (
        <ol className="order-lines" data-testid="order-lines">
          {order.lines.map((line) => (
            <OrderLineItem key={line.itemCode} line={line} editable onSetQuantity={draft.setQuantity} onAcceptPrice={acceptPrice} />
          ))}
        </ol>
      )}
      <div className="order-panel__foot">
        <OrderTotals order={order} />
        <OrderActions
          order={order}
          commands={commands}
          onSubmit={askToSubmit}
          onSuggest={() => setSuggestFor(order.id)}
          onImportLines={onImportLines}
          onSaveTemplate={() => setTemplateFor(order.id)}
        />
      </div>
      <SubmitConfirmDialog
        order={confirming ? order : null}
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          commands.submit();
        }}
      />
      <SuggestionsDialog orderId={suggestFor} onClose={() => setSuggestFor(null)} onAccept={acceptSuggestions} />
      <SaveTemplateModal
        opened={templateFor !== null}
        orderId={templateFor ?? ''}
        onClose={() => setTemplateFor(null)}
        onSaved={(template) => {
          setTemplateFor(null);
          toast({ title: t('history.template.savedTitle'), message: t('history.template.saved', { name: template.name }), color: 'green' });
        }}
      />
    </aside>
  );
}
