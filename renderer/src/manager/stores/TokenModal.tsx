import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';
import { CheckIcon } from '../../common/icons';
import { useT } from '../../i18n';

export interface IssuedToken {
  storeName: string;
  customerCode: string;
  token: string;
  /** Where the store connects, when the exchange server listens ("http://192.168.1.5:8765"); null when it does not. */
  serverUrl: string | null;
}

/**
 * The store's access token, shown this once: Porter keeps only its hash. Copy it and hand it to the
 * store (it goes into the store's exchange settings with the server's address).
 */
export function TokenModal({ issued, onClose }: { issued: IssuedToken | null; onClose: () => void }) {
  const { t } = useT();
  return (
    <Modal
      opened={issued !== null}
      onClose={onClose}
      title={t('access.token.title', { name: issued?.storeName ?? '' })}
      size="lg"
      centered
      // Closing by a stray click outside would lose the token for good.
      closeOnClickOutside={false}
      transitionProps={{ duration: 120 }}
      styles={{ title: { fontWeight: 650, fontSize: 'var(--mantine-font-size-lg)' } }}
      closeButtonProps={{ 'aria-label': t('access.token.done') }}
      data-testid="token-dialog"
    >
      {issued && (
        <Stack gap="md">
          <Alert color="orange" variant="light" title={t('access.token.onceTitle')} data-testid="token-warning">
            {t('access.token.once')}
          </Alert>
          <div>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600} mb={4}>
              {t('access.token.label')}
            </Text>
            <Group gap="sm" wrap="nowrap" align="center">
              <Code block className="token-value" data-testid="token-value">
                {issued.token}
              </Code>
              <CopyButton value={issued.token} timeout={2500}>
                {({ copied, copy }) => (
                  <Button
                    data-autofocus
                    onClick={copy}
                    color={copied ? 'green' : undefined}
                    leftSection={copied ? <CheckIcon /> : undefined}
                    data-testid="token-copy"
                    data-copied={copied ? 'true' : 'false'}
                  >
                    {copied ? t('access.token.copied') : t('access.token.copy')}
                  </Button>
                )}
              </CopyButton>
            </Group>
          </div>
          <Text size="sm">
            {issued.serverUrl
              ? t('access.token.where', { url: issued.serverUrl, code: issued.customerCode || '—' })
              : t('access.token.serverOff')}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} data-testid="token-done">
              {t('access.token.done')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
