import { Radio, Stack, Text } from '@mantine/core';
import type { Ref } from 'react';
import type { BackupInfo } from '../../../shared/domain';
import { formatBytes, formatDateTime } from '../common/format';
import { useT } from '../i18n';

interface BackupListProps {
  backups: readonly BackupInfo[];
  /** The chosen backup's id. */
  value: string | null;
  onChange: (backupId: string) => void;
  /** The checked option's input, to put focus on the list. */
  checkedRef?: Ref<HTMLInputElement>;
  disabled?: boolean;
}

/** The backups, newest first, one radio each: date and time, size, why it was taken. Arrow keys choose. */
export function BackupList({ backups, value, onChange, checkedRef, disabled }: BackupListProps) {
  const { t, locale } = useT();
  if (backups.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="backup-list-empty">
        {t('maintenance.empty')}
      </Text>
    );
  }
  return (
    <Radio.Group value={value} onChange={onChange} label={t('maintenance.backups')} data-testid="backup-list">
      <Stack gap={8} mt={8}>
        {backups.map((backup) => (
          <Radio
            key={backup.id}
            ref={backup.id === value ? checkedRef : undefined}
            value={backup.id}
            disabled={disabled}
            label={formatDateTime(backup.createdAt, locale)}
            description={t('maintenance.backupDescription', {
              size: formatBytes(backup.sizeBytes, locale),
              reason: t(`maintenance.reason.${backup.reason}`),
            })}
            data-testid="backup-option"
            data-backup-id={backup.id}
            data-reason={backup.reason}
          />
        ))}
      </Stack>
    </Radio.Group>
  );
}
