import { Alert, Text } from '@mantine/core';
import { useT } from '../i18n';
import type { UiError } from './uiError';

interface ErrorAlertProps {
  error: UiError;
  onClose?: () => void;
}

/** A translated title for the error code, the core's own message, then file / row / field when known. */
export function ErrorAlert({ error, onClose }: ErrorAlertProps) {
  const { t } = useT();
  const { details } = error;
  const location = [
    details?.file !== undefined ? t('error.details.file', { file: details.file }) : null,
    details?.row !== undefined ? t('error.details.row', { row: details.row }) : null,
    details?.field ? t('error.details.field', { field: details.field }) : null,
  ].filter((part): part is string => part !== null);
  return (
    <Alert
      color="red"
      variant="light"
      title={t(`errors.${error.code}`)}
      withCloseButton={onClose !== undefined}
      closeButtonLabel={t('error.dismiss')}
      onClose={onClose}
      data-testid="error-alert"
      data-error-code={error.code}
    >
      <Text size="sm">{error.message}</Text>
      {location.length > 0 && (
        <Text size="xs" c="dimmed" mt={4} data-testid="error-location">
          {location.join(' · ')}
        </Text>
      )}
    </Alert>
  );
}
