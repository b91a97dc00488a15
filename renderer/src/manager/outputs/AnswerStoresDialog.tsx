import { Alert, Button, Group, List, Modal, Progress, Stack, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { formatCount } from '../../common/format';
import { useShell } from '../../common/ShellContext';
import { toUiError } from '../../common/uiError';
import { useT } from '../../i18n';
import type { OutputScope } from './outputScope';
import { ScopeOrders, ScopeSummary } from './ScopeOrders';

interface Tally {
  done: number;
  /** Answered through the exchange API: the store fetches the confirmation itself. */
  sent: number;
  /** Confirmation files written into the exchange folder's outgoing/. */
  written: number;
  /** Confirmation files saved by the manager (no exchange folder). */
  saved: number;
  /** Confirmation files the manager did not save (a cancelled save dialog). */
  unsaved: string[];
  failed: { number: string; message: string }[];
}

const NO_TALLY: Tally = { done: 0, sent: 0, written: 0, saved: 0, unsaved: [], failed: [] };

interface AnswerStoresDialogProps {
  opened: boolean;
  scope: OutputScope;
  onClose: () => void;
  /** Some answers went out: the grid shows their status. */
  onAnswered: () => void;
}

/**
 * Answers the stores of many orders at once, line by line as the orders stand: through the exchange
 * API for stores connected to it, as Porter confirmation files for the others — written into the
 * exchange folder's outgoing/ when there is one, otherwise saved one by one. An order whose answer
 * fails is listed with the reason; the others are answered all the same.
 */
export function AnswerStoresDialog({ opened, scope, onClose, onAnswered }: AnswerStoresDialogProps) {
  const { t, locale } = useT();
  const shell = useShell();
  const [folder, setFolder] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const [tally, setTally] = useState<Tally | null>(null);
  const stop = useRef(false);

  useEffect(() => {
    if (!opened) return;
    setTally(null);
    setRunning(false);
    stop.current = false;
    let current = true;
    shell.api.getOrderFolder({}).then(
      (state) => {
        if (current) setFolder(state.path);
      },
      () => {
        if (current) setFolder('');
      },
    );
    return () => {
      current = false;
    };
  }, [opened, shell]);

  const count = (n: number) => formatCount(n, locale);
  const viaApi = scope.orders.filter((o) => o.source === 'api').length;
  const byFile = scope.orders.length - viaApi;
  const answeredBefore = scope.orders.filter((o) => o.supplierStatus !== null).length;

  const answerAll = async () => {
    if (running) return;
    setRunning(true);
    stop.current = false;
    let next: Tally = { ...NO_TALLY, unsaved: [], failed: [] };
    setTally(next);
    for (const order of scope.orders) {
      if (stop.current) break;
      try {
        const answered = await shell.api.answerStore({ id: order.id });
        const file = answered.answerFile;
        if (!file) next = { ...next, sent: next.sent + 1 };
        else if (file.savedTo) next = { ...next, written: next.written + 1 };
        else if (file.content !== null && (await shell.saveFile(file.fileName, file.content))) next = { ...next, saved: next.saved + 1 };
        else next = { ...next, unsaved: [...next.unsaved, file.fileName] };
      } catch (thrown) {
        next = { ...next, failed: [...next.failed, { number: order.number, message: toUiError(thrown).message }] };
      }
      next = { ...next, done: next.done + 1 };
      setTally(next);
    }
    setRunning(false);
    if (next.done > next.failed.length) onAnswered();
  };

  const finished = tally !== null && !running;
  const total = scope.orders.length;

  return (
    <Modal
      opened={opened}
      onClose={() => {
        if (!running) onClose();
      }}
      withCloseButton={!running}
      closeOnEscape={!running}
      closeOnClickOutside={!running}
      title={t('answers.title')}
      size="min(880px, calc(100vw - 64px))"
      centered
      transitionProps={{ duration: 120 }}
      styles={{ title: { fontWeight: 650, fontSize: 'var(--mantine-font-size-lg)' } }}
      closeButtonProps={{ 'aria-label': t('export.close') }}
      data-testid="answers-dialog"
    >
      <Stack gap="md" data-state={running ? 'running' : finished ? 'done' : 'ready'}>
        <Text size="sm" c="dimmed">
          {scope.fromSelection ? t('answers.fromSelection') : t('answers.allUnanswered')}
        </Text>
        {total === 0 ? (
          <Alert color="gray" variant="light" data-testid="answers-nothing">
            {scope.fromSelection ? t('answers.nothingSelected') : t('answers.nothingToAnswer')}
          </Alert>
        ) : (
          <>
            <ScopeSummary orders={scope.orders} testId="answers-summary" />
            {!tally && <ScopeOrders orders={scope.orders} testId="answers-orders" />}
            {!tally && (
              <List size="sm" spacing={2}>
                {viaApi > 0 && <List.Item>{t('answers.viaApi', { count: count(viaApi) })}</List.Item>}
                {byFile > 0 && (
                  <List.Item data-testid="answers-files-where">
                    {folder === null
                      ? t('answers.byFile', { count: count(byFile) })
                      : folder
                        ? t('answers.byFileFolder', { count: count(byFile), folder })
                        : t('answers.byFileSave', { count: count(byFile) })}
                  </List.Item>
                )}
                {answeredBefore > 0 && <List.Item>{t('answers.again', { count: count(answeredBefore) })}</List.Item>}
              </List>
            )}
          </>
        )}
        {scope.left.length > 0 && !tally && (
          <Text size="sm" c="orange.8" data-testid="answers-left">
            {t('answers.left', { count: count(scope.left.length) })}
          </Text>
        )}
        {tally && (
          <Stack gap={6} data-testid="answers-progress" data-done={tally.done} data-failed={tally.failed.length}>
            <Progress value={total === 0 ? 100 : (tally.done / total) * 100} animated={running} />
            <Text size="sm" aria-live="polite">
              {t('answers.progress', { done: count(tally.done), total: count(total) })}
            </Text>
          </Stack>
        )}
        {finished && (
          <Alert
            color={tally.failed.length > 0 || tally.unsaved.length > 0 ? 'orange' : 'green'}
            variant="light"
            title={t('answers.doneTitle')}
            data-testid="answers-result"
            data-sent={tally.sent}
            data-written={tally.written}
            data-saved={tally.saved}
          >
            <List size="sm" spacing={2}>
              {tally.sent > 0 && <List.Item>{t('answers.sent', { count: count(tally.sent) })}</List.Item>}
              {tally.written > 0 && <List.Item>{t('answers.written', { count: count(tally.written), folder: folder ?? '' })}</List.Item>}
              {tally.saved > 0 && <List.Item>{t('answers.saved', { count: count(tally.saved) })}</List.Item>}
              {tally.unsaved.length > 0 && (
                <List.Item>{t('answers.unsaved', { count: count(tally.unsaved.length), files: tally.unsaved.join(', ') })}</List.Item>
              )}
              {tally.failed.map((f) => (
                <List.Item key={f.number} data-testid="answers-failed">
                  {t('answers.failed', { number: f.number, reason: f.message })}
                </List.Item>
              ))}
            </List>
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          {running ? (
            <Button variant="default" onClick={() => (stop.current = true)} data-testid="answers-stop">
              {t('answers.stop')}
            </Button>
          ) : (
            <Button variant="default" onClick={onClose} data-testid="answers-close">
              {finished ? t('export.close') : t('confirm.cancel')}
            </Button>
          )}
          {!finished && (
            <Button data-autofocus disabled={total === 0} loading={running} onClick={() => void answerAll()} data-testid="answers-confirm">
              {t('answers.confirm', { count: count(total) })}
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
