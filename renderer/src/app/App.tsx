import { useHotkeys } from '@mantine/hooks';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MethodOutput } from '../../../shared/contract';
import type { Locale, Order, StartupState } from '../../../shared/domain';
import type { PorterShell } from '../../../shared/shell';
import { ShellProvider } from '../common/ShellContext';
import { ToastProvider } from '../common/Toasts';
import { toUiError, type UiError } from '../common/uiError';
import { HistoryScreen } from '../history/HistoryScreen';
import { I18nProvider } from '../i18n';
import { ImportDialog } from '../importer/ImportDialog';
import { useImportFlow } from '../importer/useImportFlow';
import { SettingsScreen } from '../settings/SettingsScreen';
import { TemplatesScreen } from '../templates/TemplatesScreen';
import { AppHeader, type Screen } from './AppHeader';
import { CrashBoundary } from './CrashBoundary';
import { OrderScreen } from './OrderScreen';
import { StartupScreen } from './StartupScreen';
import { useDraftOrder } from '../order/useDraftOrder';

type AppInfo = MethodOutput<'getAppInfo'>;

/**
 * Porter's store mode: the order screen (catalog + draft), history, templates, settings.
 * `data-state` on the root says when it is usable: app info, the draft and the first
 * catalog page have all arrived ("ready"), or something failed ("error").
 */
export function App({ shell }: { shell: PorterShell }) {
  const { api } = shell;
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [locale, setLocale] = useState<Locale>('ru');
  const [loadError, setLoadError] = useState<UiError | null>(null);
  /** The core could not open the database: it waits in recovery for the user's choice (StartupScreen offers it). */
  const [recovery, setRecovery] = useState<StartupState | null>(null);
  const [catalogLoaded, setCatalogLoaded] = useState(false);
  const [screen, setScreen] = useState<Screen>('order');
  const [historyVersion, setHistoryVersion] = useState(0);
  const draft = useDraftOrder(api);
  const searchRef = useRef<HTMLInputElement>(null);

  const loadInfo = useCallback(async () => {
    const appInfo = await api.getAppInfo({});
    setInfo(appInfo);
    return appInfo;
  }, [api]);

  const { load: loadDraft, show: showDraft } = draft;
  const start = useCallback(() => {
    setLoadError(null);
    api
      .getStartupState({})
      .then(async (startup) => {
        if (startup.state === 'recovery') return setRecovery(startup);
        setRecovery(null);
        await Promise.all([loadInfo().then((appInfo) => setLocale(appInfo.locale)), loadDraft()]);
      })
      .catch((error: unknown) => setLoadError(toUiError(error)));
  }, [api, loadInfo, loadDraft]);
  useEffect(start, [start]);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const importFlow = useImportFlow(shell, () => void loadInfo().catch((error: unknown) => setLoadError(toUiError(error))));
  const dialogOpen = importFlow.state.step !== 'closed';
  const focusSearch = useCallback(() => {
    if (dialogOpen) return;
    setScreen('order');
    // The order screen may be mounting: focus once it is there.
    requestAnimationFrame(() => {
      searchRef.current?.focus();
      searchRef.current?.select();
    });
  }, [dialogOpen]);
  useHotkeys(
    [
      ['mod+K', focusSearch, { usePhysicalKeys: true }],
      ['F3', focusSearch],
      ['alt+1', () => setScreen('order')],
      ['alt+2', () => setScreen('history')],
      ['alt+3', () => setScreen('templates')],
      ['alt+4', () => setScreen('settings')],
    ],
    [],
  );
  useHotkeys([['/', focusSearch]]);

  useEffect(() => {
    if (!dialogOpen && screen === 'order') focusSearch();
  }, [dialogOpen, screen, focusSearch]);

  const changeLocale = (next: Locale) => {
    setLocale(next);
    api.setLocale({ locale: next }).catch((error: unknown) => setLoadError(toUiError(error)));
  };
  const onCatalogLoaded = useCallback(() => setCatalogLoaded(true), []);
  const openDraft = useCallback(
    (order: Order) => {
      showDraft(order);
      setScreen('order');
    },
    [showDraft],
  );
  const onSent = useCallback(() => {
    setHistoryVersion((v) => v + 1);
    loadDraft().catch((error: unknown) => setLoadError(toUiError(error)));
  }, [loadDraft]);

  const state = loadError ? 'error' : recovery ? 'recovery' : info && draft.order && catalogLoaded ? 'ready' : 'loading';
  return (
    <ShellProvider shell={shell}>
      <I18nProvider locale={locale}>
        <ToastProvider>
          <CrashBoundary>
            <div className="app" data-testid="app" data-state={state} data-screen={screen}>
              {recovery || loadError || !info || !draft.order ? (
                <StartupScreen error={loadError} onRetry={start} recovery={recovery} />
              ) : (
                <>
                  <AppHeader
                    priceList={info.priceList}
                    screen={screen}
                    onScreen={setScreen}
                    onImport={importFlow.pickFile}
                    onLocale={changeLocale}
                  />
                  {screen === 'order' && (
                    <OrderScreen
                      priceList={info.priceList}
                      draft={draft}
                      searchRef={searchRef}
                      historyVersion={historyVersion}
                      scannerEnabled={!dialogOpen}
                      onImport={importFlow.pickFile}
                      onLoaded={onCatalogLoaded}
                      onSent={onSent}
                    />
                  )}
                  {screen === 'history' && <HistoryScreen key={historyVersion} onOpenDraft={openDraft} />}
                  {screen === 'templates' && <TemplatesScreen onOpenDraft={openDraft} />}
                  {screen === 'settings' && <SettingsScreen onLocale={changeLocale} />}
                  <ImportDialog flow={importFlow} />
                </>
              )}
            </div>
          </CrashBoundary>
        </ToastProvider>
      </I18nProvider>
    </ShellProvider>
  );
}
