import '../styles/exchange.css';
import { Box, Button, Group, PasswordInput, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ConnectionTest, ExchangeSettings } from '../../../shared/domain';
import { ErrorAlert } from '../common/ErrorAlert';
import { CheckIcon } from '../common/icons';
import { useShell } from '../common/ShellContext';
import { toUiError, type UiError } from '../common/uiError';
import { useT } from '../i18n';
import { ConnectionTestResult } from './ConnectionTestResult';
import { PriceListSyncPanel } from './PriceListSyncPanel';

type Mode = ExchangeSettings['mode'];
const MODES: readonly Mode[] = ['none', 'http', 'folder'];

interface Form {
  mode: Mode;
  url: string;
  /** A new token typed here; '' keeps the saved one. */
  token: string;
  /** The purchaser asked to remove the saved token. */
  forgetToken: boolean;
  folder: string;
}

const formOf = (settings: ExchangeSettings): Form => ({
  mode: settings.mode,
  url: settings.url,
  token: '',
  forgetToken: false,
  folder: settings.folder,
});

/**
 * Settings → Exchange with the supplier: how orders travel (no connection, the supplier's exchange
 * service over the network, or an exchange folder), the address and the store's key (masked; once saved
 * it is never shown again, only that one is saved), "Test connection" that says exactly what failed,
 * and — over the network — the supplier's price list with "Sync now".
 * `data-state` on the root: loading, ready, saving, testing, error.
 */
