import { Alert, Button, Group, Kbd, Loader, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Order } from '../../../shared/domain';
import { ErrorAlert } from '../common/ErrorAlert';
import { formatCount, formatDateTime } from '../common/format';
import { DownloadIcon, FileIcon } from '../common/icons';
import { useShell } from '../common/ShellContext';
import { useToast } from '../common/Toasts';
import { toUiError, type UiError } from '../common/uiError';
import { useT } from '../i18n';
import { formatIsoDate } from './dates';
import { sentAt } from './HistoryList';
import { OrderLinesTable } from './OrderLinesTable';
import { SaveTemplateModal } from '../templates/SaveTemplateModal';
import { CheckAnswersButton } from './CheckAnswersButton';
import { describeFailure } from '../common/exchangeFailure';
import { DeliveryBadge } from './exchangeBadges';
import { StatusBadge } from './StatusBadge';
import { ConfirmedTotals, SupplierAnswerSummary } from './SupplierAnswer';
import type { OutboxQueue } from './useOutbox';
import { VatBreakdown } from './VatBreakdown';

interface HistoryDetailProps {
  orderId: string;
  onBack: () => void;
  onOpenDraft: (order: Order) => void;
  outbox: OutboxQueue;
}

/** What the screen's keys need of a React or a DOM keyboard event. */
type ScreenKeyEvent = Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'defaultPrevented' | 'preventDefault'>;

function BackIcon() {
  return (
    <svg width={16} height={16} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" aria-hidden>
      <path d="M19 12H5m0 0 6-6m-6 6 6 6" />
    </svg>
  );
}

function RepeatIcon() {
  return (
    <svg width={16} height={16} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" aria-hidden>
      <path d="M4 12a8 8 0 0 1 13.7-5.6L20 8.7M20 4v4.7h-4.7M20 12a8 8 0 0 1-13.7 5.6L4 15.3M4 20v-4.7h4.7" />
    </svg>
  );
}

/**
 * One order from the history: its lines, totals with VAT by rate, delivery date and comment; where it
 * is on its way to the supplier and the supplier's answer, line by line (ordered vs confirmed);
 * repeat it as a new draft, save it as a PDF to print, or save it as a template.
 * Keys: Esc back to the list, Ctrl+P saves the PDF.
 */
