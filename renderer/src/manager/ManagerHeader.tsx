import { Button, Group, SegmentedControl, Tabs } from '@mantine/core';
import type { Locale, PriceListInfo } from '../../../shared/domain';
import { Brand, PriceListSummary } from '../app/HeaderParts';
import { FileIcon, UploadIcon } from '../common/icons';
import { useT, type MessageKey } from '../i18n';

/** The manager's screens, in the order of their Alt+1…4 keys. */
export type ManagerScreen = 'orders' | 'stores' | 'insights' | 'settings';

export interface ManagerTab {
  screen: ManagerScreen;
  label: MessageKey;
  /** Alt+key. */
  key: number;
}

interface ManagerHeaderProps {
  tabs: readonly ManagerTab[];
  priceList: PriceListInfo | null;
  screen: ManagerScreen;
  onScreen: (screen: ManagerScreen) => void;
  /** Order files to take into the order book. */
  onOpenFiles: () => void;
  onImportPriceList: () => void;
  onLocale: (locale: Locale) => void;
}

/** Manager mode's header: the manager's screens, the current price list, opening order files, the price list import and the language. */
export function ManagerHeader({ tabs, priceList, screen, onScreen, onOpenFiles, onImportPriceList, onLocale }: ManagerHeaderProps) {
  const { t, locale } = useT();
  return (
    <header className="app-header">
      <Brand tagline="manager.tagline" />
      <Tabs
        value={screen}
        onChange={(value) => {
          const tab = tabs.find((s) => s.screen === value);
          if (tab) onScreen(tab.screen);
        }}
        variant="pills"
        radius="sm"
        activateTabWithKeyboard={false}
      >
        <Tabs.List className="screen-tabs" aria-label={t('nav.label')}>
          {tabs.map((tab) => (
            <Tabs.Tab
              key={tab.screen}
              value={tab.screen}
              data-testid={`nav-${tab.screen}`}
              title={`Alt+${tab.key}`}
              aria-keyshortcuts={`Alt+${tab.key}`}
            >
              {t(tab.label)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <PriceListSummary priceList={priceList} />
      <Group gap="sm" wrap="nowrap">
        <Button
          leftSection={<FileIcon />}
          onClick={onOpenFiles}
          title={t('manager.openFilesHint')}
          aria-keyshortcuts="Control+O"
          data-testid="open-order-files"
        >
          {t('manager.openFiles')}
        </Button>
        <Button variant="light" leftSection={<UploadIcon />} onClick={onImportPriceList} data-testid="import-button">
          {t('manager.importPriceList')}
        </Button>
        <SegmentedControl
          size="xs"
          value={locale}
          onChange={(value) => onLocale(value === 'en' ? 'en' : 'ru')}
          data={[
            { value: 'ru', label: t('locale.ru') },
            { value: 'en', label: t('locale.en') },
          ]}
          aria-label={t('header.language')}
          data-testid="locale-switch"
        />
      </Group>
    </header>
  );
}
