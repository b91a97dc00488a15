import { Button, Group, Modal, Table, Text } from '@mantine/core';
import type { LineImportReport } from '../../../shared/domain';
import { useT } from '../i18n';

interface LineReportDialogProps {
  report: LineImportReport | null;
  onClose: () => void;
}

/** After pasting or importing lines: how many went in, and each line that did not, with why. */
export function LineReportDialog({ report, onClose }: LineReportDialogProps) {
  const { t } = useT();
  return (
    <Modal opened={report !== null} onClose={onClose} title={t('lines.reportTitle')} size="lg" data-testid="line-report">
      {report && (
        <>
          <Text size="sm" mb="sm" data-testid="line-report-added">
            {t('lines.added', { count: report.added })}
          </Text>
          {report.unmatched.length > 0 && (
            <>
              <Text size="sm" fw={600} c="red.7" mb={4}>
                {t('lines.unmatched', { count: report.unmatched.length })}
              </Text>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('lines.row')}</Table.Th>
                    <Table.Th>{t('lines.reference')}</Table.Th>
                    <Table.Th>{t('lines.reason')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {report.unmatched.map((line) => (
                    <Table.Tr key={line.row} data-testid="line-report-unmatched" data-reference={line.reference}>
                      <Table.Td className="num">{line.row}</Table.Td>
                      <Table.Td className="mono" title={line.text}>
                        {line.reference || line.text}
                      </Table.Td>
                      <Table.Td>{t(`lines.reason.${line.reason}`)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </>
          )}
          <Group justify="flex-end" mt="md">
            <Button onClick={onClose} data-autofocus data-testid="line-report-close">
              {t('dialog.ok')}
            </Button>
          </Group>
        </>
      )}
    </Modal>
  );
}
