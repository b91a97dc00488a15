import { Badge, Button, Group } from '@mantine/core';
import { useMemo, useState } from 'react';
import type { ReceivedOrderSummary } from '../../../../shared/manager';
import { DownloadIcon, FileIcon } from '../../common/icons';
import { useT } from '../../i18n';
import { AnswerStoresDialog } from './AnswerStoresDialog';
import { ExportDialog } from './ExportDialog';
import { ExportsHistory } from './ExportsHistory';
import { answerScope, exportScope, type OutputScope } from './outputScope';
import { PickListDialog } from './PickListDialog';

interface OrdersOutputsProps {
  /** The whole order book as the grid has it. */
  orders: readonly ReceivedOrderSummary[];
  /** The ticked orders shown, in the grid's order. */
  selectedIds: readonly number[];
  /** Orders changed (exported, answered): the grid reads the book again. */
  onChanged: () => void;
}

type Dialog = 'export' | 'answers' | 'pickList' | 'history';

const EMPTY_SCOPE: OutputScope = { orders: [], left: [], fromSelection: false };

/**
 * What leaves the order book, beside the grid: the export to the back office and the answers to the
 * stores (the ticked orders, or with none ticked every order they apply to), the pick list by delivery
 * date, and the record of exports.
 */
export function OrdersOutputs({ orders, selectedIds, onChanged }: OrdersOutputsProps) {
  const { t } = useT();
  const [open, setOpen] = useState<Dialog | null>(null);
  // The orders as they were when the dialog opened (kept while it fades out): the grid may refresh meanwhile.
  const [scope, setScope] = useState<OutputScope>(EMPTY_SCOPE);
  const openWith = (dialog: Dialog, scopeNow: OutputScope) => {
    setScope(scopeNow);
    setOpen(dialog);
  };
  const exportable = useMemo(() => exportScope(orders, selectedIds), [orders, selectedIds]);
  const answerable = useMemo(() => answerScope(orders, selectedIds), [orders, selectedIds]);
  const close = () => setOpen(null);
  const counter = (n: number, testId: string) => (
    <Badge size="xs" variant="light" color="gray" radius="sm" data-testid={testId} data-count={n}>
      {n}
    </Badge>
  );

  return (
    <>
      <Group gap={6} wrap="nowrap" role="toolbar" aria-label={t('outputs.label')} className="orders-outputs" data-testid="orders-outputs">
        <Button
          size="xs"
          variant="light"
          leftSection={<DownloadIcon size={14} />}
          rightSection={counter(exportable.orders.length, 'outputs-export-count')}
          title={selectedIds.length > 0 ? t('outputs.exportHintSelected') : t('outputs.exportHintAll')}
          onClick={() => openWith('export', exportable)}
          data-testid="outputs-export"
        >
          {t('outputs.export')}
        </Button>
        <Button
          size="xs"
          variant="light"
          leftSection={<FileIcon size={14} />}
          title={t('outputs.pickListHint')}
          onClick={() => setOpen('pickList')}
          data-testid="outputs-pick-list"
        >
          {t('outputs.pickList')}
        </Button>
        <Button
          size="xs"
          variant="light"
          rightSection={counter(answerable.orders.length, 'outputs-answers-count')}
          title={selectedIds.length > 0 ? t('outputs.answersHintSelected') : t('outputs.answersHintAll')}
          onClick={() => openWith('answers', answerable)}
          data-testid="outputs-answers"
        >
          {t('outputs.answers')}
        </Button>
        <Button size="xs" variant="subtle" onClick={() => setOpen('history')} data-testid="outputs-history">
          {t('outputs.history')}
        </Button>
      </Group>
      <ExportDialog opened={open === 'export'} scope={scope} onClose={close} onExported={onChanged} />
      <AnswerStoresDialog opened={open === 'answers'} scope={scope} onClose={close} onAnswered={onChanged} />
      <PickListDialog opened={open === 'pickList'} orders={orders} onClose={close} />
      <ExportsHistory opened={open === 'history'} onClose={close} />
    </>
  );
}
