import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { TemplateSummary } from '../../../shared/domain';
import { ErrorAlert } from '../common/ErrorAlert';
import { useShell } from '../common/ShellContext';
import { toUiError, type UiError } from '../common/uiError';
import { useT } from '../i18n';

/** The contract's limit on a template's name. */
const NAME_MAX = 200;

interface SaveTemplateModalProps {
  opened: boolean;
  orderId: string;
  onClose: () => void;
  onSaved: (template: TemplateSummary) => void;
}

/**
 * Asks for a name ("Молочка на неделю") and saves the order's lines as a template. Enter saves, Esc
 * cancels. The caller puts focus back (at once, rather than after the fade-out).
 */
export function SaveTemplateModal({ opened, orderId, onClose, onSaved }: SaveTemplateModalProps) {
  const { t } = useT();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('history.template.title')}
      centered
      returnFocus={false}
      transitionProps={{ duration: 120 }}
      styles={{ title: { fontWeight: 650, fontSize: 'var(--mantine-font-size-lg)' } }}
      closeButtonProps={{ 'aria-label': t('history.template.cancel') }}
      data-testid="save-template-dialog"
    >
      {/* Mounted only while open, so each opening starts with an empty name. */}
      {opened && <TemplateNameForm orderId={orderId} onCancel={onClose} onSaved={onSaved} />}
    </Modal>
  );
}

function TemplateNameForm({
  orderId,
  onCancel,
  onSaved,
}: {
  orderId: string;
  onCancel: () => void;
  onSaved: (template: TemplateSummary) => void;
}) {
  const { t } = useT();
  const { api } = useShell();
  const [name, setName] = useState('');
  const [tried, setTried] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<UiError | null>(null);

  const trimmed = name.trim();
  const problem =
    trimmed.length > NAME_MAX
      ? t('history.template.tooLong', { max: NAME_MAX, length: trimmed.length })
      : tried && trimmed === ''
        ? t('history.template.required')
        : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (trimmed === '' || trimmed.length > NAME_MAX || saving) return;
    setSaving(true);
    setError(null);
    try {
      onSaved(await api.saveTemplate({ orderId, name: trimmed }));
    } catch (thrown) {
      setError(toUiError(thrown));
      setSaving(false);
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="md">
        <TextInput
          data-autofocus
          label={t('history.template.name')}
          placeholder={t('history.template.placeholder')}
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={problem}
          autoComplete="off"
          data-testid="template-name"
        />
        <Text size="sm" c="dimmed">
          {t('history.template.hint')}
        </Text>
        {error && <ErrorAlert error={error} onClose={() => setError(null)} />}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            {t('history.template.cancel')}
          </Button>
          <Button type="submit" loading={saving} data-testid="template-save">
            {t('history.template.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
