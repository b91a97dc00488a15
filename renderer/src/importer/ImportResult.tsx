import { Alert, Group, Stack, Text } from '@mantine/core';
import type { ImportReport } from '../../../shared/domain';
import { formatCount } from '../common/format';
import { CheckIcon } from '../common/icons';
import { useT } from '../i18n';
import { RejectedRows } from './RejectedRows';

function Figure({ label, value, testId, warn }: { label: string; value: string; testId: string; warn?: boolean }) {
  return (
    <div className="figure">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700} className="num" c={warn ? 'orange.8' : undefined} data-testid={testId}>
        {value}
      </Text>
    </div>
  );
}

/** What the import did: items and categories loaded, and the rows it skipped with the reason. */
export function ImportResult({ report }: { report: ImportReport }) {
  const { t, locale } = useT();
  const rejected = report.rejected.length + report.rejectedNotListed;
  return (
    <Stack gap="md" data-testid="import-result">
      <Alert color="green" variant="light" icon={<CheckIcon size={18} />} title={t('import.success')}>
        {report.priceList.sourceName}
      </Alert>
      <Group gap={40}>
        <Figure label={t('import.result.items')} value={formatCount(report.items, locale)} testId="import-result-items" />
        <Figure label={t('import.result.categories')} value={formatCount(report.categories, locale)} testId="import-result-categories" />
        <Figure
          label={t('import.result.rejected')}
          value={formatCount(rejected, locale)}
          testId="import-result-rejected"
          warn={rejected > 0}
        />
      </Group>
      {rejected > 0 ? (
        <RejectedRows rows={report.rejected} notListed={report.rejectedNotListed} />
      ) : (
        <Text size="sm" c="dimmed">
          {t('import.result.allGood')}
        </Text>
      )}
    </Stack>
  );
}
