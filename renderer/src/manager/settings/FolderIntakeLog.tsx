import { Badge, Table, Text, Title } from '@mantine/core';
import type { FolderIntakeEvent } from '../../../../shared/manager';
import { ErrorAlert } from '../../common/ErrorAlert';
import { formatCount, formatDateTime } from '../../common/format';
import { formatCompactDateTime } from '../orders/compactDates';
import type { UiError } from '../../common/uiError';
import { useT } from '../../i18n';

/** How many of the latest files the log shows. */
export const FOLDER_LOG_LIMIT = 50;
const OUTCOME_COLOR: Record<FolderIntakeEvent['outcome'], string> = { imported: 'green', duplicate: 'gray', quarantined: 'red' };

interface FolderIntakeLogProps {
  /** Newest first; null until the core answered. */
  events: readonly FolderIntakeEvent[] | null;
  error: UiError | null;
}

/** What the watched folder did with its latest files, newest first: taken in (how many orders), a duplicate, or quarantined and why. */
export function FolderIntakeLog({ events, error }: FolderIntakeLogProps) {
  const { t, locale } = useT();
  const count = (n: number) => formatCount(n, locale);
  const details = (event: FolderIntakeEvent) => {
    if (event.outcome === 'quarantined') return event.reason;
    return [
      event.orderIds.length > 0 ? t('intake.orders', { count: count(event.orderIds.length) }) : null,
      event.duplicates.length > 0 ? t('intake.duplicates', { numbers: event.duplicates.map((d) => d.number).join(', ') }) : null,
      event.outcome === 'duplicate' && event.duplicates.length === 0 ? t('folder.log.sameFile') : null,
    ]
      .filter(Boolean)
      .join(' · ');
  };

  return (
    <section className="folder-log" aria-labelledby="folder-log-title" data-testid="folder-intake" data-count={events?.length ?? 0}>
      <Title order={3} size="h4" id="folder-log-title" mb={6}>
        {t('folder.log.title')}
      </Title>
      {error && <ErrorAlert error={error} />}
      {events && events.length === 0 && (
        <Text size="sm" c="dimmed" data-testid="folder-intake-empty">
          {t('folder.log.empty')}
        </Text>
      )}
      {events && events.length > 0 && (
        <div className="outputs-orders">
          <Table verticalSpacing={4} fz="sm" stickyHeader className="screen-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={110}>{t('folder.log.when')}</Table.Th>
                <Table.Th w={250}>{t('intake.col.file')}</Table.Th>
                <Table.Th w={120}>{t('intake.col.result')}</Table.Th>
                <Table.Th>{t('intake.col.details')}</Table.Th>
                <Table.Th w={260}>{t('folder.log.movedTo')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {events.map((event, i) => (
                <Table.Tr
                  key={`${event.at}-${event.fileName}-${i}`}
                  data-testid="folder-intake-row"
                  data-file={event.fileName}
                  data-outcome={event.outcome}
                >
                  <Table.Td className="num nowrap" title={formatDateTime(event.at, locale)}>
                    {formatCompactDateTime(event.at, locale)}
                  </Table.Td>
                  <Table.Td className="intake-file-name">{event.fileName}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={OUTCOME_COLOR[event.outcome]} radius="sm" tt="none" fw={500}>
                      {t(`folder.outcome.${event.outcome}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td className="intake-details" data-testid="folder-intake-details">
                    {details(event)}
                  </Table.Td>
                  <Table.Td className="mono cell--dim">{event.movedTo ?? t('folder.log.notMoved')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
    </section>
  );
}
