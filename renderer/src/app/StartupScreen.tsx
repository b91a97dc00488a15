import { Button, Loader, Stack, Text } from '@mantine/core';
import { ErrorAlert } from '../common/ErrorAlert';
import type { UiError } from '../common/uiError';
import { useT } from '../i18n';

/** Shown until the core answers; if it cannot, the error and a way to try again. */
export function StartupScreen({ error, onRetry }: { error: UiError | null; onRetry: () => void }) {
  const { t } = useT();
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
