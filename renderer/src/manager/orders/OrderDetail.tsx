import { Alert, Button, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { OrderProblem, ReceivedOrderDetail, StoreEntry } from '../../../../shared/manager';
import { formatMoney } from '../../../../shared/money';
import { ErrorAlert } from '../../common/ErrorAlert';
import { formatCount, formatDateTime } from '../../common/format';
import { useShell } from '../../common/ShellContext';
import { useToast } from '../../common/Toasts';
import { toUiError, type UiError } from '../../common/uiError';
import { formatIsoDate } from '../../history/dates';
import { useT } from '../../i18n';
import { weekdayList } from '../stores/weekdays';
import { ChangeLog } from './ChangeLog';
import { DetailLines } from './DetailLines';
import { OrderStateTag, SupplierStatusTag } from './OrderTags';
import { problemText } from './problemText';
import { ProblemTag } from './ProblemTags';

interface OrderDetailProps {
  id: number;
  /** Changes whenever the book changed (an action, an import): the order is read again. */
  version: number;
  /** The store as the directory knows it; null when it is not in the directory. */
  store: StoreEntry | null;
  numberOf: (id: number) => string | undefined;
  /** The order's own actions (accept, reject, hold…), given the order as shown. */
  actions?: (order: ReceivedOrderDetail) => ReactNode;
  /** Line editing, given the order as shown (null: not editable). */
  lineEditor?: (order: ReceivedOrderDetail) => ((line: ReceivedOrderDetail['lines'][number]) => void) | null;
  /** The answer was sent: the grid shows its status. */
  onAnswered: () => void;
}

/** How the order came: the exchange API (the store's connection), the watched folder, a file opened, the demo. */
function sourceText(order: ReceivedOrderDetail, t: ReturnType<typeof useT>['t']): string {
  return t(`orderDetail.source.${order.source}`, { name: order.sourceName });
}

/**
 * One received order: who sent it (with the contact from the stores directory), how and when it
 * came, its lines as ordered and as they stand with their problems, every change made to it, and
 * the answer to the store. `data-state`: loading, ready, error.
 */
export function OrderDetail({ id, version, store, numberOf, actions, lineEditor, onAnswered }: OrderDetailProps) {
  const { t, locale } = useT();
  const shell = useShell();
  const { api } = shell;
  const toast = useToast();
  const [order, setOrder] = useState<ReceivedOrderDetail | null>(null);
  const [loadError, setLoadError] = useState<UiError | null>(null);
  const [answering, setAnswering] = useState(false);
  const [answerError, setAnswerError] = useState<UiError | null>(null);

  useEffect(() => {
    let current = true;
    setLoadError(null);
    api.getReceivedOrder({ id }).then(
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
  }, [api, id, version]);

  // Another order opened: its facts only, never the last one's for a moment.
  const shown = order?.id === id ? order : null;
  const problemsByLine = useMemo(() => {
    const byLine = new Map<number, OrderProblem[]>();
    for (const problem of shown?.problems ?? []) {
      if (problem.lineNumber === null) continue;
      byLine.set(problem.lineNumber, [...(byLine.get(problem.lineNumber) ?? []), problem]);
    }
    return byLine;
  }, [shown]);

  const answer = async () => {
    if (!shown || answering) return;
    setAnswering(true);
    setAnswerError(null);
    try {
      const answered = await api.answerStore({ id: shown.id });
      setOrder(answered);
      const file = answered.answerFile;
      if (file?.content) {
        // A store that sent a file gets its answer as a file: the manager saves it and passes it on.
        const saved = await shell.saveFile(file.fileName, file.content);
        if (saved)
          toast({
            title: t('orderDetail.answer.fileSavedTitle'),
            message: t('orderDetail.answer.fileSaved', { file: file.fileName }),
            color: 'green',
          });
      } else if (file?.savedTo) {
        toast({
          title: t('orderDetail.answer.fileSavedTitle'),
          message: t('orderDetail.answer.fileWritten', { path: file.savedTo }),
          color: 'green',
        });
      } else {
        toast({
          title: t('orderDetail.answer.sentTitle'),
          message: t('orderDetail.answer.sentTo', { store: answered.storeName }),
          color: 'green',
        });
      }
      onAnswered();
    } catch (thrown) {
      setAnswerError(toUiError(thrown));
    } finally {
      setAnswering(false);
    }
  };

  if (!shown) {
    return (
      <div className="order-detail" data-testid="order-detail" data-state={loadError ? 'error' : 'loading'}>
        {loadError ? (
          <ErrorAlert error={loadError} />
        ) : (
          <Group gap="sm" py="xl" justify="center">
            <Loader size="sm" />
            <Text>{t('orderDetail.loading')}</Text>
          </Group>
        )}
      </div>
    );
  }

  const orderProblems = shown.problems.filter((p) => p.lineNumber === null);
  const answerable = shown.state === 'accepted' || shown.state === 'rejected' || shown.state === 'exported';
  const editLine = lineEditor?.(shown) ?? undefined;

  return (
    <div
      className="order-detail"
      data-testid="order-detail"
      data-state="ready"
      data-id={shown.id}
      data-number={shown.number}
      data-order-state={shown.state}
      data-answer={shown.supplierStatus ?? 'none'}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
        <div>
          <Text size="lg" fw={650} data-testid="order-detail-store">
            {shown.storeName} <span className="cell--dim mono order-detail__code">{shown.storeCode}</span>
          </Text>
          <Group gap="xs" mt={4}>
            <OrderStateTag state={shown.state} />
            {shown.stateReason && (
              <Text size="sm" c="dimmed" data-testid="order-detail-reason">
                {shown.stateReason}
              </Text>
            )}
          </Group>
        </div>
        <div className="order-detail__sum">
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {shown.pricesIncludeVat ? t('orderDetail.sumGross') : t('orderDetail.sumWithVat')}
          </Text>
          <Text size="xl" fw={700} className="num" data-testid="order-detail-sum">
            {formatMoney(shown.grossKopecks, locale)}
          </Text>
        </div>
      </Group>

      <dl className="history-facts order-facts">
        <div>
          <dt>{t('orderDetail.contact')}</dt>
          <dd data-testid="order-detail-contact">
            {store ? (
              [store.contact, store.phone, store.email].filter(Boolean).join(' · ') || t('orderDetail.noContact')
            ) : (
              <Text span c="red.8" size="sm">
                {t('orderDetail.notInDirectory')}
              </Text>
            )}
          </dd>
        </div>
        {store && store.deliveryDays.length > 0 && (
          <div>
            <dt>{t('orderDetail.deliveryDays')}</dt>
            <dd>{weekdayList(store.deliveryDays, locale)}</dd>
          </div>
        )}
        <div>
          <dt>{t('orderDetail.source')}</dt>
          <dd data-testid="order-detail-source">{sourceText(shown, t)}</dd>
        </div>
        <div>
          <dt>{t('orderDetail.received')}</dt>
          <dd className="num">{formatDateTime(shown.receivedAt, locale)}</dd>
        </div>
        <div>
          <dt>{t('orderDetail.orderedOn')}</dt>
          <dd className="num">{formatIsoDate(shown.orderedOn, locale)}</dd>
        </div>
        <div>
          <dt>{t('orderDetail.delivery')}</dt>
          <dd className="num">{shown.deliveryDate ? formatIsoDate(shown.deliveryDate, locale) : t('orderDetail.noDelivery')}</dd>
        </div>
        <div>
          <dt>{t('orderDetail.lineCount')}</dt>
          <dd className="num">{formatCount(shown.lineCount, locale)}</dd>
        </div>
        <div>
          <dt>{t('orderDetail.priceList')}</dt>
          <dd className={shown.priceListId ? 'mono' : undefined}>{shown.priceListId ?? t('orderDetail.priceListUnknown')}</dd>
        </div>
        <div className="history-facts__comment">
          <dt>{t('orderDetail.comment')}</dt>
          <dd data-testid="order-detail-comment">{shown.comment || t('orderDetail.noComment')}</dd>
        </div>
      </dl>

      {orderProblems.length > 0 && (
        <Stack gap={6}>
          {orderProblems.map((problem, i) => (
            <Alert
              key={`${problem.kind}-${i}`}
              color={problem.kind === 'duplicate' ? 'grape' : 'red'}
              variant="light"
              p="xs"
              data-testid="order-problem"
            >
              <Group gap="xs" wrap="nowrap">
                <ProblemTag kind={problem.kind} />
                <Text size="sm">{problemText(problem, t, locale, numberOf)}</Text>
              </Group>
            </Alert>
          ))}
        </Stack>
      )}

      {actions && <div className="order-detail__actions">{actions(shown)}</div>}

      <DetailLines order={shown} problemsByLine={problemsByLine} onEdit={editLine} />

      <section className="order-detail__answer" aria-labelledby="order-answer-title" data-testid="order-answer">
        <Group justify="space-between" wrap="nowrap">
          <div>
            <Title order={3} size="h4" id="order-answer-title">
              {t('orderDetail.answer.title')}
            </Title>
            <Group gap="xs" mt={4}>
              <SupplierStatusTag status={shown.supplierStatus} />
              <Text size="sm" c="dimmed">
                {!answerable
                  ? t('orderDetail.answer.decideFirst')
                  : shown.source !== 'api'
                    ? t('orderDetail.answer.fileStore')
                    : shown.supplierStatus
                      ? t('orderDetail.answer.sent')
                      : t('orderDetail.answer.ready')}
              </Text>
            </Group>
          </div>
          <Button
            onClick={() => void answer()}
            loading={answering}
            disabled={!answerable}
            variant={shown.supplierStatus ? 'default' : 'filled'}
            data-testid="answer-store"
          >
            {shown.supplierStatus
              ? t('orderDetail.answer.again')
              : shown.source === 'api'
                ? t('orderDetail.answer.send')
                : t('orderDetail.answer.writeFile')}
          </Button>
        </Group>
        {answerError && <ErrorAlert error={answerError} onClose={() => setAnswerError(null)} />}
      </section>

      <section aria-labelledby="order-changes-title">
        <Title order={3} size="h4" id="order-changes-title" mb={6}>
          {t('orderDetail.changes')}
        </Title>
        <ChangeLog changes={shown.changes} numberOf={numberOf} />
      </section>
    </div>
  );
}
