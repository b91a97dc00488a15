import { Button, Group, SegmentedControl, Tabs, Text } from '@mantine/core';
import type { Locale, PriceListInfo } from '../../../shared/domain';
import { formatCount, formatDateTime } from '../common/format';
import { UploadIcon } from '../common/icons';
import { useT } from '../i18n';

export type Screen = 'order' | 'history' | 'templates' | 'settings';
const SCREENS: Screen[] = ['order', 'history', 'templates', 'settings'];

interface AppHeaderProps {
  priceList: PriceListInfo | null;
  screen: Screen;
  onScreen: (screen: Screen) => void;
  onImport: () => void;
  onLocale: (locale: Locale) => void;
}

/** App name, the screens, the current price list, the import button and the language switch. */
export function AppHeader({ priceList, screen, onScreen, onImport, onLocale }: AppHeaderProps) {
  const { t, locale } = useT();
  return (
    <header className="app-header">
      <Group gap={10} wrap="nowrap" className="brand">
        <span className="brand__mark" aria-hidden>
          P
        </span>
        <div>
          <Text fw={700} size="md" lh={1.1}>
            {t('app.name')}
          </Text>
          <Text size="xs" c="dimmed" lh={1.1}>
            {t('app.tagline')}
          </Text>
        </div>
      </Group>
      <Tabs
        value={screen}
        onChange={(value) => onScreen(SCREENS.find((s) => s === value) ?? 'order')}
        variant="pills"
        radius="sm"
        activateTabWithKeyboard={false}
      >
        <Tabs.List className="screen-tabs" aria-label={t('nav.label')}>
          {SCREENS.map((s, i) => (
            <Tabs.Tab key={s} value={s} data-testid={`nav-${s}`} title={`Alt+${i + 1}`}>
              {t(`nav.${s}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <div className="price-list-info" data-testid="price-list-info">
        {priceList ? (
          <>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600} lh={1.2}>
              {t('header.priceList')}
            </Text>
            <Text size="sm" lh={1.3} truncate>
              {priceList.supplierName && (
                <>
                  <span className="price-list-info__name" data-testid="price-list-supplier">
                    {priceList.supplierName}
                  </span>
                  <span className="sep">·</span>
                </>
              )}
              <span className={priceList.supplierName ? '' : 'price-list-info__name'} data-testid="price-list-name">
                {priceList.sourceName}
              </span>
              <span className="sep">·</span>
              <span data-testid="price-list-count">{t('header.items', { count: formatCount(priceList.itemCount, locale) })}</span>
              <span className="sep">·</span>
              <span>{t('header.importedAt', { date: formatDateTime(priceList.importedAt, locale) })}</span>
            </Text>
          </>
        ) : (
          <Text size="sm" c="dimmed">
            {t('header.noPriceList')}
          </Text>
        )}
      </div>
      <Group gap="sm" wrap="nowrap">
        <Button variant="light" leftSection={<UploadIcon />} onClick={onImport} data-testid="import-button">
          {t('header.import')}
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
