import { Button, Group, Loader, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { FolderIntakeEvent, OrderFolderState } from '../../../../shared/manager';
import { ErrorAlert } from '../../common/ErrorAlert';
import { formatDateTime } from '../../common/format';
import { useShell } from '../../common/ShellContext';
import { toUiError, type UiError } from '../../common/uiError';
import { PanelHeading, StatusAlert } from '../../common/PanelHeading';
import { useT } from '../../i18n';
import { FOLDER_LOG_LIMIT, FolderIntakeLog } from './FolderIntakeLog';

/** How often the panel asks how the folder is doing (the watcher itself looks every few seconds). */
const REFRESH_MS = 3000;

/**
 * The supplier's exchange folder, watched for order files that stores (or their carriers) drop there:
 * the path, on or off, whether it is watched now and why not; and what was done with the latest files.
 * Answers to stores that order by file are written into its outgoing/ subfolder.
 */
export function OrderFolderPanel() {
  const { t, locale } = useT();
  const { api } = useShell();
  const [state, setState] = useState<OrderFolderState | null>(null);
  const [path, setPath] = useState('');
  const [enabled, setEnabled] = useState(false);
  const [edited, setEdited] = useState(false);
  const [loadError, setLoadError] = useState<UiError | null>(null);
  const [saveError, setSaveError] = useState<UiError | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [events, setEvents] = useState<FolderIntakeEvent[] | null>(null);
  const [logError, setLogError] = useState<UiError | null>(null);

  const show = useCallback((value: OrderFolderState) => {
    setState(value);
    setPath(value.path);
    setEnabled(value.enabled);
    setEdited(false);
  }, []);

  /** The log, then the state: a file the log shows taken in is no longer among the state's waiting files. */
  const refresh = useCallback(async () => {
    try {
      setEvents((await api.listFolderIntake({ limit: FOLDER_LOG_LIMIT })).events);
      setLogError(null);
    } catch (thrown) {
      setLogError(toUiError(thrown));
    }
    return api.getOrderFolder({});
  }, [api]);

  useEffect(() => {
    refresh().then(show, (thrown: unknown) => setLoadError(toUiError(thrown)));
  }, [refresh, show]);

  // Whether it is watched, the last look, the files waiting, the log: refreshed while the settings are open (the form is left alone).
  useEffect(() => {
    const timer = window.setInterval(() => {
      if (document.visibilityState !== 'visible') return;
      refresh().then(setState, () => undefined);
    }, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [refresh]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    setSaving(true);
    setSaveError(null);
    setSaved(false);
    try {
      show(await api.setOrderFolder({ path: path.trim(), enabled }));
      setSaved(true);
    } catch (thrown) {
      setSaveError(toUiError(thrown));
    } finally {
      setSaving(false);
    }
  };

  const status = !state ? 'loading' : state.error ? 'error' : state.watching ? 'watching' : 'off';
  // The core's message says what is wrong with the path; the field is marked, the alert below says it.
  const pathWrong = saveError?.details?.field === 'path';

  return (
    <section className="settings-panel folder-panel" aria-labelledby="folder-title" data-testid="settings-folder">
      <form className="settings-form" onSubmit={(event) => void save(event)}>
        <Stack gap="sm">
          <PanelHeading id="folder-title" title={t('folder.title')} hint={t('folder.hint')} />
          {loadError && <ErrorAlert error={loadError} />}
          {!state && !loadError && <Loader size="sm" />}
          {state && (
            <>
              <StatusAlert
                tone={status === 'watching' ? 'on' : status === 'error' ? 'error' : 'off'}
                headline={
                  status === 'watching'
                    ? t('folder.watching', { path: state.path })
                    : status === 'error'
                      ? t('folder.failed', { error: state.error ?? '' })
                      : state.path
                        ? t('folder.off', { path: state.path })
                        : t('folder.none')
                }
                data-testid="folder-status"
                data-status={status}
              >
                {state.lastPassAt && (
                  <Text size="xs" c="dimmed" mt={2}>
                    {t('folder.lastPass', { at: formatDateTime(state.lastPassAt, locale) })}
                  </Text>
                )}
                {state.waiting.length > 0 && (
                  <Text size="xs" c="dimmed" mt={2} data-testid="folder-waiting">
                    {t('folder.waitingFiles', { files: state.waiting.join(', ') })}
                  </Text>
                )}
              </StatusAlert>
              <TextInput
                label={t('folder.path')}
                description={t('folder.pathHint')}
                placeholder={t('folder.pathPlaceholder')}
                value={path}
                onChange={(event) => {
                  setPath(event.currentTarget.value);
                  setEdited(true);
                  setSaved(false);
                }}
                error={pathWrong}
                spellCheck={false}
                autoComplete="off"
                className="mono-input"
                data-testid="folder-path"
              />
              <Switch
                label={t('folder.enabled')}
                description={t('folder.enabledHint')}
                checked={enabled}
                onChange={(event) => {
                  setEnabled(event.currentTarget.checked);
                  setEdited(true);
                  setSaved(false);
                }}
                data-testid="folder-enabled"
              />
              <Text size="xs" c="dimmed">
                {t('folder.subfolders')}
              </Text>
              {saveError && <ErrorAlert error={saveError} onClose={() => setSaveError(null)} />}
              <Group gap="sm">
                <Button type="submit" loading={saving} data-testid="folder-save">
                  {t('folder.save')}
                </Button>
                {saved && !edited && (
                  <Text size="sm" c="green.8" data-testid="folder-saved">
                    {t('folder.saved')}
                  </Text>
                )}
              </Group>
            </>
          )}
        </Stack>
      </form>
      <FolderIntakeLog events={events} error={logError} />
    </section>
  );
}
