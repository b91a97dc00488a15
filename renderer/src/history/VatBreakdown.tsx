import { Table } from '@mantine/core';
import type { Order } from '../../../shared/domain';
import { formatMoney } from '../../../shared/money';
import { useT } from '../i18n';

/** Net, VAT and gross per VAT rate and in total — the sums of the rounded lines, as the core computed them. */
export function VatBreakdown({ order }: { order: Order }) {
  const { t, locale } = useT();
  const money = (kopecks: number) => formatMoney(kopecks, locale);
  const { totals } = order;
  return (
    <Table withTableBorder verticalSpacing={4} fz="sm" className="vat-breakdown" data-testid="history-totals">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('history.totals.rate')}</Table.Th>
          <Table.Th className="cell--right">{t('history.totals.net')}</Table.Th>
          <Table.Th className="cell--right">{t('history.totals.vat')}</Table.Th>
          <Table.Th className="cell--right">{t('history.totals.gross')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {totals.byRate.map((rate) => (
          <Table.Tr key={rate.rate} data-testid="history-vat-rate" data-rate={rate.rate}>
            <Table.Td>{t('history.vatRate', { rate: rate.rate })}</Table.Td>
            <Table.Td className="num cell--right">{money(rate.netKopecks)}</Table.Td>
            <Table.Td className="num cell--right" data-testid={`history-total-vat-${rate.rate}`}>
              {money(rate.vatKopecks)}
            </Table.Td>
            <Table.Td className="num cell--right">{money(rate.grossKopecks)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
      <Table.Tfoot>
        <Table.Tr className="vat-breakdown__total">
          <Table.Th scope="row">{t('history.totals.total')}</Table.Th>
          <Table.Td className="num cell--right" data-testid="history-total-net">
            {money(totals.netKopecks)}
          </Table.Td>
          <Table.Td className="num cell--right" data-testid="history-total-vat">
            {money(totals.vatKopecks)}
          </Table.Td>
          <Table.Td className="num cell--right" data-testid="history-total-gross">
            {money(totals.grossKopecks)}
          </Table.Td>
        </Table.Tr>
      </Table.Tfoot>
    </Table>
  );
}