export function HistoryDetail({ orderId, onBack, onOpenDraft, outbox }: HistoryDetailProps) {
  const { t, locale } = useT();
  const shell = useShell();
  const { api } = shell;
  const toast = useToast();
  const [order, setOrder] = useState<Order | null>(null);
  const [loadError, setLoadError] = useState<UiError | null>(null);
  const [busy, setBusy] = useState<'repeat' | 'pdf' | 'retry' | null>(null);
  const [actionError, setActionError] = useState<UiError | null>(null);
  const [templateOpen, setTemplateOpen] = useState(false);
  const rootRef = useRef<HTMLElement>(null);
  const repeatRef = useRef<HTMLButtonElement>(null);
  const saveTemplateRef = useRef<HTMLButtonElement>(null);

  const load = useCallback(() => {
    let current = true;
    setLoadError(null);
    api.getOrder({ orderId }).then(
      (loaded) => {
        if (current) setOrder(loaded);
      },
      (thrown: unknown) => {
        if (current) setLoadError(toUiError(thrown));
      },
    );
    return () => {
      current = false;
    };
  }, [api, orderId]);
  useEffect(load, [load]);

  // Focus stays inside the screen so Esc works at once; once the order is there, Enter repeats it.
  useEffect(() => {
    if (order) repeatRef.current?.focus();
    else rootRef.current?.focus();
  }, [order]);

  const repeat = async () => {
    if (busy) return;
    setBusy('repeat');
    setActionError(null);
    try {
      onOpenDraft(await api.repeatOrder({ orderId }));
    } catch (thrown) {
      setActionError(toUiError(thrown));
    } finally {
      setBusy(null);
    }
  };

  const savePdf = async () => {
    if (busy || !order) return;
    setBusy('pdf');
    setActionError(null);
    try {
      const pdf = await api.orderPdf({ orderId });
      const saved = await shell.saveFile(pdf.fileName, pdf.base64, 'base64');
      toast(
        saved
          ? { title: t('history.pdfSavedTitle'), message: t('history.pdfSaved', { file: pdf.fileName }), color: 'green' }
          : { title: t('history.saveCancelled'), message: pdf.fileName, color: 'gray' },
      );
    } catch (thrown) {
      setActionError(toUiError(thrown));
    } finally {
      setBusy(null);
    }
  };

  const retrySending = async () => {
    if (busy || !order) return;
    setBusy('retry');
    setActionError(null);
    try {
      await outbox.retry(order.id);
      load();
    } catch (thrown) {
      setActionError(toUiError(thrown));
    } finally {
      setBusy(null);
    }
  };

  // While the order is on its way, its state here follows the queue: read again when its entry moves.
  const queueState = outbox.entries ? (outbox.entries.find((entry) => entry.orderId === orderId)?.state ?? 'gone') : null;
  const seenQueueState = useRef(queueState);
  useEffect(() => {
    if (seenQueueState.current === queueState) return;
    const first = seenQueueState.current === null;
    seenQueueState.current = queueState;
    if (!first) load();
  }, [queueState, load]);

  const onKey = (event: ScreenKeyEvent) => {
    // The template dialog is a child in React's tree: its keys bubble here and are its own.
    if (templateOpen || event.defaultPrevented) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      onBack();
    } else if ((event.ctrlKey || event.metaKey) && event.code === 'KeyP') {
      // By the physical key, so Ctrl+P works on a Russian layout too (where it types "з").
      event.preventDefault();
      void savePdf();
    }
  };

  // Keys also work when focus has fallen to the page itself (a toast closed, a dialog faded out).
  const onKeyRef = useRef(onKey);
  useEffect(() => {
    onKeyRef.current = onKey;
  });
  useEffect(() => {
    const onWindowKeyDown = (event: globalThis.KeyboardEvent) => {
      if (document.activeElement === null || document.activeElement === document.body) onKeyRef.current(event);
    };
    window.addEventListener('keydown', onWindowKeyDown);
    return () => window.removeEventListener('keydown', onWindowKeyDown);
  }, []);

  // The template dialog gives focus back to its button at once, not after it has faded out.
  const closeTemplateDialog = () => {
    setTemplateOpen(false);
    saveTemplateRef.current?.focus();
  };

  const backButton = (
    <Button
      variant="subtle"
      color="gray"
      leftSection={<BackIcon />}
      rightSection={<Kbd size="xs">{t('keys.esc')}</Kbd>}
      onClick={onBack}
      data-testid="history-back"
    >
      {t('history.back')}
    </Button>
  );

  return (
    <section
      ref={rootRef}
      tabIndex={-1}
      className="screen history-detail"
      aria-label={order ? t('history.detail.title', { number: order.number }) : t('history.loadingOrder')}
      onKeyDown={onKey}
      data-testid="history-detail"
      data-number={order?.number}
      data-state={order ? 'ready' : loadError ? 'error' : 'loading'}
    >
      {!order ? (
        <>
          <Group>{backButton}</Group>
          {loadError ? (
            <div>
              <ErrorAlert error={loadError} />
              <Button mt="sm" variant="default" onClick={load}>
                {t('history.retry')}
              </Button>
            </div>
          ) : (
            <Group gap="sm" py="xl" justify="center">
              <Loader size="sm" />
              <Text>{t('history.loadingOrder')}</Text>
            </Group>
          )}
        </>
      ) : (
        <>
          <div className="history-detail__head">
            <Group justify="space-between" wrap="wrap" gap="sm" align="flex-start">
              <Group gap="sm" wrap="nowrap">
                {backButton}
                <Title order={2} size="h3" data-testid="history-detail-number">
                  {t('history.detail.title', { number: order.number })}
                </Title>
                <StatusBadge status={order.status} />
              </Group>
              <Group gap="xs" wrap="nowrap">
                <Button
                  ref={repeatRef}
                  leftSection={<RepeatIcon />}
                  loading={busy === 'repeat'}
                  title={t('history.repeatHint')}
                  onClick={() => void repeat()}
                  // A held Enter (from opening the order) must not repeat it by accident.
                  onKeyDown={(event) => {
                    if (event.key === 'Enter' && event.repeat) event.preventDefault();
                  }}
                  data-testid="history-repeat"
                >
                  {t('history.repeat')}
                </Button>
                <Button
                  variant="default"
                  leftSection={<DownloadIcon />}
                  rightSection={
                    <span className="key-combo" aria-hidden>
                      <Kbd size="xs">{t('keys.ctrl')}</Kbd>
                      <Kbd size="xs">P</Kbd>
                    </span>
                  }
                  loading={busy === 'pdf'}
                  title={t('history.pdfHint')}
                  aria-keyshortcuts="Control+P"
                  onClick={() => void savePdf()}
                  data-testid="history-pdf"
                >
                  {t('history.pdf')}
                </Button>
                <Button
                  ref={saveTemplateRef}
                  variant="default"
                  leftSection={<FileIcon />}
                  onClick={() => setTemplateOpen(true)}
                  data-testid="history-save-template"
                >
                  {t('history.saveTemplate')}
                </Button>
                {order.delivery && <CheckAnswersButton size="sm" onChecked={load} />}
              </Group>
            </Group>
            <dl className="history-facts">
              <div>
                <dt>{order.status === 'exported' ? t('history.detail.exportedAt') : t('history.detail.submittedAt')}</dt>
                <dd className="num">{formatDateTime(sentAt(order), locale)}</dd>
              </div>
              <div>
                <dt>{t('history.detail.delivery')}</dt>
                <dd className="num" data-testid="history-delivery">
                  {order.deliveryDate ? formatIsoDate(order.deliveryDate, locale) : t('history.detail.noDelivery')}
                </dd>
              </div>
              <div>
                <dt>{t('history.detail.lines')}</dt>
                <dd className="num">{formatCount(order.lines.length, locale)}</dd>
              </div>
              <div>
                <dt>{t('history.detail.prices')}</dt>
                <dd>{order.pricesIncludeVat ? t('history.detail.pricesIncludeVat') : t('history.detail.pricesExcludeVat')}</dd>
              </div>
              {order.delivery && (
                <div data-testid="history-delivery-state">
                  <dt>{t('outbox.fact')}</dt>
                  <dd>
                    <DeliveryBadge state={order.delivery.state} transport={order.delivery.transport} />
                    {order.delivery.state === 'sent' && order.delivery.sentAt && (
                      <span className="num history-facts__note">{formatDateTime(order.delivery.sentAt, locale)}</span>
                    )}
                  </dd>
                </div>
              )}
              <div className="history-facts__comment">
                <dt>{t('history.detail.comment')}</dt>
                <dd data-testid="history-comment">{order.comment || t('history.detail.noComment')}</dd>
              </div>
            </dl>
          </div>
          {order.delivery?.state === 'needsAttention' && (
            <DeliveryProblem
              code={order.delivery.lastErrorCode}
              message={order.delivery.lastError}
              retrying={busy === 'retry'}
              onRetry={() => void retrySending()}
            />
          )}
          {actionError && <ErrorAlert error={actionError} onClose={() => setActionError(null)} />}
          {order.confirmation && <SupplierAnswerSummary answer={order.confirmation} />}
          <OrderLinesTable order={order} />
          <div className="history-detail__foot">
            {order.confirmation && <ConfirmedTotals order={order} answer={order.confirmation} />}
            <VatBreakdown order={order} />
          </div>
          <SaveTemplateModal
            opened={templateOpen}
            orderId={order.id}
            onClose={closeTemplateDialog}
            onSaved={(template) => {
              closeTemplateDialog();
              toast({
                title: t('history.template.savedTitle'),
                message: t('history.template.saved', { name: template.name }),
                color: 'green',
              });
            }}
          />
        </>
      )}
    </section>
  );
}

/** Why the order could not be delivered, and "Send again". */
function DeliveryProblem(props: { code: string | null; message: string | null; retrying: boolean; onRetry: () => void }) {
  const { t } = useT();
  const failure = describeFailure(t, props.code, props.message);
  return (
    <Alert
      color="red"
      variant="light"
      title={`${t('outbox.state.needsAttention')}: ${failure.title}`}
      data-testid="history-delivery-problem"
    >
      <Group justify="space-between" gap="sm" wrap="nowrap">
        <Text size="sm">{failure.details}</Text>
        <Button size="xs" color="red" variant="filled" loading={props.retrying} onClick={props.onRetry} data-testid="history-retry-sending">
          {t('outbox.retry')}
        </Button>
      </Group>
    </Alert>
  );
}
