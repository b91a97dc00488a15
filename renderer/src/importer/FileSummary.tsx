import { Group, NumberInput, Text } from '@mantine/core';
import type { ImportPreview } from '../../../shared/domain';
import { FileIcon } from '../common/icons';
import { useT, type MessageKey } from '../i18n';

const DELIMITERS: Record<string, MessageKey> = {
  ';': 'import.delimiter.semicolon',
  ',': 'import.delimiter.comma',
  '\t': 'import.delimiter.tab',
  '|': 'import.delimiter.pipe',
};

interface FileSummaryProps {
  preview: ImportPreview;
  headerRow: number;
  onHeaderRow: (row: number) => void;
}

/** What Porter found in the file: name, format, encoding, delimiter, and where the header is. */
export function FileSummary({ preview, headerRow, onHeaderRow }: FileSummaryProps) {
  const { t } = useT();
  const delimiterKey = DELIMITERS[preview.delimiter];
  const facts: [id: string, label: string, value: string][] = [['format', t('import.format'), preview.format.toUpperCase()]];
  if (preview.format === 'csv') {
    facts.push(['encoding', t('import.encoding'), preview.encoding]);
    facts.push(['delimiter', t('import.delimiter'), delimiterKey ? `${t(delimiterKey)} (${preview.delimiter})` : preview.delimiter]);
  }
  return (
    <Group justify="space-between" align="flex-end" wrap="nowrap" className="file-summary" data-testid="import-file-summary">
      <div>
        <Group gap={6} wrap="nowrap">
          <FileIcon size={18} />
          <Text fw={600} data-testid="import-file-name">
            {preview.fileName}
          </Text>
        </Group>
        <Group gap={16} mt={4}>
          {facts.map(([id, label, value]) => (
            <Text size="sm" key={id}>
              <Text span c="dimmed" size="sm">
                {label}:
              </Text>{' '}
              <span data-testid={`import-${id}`}>{value}</span>
            </Text>
          ))}
        </Group>
      </div>
      <NumberInput
        size="xs"
        w={210}
        label={t('import.headerRow')}
        description={t('import.headerRowHint')}
        min={1}
        max={1_000_000}
        allowDecimal={false}
        allowNegative={false}
        value={headerRow}
        onChange={(value) => typeof value === 'number' && value >= 1 && onHeaderRow(value)}
        data-testid="import-header-row"
      />
    </Group>
  );
}
