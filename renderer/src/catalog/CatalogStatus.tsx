import { Group, Kbd, Text } from '@mantine/core';
import { formatCount } from '../common/format';
import { useT } from '../i18n';
import type { CatalogSearch } from './useCatalogSearch';

/** "Найдено: 62" / "Найдено: более 10 000" / "Всего: 5 000", and the keys that work here. */
export function CatalogStatus({ search, filtered }: { search: CatalogSearch; filtered: boolean }) {
  const { t, locale } = useT();
  const count = formatCount(search.total, locale);
  const label =
    search.shownQuery === '' && !filtered
      ? t('catalog.all', { count })
      : search.totalExact
        ? t('catalog.found', { count })
        : t('catalog.foundMore', { count });
  return (
    <Group justify="space-between" gap="md" wrap="nowrap" className="catalog-status">
      <Text size="sm" fw={500} data-testid="catalog-count" aria-live="polite">
        {search.loaded ? label : ' '}
      </Text>
      <Group gap={12} wrap="nowrap" className="key-hints">
        <span>
          <Kbd size="xs">F3</Kbd> {t('catalog.keys.search')}
        </span>
        <span>
          <Kbd size="xs">{t('keys.enter')}</Kbd> {t('catalog.keys.commit')}
        </span>
        <span>
          <Kbd size="xs">↑</Kbd>
          <Kbd size="xs">↓</Kbd> {t('catalog.keys.rows')}
        </span>
        <span>
          <Kbd size="xs">+</Kbd>
          <Kbd size="xs">−</Kbd> {t('catalog.keys.step')}
        </span>
        <span>
          <Kbd size="xs">Alt</Kbd>
          <Kbd size="xs">{t('keys.enter')}</Kbd> {t('catalog.keys.fix')}
        </span>
        <span>
          <Kbd size="xs">{t('keys.esc')}</Kbd> {t('catalog.keys.back')}
        </span>
      </Group>
    </Group>
  );
}
