import { Button, Checkbox, Group, Modal, Table, Text, Tooltip } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { Suggestion } from '../../../shared/domain';
import { ErrorAlert } from '../common/ErrorAlert';
import { formatCount } from '../common/format';
import { useShell } from '../common/ShellContext';
import { toUiError, type UiError } from '../common/uiError';
import { useT } from '../i18n';

interface SuggestionsDialogProps {
  orderId: string | null;
  onClose: () => void;
  /** The chosen proposals, as quantities to set. */
  onAccept: (lines: { itemCode: string; quantity: number }[]) => void;
}

/** Quantities proposed from the store's own history; the purchaser accepts all, some or none. */
export function SuggestionsDialog({ orderId, onClose, onAccept }: SuggestionsDialogProps) {
  const { api } = useShell();
  const { t, locale } = useT();
  const [suggestions, setSuggestions] = useState<Suggestion[] | null>(null);
  const [forDate, setForDate] = useState('');
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [error, setError] = useState<UiError | null>(null);

  useEffect(() => {
    if (!orderId) return;
    setSuggestions(null);
    setError(null);
    let current = true;
    api.getSuggestions({ orderId }).then(
      (result) => {
        if (!current) return;
        setSuggestions(result.suggestions);
        setForDate(result.forDate);
        // What the order already holds at that quantity needs no change.
        setChosen(new Set(result.suggestions.filter((s) => s.currentQuantity !== s.quantity).map((s) => s.itemCode)));
      },
      (failure: unknown) => current && setError(toUiError(failure)),
    );
    return () => {
      current = false;
    };
  }, [api, orderId]);

  const n = (value: number) => formatCount(value, locale);
  const explain = (s: Suggestion) =>
    s.averageIntervalDays === null
      ? t('suggest.explainOnce', { quantity: n(s.averageQuantity), date: s.lastOrderedOn, days: s.daysSinceLast })
      : t('suggest.explain', {
          quantity: n(Math.round(s.averageQuantity)),
          interval: n(Math.round(s.averageIntervalDays)),
          days: s.daysSinceLast,
          orders: s.orderCount,
        });
  const toggle = (code: string) =>
    setChosen((previous) => {
      const next = new Set(previous);
      if (!next.delete(code)) next.add(code);
      return next;
    });
  const accept = () => {
    onAccept((suggestions ?? []).filter((s) => chosen.has(s.itemCode)).map((s) => ({ itemCode: s.itemCode, quantity: s.quantity })));
    onClose();
  };
  const all = suggestions !== null && suggestions.length > 0 && chosen.size === suggestions.length;

  return (
    <Modal opened={orderId !== null} onClose={onClose} title={t('suggest.title')} size="xl" data-testid="suggestions-dialog">
      {error && <ErrorAlert error={error} />}
      {suggestions === null && !error && <Text size="sm">{t('app.loading')}</Text>}
      {suggestions !== null && suggestions.length === 0 && (
        <Text size="sm" data-testid="suggestions-empty">
          {t('suggest.none')}
        </Text>
      )}
      {suggestions !== null && suggestions.length > 0 && (
        <>
          <Text size="sm" c="dimmed" mb="xs">
            {t('suggest.forDate', { date: forDate })}
          </Text>
          <div className="suggestions-scroll">
            <Table striped highlightOnHover stickyHeader>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>
                    <Checkbox
                      aria-label={t('suggest.all')}
                      checked={all}
                      indeterminate={!all && chosen.size > 0}
                      onChange={() => setChosen(all ? new Set() : new Set(suggestions.map((s) => s.itemCode)))}
                      data-testid="suggestions-all"
                    />
                  </Table.Th>
                  <Table.Th>{t('catalog.col.name')}</Table.Th>
                  <Table.Th ta="right">{t('suggest.inOrder')}</Table.Th>
                  <Table.Th ta="right">{t('suggest.proposed')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {suggestions.map((s) => (
                  <Table.Tr key={s.itemCode} data-testid="suggestion" data-code={s.itemCode} data-quantity={s.quantity}>
                    <Table.Td>
                      <Checkbox aria-label={s.name} checked={chosen.has(s.itemCode)} onChange={() => toggle(s.itemCode)} />
                    </Table.Td>
                    <Table.Td>
                      <Tooltip label={explain(s)} multiline maw={360} openDelay={200}>
                        <span className="suggestion__name" tabIndex={-1} data-testid="suggestion-name" title={explain(s)}>
                          {s.name}
                        </span>
                      </Tooltip>
                    </Table.Td>
                    <Table.Td ta="right" className="num">
                      {s.currentQuantity > 0 ? n(s.currentQuantity) : '—'}
                    </Table.Td>
                    <Table.Td ta="right" className="num" fw={600}>
                      {n(s.quantity)} {s.unit}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
        </>
      )}
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={onClose}>
          {t('dialog.cancel')}
        </Button>
        <Button onClick={accept} disabled={chosen.size === 0} data-testid="suggestions-accept">
          {t('suggest.accept', { count: chosen.size })}
        </Button>
      </Group>
    </Modal>
  );
}
