import { Table, Text } from '@mantine/core';
import type { Order, OrderLine, SupplierAnswerLine } from '../../../shared/domain';
import { formatMoney } from '../../../shared/money';
import { formatCount } from '../common/format';
import { useT } from '../i18n';

/**
 * The supplier's line for each order line: by line number (the order file numbers the lines in
 * order), checked against the item code, else by the code.
 */
function answerLines(order: Order): Map<OrderLine, SupplierAnswerLine> {
  const answered = new Map<OrderLine, SupplierAnswerLine>();
  const lines = order.confirmation?.lines ?? [];
  if (lines.length === 0) return answered;
  const byNumber = new Map(lines.map((line) => [line.lineNumber, line]));
  order.lines.forEach((line, index) => {
    const numbered = byNumber.get(index + 1);
    const match = numbered?.itemCode === line.itemCode ? numbered : lines.find((l) => l.itemCode === line.itemCode);
    if (match) answered.set(line, match);
  });
  return answered;
}

/**
 * The lines of an order as it was sent: code, name, quantity, unit, price, VAT rate, sum. Once the
 * supplier has confirmed the order, each line also shows what it confirmed — as ordered, cut (the row
 * is marked), or replaced by another item (named under the line) — and its price when it differs.
 * Prices and sums are as the price list stated them (with or without VAT); the column headings say
 * which. The scroll area is focusable so the keyboard can scroll a long order.
 */
export function OrderLinesTable({ order }: { order: Order }) {
  const { t, locale } = useT();
  const withVat = order.pricesIncludeVat;
  const answered = answerLines(order);
  const confirmed = answered.size > 0;
  return (
    <div className="screen-scroll history-lines" tabIndex={0} role="region" aria-label={t('history.lines.label')}>
      <Table stickyHeader striped verticalSpacing={5} fz="sm" className="screen-table" data-testid="history-lines">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={110}>{t('history.col.code')}</Table.Th>
            <Table.Th>{t('history.col.name')}</Table.Th>
            <Table.Th w={100} className="cell--right">
              {t('history.col.quantity')}
            </Table.Th>
            {confirmed && (
              <Table.Th w={170} className="cell--right">
                {t('supplier.col.confirmed')}
              </Table.Th>
            )}
            <Table.Th w={64}>{t('history.col.unit')}</Table.Th>
            <Table.Th w={120} className="cell--right">
              {withVat ? t('history.col.priceGross') : t('history.col.priceNet')}
            </Table.Th>
            <Table.Th w={70} className="cell--right">
              {t('history.col.vat')}
            </Table.Th>
            <Table.Th w={140} className="cell--right">
              {withVat ? t('history.col.sumGross') : t('history.col.sumNet')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {order.lines.map((line) => {
            const answer = answered.get(line);
            const state = answer?.state;
            return (
              <Table.Tr
                key={line.itemCode}
                className={state && state !== 'confirmed' ? `history-line--${state}` : undefined}
                data-testid="history-line"
                data-code={line.itemCode}
                data-quantity={line.quantity}
                data-answer={state}
                data-confirmed-quantity={answer?.confirmedQuantity}
              >
                <Table.Td className="mono">{line.itemCode}</Table.Td>
                <Table.Td>
                  {line.name}
                  {answer?.replacement && (
                    <Text size="xs" c="grape.9" fw={500} data-testid="history-line-replacement">
                      {t('supplier.line.replacement', { code: answer.replacement.itemCode, name: answer.replacement.name })}
                    </Text>
                  )}
                  {answer?.comment && (
                    <Text size="xs" c="dimmed">
                      {answer.comment}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td className="num cell--right">{formatCount(line.quantity, locale)}</Table.Td>
                {confirmed && (
                  <Table.Td className="num cell--right" data-testid="history-line-confirmed">
                    {answer ? (
                      <>
                        <Text span size="sm" fw={state === 'confirmed' ? 400 : 700}>
                          {formatCount(answer.confirmedQuantity, locale)}
                        </Text>{' '}
                        <Text span size="xs" c={state === 'confirmed' ? 'dimmed' : state === 'cut' ? 'orange.9' : 'grape.9'}>
                          {state === 'cut'
                            ? answer.confirmedQuantity === 0
                              ? t('supplier.line.notDelivered')
                              : t('supplier.line.cut')
                            : t(`supplier.line.${answer.state}`)}
                        </Text>
                        {answer.priceKopecks !== line.priceKopecks && (
                          <Text size="xs" c="dimmed">
                            {t('supplier.line.price', { price: formatMoney(answer.priceKopecks, locale) })}
                          </Text>
                        )}
                      </>
                    ) : (
                      <Text span c="dimmed" size="sm">
                        {t('history.none')}
                      </Text>
                    )}
                  </Table.Td>
                )}
                <Table.Td>{line.unit}</Table.Td>
                <Table.Td className="num cell--right">{formatMoney(line.priceKopecks, locale)}</Table.Td>
                <Table.Td className="num cell--right">{t('history.vatRate', { rate: line.vatRate })}</Table.Td>
                <Table.Td className="num cell--right" fw={600} data-testid="history-line-sum">
                  {formatMoney(line.amountKopecks, locale)}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </div>
  );
}
