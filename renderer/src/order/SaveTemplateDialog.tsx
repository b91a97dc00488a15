import { Button, Group, Modal, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { TemplateSummary } from '../../../shared/domain';
import { ErrorAlert } from '../common/ErrorAlert';
import { useShell } from '../common/ShellContext';
import { toUiError, type UiError } from '../common/uiError';
import { useT } from '../i18n';

interface SaveTemplateDialogProps {
  /** The order whose lines become the template; null keeps the dialog closed. */
  orderId: string | null;
  onClose: () => void;
  onSaved: (template: TemplateSummary) => void;
}

/** Asks a name ("weekly dairy") and saves the order's lines as a template. */
export function SaveTemplateDialog({ orderId, onClose, onSaved }: SaveTemplateDialogProps) {
  const { api } = useShell();
  const { t } = useT();
  const [name, setName] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  useEffect(() => {
    setName('');
    setError(null);
  }, [orderId]);

  const save = async () => {
    if (!orderId || name.trim() === '') return;
    setSaving(true);
    try {
      onSaved(await api.saveTemplate({ orderId, name: name.trim() }));
      onClose();
    } catch (failure) {
      setError(toUiError(failure));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal opened={orderId !== null} onClose={onClose} title={t('template.saveTitle')} data-testid="save-template-dialog">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <TextInput
          label={t('template.name')}
          placeholder={t('template.namePlaceholder')}
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          maxLength={200}
          data-autofocus
          data-testid="template-name"
        />
        {error && <ErrorAlert error={error} />}
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={onClose}>
            {t('dialog.cancel')}
          </Button>
          <Button type="submit" loading={saving} disabled={name.trim() === ''} data-testid="template-save">
            {t('template.save')}
          </Button>
        </Group>
      </form>
    </Modal>
  );
}