export function ExchangePanel() {
  const { t } = useT();
  const { api } = useShell();
  const [saved, setSaved] = useState<ExchangeSettings | null>(null);
  const [form, setForm] = useState<Form | null>(null);
  const [loadError, setLoadError] = useState<UiError | null>(null);
  const [saveError, setSaveError] = useState<UiError | null>(null);
  const [fieldError, setFieldError] = useState<{ field: 'url' | 'folder'; message: string } | null>(null);
  const [busy, setBusy] = useState<'saving' | 'testing' | null>(null);
  const [justSaved, setJustSaved] = useState(false);
  const [test, setTest] = useState<{ result: ConnectionTest; mode: Mode; unsaved: boolean } | null>(null);
  /** Bumped on every save: the price list panel reads its state again (saving may start a sync). */
  const [savedVersion, setSavedVersion] = useState(0);
  const urlRef = useRef<HTMLInputElement>(null);
  const folderRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    api.getExchangeSettings({}).then(
      (settings) => {
        setSaved(settings);
        setForm(formOf(settings));
      },
      (thrown: unknown) => setLoadError(toUiError(thrown)),
    );
  }, [api]);

  const change = (patch: Partial<Form>) => {
    setForm((previous) => (previous ? { ...previous, ...patch } : previous));
    setJustSaved(false);
    if (patch.url !== undefined || patch.folder !== undefined || patch.mode !== undefined) setFieldError(null);
  };

  const dirty =
    form !== null &&
    saved !== null &&
    (form.mode !== saved.mode ||
      form.url.trim() !== saved.url ||
      form.folder.trim() !== saved.folder ||
      form.token.trim() !== '' ||
      form.forgetToken);

  /** What the form lacks for its mode, said under the field. */
  const missing = (): { field: 'url' | 'folder'; message: string } | null => {
    if (form?.mode === 'http' && form.url.trim() === '') return { field: 'url', message: t('exchange.urlRequired') };
    if (form?.mode === 'folder' && form.folder.trim() === '') return { field: 'folder', message: t('exchange.folderRequired') };
    return null;
  };
  const focusField = (field: 'url' | 'folder') => (field === 'url' ? urlRef : folderRef).current?.focus();

  const tokenToSend = (current: Form): string | undefined =>
    current.forgetToken ? '' : current.token.trim() !== '' ? current.token.trim() : undefined;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!form || busy) return;
    const problem = missing();
    if (problem) {
      setFieldError(problem);
      focusField(problem.field);
      return;
    }
    setBusy('saving');
    setSaveError(null);
    try {
      const token = tokenToSend(form);
      const next = await api.setExchangeSettings({
        mode: form.mode,
        url: form.url.trim(),
        folder: form.folder.trim(),
        ...(token === undefined ? {} : { token }),
      });
      setSaved(next);
      setForm(formOf(next));
      setJustSaved(true);
      setSavedVersion((v) => v + 1);
      if (test) setTest({ ...test, unsaved: false });
    } catch (thrown) {
      const error = toUiError(thrown);
      const field = error.details?.field;
      if (field === 'url' || field === 'folder') {
        setFieldError({ field, message: `${t(`errors.${error.code}`)}: ${error.message}` });
        focusField(field);
      } else setSaveError(error);
    } finally {
      setBusy(null);
    }
  };

  const runTest = async () => {
    if (!form || busy || form.mode === 'none') return;
    const problem = missing();
    if (problem) {
      setFieldError(problem);
      focusField(problem.field);
      return;
    }
    setBusy('testing');
    setTest(null);
    setSaveError(null);
    try {
      const token = tokenToSend(form);
      const result =
        form.mode === 'folder'
          ? await api.testConnection({ folder: form.folder.trim() })
          : await api.testConnection({ url: form.url.trim(), ...(token === undefined ? {} : { token }) });
      setTest({ result, mode: form.mode, unsaved: dirty });
    } catch (thrown) {
      setSaveError(toUiError(thrown));
    } finally {
      setBusy(null);
    }
  };

  const state = loadError ? 'error' : !form ? 'loading' : (busy ?? 'ready');
  const status = busy === 'saving' ? null : dirty ? 'dirty' : justSaved ? 'saved' : null;
  return (
    <Box
      component="section"
      className="settings-form exchange-panel"
      mt={48}
      aria-labelledby="exchange-title"
      data-testid="exchange-panel"
      data-state={state}
      data-saved-mode={saved?.mode}
    >
      <Title order={2} size="h3" id="exchange-title">
        {t('exchange.title')}
      </Title>
      <Text size="sm" c="dimmed" mt={4}>
        {t('exchange.hint')}
      </Text>
      {loadError && <ErrorAlert error={loadError} />}
      {form && saved && (
        <form onSubmit={(event) => void save(event)} noValidate>
          <Stack gap="sm" mt="sm">
            <div>
              <Text size="sm" fw={500} id="exchange-mode-label" mb={4}>
                {t('exchange.mode')}
              </Text>
              <SegmentedControl
                value={form.mode}
                onChange={(value) => change({ mode: MODES.find((m) => m === value) ?? 'none' })}
                data={MODES.map((mode) => ({ value: mode, label: t(`exchange.mode.${mode}`) }))}
                aria-labelledby="exchange-mode-label"
                data-testid="exchange-mode"
                data-value={form.mode}
              />
              <Text size="xs" c="dimmed" mt={6}>
                {t(`exchange.mode.${form.mode}Hint`)}
              </Text>
            </div>
            {form.mode === 'http' && (
              <>
                <TextInput
                  ref={urlRef}
                  label={t('exchange.url')}
                  description={t('exchange.urlHint')}
                  placeholder="https://"
                  value={form.url}
                  onChange={(event) => change({ url: event.currentTarget.value })}
                  error={fieldError?.field === 'url' ? fieldError.message : null}
                  autoComplete="off"
                  spellCheck={false}
                  data-testid="exchange-url"
                />
                <div>
                  <PasswordInput
                    label={t('exchange.token')}
                    description={saved.tokenSet && !form.forgetToken ? t('exchange.tokenSaved') : t('exchange.tokenHint')}
                    placeholder={saved.tokenSet && !form.forgetToken ? t('exchange.tokenSavedPlaceholder') : ''}
                    value={form.token}
                    onChange={(event) => change({ token: event.currentTarget.value, forgetToken: false })}
                    visibilityToggleButtonProps={{ 'aria-label': t('exchange.tokenShow') }}
                    autoComplete="new-password"
                    spellCheck={false}
                    data-testid="exchange-token"
                    data-token-set={saved.tokenSet}
                  />
                  {saved.tokenSet && form.token === '' && (
                    <Group gap="xs" mt={4}>
                      {form.forgetToken ? (
                        <Text size="xs" c="orange.9" data-testid="exchange-token-removal">
                          {t('exchange.tokenWillBeRemoved')}
                        </Text>
                      ) : (
                        <Button size="compact-xs" variant="subtle" color="red" onClick={() => change({ forgetToken: true })}>
                          {t('exchange.tokenForget')}
                        </Button>
                      )}
                    </Group>
                  )}
                </div>
              </>
            )}
            {form.mode === 'folder' && (
              <TextInput
                ref={folderRef}
                label={t('exchange.folder')}
                description={t('exchange.folderHint')}
                value={form.folder}
                onChange={(event) => change({ folder: event.currentTarget.value })}
                error={fieldError?.field === 'folder' ? fieldError.message : null}
                autoComplete="off"
                spellCheck={false}
                data-testid="exchange-folder"
              />
            )}
            {saveError && <ErrorAlert error={saveError} onClose={() => setSaveError(null)} />}
            <Group gap="sm">
              <Button type="submit" loading={busy === 'saving'} disabled={!dirty && !fieldError} data-testid="exchange-save">
                {t('exchange.save')}
              </Button>
              {form.mode !== 'none' && (
                <Button variant="default" loading={busy === 'testing'} onClick={() => void runTest()} data-testid="exchange-test">
                  {t('exchange.test')}
                </Button>
              )}
              <Text
                size="sm"
                c={status === 'saved' ? 'green' : 'dimmed'}
                className="settings-status"
                aria-live="polite"
                data-testid="exchange-status"
                data-status={status ?? 'clean'}
              >
                {status === 'saved' ? (
                  <>
                    <CheckIcon size={14} />
                    {t('exchange.saved')}
                  </>
                ) : status === 'dirty' ? (
                  t('exchange.unsaved')
                ) : null}
              </Text>
            </Group>
            {test && <ConnectionTestResult result={test.result} folder={test.mode === 'folder'} unsaved={test.unsaved} />}
          </Stack>
        </form>
      )}
      {saved && <PriceListSyncPanel connected={saved.mode === 'http'} savedVersion={savedVersion} />}
    </Box>
  );
}
