import { Alert, Button, Group, Text } from '@mantine/core';
import { formatCount, formatDateTime } from '../../common/format';
import { UploadIcon } from '../../common/icons';
import { ErrorAlert } from '../../common/ErrorAlert';
import { useT } from '../../i18n';
import { useStagedPriceList } from './useStagedPriceList';

interface PriceListPublishingProps {
  /** Bumped when a list was staged, published or discarded. */
  version: number;
  onReview: () => void;
  onImport: () => void;
}

/**
 * The price list the stores get, above the stores directory: the published version, a new one waiting
 * for review and publishing (with what it changes), and importing the back office's next one.
 */
export function PriceListPublishing({ version, onReview, onImport }: PriceListPublishingProps) {
  const { t, locale } = useT();
  const { staging, error } = useStagedPriceList(version);
  const published = staging?.published ?? null;
  const staged = staging?.staged ?? null;
  const changes = staging?.changes ?? null;

  return (
    <section
      className="publishing"
      aria-labelledby="publishing-title"
      data-testid="price-list-publishing"
      data-staged={staged ? 'yes' : 'no'}
    >
      <Group justify="space-between" wrap="nowrap" gap="md">
        <div style={{ minWidth: 0 }}>
          <Text size="sm" fw={650} id="publishing-title">
            {t('priceList.forStores')}
          </Text>
          <Text size="sm" c="dimmed" truncate data-testid="publishing-published">
            {published
              ? t('priceList.publishedFacts', {
                  name: published.supplierName ? `${published.supplierName} · ${published.sourceName}` : published.sourceName,
                  items: formatCount(published.itemCount, locale),
                  date: formatDateTime(published.importedAt, locale),
                })
              : t('priceList.nonePublished')}
          </Text>
        </div>
        <Button variant="default" size="xs" leftSection={<UploadIcon size={14} />} onClick={onImport} data-testid="publishing-import">
          {t('priceList.import')}
        </Button>
      </Group>
      {error && <ErrorAlert error={error} />}
      {staged && (
        <Alert color="blue" variant="light" p="xs" mt={8} data-testid="publishing-staged">
          <Group justify="space-between" wrap="nowrap" gap="md">
            <Text size="sm">
              <strong>{t('priceList.waiting', { name: staged.sourceName, items: formatCount(staged.itemCount, locale) })}</strong>
              {changes &&
                ` — ${t('priceList.review.summary', {
                  changed: formatCount(changes.priceChanged, locale),
                  added: formatCount(changes.added, locale),
                  removed: formatCount(changes.removed, locale),
                })}`}
            </Text>
            <Button size="xs" onClick={onReview} data-testid="publishing-review">
              {t('priceList.reviewButton')}
            </Button>
          </Group>
        </Alert>
      )}
      <Text size="xs" c="dimmed" mt={6}>
        {t('priceList.howStoresGetIt')}
      </Text>
    </section>
  );
}
