import { Button, Group, Modal, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import type { ReceivedOrderDetail, ReceivedOrderLineView } from '../../../../shared/manager';
import { decimalToScaled, formatMoney, parseDecimal, parseMoney } from '../../../../shared/money';
import { ErrorAlert } from '../../common/ErrorAlert';
import { formatCount } from '../../common/format';
import { useShell } from '../../common/ShellContext';
import { toUiError, type UiError } from '../../common/uiError';
import { useT } from '../../i18n';

export interface EditedLine {
  orderId: number;
  orderNumber: string;
  line: ReceivedOrderLineView;
}

interface LineEditModalProps {
  editing: EditedLine | null;
  onClose: () => void;
  onSaved: (order: ReceivedOrderDetail) => void;
}

/** Quantities keep up to three decimals (weighed goods); money is typed as "1 234,56". */
function parseQuantity(text: string): number | null {
  const decimal = parseDecimal(text.trim());
  if (!decimal || decimal.negative) return null;
  const scaled = decimalToScaled(decimal, 3);
  return scaled === null ? null : scaled / 1000;
}

/** "1234,56" (ru) / "1234.56" (en): money as it is typed, without grouping. */
function plainMoney(kopecks: number, locale: 'ru' | 'en'): string {
  return `${Math.floor(kopecks / 100)}${locale === 'ru' ? ',' : '.'}${String(kopecks % 100).padStart(2, '0')}`;
}

/**
 * Changes one line of a received order: its quantity and/or its price, with the reason — recorded in
 * the order's change log (who, when, old → new, why). Enter saves, Esc cancels.
 */
export function LineEditModal({ editing, onClose, onSaved }: LineEditModalProps) {
  const { t, locale } = useT();
  const { api } = useShell();
  const [quantity, setQuantity] = useState('');
  const [price, setPrice] = useState('');
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<UiError | null>(null);

  useEffect(() => {
    if (!editing) return;
    setQuantity(String(editing.line.quantity).replace('.', locale === 'ru' ? ',' : '.'));
    setPrice(plainMoney(editing.line.priceKopecks, locale));
    setReason('');
    setTried(false);
    setSaving(false);
    setError(null);
  }, [editing, locale]);

  const line = editing?.line;
  const newQuantity = parseQuantity(quantity);
  const newPrice = parseMoney(price.trim());
  const quantityProblem = newQuantity === null ? t('lineEdit.badQuantity') : null;
  const priceProblem = newPrice === null || newPrice < 0 ? t('lineEdit.badPrice') : null;
  const unchanged = line !== undefined && newQuantity === line.quantity && newPrice === line.priceKopecks;
  const reasonProblem = tried && reason.trim() === '' ? t('lineEdit.reasonRequired') : null;

  const save = async (event?: FormEvent) => {
    event?.preventDefault();
    setTried(true);
    if (!editing || !line || saving || quantityProblem || priceProblem || unchanged || reason.trim() === '') return;
    setSaving(true);
    setError(null);
    try {
      const order = await api.editReceivedLine({
        id: editing.orderId,
        lineNumber: line.lineNumber,
        ...(newQuantity !== line.quantity ? { quantity: newQuantity! } : {}),
        ...(newPrice !== line.priceKopecks ? { priceKopecks: newPrice! } : {}),
        reason: reason.trim(),
      });
      onSaved(order);
    } catch (thrown) {
      setError(toUiError(thrown));
      setSaving(false);
    }
  };

  return (
    <Modal
      opened={editing !== null}
      onClose={onClose}
      title={editing ? t('lineEdit.title', { line: editing.line.lineNumber, number: editing.orderNumber }) : ''}
      size="md"
      centered
      transitionProps={{ duration: 120 }}
      styles={{ title: { fontWeight: 650, fontSize: 'var(--mantine-font-size-lg)' } }}
      closeButtonProps={{ 'aria-label': t('confirm.cancel') }}
      data-testid="line-edit-dialog"
    >
      {line && (
        <form onSubmit={(event) => void save(event)} noValidate>
          <Stack gap="sm">
            <Text size="sm">
              <span className="mono">{line.itemCode}</span> {line.name}
            </Text>
            <Text size="xs" c="dimmed">
              {t('lineEdit.asOrdered', {
                quantity: formatCount(line.orderedQuantity, locale),
                unit: line.unit,
                price: formatMoney(line.orderedPriceKopecks, locale),
              })}
            </Text>
            <Group grow align="flex-start">
              <TextInput
                data-autofocus
                label={t('lineEdit.quantity', { unit: line.unit })}
                value={quantity}
                onChange={(event) => setQuantity(event.currentTarget.value)}
                error={quantityProblem}
                inputMode="decimal"
                autoComplete="off"
                data-testid="line-edit-quantity"
              />
              <TextInput
                label={t('lineEdit.price')}
                value={price}
                onChange={(event) => setPrice(event.currentTarget.value)}
                error={priceProblem}
                inputMode="decimal"
                autoComplete="off"
                data-testid="line-edit-price"
              />
            </Group>
            <Textarea
              label={t('lineEdit.reason')}
              description={t('lineEdit.reasonHint')}
              value={reason}
              onChange={(event) => setReason(event.currentTarget.value)}
              onKeyDown={(event) => {
                // Enter saves; Shift+Enter starts a new line of the reason.
                if (event.key === 'Enter' && !event.shiftKey) {
                  event.preventDefault();
                  void save();
                }
              }}
              maxLength={500}
              autosize
              minRows={2}
              maxRows={4}
              error={reasonProblem}
              data-testid="line-edit-reason"
            />
            {unchanged && tried && (
              <Text size="sm" c="dimmed">
                {t('lineEdit.unchanged')}
              </Text>
            )}
            {error && <ErrorAlert error={error} onClose={() => setError(null)} />}
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={onClose}>
                {t('confirm.cancel')}
              </Button>
              <Button type="submit" loading={saving} data-testid="line-edit-save">
                {t('lineEdit.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
