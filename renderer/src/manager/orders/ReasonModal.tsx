import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { useT } from '../../i18n';

interface ReasonModalProps {
  opened: boolean;
  title: string;
  /** What will happen, in a sentence ("3 orders will be rejected"). */
  text: string;
  confirmLabel: string;
  danger?: boolean;
  busy: boolean;
  onCancel: () => void;
  onConfirm: (reason: string) => void;
  testId: string;
}

/** Asks why before an action that needs a reason (rejecting orders): Ctrl+Enter or the button confirms, Esc cancels. */
export function ReasonModal({ opened, title, text, confirmLabel, danger, busy, onCancel, onConfirm, testId }: ReasonModalProps) {
  const { t } = useT();
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  useEffect(() => {
    if (!opened) return;
    setReason('');
    setTried(false);
  }, [opened]);

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    setTried(true);
    if (reason.trim() === '' || busy) return;
    onConfirm(reason.trim());
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
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Text size="sm">{text}</Text>
          <Textarea
            data-autofocus
            label={t('batch.reason')}
            description={t('batch.reasonHint')}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) submit();
            }}
            maxLength={500}
            autosize
            minRows={2}
            maxRows={5}
            error={tried && reason.trim() === '' ? t('batch.reasonRequired') : null}
            data-testid={`${testId}-reason`}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onCancel}>
              {t('confirm.cancel')}
            </Button>
            <Button type="submit" color={danger ? 'red' : undefined} loading={busy} data-testid={`${testId}-confirm`}>
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
