import { Alert, Button, Code, Group, Loader, Modal, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import type { StartupProblem, StartupState } from '../../../shared/domain';
import { ErrorAlert } from '../common/ErrorAlert';
import { useShell } from '../common/ShellContext';
import { toUiError, type UiError } from '../common/uiError';
import { useT } from '../i18n';
import { BackupList } from '../settings/BackupList';
import { reloadWindow, useBackups } from '../settings/useBackups';

interface StartupScreenProps {
  error: UiError | null;
  onRetry: () => void;
  /** The core could not open the database and waits for the user's choice. */
  recovery?: StartupState | null;
}

/** Shown until the core answers; if it cannot, the error and a way to try again; if the database is damaged, the way out. */
export function StartupScreen({ error, onRetry, recovery }: StartupScreenProps) {
  const { t } = useT();
  if (recovery?.problem) return <RecoveryScreen problem={recovery.problem} />;
  return (
    <div className="startup">
      {error ? (
        <Stack w={520} gap="md">
          <Text fw={700} size="lg">
            {t('app.loadFailed')}
          </Text>
          <ErrorAlert error={error} />
          <Button onClick={onRetry} w="fit-content">
            {t('app.retry')}
          </Button>
        </Stack>
      ) : (
        <Stack align="center" gap="sm">
          <Loader size="md" />
          <Text c="dimmed">{t('app.loading')}</Text>
        </Stack>
      )}
    </div>
  );
}

type Busy = 'restore' | 'empty' | 'diagnostics' | null;

/**
 * The database is damaged, unreadable or newer: what is wrong (file, SQLite's words), the
 * backups with the newest chosen, "Restore this backup", "Start with an empty database" (asked
 * again first), "Save diagnostics". Nothing is moved until one of them is chosen. Focus starts on
 * the list: arrows choose a backup, Tab reaches the buttons. `data-state` on the root: loading,
 * ready, busy, done (the window is reloading).
 */
function RecoveryScreen({ problem }: { problem: StartupProblem }) {
  const { t } = useT();
  const shell = useShell();
  const { listing, loadError } = useBackups();
  const [chosen, setChosen] = useState<string | null>(null);
  const [busy, setBusy] = useState<Busy>(null);
  const [error, setError] = useState<UiError | null>(null);
  const [confirmEmpty, setConfirmEmpty] = useState(false);
  const [done, setDone] = useState(false);
  const checkedRadio = useRef<HTMLInputElement>(null);
  const restoreButton = useRef<HTMLButtonElement>(null);

  const backups = listing?.backups ?? [];
  const selected = backups.find((b) => b.id === chosen) ?? backups[0] ?? null;
  const damagedAt = `${problem.file}.damaged-…`;

  const loaded = listing !== null;
  useEffect(() => {
    if (!loaded) return;
    (checkedRadio.current ?? restoreButton.current)?.focus();
  }, [loaded]);

  const run = async (what: Exclude<Busy, null>, work: () => Promise<boolean>) => {
    if (busy || done) return;
    setBusy(what);
    setError(null);
    try {
      if (await work()) {
        setDone(true);
        reloadWindow();
      }
    } catch (thrown) {
      setError(toUiError(thrown));
    } finally {
      setBusy(null);
    }
  };
  const restore = () =>
    run('restore', async () => {
      if (!selected) return false;
      await shell.api.restoreBackup({ backupId: selected.id });
      return true;
    });
  const startEmpty = () =>
    run('empty', async () => {
      await shell.api.startWithEmptyDatabase({});
      setConfirmEmpty(false);
      return true;
    });
  const saveDiagnostics = () =>
    run('diagnostics', async () => {
      const archive = await shell.api.saveDiagnostics({});
      await shell.saveFile(archive.fileName, archive.base64, 'base64');
      return false;
    });

  const state = done ? 'done' : !listing && !loadError ? 'loading' : busy ? 'busy' : 'ready';
  return (
    <div className="startup">
      <Stack w={640} maw="94vw" gap="md" data-testid="recovery-screen" data-state={state} data-problem={problem.code} role="main">
        <Title order={1} size="h3" data-testid="recovery-title">
          {t(`maintenance.recovery.title.${problem.code}`)}
        </Title>
        <Text size="sm">{t('maintenance.recovery.explain')}</Text>
        {problem.code === 'DB_NEWER_VERSION' && <Text size="sm">{t('maintenance.recovery.newerHint')}</Text>}
        <Alert color="red" variant="light" data-testid="recovery-problem">
          <Text size="sm" data-testid="recovery-file">
            {t('maintenance.recovery.file', { file: problem.file })}
          </Text>
          <Text size="sm" mt={4}>
            {t('maintenance.recovery.sqlite')} <Code data-testid="recovery-sqlite-message">{problem.sqliteMessage}</Code>
          </Text>
        </Alert>
        {loadError && <ErrorAlert error={loadError} />}
        {!listing && !loadError ? (
          <Group gap="sm">
            <Loader size="sm" />
            <Text size="sm">{t('maintenance.loading')}</Text>
          </Group>
        ) : backups.length > 0 ? (
          <BackupList
            backups={backups}
            value={selected?.id ?? null}
            onChange={setChosen}
            checkedRef={checkedRadio}
            disabled={busy !== null || done}
          />
        ) : (
          <Text size="sm" data-testid="recovery-no-backups">
            {t('maintenance.recovery.noBackups')}
          </Text>
        )}
        <Text size="xs" c="dimmed">
          {t('maintenance.recovery.priceList')}
        </Text>
        {error && <ErrorAlert error={error} onClose={() => setError(null)} />}
        {done && (
          <Text size="sm" c="green" aria-live="polite">
            {t('maintenance.recovery.done')}
          </Text>
        )}
        <Stack gap="xs" align="flex-start">
          {backups.length > 0 && (
            <Button
              ref={restoreButton}
              onClick={() => void restore()}
              loading={busy === 'restore'}
              disabled={!selected || done || (busy !== null && busy !== 'restore')}
              data-testid="recovery-restore"
            >
              {t('maintenance.recovery.restore')}
            </Button>
          )}
          <Button
            variant="default"
            onClick={() => setConfirmEmpty(true)}
            disabled={busy !== null || done}
            styles={{ label: { whiteSpace: 'normal', textAlign: 'left' } }}
            h="auto"
            py={8}
            data-testid="recovery-start-empty"
          >
            {t('maintenance.recovery.startEmpty', { file: damagedAt })}
          </Button>
          <Button
            variant="subtle"
            onClick={() => void saveDiagnostics()}
            loading={busy === 'diagnostics'}
            data-testid="recovery-diagnostics"
          >
            {t('maintenance.saveDiagnostics')}
          </Button>
        </Stack>
      </Stack>
      <Modal
        opened={confirmEmpty}
        onClose={() => setConfirmEmpty(false)}
        title={t('maintenance.recovery.confirmEmpty.title')}
        centered
        transitionProps={{ duration: 120 }}
        styles={{ title: { fontWeight: 650, fontSize: 'var(--mantine-font-size-lg)' } }}
        closeButtonProps={{ 'aria-label': t('maintenance.confirm.cancel') }}
        data-testid="recovery-empty-confirm"
      >
        <Stack gap="md">
          <Text size="sm">{t('maintenance.recovery.confirmEmpty.text', { file: damagedAt })}</Text>
          {error && <ErrorAlert error={error} />}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" data-autofocus onClick={() => setConfirmEmpty(false)} disabled={busy === 'empty'}>
              {t('maintenance.confirm.cancel')}
            </Button>
            <Button color="red" loading={busy === 'empty'} onClick={() => void startEmpty()} data-testid="recovery-empty-confirm-button">
              {t('maintenance.recovery.confirmEmpty.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </div>
  );
}
