import { Button, Group, Progress, Stack, Text } from '@mantine/core';
import type { JobState } from '../../../shared/domain';
import { formatBytes, formatCount } from '../common/format';
import { useT } from '../i18n';

/** Reading is most of an import's time; indexing and finishing share the rest. */
const READING_SHARE = 80;

function percentOf(job: JobState): number | null {
  const fraction = job.total > 0 ? Math.min(1, job.done / job.total) : null;
  if (job.phase === 'reading') return fraction === null ? null : fraction * READING_SHARE;
  return READING_SHARE + (fraction ?? 0) * (100 - READING_SHARE);
}

interface ImportProgressProps {
  job: JobState;
  stopping: boolean;
  onStop: () => void;
}

export function ImportProgress({ job, stopping, onStop }: ImportProgressProps) {
  const { t, locale } = useT();
  const percent = percentOf(job);
  const detail =
    job.phase === 'reading' && job.total > 0
      ? t('import.progressBytes', { done: formatBytes(job.done, locale), total: formatBytes(job.total, locale) })
      : job.total > 0
        ? t('import.progressBytes', { done: job.done, total: job.total })
        : '';
  return (
    <Stack gap="sm" data-testid="import-progress" data-phase={job.phase} py="md">
      <Group justify="space-between">
        <Text fw={600} data-testid="import-phase">
          {t(`import.phase.${job.phase}`)}
        </Text>
        <Text size="sm" c="dimmed" className="num">
          {detail}
        </Text>
      </Group>
      <Progress
        size="lg"
        value={percent ?? 100}
        striped={percent === null || job.phase !== 'reading'}
        animated={percent === null || job.phase !== 'reading'}
        aria-label={t(`import.phase.${job.phase}`)}
        data-testid="import-progress-bar"
      />
      <Group justify="space-between">
        <Text size="sm" c="dimmed" className="num">
          {t('import.progressRows', { rows: formatCount(job.rows, locale) })}
        </Text>
        <Button variant="default" color="red" onClick={onStop} loading={stopping} data-testid="import-stop">
          {t('import.stop')}
        </Button>
      </Group>
    </Stack>
  );
}
