import '../styles/exchange.css';
import { Group, Table, Text } from '@mantine/core';
import type { Order, SupplierAnswer as Answer } from '../../../shared/domain';
import { formatMoney } from '../../../shared/money';
import { formatCount, formatDateTime } from '../common/format';
import { useT } from '../i18n';
import { SupplierStatusBadge } from './exchangeBadges';

/**
 * The supplier's answer above an order's lines: its status, its number in the supplier's back office,
 * when it was confirmed, the supplier's comment, and how many lines were cut or replaced.
 */
export function SupplierAnswerSummary({ answer }: { answer: Answer }) {
  const { t, locale } = useT();
  const cut = answer.lines.filter((line) => line.state === 'cut').length;
  const replaced = answer.lines.filter((line) => line.state === 'replaced').length;
  return (
    <section className="supplier-answer" aria-labelledby="supplier-answer-title" data-testid="supplier-answer" data-status={answer.status}>
      <Group gap="sm" wrap="wrap" align="center">
        <Text fw={600} size="sm" id="supplier-answer-title">
          {t('supplier.answer.title')}
        </Text>
        <SupplierStatusBadge status={answer.status} />
        <Text size="sm" c="dimmed">
          {[
            answer.supplierNumber ? t('supplier.answer.number', { number: answer.supplierNumber }) : null,
            answer.confirmedAt
              ? t('supplier.answer.confirmedAt', { date: formatDateTime(answer.confirmedAt, locale) })
              : t('supplier.answer.updatedAt', { date: formatDateTime(answer.updatedAt, locale) }),
          ]
            .filter((part): part is string => part !== null)
            .join(' · ')}
        </Text>
        {cut > 0 && (
          <Text size="sm" fw={600} c="orange.9" data-testid="supplier-cut-count" data-count={cut}>
            {t('supplier.answer.cutLines', { count: formatCount(cut, locale) })}
          </Text>
        )}
        {replaced > 0 && (
          <Text size="sm" fw={600} c="grape.8" data-testid="supplier-replaced-count" data-count={replaced}>
            {t('supplier.answer.replacedLines', { count: formatCount(replaced, locale) })}
          </Text>
        )}
      </Group>
      {answer.comment && (
        <Text size="sm" className="supplier-answer__comment" data-testid="supplier-comment">
          {answer.comment}
        </Text>
      )}
      {answer.lines.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('supplier.answer.waiting')}
        </Text>
      )}
    </section>
  );
}

/** Ordered against confirmed, with VAT: what the supplier will invoice, and by how much less than ordered. */
export function ConfirmedTotals({ order, answer }: { order: Order; answer: Answer }) {
  const { t, locale } = useT();
  if (!answer.totals) return null;
  const ordered = order.totals.grossKopecks;
  const confirmed = answer.totals.grossKopecks;
  return (
    <Table withTableBorder verticalSpacing={4} fz="sm" className="confirmed-totals" data-testid="confirmed-totals">
      <Table.Tbody>
        <Table.Tr>
          <Table.Th scope="row">{t('supplier.totals.ordered')}</Table.Th>
          <Table.Td className="num cell--right">{formatMoney(ordered, locale)}</Table.Td>
        </Table.Tr>
        <Table.Tr className="confirmed-totals__confirmed">
          <Table.Th scope="row">{t('supplier.totals.confirmed')}</Table.Th>
          <Table.Td className="num cell--right" data-testid="confirmed-total-gross">
            {formatMoney(confirmed, locale)}
          </Table.Td>
        </Table.Tr>
        {confirmed !== ordered && (
          <Table.Tr>
            <Table.Th scope="row">{t('supplier.totals.difference')}</Table.Th>
            <Table.Td className="num cell--right" data-testid="confirmed-total-difference">
              {formatMoney(confirmed - ordered, locale)}
            </Table.Td>
          </Table.Tr>
        )}
      </Table.Tbody>
    </Table>
  );
}
