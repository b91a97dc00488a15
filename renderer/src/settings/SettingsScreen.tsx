import '../styles/screens.css';
import { Button, Group, Kbd, Loader, Radio, Stack, Text, TextInput } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import type { Locale, StoreProfile } from '../../../shared/domain';
import { ErrorAlert } from '../common/ErrorAlert';
import { CheckIcon } from '../common/icons';
import { useShell } from '../common/ShellContext';
import { toUiError, type UiError } from '../common/uiError';
import { PanelHeading } from '../common/PanelHeading';
import { useT } from '../i18n';
import { BackupsPanel } from './BackupsPanel';
import { ExchangePanel } from './ExchangePanel';
import { ModePanel } from './ModePanel';
import { UpdatesPanel } from './UpdatesPanel';

type TextField = 'storeName' | 'customerCode' | 'priceType';
/** The contract's limits (storeProfileSchema): checked here too, to say so while typing. */
const MAX_LENGTH: Record<TextField, number> = { storeName: 200, customerCode: 100, priceType: 200 };
const TEXT_FIELDS: readonly TextField[] = ['storeName', 'customerCode', 'priceType'];

function sameProfile(a: StoreProfile, b: StoreProfile): boolean {
  return a.storeName === b.storeName && a.customerCode === b.customerCode && a.priceType === b.priceType && a.locale === b.locale;
}

/**
 * The store profile: store name, the store's customer code at the supplier, its price type and the
 * interface language. Enter in a field or Ctrl+S saves; a language change applies on save.
 * `data-state` on the root: loading, ready, saving, error.
 */
