import { Button, Checkbox, Group, NumberInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import type { MethodOutput } from '../../../shared/contract';
import { ErrorAlert } from '../common/ErrorAlert';
import { useShell } from '../common/ShellContext';
import { toUiError, type UiError } from '../common/uiError';
import { useT } from '../i18n';

type UpdateSettings = MethodOutput<'getUpdateSettings'>;

/** Where the desktop app takes its updates from (the supplier's feed) and when it may download unasked. */
export function UpdatesPanel() {
  const { api } = useShell();
  const { t } = useT();
  const [settings, setSettings] = useState<UpdateSettings | null>(null);
  const [feed, setFeed] = useState('');
  const [quiet, setQuiet] = useState(true);
  const [hours, setHours] = useState({ startHour: 2, endHour: 5 });
  const [error, setError] = useState<UiError | null>(null);
  const [saved, setSaved] = useState(false);

  const show = (value: UpdateSettings) => {
    setSettings(value);
    setFeed(value.feedUrl ?? '');
    setQuiet(value.quietHours !== null);
    if (value.quietHours) setHours(value.quietHours);
  };
  useEffect(() => {
    api.getUpdateSettings({}).then(show, (failure: unknown) => setError(toUiError(failure)));
  }, [api]);

  const save = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setSaved(false);
    api.setUpdateSettings({ feedUrl: feed.trim() === '' ? null : feed.trim(), quietHours: quiet ? hours : null }).then(
      (value) => {
        show(value);
        setSaved(true);
      },
      (failure: unknown) => setError(toUiError(failure)),
    );
  };

  return (
    <form
      className="settings-form"
      style={{ marginTop: 48 }}
      onSubmit={save}
      data-testid="settings-updates"
      aria-labelledby="updates-title"
    >
      <Title order={2} size="h3" id="updates-title">
        {t('settings.updates.title')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('settings.updates.hint')}
      </Text>
      {settings && (
        <Stack gap="xs" mt="xs">
          <TextInput
            label={t('settings.updates.feed')}
            placeholder="https://"
            value={feed}
            onChange={(e) => setFeed(e.currentTarget.value)}
            data-testid="settings-update-feed"
          />
          <Checkbox label={t('settings.updates.quiet')} checked={quiet} onChange={(e) => setQuiet(e.currentTarget.checked)} />
          {quiet && (
            <Group gap="xs">
              <NumberInput
                w={110}
                label={t('settings.updates.from')}
                min={0}
                max={23}
                value={hours.startHour}
                onChange={(v) => setHours((h) => ({ ...h, startHour: Number(v) || 0 }))}
              />
              <NumberInput
                w={110}
                label={t('settings.updates.to')}
                min={0}
                max={23}
                value={hours.endHour}
                onChange={(v) => setHours((h) => ({ ...h, endHour: Number(v) || 0 }))}
              />
            </Group>
          )}
          {error && <ErrorAlert error={error} onClose={() => setError(null)} />}
          <Group gap="sm">
            <Button type="submit" variant="light" data-testid="settings-updates-save">
              {t('settings.updates.save')}
            </Button>
            {saved && (
              <Text size="sm" c="green.8">
                {t('settings.updates.saved')}
              </Text>
            )}
          </Group>
        </Stack>
      )}
    </form>
  );
}
