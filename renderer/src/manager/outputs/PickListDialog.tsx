import { Alert, Button, Group, Modal, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { PICK_LIST_FORMATS, type ReceivedOrderSummary } from '../../../../shared/manager';
import { ErrorAlert } from '../../common/ErrorAlert';
import { formatCount } from '../../common/format';
import { useShell } from '../../common/ShellContext';
import { useToast } from '../../common/Toasts';
import { toUiError, type UiError } from '../../common/uiError';
import { formatIsoDate } from '../../history/dates';
import { useT } from '../../i18n';
import { localToday, pickListDates } from './outputScope';
import { remember, rememberedChoice } from './rememberedChoice';

type PickListFormat = (typeof PICK_LIST_FORMATS)[number];
const FORMAT_KEY = 'porter.manager.pickListFormat';
/** The printed list first: it is what the warehouse works from. */
const FORMATS_SHOWN: readonly PickListFormat[] = ['pdf', 'xlsx'];

interface PickListDialogProps {
  opened: boolean;
  /** The order book as the grid has it: the delivery dates of its accepted and exported orders are offered. */
  orders: readonly ReceivedOrderSummary[];
  onClose: () => void;
}

/**
 * The warehouse's pick list for one delivery date (the next one by default): every item of the
 * accepted orders summed, with the orders it came from — a PDF to print, or a workbook. Saved
 * through the shell.
 */
export function PickListDialog({ opened, orders, onClose }: PickListDialogProps) {
  const { t, locale } = useT();
  const shell = useShell();
  const toast = useToast();
  const { dates, next, undated } = useMemo(() => pickListDates(orders, localToday()), [orders]);
  const [date, setDate] = useState<string | null>(next);
  const [format, setFormat] = useState<PickListFormat>(() => rememberedChoice(FORMAT_KEY, PICK_LIST_FORMATS, 'pdf'));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiError | null>(null);

  useEffect(() => {
    if (!opened) return;
    setDate(next);
    setBusy(false);
    setError(null);
    // Opening chooses the next date; the book changing meanwhile does not move the manager's choice.
  }, [opened]);

  const count = (n: number) => formatCount(n, locale);
  const chosen = dates.find((d) => d.date === date) ?? null;

  const make = async () => {
    if (!chosen || busy) return;
    setBusy(true);
    setError(null);
    remember(FORMAT_KEY, format);
    try {
      const list = await shell.api.pickList({ deliveryDate: chosen.date, format });
      const saved = await shell.saveFile(list.fileName, list.base64, 'base64');
      if (saved) {
        toast({
          title: t('pickList.doneTitle'),
          message: t('pickList.done', {
            date: formatIsoDate(chosen.date, locale),
            items: count(list.itemCount),
            orders: count(list.orderCount),
            file: list.fileName,
          }),
          color: 'green',
        });
        onClose();
      }
    } catch (thrown) {
      setError(toUiError(thrown));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('pickList.title')}
      size="md"
      centered
      transitionProps={{ duration: 120 }}
      styles={{ title: { fontWeight: 650, fontSize: 'var(--mantine-font-size-lg)' } }}
      closeButtonProps={{ 'aria-label': t('confirm.cancel') }}
      data-testid="pick-list-dialog"
    >
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('pickList.hint')}
        </Text>
        {dates.length === 0 ? (
          <Alert color="gray" variant="light" data-testid="pick-list-nothing">
            {t('pickList.nothing')}
          </Alert>
        ) : (
          <>
            <Select
              label={t('pickList.date')}
              value={date}
              onChange={setDate}
              allowDeselect={false}
              data={dates.map((d) => ({
                value: d.date,
                label: t('pickList.dateOption', { date: formatIsoDate(d.date, locale), orders: count(d.orders) }),
              }))}
              comboboxProps={{ withinPortal: true }}
              data-testid="pick-list-date"
              data-value={date ?? ''}
            />
            <Stack gap={4}>
              <Text size="sm" fw={600} id="pick-list-format-label">
                {t('pickList.format')}
              </Text>
              <SegmentedControl<PickListFormat>
                value={format}
                onChange={setFormat}
                data={FORMATS_SHOWN.map((value) => ({ value, label: t(`pickList.format.${value}`) }))}
                aria-labelledby="pick-list-format-label"
                data-testid="pick-list-format"
              />
              <Text size="xs" c="dimmed">
                {t(`pickList.formatHint.${format}`)}
              </Text>
            </Stack>
          </>
        )}
        {undated > 0 && (
          <Text size="sm" c="orange.8" data-testid="pick-list-undated">
            {t('pickList.undated', { count: count(undated) })}
          </Text>
        )}
        {error && <ErrorAlert error={error} onClose={() => setError(null)} />}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={busy}>
            {t('confirm.cancel')}
          </Button>
          <Button data-autofocus disabled={!chosen} loading={busy} onClick={() => void make()} data-testid="pick-list-make">
            {format === 'pdf' ? t('pickList.print') : t('pickList.saveXlsx')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
