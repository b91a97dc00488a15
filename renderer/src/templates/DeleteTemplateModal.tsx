import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import type { TemplateSummary } from '../../../shared/domain';
import { ErrorAlert } from '../common/ErrorAlert';
import { useShell } from '../common/ShellContext';
import { toUiError, type UiError } from '../common/uiError';
import { useT } from '../i18n';

interface DeleteTemplateModalProps {
  /** The template asked about; null: closed. */
  template: TemplateSummary | null;
  onCancel: () => void;
  onDeleted: (template: TemplateSummary) => void;
}

/**
 * "Удалить шаблон «…»?" The delete button has focus, as in a file manager: Delete, then Enter;
 * Esc cancels. The screen puts focus back on the list itself (the row may be gone).
 */
export function DeleteTemplateModal({ template, onCancel, onDeleted }: DeleteTemplateModalProps) {
  const { t } = useT();
  const { api } = useShell();
  const [deleting, setDeleting] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  // While the modal fades out, keep showing the template it asked about.
  const shown = useRef<TemplateSummary | null>(null);
  if (template) shown.current = template;
  const name = shown.current?.name ?? '';

  useEffect(() => {
    setError(null);
    setDeleting(false);
  }, [template]);

  const confirm = async () => {
    if (!template || deleting) return;
    setDeleting(true);
    setError(null);
    try {
      await api.deleteTemplate({ templateId: template.id });
      onDeleted(template);
    } catch (thrown) {
      setError(toUiError(thrown));
      setDeleting(false);
    }
  };

  return (
    <Modal
      opened={template !== null}
      onClose={onCancel}
      title={t('templates.confirm.title')}
      centered
      returnFocus={false}
      transitionProps={{ duration: 120 }}
      styles={{ title: { fontWeight: 650, fontSize: 'var(--mantine-font-size-lg)' } }}
      closeButtonProps={{ 'aria-label': t('templates.confirm.cancel') }}
      data-testid="template-delete-dialog"
    >
      <Stack gap="md">
        <Text size="sm">{t('templates.confirm.text', { name })}</Text>
        {error && <ErrorAlert error={error} onClose={() => setError(null)} />}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel} data-testid="template-delete-cancel">
            {t('templates.confirm.cancel')}
          </Button>
          <Button color="red" data-autofocus loading={deleting} onClick={() => void confirm()} data-testid="template-delete-confirm">
            {t('templates.confirm.delete')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
