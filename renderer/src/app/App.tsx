import { useHotkeys } from '@mantine/hooks';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MethodOutput } from '../../../shared/contract';
import type { Locale } from '../../../shared/domain';
import type { PorterShell } from '../../../shared/shell';
import { CatalogPanel } from '../catalog/CatalogPanel';
import { ShellProvider } from '../common/ShellContext';
import { ToastProvider } from '../common/Toasts';
import { toUiError, type UiError } from '../common/uiError';
import { I18nProvider } from '../i18n';
import { ImportDialog } from '../importer/ImportDialog';
import { useImportFlow } from '../importer/useImportFlow';
import { OrderPanel } from '../order/OrderPanel';
import { useDraftOrder } from '../order/useDraftOrder';
import { AppHeader } from './AppHeader';
import { CrashBoundary } from './CrashBoundary';
import { StartupScreen } from './StartupScreen';

type AppInfo = MethodOutput<'getAppInfo'>;

/**
 * The store's order screen: header, catalog, draft order, import dialog.
 * `data-state` on the root says when it is usable: app info, the draft and the first
 * catalog page have all arrived ("ready"), or something failed ("error").
 */
export function App({ shell }: { shell: PorterShell }) {
  const { api } = shell;
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [locale, setLocale] = useState<Locale>('ru');
  const [loadError, setLoadError] = useState<UiError | null>(null);
  const [catalogLoaded, setCatalogLoaded] = useState(false);
  const draft = useDraftOrder(api);
  const searchRef = useRef<HTMLInputElement>(null);

  const loadInfo = useCallback(async () => {
    const appInfo = await api.getAppInfo({});
    setInfo(appInfo);
    return appInfo;
  }, [api]);

  const { load: loadDraft } = draft;
  const start = useCallback(() => {
    setLoadError(null);
    Promise.all([loadInfo().then((appInfo) => setLocale(appInfo.locale)), loadDraft()]).catch((error: unknown) =>
      setLoadError(toUiError(error)),
    );
  }, [loadInfo, loadDraft]);
  useEffect(start, [start]);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const importFlow = useImportFlow(shell, () => void loadInfo().catch((error: unknown) => setLoadError(toUiError(error))));
  const dialogOpen = importFlow.state.step !== 'closed';
  const focusSearch = useCallback(() => {
    if (dialogOpen) return;
    searchRef.current?.focus();
    searchRef.current?.select();
  }, [dialogOpen]);
  useHotkeys(
    [
      ['mod+K', focusSearch],
      ['F3', focusSearch],
    ],
    [],
  );
  useHotkeys([['/', focusSearch]]);

  useEffect(() => {
    if (!dialogOpen) focusSearch();
  }, [dialogOpen, focusSearch]);

  const changeLocale = (next: Locale) => {
    setLocale(next);
    api.setLocale({ locale: next }).catch((error: unknown) => setLoadError(toUiError(error)));
  };
  const onCatalogLoaded = useCallback(() => setCatalogLoaded(true), []);

  const state = loadError ? 'error' : info && draft.order && catalogLoaded ? 'ready' : 'loading';
  return (
    <ShellProvider shell={shell}>
      <I18nProvider locale={locale}>
        <ToastProvider>
          <CrashBoundary>
            <div className="app" data-testid="app" data-state={state}>
              {loadError || !info || !draft.order ? (
                <StartupScreen error={loadError} onRetry={start} />
              ) : (
                <>
                  <AppHeader priceList={info.priceList} onImport={importFlow.pickFile} onLocale={changeLocale} />
                  <main className="app-main">
                    <CatalogPanel
                      priceList={info.priceList}
                      draft={draft}
                      searchRef={searchRef}
                      onImport={importFlow.pickFile}
                      onLoaded={onCatalogLoaded}
                    />
                    <OrderPanel draft={draft} />
                  </main>
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
