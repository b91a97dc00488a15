import { Alert, Box, Button, Group, Loader, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { BackupInfo } from '../../../shared/domain';
import { ErrorAlert } from '../common/ErrorAlert';
import { formatDateTime } from '../common/format';
import { useShell } from '../common/ShellContext';
import { useToast } from '../common/Toasts';
import { toUiError, type UiError } from '../common/uiError';
import { PanelHeading } from '../common/PanelHeading';
import { useT } from '../i18n';
import { BackupList } from './BackupList';
import { reloadWindow, useBackups } from './useBackups';

type Busy = 'backup' | 'restore' | 'diagnostics' | null;

/**
 * Settings → Data: the backups (date, size, why), "Back up now", "Restore…" with a confirmation
 * that says what happens, and "Save diagnostics" for support. `data-state`: loading, ready, busy,
 * restored (the window is about to reload).
 */
export function BackupsPanel() {
  const { t, locale } = useT();
  const shell = useShell();
  const toast = useToast();
  const { listing, loadError, reload } = useBackups();
  const [chosen, setChosen] = useState<string | null>(null);
  const [busy, setBusy] = useState<Busy>(null);
  const [error, setError] = useState<UiError | null>(null);
  const [confirming, setConfirming] = useState<BackupInfo | null>(null);
  const [restored, setRestored] = useState(false);

  const backups = listing?.backups ?? [];
  const selected = backups.find((b) => b.id === chosen) ?? backups[0] ?? null;

  const run = async (what: Exclude<Busy, null>, work: () => Promise<void>) => {
    if (busy) return;
    setBusy(what);
    setError(null);
    try {
      await work();
    } catch (thrown) {
      setError(toUiError(thrown));
    } finally {
      setBusy(null);
    }
  };

  const backUpNow = () =>
    run('backup', async () => {
      const made = await shell.api.createBackup({});
      await reload();
      setChosen(made.id);
      toast({ title: t('maintenance.backedUp'), message: formatDateTime(made.createdAt, locale), color: 'green' });
    });

  const restore = (backup: BackupInfo) =>
    run('restore', async () => {
      await shell.api.restoreBackup({ backupId: backup.id });
      setConfirming(null);
      setRestored(true);
      reloadWindow();
    });

  const saveDiagnostics = () =>
    run('diagnostics', async () => {
      const archive = await shell.api.saveDiagnostics({});
      if (await shell.saveFile(archive.fileName, archive.base64, 'base64')) {
        toast({ title: t('maintenance.diagnosticsSaved'), message: archive.fileName, color: 'green' });
      }
    });

  const state = restored ? 'restored' : !listing && !loadError ? 'loading' : busy ? 'busy' : 'ready';
  return (
    <Box
      component="section"
      className="settings-form"
      mt={48}
      aria-labelledby="maintenance-title"
      data-testid="maintenance-panel"
      data-state={state}
    >
      <Stack gap="md">
        <PanelHeading
          id="maintenance-title"
          title={t('maintenance.title')}
          hint={t('maintenance.description', { keep: listing?.keep ?? 7 })}
        />
        {loadError && <ErrorAlert error={loadError} />}
        {listing?.lastFailure && (
          <Alert color="orange" variant="light" data-testid="backup-last-failure">
            {t('maintenance.lastFailure', { date: formatDateTime(listing.lastFailure.at, locale), message: listing.lastFailure.message })}
          </Alert>
        )}
        {!listing && !loadError ? (
          <Group gap="sm">
            <Loader size="sm" />
            <Text size="sm">{t('maintenance.loading')}</Text>
          </Group>
        ) : (
          <BackupList backups={backups} value={selected?.id ?? null} onChange={setChosen} disabled={busy !== null || restored} />
        )}
        {error && !confirming && <ErrorAlert error={error} onClose={() => setError(null)} />}
        {restored && (
          <Text size="sm" c="green" aria-live="polite">
            {t('maintenance.restored')}
          </Text>
        )}
        <Group gap="sm">
          <Button onClick={() => void backUpNow()} loading={busy === 'backup'} disabled={restored} data-testid="backup-now">
            {t('maintenance.backupNow')}
          </Button>
          <Button
            variant="default"
            onClick={() => setConfirming(selected)}
            disabled={!selected || busy !== null || restored}
            data-testid="backup-restore"
          >
            {t('maintenance.restore')}
          </Button>
          <Button
            variant="default"
            onClick={() => void saveDiagnostics()}
            loading={busy === 'diagnostics'}
            disabled={restored}
            data-testid="save-diagnostics"
          >
            {t('maintenance.saveDiagnostics')}
          </Button>
        </Group>
        <Text size="xs" c="dimmed">
          {t('maintenance.diagnosticsHint')}
        </Text>
      </Stack>
      <RestoreConfirmModal
        backup={confirming}
        restoring={busy === 'restore'}
        error={confirming ? error : null}
        onCancel={() => setConfirming(null)}
        onConfirm={(backup) => void restore(backup)}
      />
    </Box>
  );
}

interface RestoreConfirmModalProps {
  backup: BackupInfo | null;
  restoring: boolean;
  error: UiError | null;
  onCancel: () => void;
  onConfirm: (backup: BackupInfo) => void;
}

/** Says what a restore does before it happens; Cancel has focus, so Enter alone never replaces the data. */
function RestoreConfirmModal({ backup, restoring, error, onCancel, onConfirm }: RestoreConfirmModalProps) {
  const { t, locale } = useT();
  const date = backup ? formatDateTime(backup.createdAt, locale) : '';
  return (
    <Modal
      opened={backup !== null}
      onClose={onCancel}
      title={t('maintenance.confirm.title', { date })}
      centered
      transitionProps={{ duration: 120 }}
      styles={{ title: { fontWeight: 650, fontSize: 'var(--mantine-font-size-lg)' } }}
      closeButtonProps={{ 'aria-label': t('maintenance.confirm.cancel') }}
      data-testid="restore-confirm"
    >
      <Stack gap="sm">
        <Text size="sm">{t('maintenance.confirm.text', { date })}</Text>
        <Text size="sm">{t('maintenance.confirm.priceList')}</Text>
        <Text size="sm" c="dimmed">
          {t('maintenance.confirm.reload')}
        </Text>
        {error && <ErrorAlert error={error} />}
        <Group justify="flex-end" gap="sm" mt="xs">
          <Button variant="default" data-autofocus onClick={onCancel} disabled={restoring} data-testid="restore-cancel">
            {t('maintenance.confirm.cancel')}
          </Button>
          <Button color="red" loading={restoring} onClick={() => backup && onConfirm(backup)} data-testid="restore-confirm-button">
            {t('maintenance.confirm.restore')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
