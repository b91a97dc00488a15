import '../../styles/screens.css';
import { Radio, Group, Stack, Text, Title } from '@mantine/core';
import type { Locale } from '../../../../shared/domain';
import { useT } from '../../i18n';
import { BackupsPanel } from '../../settings/BackupsPanel';
import { ModePanel } from '../../settings/ModePanel';
import { UpdatesPanel } from '../../settings/UpdatesPanel';
import { ColumnMappingsPanel } from './ColumnMappingsPanel';
import { ExchangeServerPanel } from './ExchangeServerPanel';
import { OrderFolderPanel } from './OrderFolderPanel';

interface ManagerSettingsScreenProps {
  onLocale: (locale: Locale) => void;
  onModeChanged: () => void;
}

/** Manager mode's settings: the exchange server, the watched exchange folder, saved order column mappings, the language, who uses this Porter, updates and backups. */
export function ManagerSettingsScreen({ onLocale, onModeChanged }: ManagerSettingsScreenProps) {
  const { t, locale } = useT();
  return (
    <section className="screen settings-screen" aria-labelledby="server-title" data-testid="manager-settings-screen" data-state="ready">
      <ExchangeServerPanel />
      <OrderFolderPanel />
      <ColumnMappingsPanel />
      <div className="settings-form settings-panel" data-testid="manager-language">
        <Stack gap="xs">
          <Title order={2} size="h3">
            {t('settings.language')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('managerSettings.languageHint')}
          </Text>
          <Radio.Group
            aria-label={t('settings.language')}
            value={locale}
            onChange={(value) => onLocale(value === 'en' ? 'en' : 'ru')}
            data-testid="manager-language-choice"
            data-value={locale}
          >
            <Group gap="xl" mt={4}>
              <Radio value="ru" label={t('settings.language.ru')} lang="ru" />
              <Radio value="en" label={t('settings.language.en')} lang="en" />
            </Group>
          </Radio.Group>
        </Stack>
      </div>
      <ModePanel mode="manager" onModeChanged={onModeChanged} />
      <UpdatesPanel />
      <BackupsPanel />
    </section>
  );
}