export function SettingsScreen({ onLocale, onModeChanged }: { onLocale: (locale: Locale) => void; onModeChanged: () => void }) {
  const { t, locale: shownLocale } = useT();
  const { api } = useShell();
  const [stored, setStored] = useState<StoreProfile | null>(null);
  const [form, setForm] = useState<StoreProfile | null>(null);
  const [loadError, setLoadError] = useState<UiError | null>(null);
  const [saveError, setSaveError] = useState<UiError | null>(null);
  const [saving, setSaving] = useState(false);
  const [justSaved, setJustSaved] = useState(false);
  const inputs = useRef<Partial<Record<TextField, HTMLInputElement | null>>>({});

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      const profile = await api.getStoreProfile({});
      setStored(profile);
      setForm(profile);
    } catch (thrown) {
      setLoadError(toUiError(thrown));
    }
  }, [api]);
  useEffect(() => {
    void load();
  }, [load]);

  // The header's language switch saves the same setting: follow it, unless the purchaser has
  // chosen another language here and not saved it yet.
  const [followedLocale, setFollowedLocale] = useState(shownLocale);
  if (followedLocale !== shownLocale) {
    setFollowedLocale(shownLocale);
    if (stored && form) {
      if (form.locale === stored.locale) setForm({ ...form, locale: shownLocale });
      setStored({ ...stored, locale: shownLocale });
    }
  }

  const loaded = form !== null;
  useEffect(() => {
    if (loaded) inputs.current.storeName?.focus();
  }, [loaded]);

  const tooLong = (field: TextField): string | null => {
    const length = form?.[field].trim().length ?? 0;
    return length > MAX_LENGTH[field] ? t('settings.tooLong', { length, max: MAX_LENGTH[field] }) : null;
  };

  const change = (patch: Partial<StoreProfile>) => {
    setForm((previous) => (previous ? { ...previous, ...patch } : previous));
    setJustSaved(false);
  };

  const save = async () => {
    if (!form || saving) return;
    const invalid = TEXT_FIELDS.find((field) => tooLong(field) !== null);
    if (invalid) {
      inputs.current[invalid]?.focus();
      return;
    }
    setSaving(true);
    setSaveError(null);
    try {
      const profile = await api.setStoreProfile({
        storeName: form.storeName.trim(),
        customerCode: form.customerCode.trim(),
        priceType: form.priceType.trim(),
        locale: form.locale,
      });
      setStored(profile);
      setForm(profile);
      setJustSaved(true);
      if (profile.locale !== shownLocale) onLocale(profile.locale);
    } catch (thrown) {
      setSaveError(toUiError(thrown));
    } finally {
      setSaving(false);
    }
  };

  // By the physical key, so Ctrl+S also works on a Russian layout (where it types "ы").
  useHotkeys([['mod+S', () => void save(), { usePhysicalKeys: true }]], []);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void save();
  };

  const state = loadError ? 'error' : !form ? 'loading' : saving ? 'saving' : 'ready';
  const dirty = form !== null && stored !== null && !sameProfile(form, stored);
  const status = saving ? 'saving' : dirty ? 'dirty' : justSaved ? 'saved' : 'clean';
  const invalidCount = TEXT_FIELDS.filter((field) => tooLong(field) !== null).length;

  const textField = (field: TextField, testId: string) => (
    <TextInput
      ref={(element) => {
        inputs.current[field] = element;
      }}
      label={t(`settings.${field}`)}
      description={t(`settings.${field}Hint`)}
      value={form?.[field] ?? ''}
      onChange={(event) => change({ [field]: event.currentTarget.value })}
      error={tooLong(field)}
      autoComplete="off"
      spellCheck={false}
      data-testid={testId}
    />
  );

  return (
    <section className="screen settings-screen" aria-labelledby="settings-title" data-testid="settings-screen" data-state={state}>
      <form className="settings-form" onSubmit={onSubmit} noValidate>
        <Stack gap="lg">
          <PanelHeading id="settings-title" title={t('settings.title')} hint={t('settings.description')} />
          {loadError && (
            <div>
              <ErrorAlert error={loadError} />
              <Button mt="sm" variant="default" onClick={() => void load()}>
                {t('settings.retry')}
              </Button>
            </div>
          )}
          {!form && !loadError && (
            <Group gap="sm" py="xl">
              <Loader size="sm" />
              <Text>{t('settings.loading')}</Text>
            </Group>
          )}
          {form && (
            <>
              {textField('storeName', 'settings-store-name')}
              {textField('customerCode', 'settings-customer-code')}
              {textField('priceType', 'settings-price-type')}
              <Radio.Group
                label={t('settings.language')}
                value={form.locale}
                onChange={(value) => change({ locale: value === 'en' ? 'en' : 'ru' })}
                data-testid="settings-language"
                data-value={form.locale}
              >
                <Group gap="xl" mt={6}>
                  <Radio value="ru" label={t('settings.language.ru')} lang="ru" />
                  <Radio value="en" label={t('settings.language.en')} lang="en" />
                </Group>
              </Radio.Group>
              {saveError && <ErrorAlert error={saveError} onClose={() => setSaveError(null)} />}
              <Group gap="md" className="settings-actions">
                <Button
                  type="submit"
                  loading={saving}
                  rightSection={
                    <span className="key-combo" aria-hidden>
                      <Kbd size="xs">{t('keys.ctrl')}</Kbd>
                      <Kbd size="xs">S</Kbd>
                    </span>
                  }
                  aria-keyshortcuts="Control+S"
                  data-testid="settings-save"
                >
                  {t('settings.save')}
                </Button>
                <Text
                  size="sm"
                  c={invalidCount > 0 ? 'red' : status === 'saved' ? 'green' : 'dimmed'}
                  className="settings-status"
                  aria-live="polite"
                  data-testid="settings-status"
                  data-status={invalidCount > 0 ? 'invalid' : status}
                >
                  {invalidCount > 0 ? (
                    t('settings.fixErrors')
                  ) : status === 'saved' ? (
                    <>
                      <CheckIcon size={14} />
                      {t('settings.saved')}
                    </>
                  ) : status === 'dirty' ? (
                    t('settings.unsaved')
                  ) : status === 'saving' ? (
                    t('settings.saving')
                  ) : null}
                </Text>
              </Group>
            </>
          )}
        </Stack>
      </form>
      <ExchangePanel />
      <ModePanel mode="store" onModeChanged={onModeChanged} />
      <UpdatesPanel />
      <BackupsPanel />
    </section>
  );
}
