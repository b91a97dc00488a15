import { Alert, Text } from '@mantine/core';
import type { ConnectionTest } from '../../../shared/domain';
import { describeFailure } from '../common/exchangeFailure';
import { formatCount } from '../common/format';
import { useT } from '../i18n';

/**
 * What "Test connection" found: who the supplier knows the store as (name, customer code, price type),
 * or exactly what failed — the failure's code in words (no such name in DNS, nothing listening, the
 * certificate, the token refused, not the Porter API…), the server's or the network's own words, and the
 * HTTP status when there was an answer.
 */
export function ConnectionTestResult({ result, folder, unsaved }: { result: ConnectionTest; folder: boolean; unsaved: boolean }) {
  const { t, locale } = useT();
  const common = {
    variant: 'light' as const,
    role: 'status',
    'data-testid': 'exchange-test-result',
    'data-ok': result.ok,
    'data-code': result.code ?? '',
  };
  if (!result.ok) {
    const failure = describeFailure(t, result.code, result.message);
    return (
      <Alert color="red" title={`${t('exchange.test.failed')}: ${failure.title}`} {...common}>
        {failure.details && <Text size="sm">{failure.details}</Text>}
        {result.httpStatus !== null && (
          <Text size="xs" c="dimmed" mt={4}>
            {t('exchange.test.httpStatus', { status: result.httpStatus })}
          </Text>
        )}
      </Alert>
    );
  }
  const store = result.store;
  return (
    <Alert color="green" title={t('exchange.test.ok')} {...common}>
      {folder ? (
        <Text size="sm">{t('exchange.test.folderOk')}</Text>
      ) : (
        <>
          {result.supplierName && <Text size="sm">{t('exchange.test.supplier', { name: result.supplierName })}</Text>}
          {store && (
            <Text size="sm" data-testid="exchange-test-store">
              {[
                t('exchange.test.store', { name: store.name }),
                store.customerCode ? t('exchange.test.customerCode', { code: store.customerCode }) : null,
                store.priceType ? t('exchange.test.priceType', { type: store.priceType }) : null,
              ]
                .filter((part): part is string => part !== null)
                .join(', ')}
            </Text>
          )}
          <Text size="xs" c="dimmed" mt={4}>
            {t('exchange.test.latency', { ms: formatCount(result.latencyMs, locale) })}
          </Text>
        </>
      )}
      {unsaved && (
        <Text size="xs" c="dimmed" mt={4}>
          {t('exchange.test.unsaved')}
        </Text>
      )}
    </Alert>
  );
}
