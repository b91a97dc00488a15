import '../styles/manager.css';
import { useHotkeys } from '@mantine/hooks';
import { useCallback, useRef, useState } from 'react';
import type { Locale, PriceListInfo } from '../../../shared/domain';
import { useT } from '../i18n';
import { ManagerHeader, type ManagerScreen, type ManagerTab } from './ManagerHeader';
import { IntakeDialog } from './orders/IntakeDialog';
import { INITIAL_ORDERS_VIEW, OrdersScreen, type OrdersView } from './orders/OrdersScreen';
import { useFileDrop } from './orders/useFileDrop';
import { useOrderIntake } from './orders/useOrderIntake';
import { ManagerSettingsScreen } from './settings/ManagerSettingsScreen';
import { StoresScreen } from './stores/StoresScreen';

const TABS: readonly ManagerTab[] = [
  { screen: 'orders', label: 'nav.orders', key: 1 },
  { screen: 'stores', label: 'nav.stores', key: 2 },
  // ── Alt+3: Insights ──────────────────────────────────────────────────────────────────────
  // Kept for the insights screen (renderer/src/insights/InsightsScreen.tsx, built separately).
  // Once it exists: add { screen: 'insights', label: 'nav.insights', key: 3 } here and render
  // <InsightsScreen /> for screen === 'insights' below.
  { screen: 'settings', label: 'nav.managerSettings', key: 4 },
];

interface ManagerAppProps {
  priceList: PriceListInfo | null;
  /** Open on the settings (the mode was just switched there). */
  startOnSettings: boolean;
  onImportPriceList: () => void;
  onLocale: (locale: Locale) => void;
  onModeChanged: () => void;
}

/**
 * Manager mode: the orders inbox, the stores directory, (insights,) settings — Alt+1…4. Order files
 * come in through "Open files…" or by dropping them anywhere on the window.
 */
export function ManagerApp({ priceList, startOnSettings, onImportPriceList, onLocale, onModeChanged }: ManagerAppProps) {
  const { t } = useT();
  const [screen, setScreen] = useState<ManagerScreen>(startOnSettings ? 'settings' : 'orders');
  const [bookVersion, setBookVersion] = useState(0);
  const [ordersView, setOrdersView] = useState<OrdersView>(INITIAL_ORDERS_VIEW);
  const searchRef = useRef<HTMLInputElement>(null);
  const intake = useOrderIntake(() => {
    setBookVersion((v) => v + 1);
    setScreen('orders');
  });
  const dragging = useFileDrop(intake.takeDropped);

  const show = useCallback((next: ManagerScreen) => {
    if (TABS.some((tab) => tab.screen === next)) setScreen(next);
  }, []);
  const focusSearch = useCallback(() => {
    setScreen('orders');
    requestAnimationFrame(() => {
      searchRef.current?.focus();
      searchRef.current?.select();
    });
  }, []);
  useHotkeys(
    [
      ['mod+K', focusSearch, { usePhysicalKeys: true }],
      ['F3', focusSearch],
      ['mod+O', () => intake.pick(), { usePhysicalKeys: true }],
      ...TABS.map((tab): [string, () => void] => [`alt+${tab.key}`, () => show(tab.screen)]),
    ],
    [],
  );
  useHotkeys([['/', focusSearch]]);

  return (
    <>
      <ManagerHeader
        tabs={TABS}
        priceList={priceList}
        screen={screen}
        onScreen={show}
        onOpenFiles={intake.pick}
        onImportPriceList={onImportPriceList}
        onLocale={onLocale}
      />
      {screen === 'orders' && (
        <OrdersScreen bookVersion={bookVersion} view={ordersView} onView={setOrdersView} searchRef={searchRef} onOpenFiles={intake.pick} />
      )}
      {screen === 'stores' && <StoresScreen />}
      {screen === 'settings' && <ManagerSettingsScreen onLocale={onLocale} onModeChanged={onModeChanged} />}
      <IntakeDialog intake={intake} />
      {dragging && (
        <div className="drop-overlay" data-testid="drop-overlay" aria-hidden>
          <div className="drop-overlay__box">
            <strong>{t('manager.drop.title')}</strong>
            <span>{t('manager.drop.hint')}</span>
          </div>
        </div>
      )}
    </>
  );
}
