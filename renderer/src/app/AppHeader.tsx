import { Badge, Button, Group, SegmentedControl, Tabs } from '@mantine/core';
import type { Locale, OutboxEntry, PriceListInfo } from '../../../shared/domain';
import { UploadIcon } from '../common/icons';
import { useT } from '../i18n';
import { Brand, PriceListSummary } from './HeaderParts';

export type Screen = 'order' | 'history' | 'templates' | 'settings';
const SCREENS: Screen[] = ['order', 'history', 'templates', 'settings'];

interface AppHeaderProps {
  priceList: PriceListInfo | null;
  screen: Screen;
  onScreen: (screen: Screen) => void;
  onImport: () => void;
  onLocale: (locale: Locale) => void;
  /** Orders not yet delivered to the supplier: counted on the History tab. */
  outbox?: readonly OutboxEntry[] | null;
}

/** App name, the screens, the current price list, the import button and the language switch. */
export function AppHeader({ priceList, screen, onScreen, onImport, onLocale, outbox }: AppHeaderProps) {
  const { t, locale } = useT();
  const unsent = outbox?.length ?? 0;
  const attention = outbox?.some((entry) => entry.state === 'needsAttention') ?? false;
  return (
    <header className="app-header">
      <Brand />
      <Tabs
        value={screen}
        onChange={(value) => onScreen(SCREENS.find((s) => s === value) ?? 'order')}
        variant="pills"
        radius="sm"
        activateTabWithKeyboard={false}
      >
        <Tabs.List className="screen-tabs" aria-label={t('nav.label')}>
          {SCREENS.map((s, i) => (
            <Tabs.Tab
              key={s}
              value={s}
              data-testid={`nav-${s}`}
              title={`Alt+${i + 1}`}
              rightSection={
                s === 'history' && unsent > 0 ? (
                  <Badge
                    size="xs"
                    circle
                    color={attention ? 'red' : 'blue'}
                    title={t('outbox.badge', { count: unsent })}
                    aria-label={t('outbox.badge', { count: unsent })}
                    data-testid="outbox-badge"
                    data-attention={attention}
                  >
                    {unsent}
                  </Badge>
                ) : undefined
              }
            >
              {t(`nav.${s}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <PriceListSummary priceList={priceList} />
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
