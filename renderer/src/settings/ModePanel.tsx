import '../styles/manager.css';
import { Button, Group, Radio, Stack, Text, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { AppMode } from '../../../shared/manager';
import { ErrorAlert } from '../common/ErrorAlert';
import { useShell } from '../common/ShellContext';
import { toUiError, type UiError } from '../common/uiError';
import { useT } from '../i18n';

interface ModePanelProps {
  /** The mode this Porter works in now. */
  mode: AppMode;
  /** The mode was switched: the app reads its info again and shows the other mode's screens. */
  onModeChanged: () => void;
}

/**
 * "Who uses this Porter": a store composing orders, or a supplier's manager processing them.
 * Choosing is not enough to switch (an arrow key on the radio must not turn the app over):
 * the switch happens on the button.
 */
export function ModePanel({ mode, onModeChanged }: ModePanelProps) {
  const { t } = useT();
  const { api } = useShell();
  const [chosen, setChosen] = useState<AppMode>(mode);
  const [switching, setSwitching] = useState(false);
  const [error, setError] = useState<UiError | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (chosen === mode || switching) return;
    setSwitching(true);
    setError(null);
    try {
      await api.setAppMode({ mode: chosen });
      onModeChanged();
    } catch (thrown) {
      setError(toUiError(thrown));
      setSwitching(false);
    }
  };

  return (
    <form
      className="settings-form settings-panel"
      onSubmit={(event) => void submit(event)}
      aria-labelledby="mode-title"
      data-testid="settings-mode"
    >
      <Stack gap="xs">
        <Title order={2} size="h3" id="mode-title">
          {t('mode.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('mode.hint')}
        </Text>
        <Radio.Group value={chosen} onChange={(value) => setChosen(value === 'manager' ? 'manager' : 'store')} data-value={chosen}>
          <Stack gap={8} mt={4}>
            <Radio value="store" label={t('mode.store')} description={t('mode.storeHint')} data-testid="mode-store" />
            <Radio value="manager" label={t('mode.manager')} description={t('mode.managerHint')} data-testid="mode-manager" />
          </Stack>
        </Radio.Group>
        {error && <ErrorAlert error={error} onClose={() => setError(null)} />}
        <Group gap="sm">
          {chosen !== mode && (
            <Button type="submit" variant="light" loading={switching} data-testid="mode-switch">
              {chosen === 'manager' ? t('mode.switchToManager') : t('mode.switchToStore')}
            </Button>
          )}
          <Text size="sm" c="dimmed" data-testid="mode-current" data-mode={mode}>
            {t('mode.current', { mode: mode === 'manager' ? t('mode.manager') : t('mode.store') })}
          </Text>
        </Group>
      </Stack>
    </form>
  );
}
