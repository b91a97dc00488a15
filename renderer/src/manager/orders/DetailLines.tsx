import { ActionIcon, Table } from '@mantine/core';
import type { OrderProblem, ReceivedOrderDetail, ReceivedOrderLineView } from '../../../../shared/manager';
import { formatMoney } from '../../../../shared/money';
import { formatCount } from '../../common/format';
import { useT } from '../../i18n';
import { problemText } from './problemText';
import { ProblemTag } from './ProblemTags';

function EditIcon() {
  return (
    <svg width={15} height={15} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" aria-hidden>
      <path d="M4 20h4L19 9l-4-4L4 16v4zM14 6l4 4" />
    </svg>
  );
}

interface DetailLinesProps {
  order: ReceivedOrderDetail;
  /** Problems by line number. */
  problemsByLine: ReadonlyMap<number, OrderProblem[]>;
  /** Line editing, when the order may still be changed. */
  onEdit?: (line: ReceivedOrderLineView) => void;
}

/**
 * The order's lines: what the store ordered next to what stands now (quantity and price), the
 * sum as it stands, and each line's problems with their figures.
 */
export function DetailLines({ order, problemsByLine, onEdit }: DetailLinesProps) {
  const { t, locale } = useT();
  const money = (kopecks: number) => formatMoney(kopecks, locale);
  return (
    <div className="screen-scroll detail-lines" tabIndex={0} role="region" aria-label={t('orderDetail.lines')}>
      <Table stickyHeader layout="fixed" verticalSpacing={4} fz="sm" className="screen-table" data-testid="detail-lines">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={40} className="cell--right">
              {t('orderDetail.col.line')}
            </Table.Th>
            <Table.Th w={96}>{t('orderDetail.col.code')}</Table.Th>
            <Table.Th>{t('orderDetail.col.name')}</Table.Th>
            <Table.Th w={120} className="cell--right">
              {t('orderDetail.col.quantity')}
            </Table.Th>
            <Table.Th w={112} className="cell--right">
              {order.pricesIncludeVat ? t('orderDetail.col.priceGross') : t('orderDetail.col.priceNet')}
            </Table.Th>
            <Table.Th w={54} className="cell--right">
              {t('orderDetail.col.vat')}
            </Table.Th>
            <Table.Th w={110} className="cell--right">
              {t('orderDetail.col.sum')}
            </Table.Th>
            <Table.Th w={200}>{t('orderDetail.col.problems')}</Table.Th>
            {onEdit && <Table.Th w={40} aria-label={t('orderDetail.col.edit')} />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {order.lines.map((line) => {
            const problems = problemsByLine.get(line.lineNumber) ?? [];
            const quantityChanged = line.quantity !== line.orderedQuantity;
            const priceChanged = line.priceKopecks !== line.orderedPriceKopecks;
            return (
              <Table.Tr
                key={line.lineNumber}
                className={problems.length > 0 ? 'detail-line--problem' : undefined}
                data-testid="detail-line"
                data-line={line.lineNumber}
                data-code={line.itemCode}
                data-quantity={line.quantity}
                data-price={line.priceKopecks}
                data-problems={problems.map((p) => p.kind).join(' ')}
              >
                <Table.Td className="num cell--right cell--dim">{line.lineNumber}</Table.Td>
                <Table.Td className="mono">{line.itemCode}</Table.Td>
                <Table.Td className="detail-line__name" title={line.category || undefined}>
                  {line.name}
                </Table.Td>
                <Table.Td
                  className="num cell--right"
                  title={t('orderDetail.ordered', { value: formatCount(line.orderedQuantity, locale) })}
                >
                  {quantityChanged && <s className="was">{formatCount(line.orderedQuantity, locale)}</s>}
                  <strong data-testid="detail-line-quantity">{formatCount(line.quantity, locale)}</strong>
                  <span className="cell--dim detail-line__unit">{line.unit}</span>
                </Table.Td>
                <Table.Td className="num cell--right" title={t('orderDetail.storePrice', { value: money(line.orderedPriceKopecks) })}>
                  {priceChanged && <s className="was">{money(line.orderedPriceKopecks)}</s>}
                  <span data-testid="detail-line-price">{money(line.priceKopecks)}</span>
                </Table.Td>
                <Table.Td className="num cell--right cell--dim">
                  {line.vatRate === null ? t('orders.none') : t('format.percent', { value: line.vatRate })}
                </Table.Td>
                <Table.Td className="num cell--right" fw={600}>
                  {money(line.amountKopecks)}
                </Table.Td>
                <Table.Td>
                  {problems.length === 0 ? null : (
                    <ul className="line-problems">
                      {problems.map((problem, i) => (
                        <li key={`${problem.kind}-${i}`}>
                          <ProblemTag kind={problem.kind} />
                          <span className="line-problems__text">{problemText(problem, t, locale)}</span>
                        </li>
                      ))}
                    </ul>
                  )}
                </Table.Td>
                {onEdit && (
                  <Table.Td>
                    <ActionIcon
                      variant="subtle"
                      size="sm"
                      onClick={() => onEdit(line)}
                      aria-label={t('orderDetail.editLine', { line: line.lineNumber, name: line.name })}
                      title={t('orderDetail.editLineHint')}
                      data-testid="detail-line-edit"
                    >
                      <EditIcon />
                    </ActionIcon>
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </div>
  );
}
