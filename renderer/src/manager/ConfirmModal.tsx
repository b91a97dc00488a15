import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useEffect, useState, type ReactNode } from 'react';
import { ErrorAlert } from '../common/ErrorAlert';
import { toUiError, type UiError } from '../common/uiError';
import { useT } from '../i18n';

interface ConfirmModalProps {
  opened: boolean;
  title: string;
  text: ReactNode;
  confirmLabel: string;
  /** Red for what cannot be taken back (removing, revoking). */
  danger?: boolean;
  onCancel: () => void;
  /** Runs the action; an error it throws is shown in the dialog, which stays open. */
  onConfirm: () => Promise<void>;
  testId: string;
}

/** "Are you sure?" with the action's button focused: Enter confirms, Esc cancels. */
export function ConfirmModal({ opened, title, text, confirmLabel, danger, onCancel, onConfirm, testId }: ConfirmModalProps) {
  const { t } = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  useEffect(() => {
    if (!opened) return;
    setBusy(false);
    setError(null);
  }, [opened]);

  const confirm = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
    } catch (thrown) {
      setError(toUiError(thrown));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      opened={opened}
      onClose={onCancel}
      title={title}
      centered
      transitionProps={{ duration: 120 }}
      styles={{ title: { fontWeight: 650, fontSize: 'var(--mantine-font-size-lg)' } }}
      closeButtonProps={{ 'aria-label': t('confirm.cancel') }}
      data-testid={testId}
    >
      <Stack gap="md">
        <Text size="sm" component="div">
          {text}
        </Text>
        {error && <ErrorAlert error={error} onClose={() => setError(null)} />}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel} data-testid={`${testId}-cancel`}>
            {t('confirm.cancel')}
          </Button>
          <Button
            color={danger ? 'red' : undefined}
            data-autofocus
            loading={busy}
            onClick={() => void confirm()}
            data-testid={`${testId}-confirm`}
          >
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
