import { Button, Chip, Group, Input, Modal, Stack, TextInput } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import type { StoreEntry } from '../../../../shared/manager';
import { ErrorAlert } from '../../common/ErrorAlert';
import { useShell } from '../../common/ShellContext';
import { toUiError, type UiError } from '../../common/uiError';
import { useT } from '../../i18n';
import { ISO_WEEKDAYS, weekdayName } from './weekdays';

const EMPTY: StoreEntry = { customerCode: '', name: '', priceType: '', deliveryDays: [], contact: '', phone: '', email: '' };
/** The contract's limits (storeEntrySchema), said while typing. */
const MAX = { customerCode: 100, name: 300, priceType: 200, contact: 300, phone: 100, email: 300 } as const;
type TextField = keyof typeof MAX;

interface StoreFormModalProps {
  /** null: closed; 'new': a new store; an entry: that store, to edit (its code is its key and stays). */
  editing: StoreEntry | 'new' | null;
  /** Codes already in the directory: a new store may not take one. */
  existingCodes: ReadonlySet<string>;
  onClose: () => void;
  onSaved: (entry: StoreEntry) => void;
}

/** Adds a store to the directory or edits one: code, name, price type, delivery days, contact, phone, e-mail. */
export function StoreFormModal({ editing, existingCodes, onClose, onSaved }: StoreFormModalProps) {
  const { t, locale } = useT();
  const { api } = useShell();
  const [form, setForm] = useState<StoreEntry>(EMPTY);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  const [tried, setTried] = useState(false);
  const isNew = editing === 'new';

  useEffect(() => {
    if (editing === null) return;
    setForm(editing === 'new' ? EMPTY : editing);
    setError(null);
    setSaving(false);
    setTried(false);
  }, [editing]);

  const problem = (field: TextField): string | null => {
    const value = form[field].trim();
    if (value.length > MAX[field]) return t('stores.form.tooLong', { max: MAX[field], length: value.length });
    if ((field === 'customerCode' || field === 'name') && value === '' && tried) return t('stores.form.required');
    if (field === 'customerCode' && isNew && existingCodes.has(value)) return t('stores.form.codeTaken', { code: value });
    if (field === 'email' && value !== '' && !/^[^\s@]+@[^\s@]+$/.test(value)) return t('stores.form.badEmail');
    return null;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    const fields = Object.keys(MAX) as TextField[];
    const invalid = fields.some((field) => problem(field) !== null) || form.customerCode.trim() === '' || form.name.trim() === '';
    if (invalid || saving) return;
    setSaving(true);
    setError(null);
    const entry: StoreEntry = {
      customerCode: form.customerCode.trim(),
      name: form.name.trim(),
      priceType: form.priceType.trim(),
      deliveryDays: [...form.deliveryDays].sort((a, b) => a - b),
      contact: form.contact.trim(),
      phone: form.phone.trim(),
      email: form.email.trim(),
    };
    try {
      await api.saveStores({ stores: [entry] });
      onSaved(entry);
    } catch (thrown) {
      setError(toUiError(thrown));
      setSaving(false);
    }
  };

  const field = (name: TextField, testId: string, options: { autoFocus?: boolean; disabled?: boolean; description?: string } = {}) => (
    <TextInput
      label={t(`stores.form.${name}`)}
      description={options.description}
      value={form[name]}
      onChange={(event) => {
        const value = event.currentTarget.value;
        setForm((current) => ({ ...current, [name]: value }));
      }}
      error={problem(name)}
      required={name === 'customerCode' || name === 'name'}
      disabled={options.disabled}
      data-autofocus={options.autoFocus ? true : undefined}
      autoComplete="off"
      spellCheck={false}
      data-testid={testId}
    />
  );

  return (
    <Modal
      opened={editing !== null}
      onClose={onClose}
      title={isNew ? t('stores.form.addTitle') : t('stores.form.editTitle')}
      size="lg"
      transitionProps={{ duration: 120 }}
      styles={{ title: { fontWeight: 650, fontSize: 'var(--mantine-font-size-lg)' } }}
      closeButtonProps={{ 'aria-label': t('stores.form.cancel') }}
      data-testid="store-form"
    >
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack gap="sm">
          <Group grow align="flex-start">
            {field('customerCode', 'store-code', {
              autoFocus: isNew,
              disabled: !isNew,
              description: isNew ? t('stores.form.codeHint') : t('stores.form.codeFixed'),
            })}
            {field('priceType', 'store-price-type', { description: t('stores.form.priceTypeHint') })}
          </Group>
          {field('name', 'store-name', { autoFocus: !isNew })}
          <Input.Wrapper label={t('stores.form.deliveryDays')} description={t('stores.form.deliveryDaysHint')}>
            <Chip.Group
              multiple
              value={form.deliveryDays.map(String)}
              onChange={(values: string[]) => setForm((current) => ({ ...current, deliveryDays: values.map(Number) }))}
            >
              <Group gap={6} mt={6} data-testid="store-delivery-days">
                {ISO_WEEKDAYS.map((day) => (
                  <Chip key={day} value={String(day)} size="sm" radius="sm" data-day={day}>
                    {weekdayName(day, locale)}
                  </Chip>
                ))}
              </Group>
            </Chip.Group>
          </Input.Wrapper>
          {field('contact', 'store-contact')}
          <Group grow align="flex-start">
            {field('phone', 'store-phone')}
            {field('email', 'store-email')}
          </Group>
          {error && <ErrorAlert error={error} onClose={() => setError(null)} />}
          <Group justify="flex-end" gap="sm" mt="xs">
            <Button variant="default" onClick={onClose}>
              {t('stores.form.cancel')}
            </Button>
            <Button type="submit" loading={saving} data-testid="store-save">
              {t('stores.form.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
