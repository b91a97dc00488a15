import '../styles/manager.css';
import '../styles/managerOutputs.css';
import { useHotkeys } from '@mantine/hooks';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Locale, PriceListInfo } from '../../../shared/domain';
import { useT } from '../i18n';
import { ImportDialog } from '../importer/ImportDialog';
import type { ImportFlow } from '../importer/useImportFlow';
import { ManagerHeader, type ManagerScreen, type ManagerTab } from './ManagerHeader';
import { IntakeDialog } from './orders/IntakeDialog';
import { INITIAL_ORDERS_VIEW, OrdersScreen, type OrdersView } from './orders/OrdersScreen';
import { useFileDrop } from './orders/useFileDrop';
import { useOrderIntake } from './orders/useOrderIntake';
import { PriceListPublishing } from './pricelist/PriceListPublishing';
import { PriceListReview } from './pricelist/PriceListReview';
import { ManagerSettingsScreen } from './settings/ManagerSettingsScreen';
import { StoresScreen } from './stores/StoresScreen';
import { InsightsScreen } from '../insights/InsightsScreen';
import type { OrderRef } from '../insights/StoreCardView';

const TABS: readonly ManagerTab[] = [
  { screen: 'orders', label: 'nav.orders', key: 1 },
  { screen: 'stores', label: 'nav.stores', key: 2 },
  { screen: 'insights', label: 'nav.insights', key: 3 },
  { screen: 'settings', label: 'nav.managerSettings', key: 4 },
];

interface ManagerAppProps {
  priceList: PriceListInfo | null;
  /** Open on the settings (the mode was just switched there). */
  startOnSettings: boolean;
  /** The price list import (with publish: false: a manager's list is reviewed before it is published). */
  importFlow: ImportFlow;
  /** The published price list changed: the header shows the new one. */
  onPriceListChanged: () => void;
  onLocale: (locale: Locale) => void;
  onModeChanged: () => void;
}

/**
 * Manager mode: the orders inbox, the stores directory, (insights,) settings — Alt+1…4. Order files
 * come in through "Open files…" or by dropping them anywhere on the window.
 */
export function ManagerApp({ priceList, startOnSettings, importFlow, onPriceListChanged, onLocale, onModeChanged }: ManagerAppProps) {
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
  // The price list waiting to be published: reviewed in a dialog, shown above the stores directory.
  const [reviewing, setReviewing] = useState(false);
  const [stagingVersion, setStagingVersion] = useState(0);
  const stagingChanged = useCallback(() => setStagingVersion((v) => v + 1), []);
  const importClosed = importFlow.state.step === 'closed';
  useEffect(() => {
    if (importClosed) stagingChanged();
  }, [importClosed, stagingChanged]);

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
  // Insights open a store's order here: the Orders screen, searched for its number, the order's detail open.
  const openOrder = useCallback((order: OrderRef) => {
    setOrdersView(() => ({ ...INITIAL_ORDERS_VIEW, typed: order.number, open: order.id }));
    setScreen('orders');
  }, []);

  return (
    <>
      <ManagerHeader
        tabs={TABS}
        priceList={priceList}
        screen={screen}
        onScreen={show}
        onOpenFiles={intake.pick}
        onImportPriceList={importFlow.pickFile}
        onLocale={onLocale}
      />
      {screen === 'orders' && (
        <OrdersScreen bookVersion={bookVersion} view={ordersView} onView={setOrdersView} searchRef={searchRef} onOpenFiles={intake.pick} />
      )}
      {screen === 'insights' && <InsightsScreen onOpenOrder={openOrder} />}
      {screen === 'stores' && (
        <StoresScreen
          priceListPanel={
            <PriceListPublishing version={stagingVersion} onReview={() => setReviewing(true)} onImport={importFlow.pickFile} />
          }
        />
      )}
      {screen === 'settings' && <ManagerSettingsScreen onLocale={onLocale} onModeChanged={onModeChanged} />}
      <IntakeDialog intake={intake} />
      <ImportDialog
        flow={importFlow}
        onReview={() => {
          stagingChanged();
          setReviewing(true);
        }}
      />
      <PriceListReview
        opened={reviewing}
        version={stagingVersion}
        onClose={() => setReviewing(false)}
        onPublished={() => {
          stagingChanged();
          onPriceListChanged();
        }}
        onDiscarded={stagingChanged}
        onImport={importFlow.pickFile}
      />
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
