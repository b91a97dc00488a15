import { Alert, Button, Group, Modal, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import {
  BACK_OFFICE_FORMATS,
  EXPORT_GROUPINGS,
  type BackOfficeFormat,
  type DownloadFile,
  type ExportGrouping,
} from '../../../../shared/manager';
import { ErrorAlert } from '../../common/ErrorAlert';
import { formatCount, formatDateTime } from '../../common/format';
import { useShell } from '../../common/ShellContext';
import { useToast } from '../../common/Toasts';
import { toUiError, type UiError } from '../../common/uiError';
import { useT } from '../../i18n';
import type { OutputScope } from './outputScope';
import { ScopeOrders, ScopeSummary } from './ScopeOrders';
import { rememberedChoice, remember } from './rememberedChoice';

/** An order the core refused to export a second time (ORDERS_ALREADY_EXPORTED lists them in its details). */
interface AlreadyExported {
  id: number;
  number: string;
  storeName: string;
  exportedAt: string | null;
  fileName: string | null;
}

function alreadyExportedOf(error: UiError): AlreadyExported[] {
  const listed = error.details?.orders;
  if (!Array.isArray(listed)) return [];
  return listed.flatMap((entry: unknown): AlreadyExported[] => {
    const o = entry as Partial<Record<keyof AlreadyExported, unknown>>;
    if (typeof o.id !== 'number' || typeof o.number !== 'string') return [];
    return [
      {
        id: o.id,
        number: o.number,
        storeName: typeof o.storeName === 'string' ? o.storeName : '',
        exportedAt: typeof o.exportedAt === 'string' ? o.exportedAt : null,
        fileName: typeof o.fileName === 'string' ? o.fileName : null,
      },
    ];
  });
}

type Step = { step: 'choose' } | { step: 'already'; orders: AlreadyExported[] } | { step: 'unsaved'; file: DownloadFile; count: number };

/** One file first: what a back office loads day by day. */
const GROUPINGS_SHOWN: readonly ExportGrouping[] = ['perBatch', 'perOrder'];
const FORMAT_KEY = 'porter.manager.exportFormat';
const GROUPING_KEY = 'porter.manager.exportGrouping';

interface ExportDialogProps {
  opened: boolean;
  scope: OutputScope;
  onClose: () => void;
  /** The export was recorded: the orders are exported now. */
  onExported: () => void;
}

/**
 * Accepted orders to the back office: what goes (the ticked orders, or every accepted one), the format
 * (CommerceML for 1C, XLSX, CSV) and one file or one per order. An order exported before is exported
 * again only when the manager says so, after seeing when and into which file it went. The file is
 * saved through the shell (a download in the browser, a save dialog in the desktop app).
 */
export function ExportDialog({ opened, scope, onClose, onExported }: ExportDialogProps) {
  const { t, locale } = useT();
  const shell = useShell();
  const toast = useToast();
  const [format, setFormat] = useState<BackOfficeFormat>(() => rememberedChoice(FORMAT_KEY, BACK_OFFICE_FORMATS, 'commerceml'));
  const [grouping, setGrouping] = useState<ExportGrouping>(() => rememberedChoice(GROUPING_KEY, EXPORT_GROUPINGS, 'perBatch'));
  const [step, setStep] = useState<Step>({ step: 'choose' });
  const [busy, setBusy] = useState<'export' | 'again' | 'rest' | 'save' | null>(null);
  const [error, setError] = useState<UiError | null>(null);

  useEffect(() => {
    if (!opened) return;
    setStep({ step: 'choose' });
    setBusy(null);
    setError(null);
  }, [opened]);

  const count = (n: number) => formatCount(n, locale);
  const ids = scope.orders.map((o) => o.id);

  const save = async (file: DownloadFile, orderCount: number): Promise<void> => {
    let saved = false;
    try {
      saved = await shell.saveFile(file.fileName, file.base64, 'base64');
    } catch (thrown) {
      setError(toUiError(thrown));
    }
    if (!saved) {
      // The orders are exported already: the file must not get lost with a cancelled dialog.
      setStep({ step: 'unsaved', file, count: orderCount });
      return;
    }
    toast({
      title: t('export.doneTitle'),
      message: t('export.done', { count: count(orderCount), file: file.fileName }),
      color: 'green',
    });
    onClose();
  };

  const run = async (exportIds: number[], again: boolean, kind: 'export' | 'again' | 'rest') => {
    if (busy || exportIds.length === 0) return;
    setBusy(kind);
    setError(null);
    remember(FORMAT_KEY, format);
    remember(GROUPING_KEY, grouping);
    try {
      const { file, export: record } = await shell.api.exportOrders({ ids: exportIds, format, grouping, again });
      onExported();
      await save(file, record.orders.length);
    } catch (thrown) {
      const failure = toUiError(thrown);
      const already = failure.code === 'ORDERS_ALREADY_EXPORTED' ? alreadyExportedOf(failure) : [];
      if (already.length > 0) setStep({ step: 'already', orders: already });
      else setError(failure);
    } finally {
      setBusy(null);
    }
  };

  const saveAgain = async () => {
    if (step.step !== 'unsaved' || busy) return;
    setBusy('save');
    setError(null);
    await save(step.file, step.count);
    setBusy(null);
  };

  const alreadyIds = new Set(step.step === 'already' ? step.orders.map((o) => o.id) : []);
  const rest = ids.filter((id) => !alreadyIds.has(id));
  const nothing = scope.orders.length === 0;

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('export.title')}
      size="min(880px, calc(100vw - 64px))"
      centered
      transitionProps={{ duration: 120 }}
      styles={{ title: { fontWeight: 650, fontSize: 'var(--mantine-font-size-lg)' } }}
      closeButtonProps={{ 'aria-label': t('confirm.cancel') }}
      closeOnClickOutside={busy === null}
      data-testid="export-dialog"
    >
      <Stack gap="md" data-step={step.step}>
        <Text size="sm" c="dimmed">
          {scope.fromSelection ? t('export.fromSelection') : t('export.allAccepted')}
        </Text>
        {nothing ? (
          <Alert color="gray" variant="light" data-testid="export-nothing">
            {scope.fromSelection ? t('export.nothingSelected') : t('export.nothingAccepted')}
          </Alert>
        ) : (
          <>
            <ScopeSummary orders={scope.orders} testId="export-summary" />
            <ScopeOrders orders={scope.orders} testId="export-orders" />
          </>
        )}
        {scope.left.length > 0 && (
          <Text size="sm" c="orange.8" data-testid="export-left">
            {t('export.left', {
              count: count(scope.left.length),
              numbers: scope.left
                .slice(0, 8)
                .map((o) => `${o.number} (${t(`orders.state.${o.state}`)})`)
                .join(', '),
            })}
            {scope.left.length > 8 ? ` ${t('outputs.andMore', { count: count(scope.left.length - 8) })}` : ''}
          </Text>
        )}

        {step.step !== 'unsaved' && !nothing && (
          <Group gap="xl" align="flex-start" wrap="wrap">
            <Stack gap={4}>
              <Text size="sm" fw={600} id="export-format-label">
                {t('export.format')}
              </Text>
              <SegmentedControl<BackOfficeFormat>
                value={format}
                onChange={setFormat}
                data={BACK_OFFICE_FORMATS.map((value) => ({ value, label: t(`export.format.${value}`) }))}
                aria-labelledby="export-format-label"
                data-testid="export-format"
              />
              <Text size="xs" c="dimmed" maw={420}>
                {t(`export.formatHint.${format}`)}
              </Text>
            </Stack>
            <Stack gap={4}>
              <Text size="sm" fw={600} id="export-grouping-label">
                {t('export.grouping')}
              </Text>
              <SegmentedControl<ExportGrouping>
                value={grouping}
                onChange={setGrouping}
                data={GROUPINGS_SHOWN.map((value) => ({ value, label: t(`export.grouping.${value}`) }))}
                aria-labelledby="export-grouping-label"
                data-testid="export-grouping"
              />
              <Text size="xs" c="dimmed" maw={360}>
                {t(`export.groupingHint.${grouping}`)}
              </Text>
            </Stack>
          </Group>
        )}

        {step.step === 'already' && (
          <Alert
            color="orange"
            variant="light"
            title={t('export.already.title', { count: count(step.orders.length) })}
            data-testid="export-already"
          >
            <Text size="sm" mb={6}>
              {t('export.already.text')}
            </Text>
            <Table verticalSpacing={2} fz="sm" className="screen-table">
              <Table.Tbody>
                {step.orders.map((o) => (
                  <Table.Tr key={o.id} data-testid="export-already-row" data-number={o.number}>
                    <Table.Td className="mono">{o.number}</Table.Td>
                    <Table.Td>{o.storeName}</Table.Td>
                    <Table.Td className="num">
                      {o.exportedAt ? formatDateTime(o.exportedAt, locale) : t('export.already.unknownWhen')}
                    </Table.Td>
                    <Table.Td className="mono cell--dim">{o.fileName ?? ''}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Alert>
        )}

        {step.step === 'unsaved' && (
          <Alert color="orange" variant="light" title={t('export.unsaved.title')} data-testid="export-unsaved">
            {t('export.unsaved.text', { file: step.file.fileName, count: count(step.count) })}
          </Alert>
        )}

        {error && <ErrorAlert error={error} onClose={() => setError(null)} />}

        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={busy !== null} data-testid="export-cancel">
            {step.step === 'unsaved' ? t('export.close') : t('confirm.cancel')}
          </Button>
          {step.step === 'choose' && (
            <Button
              data-autofocus
              disabled={nothing}
              loading={busy === 'export'}
              onClick={() => void run(ids, false, 'export')}
              data-testid="export-confirm"
            >
              {t('export.confirm', { count: count(ids.length) })}
            </Button>
          )}
          {step.step === 'already' && rest.length > 0 && (
            <Button
              variant="light"
              loading={busy === 'rest'}
              disabled={busy !== null && busy !== 'rest'}
              onClick={() => void run(rest, false, 'rest')}
              data-testid="export-skip-exported"
            >
              {t('export.already.skip', { count: count(rest.length) })}
            </Button>
          )}
          {step.step === 'already' && (
            <Button
              color="orange"
              loading={busy === 'again'}
              disabled={busy !== null && busy !== 'again'}
              onClick={() => void run(ids, true, 'again')}
              data-testid="export-again"
            >
              {t('export.already.again', { count: count(ids.length) })}
            </Button>
          )}
          {step.step === 'unsaved' && (
            <Button data-autofocus loading={busy === 'save'} onClick={() => void saveAgain()} data-testid="export-save">
              {t('export.unsaved.save')}
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
