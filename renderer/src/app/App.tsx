import { useHotkeys } from '@mantine/hooks';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MethodOutput } from '../../../shared/contract';
import type { Locale, Order, StartupState } from '../../../shared/domain';
import type { PorterShell } from '../../../shared/shell';
import { ShellProvider } from '../common/ShellContext';
import { ToastProvider } from '../common/Toasts';
import { toUiError, type UiError } from '../common/uiError';
import { HistoryScreen } from '../history/HistoryScreen';
import { useOutbox } from '../history/useOutbox';
import { I18nProvider } from '../i18n';
import { ImportDialog } from '../importer/ImportDialog';
import { useImportFlow } from '../importer/useImportFlow';
import { ManagerApp } from '../manager/ManagerApp';
import { SettingsScreen } from '../settings/SettingsScreen';
import { TemplatesScreen } from '../templates/TemplatesScreen';
import { AppHeader, type Screen } from './AppHeader';
import { CrashBoundary } from './CrashBoundary';
import { OrderScreen } from './OrderScreen';
import { StartupScreen } from './StartupScreen';
import { useDraftOrder } from '../order/useDraftOrder';

type AppInfo = MethodOutput<'getAppInfo'>;

/**
 * Porter's store mode: the order screen (catalog + draft), history, templates, settings; in
 * manager mode (getAppInfo.mode) the manager's screens instead (manager/ManagerApp.tsx).
 * `data-state` on the root says when it is usable: app info, the draft and the first
 * catalog page have all arrived ("ready"; in manager mode: app info), or something failed ("error").
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
  const outbox = useOutbox(api);
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
        // A manager has no draft of its own: the draft is asked for only in store mode.
        const appInfo = await loadInfo();
        setLocale(appInfo.locale);
        if (appInfo.mode === 'store') await loadDraft();
      })
      .catch((error: unknown) => setLoadError(toUiError(error)));
  }, [api, loadInfo, loadDraft]);
  useEffect(start, [start]);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  // A price list that arrived by itself (the supplier's, synced in the background) shows at once.
  useEffect(
    () =>
      shell.onJobEvent((job) => {
        if (job.state === 'done') loadInfo().catch((error: unknown) => setLoadError(toUiError(error)));
      }),
    [shell, loadInfo],
  );

  const managerMode = info?.mode === 'manager';
  // A manager's import is kept aside for review against the published list (ManagerApp leads to it).
  const importFlow = useImportFlow(shell, () => void loadInfo().catch((error: unknown) => setLoadError(toUiError(error))), {
    publish: managerMode ? false : undefined,
  });
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
  // Manager mode has its own screens and keys (ManagerApp).
  useHotkeys(
    managerMode
      ? []
      : [
          ['mod+K', focusSearch, { usePhysicalKeys: true }],
          ['F3', focusSearch],
          ['alt+1', () => setScreen('order')],
          ['alt+2', () => setScreen('history')],
          ['alt+3', () => setScreen('templates')],
          ['alt+4', () => setScreen('settings')],
        ],
    [],
  );
  useHotkeys(managerMode ? [] : [['/', focusSearch]]);

  useEffect(() => {
    if (!dialogOpen && screen === 'order' && !managerMode) focusSearch();
  }, [dialogOpen, screen, focusSearch, managerMode]);

  /** The mode was switched in the settings: read the app info again and open the other mode's settings. */
  const onModeChanged = useCallback(() => {
    setScreen('settings');
    start();
  }, [start]);

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
  const { refresh: refreshOutbox } = outbox;
  const onSent = useCallback(() => {
    setHistoryVersion((v) => v + 1);
    refreshOutbox();
    loadDraft().catch((error: unknown) => setLoadError(toUiError(error)));
  }, [loadDraft, refreshOutbox]);

  const state = loadError ? 'error' : recovery ? 'recovery' : info && (managerMode || (draft.order && catalogLoaded)) ? 'ready' : 'loading';
  return (
    <ShellProvider shell={shell}>
      <I18nProvider locale={locale}>
        <ToastProvider>
          <CrashBoundary>
            <div className="app" data-testid="app" data-state={state} data-screen={screen} data-mode={info?.mode}>
              {recovery || loadError || !info || (!managerMode && !draft.order) ? (
                <StartupScreen error={loadError} onRetry={start} recovery={recovery} />
              ) : managerMode ? (
                <>
                  <ManagerApp
                    priceList={info.priceList}
                    startOnSettings={screen === 'settings'}
                    importFlow={importFlow}
                    onPriceListChanged={() => void loadInfo().catch((error: unknown) => setLoadError(toUiError(error)))}
                    onLocale={changeLocale}
                    onModeChanged={onModeChanged}
                  />
                </>
              ) : (
                <>
                  <AppHeader
                    priceList={info.priceList}
                    screen={screen}
                    onScreen={setScreen}
                    onImport={importFlow.pickFile}
                    onLocale={changeLocale}
                    outbox={outbox.entries}
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
                  {screen === 'history' && <HistoryScreen key={historyVersion} onOpenDraft={openDraft} outbox={outbox} />}
                  {screen === 'templates' && <TemplatesScreen onOpenDraft={openDraft} />}
                  {screen === 'settings' && <SettingsScreen onLocale={changeLocale} onModeChanged={onModeChanged} />}
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
