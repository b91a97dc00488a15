import { Button, Group, Menu } from '@mantine/core';
import { useState } from 'react';
import type { Order } from '../../../shared/domain';
import { ErrorAlert } from '../common/ErrorAlert';
import { DownloadIcon, FileIcon, UploadIcon } from '../common/icons';
import { useShell } from '../common/ShellContext';
import { useToast } from '../common/Toasts';
import { toUiError, type UiError } from '../common/uiError';
import { useT } from '../i18n';

export interface OrderCommands {
  busy: 'export' | 'submit' | 'pdf' | null;
  error: UiError | null;
  dismissError: () => void;
  exportFile: () => void;
  savePdf: () => void;
  submit: () => void;
}

/** Export to a file, save as PDF, send to the supplier: from the buttons and from shortcuts. */
export function useOrderCommands(order: Order | null, onSent: () => void): OrderCommands {
  const shell = useShell();
  const { t } = useT();
  const toast = useToast();
  const [busy, setBusy] = useState<OrderCommands['busy']>(null);
  const [error, setError] = useState<UiError | null>(null);

  const run = (kind: 'export' | 'submit' | 'pdf', action: (o: Order) => Promise<void>) => {
    if (!order || order.lines.length === 0 || busy) return;
    setBusy(kind);
    setError(null);
    action(order)
      .catch((failure: unknown) => setError(toUiError(failure)))
      .finally(() => setBusy(null));
  };
  return {
    busy,
    error,
    dismissError: () => setError(null),
    exportFile: () =>
      run('export', async (o) => {
        const file = await shell.api.exportOrder({ orderId: o.id });
        const saved = await shell.saveFile(file.fileName, file.content);
        toast(
          saved
            ? { title: t('order.exportTitle'), message: t('order.exported', { number: o.number, file: file.fileName }), color: 'green' }
            : { title: t('order.exportCancelled'), message: file.fileName, color: 'gray' },
        );
        onSent();
      }),
    savePdf: () =>
      run('pdf', async (o) => {
        const pdf = await shell.api.orderPdf({ orderId: o.id });
        if (await shell.saveFile(pdf.fileName, pdf.base64, 'base64')) {
          toast({ title: t('order.pdfTitle'), message: pdf.fileName, color: 'green' });
        }
      }),
    submit: () =>
      run('submit', async (o) => {
        const sent = await shell.api.submitOrder({ orderId: o.id });
        toast({ title: t('order.submitTitle'), message: t('order.submitted', { number: sent.number }), color: 'green' });
        onSent();
      }),
  };
}

interface OrderActionsProps {
  order: Order;
  commands: OrderCommands;
  /** Asks before sending. */
  onSubmit: () => void;
  onSuggest: () => void;
  onImportLines: () => void;
  onSaveTemplate: () => void;
}

/** What can be done with a draft: suggestions, lines from a file, template, PDF, file, submit. */
export function OrderActions({ order, commands, onSubmit, onSuggest, onImportLines, onSaveTemplate }: OrderActionsProps) {
  const { t } = useT();
  const { busy, error } = commands;
  const empty = order.lines.length === 0;

  return (
    <div className="order-actions">
      {error && <ErrorAlert error={error} onClose={commands.dismissError} />}
      <Group gap={6} grow wrap="nowrap">
        <Button variant="light" size="xs" onClick={onSuggest} data-testid="suggest-quantities" title="F7">
          {t('order.suggest')}
        </Button>
        <Menu position="top-end" withinPortal>
          <Menu.Target>
            <Button variant="default" size="xs" data-testid="order-more">
              {t('order.more')}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item leftSection={<UploadIcon />} onClick={onImportLines} data-testid="import-lines">
              {t('order.importLines')}
            </Menu.Item>
            <Menu.Item disabled={empty} onClick={onSaveTemplate} data-testid="save-template">
              {t('order.saveTemplate')}
            </Menu.Item>
            <Menu.Item leftSection={<FileIcon />} disabled={empty} onClick={commands.savePdf} data-testid="order-pdf" rightSection="Ctrl+P">
              {t('order.pdf')}
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      </Group>
      <Group gap={6} grow wrap="nowrap" mt={6}>
        <Button
          variant="default"
          leftSection={<DownloadIcon />}
          disabled={empty}
          loading={busy === 'export'}
          onClick={commands.exportFile}
          data-testid="export-order"
          title={t('order.exportHint')}
        >
          {t('order.export')}
        </Button>
        <Button disabled={empty} loading={busy === 'submit'} onClick={onSubmit} data-testid="submit-order" title="F9">
          {t('order.submit')}
        </Button>
      </Group>
    </div>
  );
}
