import { Group, Text } from '@mantine/core';
import type { PriceListInfo } from '../../../shared/domain';
import { formatCount, formatDateTime } from '../common/format';
import { useT, type MessageKey } from '../i18n';

/** Porter's mark, name and tagline at the left of the header (both modes: each has its own tagline). */
export function Brand({ tagline = 'app.tagline' }: { tagline?: MessageKey }) {
  const { t } = useT();
  return (
    <Group gap={10} wrap="nowrap" className="brand">
      <span className="brand__mark" aria-hidden>
        P
      </span>
      <div>
        <Text fw={700} size="md" lh={1.1}>
          {t('app.name')}
        </Text>
        <Text size="xs" c="dimmed" lh={1.1}>
          {t(tagline)}
        </Text>
      </div>
    </Group>
  );
}

/** The current price list: supplier, file, item count and when it was imported (both modes). */
export function PriceListSummary({ priceList }: { priceList: PriceListInfo | null }) {
  const { t, locale } = useT();
  return (
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
  );
}
