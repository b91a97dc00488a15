import { Table, Text } from '@mantine/core';
import type { Locale } from '../../../../shared/domain';
import type { OrderChange } from '../../../../shared/manager';
import { formatMoney } from '../../../../shared/money';
import { formatCount, formatDateTime } from '../../common/format';
import { translate, useT, type MessageKey } from '../../i18n';

/** Marks the core writes to find a batch again (its kind, its undoing): the rows they stand for say it all. */
const MARKER_FIELDS = new Set(['batch', 'undo']);

/**
 * The reasons the core records for its own actions, in English (orderEdits.ts reasonOf); shown in the
 * manager's language. A reason the manager typed is shown as typed.
 */
const CORE_REASONS: Record<string, MessageKey> = {
  Accepted: 'change.reason.accepted',
  Held: 'change.reason.held',
  'Cut to stock by arrival': 'change.reason.cutArrival',
  'Cut to stock proportionally': 'change.reason.cutProportional',
  'Rounded to the pack multiple': 'change.reason.rounded',
  'Repriced to the current price list': 'change.reason.repriced',
  "Kept the store's price": 'change.reason.priceKept',
  "Merged the store's orders for the same delivery date": 'change.reason.merged',
  'Split by category': 'change.reason.split',
};

/** The text if the key has one in this language, else null. */
function known(locale: Locale, key: string): string | null {
  const text = translate(locale, key as MessageKey);
  return text === key ? null : text;
}

function reasonText(reason: string, locale: Locale): string {
  const core = CORE_REASONS[reason];
  if (core) return translate(locale, core);
  if (reason.startsWith('undo: ')) return translate(locale, 'change.reason.undo');
  const exported = /^export \d+: (.+)$/.exec(reason);
  if (exported) return translate(locale, 'change.reason.exported', { file: exported[1]! });
  return reason;
}

/** A value in words: states and answers by name, prices as money, orders by number, added lines by item. */
function valueText(field: string, value: string | null, locale: Locale, numberOf: (id: number) => string | undefined): string {
  if (value === null || value === '') return '—';
  if ((field === 'price' || field === 'priceKept') && /^-?\d+$/.test(value)) return formatMoney(Number(value), locale);
  if (field === 'state') return known(locale, `orders.state.${value}`) ?? value;
  if (field === 'answer') return known(locale, `supplier.status.${value}`) ?? known(locale, `orders.state.${value}`) ?? value;
  if (field === 'mergedInto' || field === 'splitFrom') return numberOf(Number(value)) ?? `#${value}`;
  if (field === 'splitInto' || field === 'lineAdded') {
    try {
      const parsed: unknown = JSON.parse(value);
      if (Array.isArray(parsed)) return parsed.map((id) => numberOf(Number(id)) ?? `#${String(id)}`).join(', ');
      if (parsed && typeof parsed === 'object' && 'itemCode' in parsed && 'quantity' in parsed) {
        return `${String(parsed.itemCode)} × ${formatCount(Number(parsed.quantity), locale)}`;
      }
    } catch {
      // Not JSON: shown as recorded.
    }
  }
  return value;
}

interface ChangeLogProps {
  changes: readonly OrderChange[];
  numberOf: (id: number) => string | undefined;
}

/** Every change made to the order: who, when, which line and field, old → new, and why. */
export function ChangeLog({ changes, numberOf }: ChangeLogProps) {
  const { t, locale } = useT();
  const shown = changes.filter((change) => !MARKER_FIELDS.has(change.field));
  if (shown.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="change-log-empty">
        {t('orderDetail.noChanges')}
      </Text>
    );
  }
  return (
    <Table verticalSpacing={3} fz="sm" className="screen-table change-log" data-testid="change-log">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={140}>{t('change.col.at')}</Table.Th>
          <Table.Th w={100}>{t('change.col.actor')}</Table.Th>
          <Table.Th w={60} className="cell--right">
            {t('change.col.line')}
          </Table.Th>
          <Table.Th w={140}>{t('change.col.field')}</Table.Th>
          <Table.Th w={220}>{t('change.col.values')}</Table.Th>
          <Table.Th>{t('change.col.reason')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {shown.map((change) => (
          <Table.Tr key={change.id} data-testid="change-row" data-field={change.field}>
            <Table.Td className="num nowrap">{formatDateTime(change.at, locale)}</Table.Td>
            <Table.Td>{change.actor === 'manager' ? t('change.actor.manager') : change.actor}</Table.Td>
            <Table.Td className="num cell--right">{change.lineNumber ?? '—'}</Table.Td>
            <Table.Td>{known(locale, `change.field.${change.field}`) ?? change.field}</Table.Td>
            <Table.Td className="num">
              <span className="cell--dim">{valueText(change.field, change.oldValue, locale, numberOf)}</span>
              {' → '}
              <strong>{valueText(change.field, change.newValue, locale, numberOf)}</strong>
            </Table.Td>
            <Table.Td className="change-log__reason">
              {change.reason ? reasonText(change.reason, locale) : <span className="cell--dim">—</span>}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
