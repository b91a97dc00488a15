import { Badge, Button, CloseButton, EmptyState, Group, Loader, Table, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { ExchangeServerState } from '../../../../shared/domain';
import type { StoreEntry } from '../../../../shared/manager';
import { normalizeSearchText } from '../../../../shared/search';
import { ErrorAlert } from '../../common/ErrorAlert';
import { formatCount, formatDateTime } from '../../common/format';
import { SearchIcon, UploadIcon } from '../../common/icons';
import { useShell } from '../../common/ShellContext';
import { useToast } from '../../common/Toasts';
import { toUiError, type UiError } from '../../common/uiError';
import { useT } from '../../i18n';
import { ConfirmModal } from '../ConfirmModal';
import { storeFacingUrl } from '../serverUrl';
import { StoreFormModal } from './StoreFormModal';
import { StorePriceListButton } from './StorePriceListButton';
import { TokenModal, type IssuedToken } from './TokenModal';
import { weekdayList } from './weekdays';

type ExchangeStore = ExchangeServerState['stores'][number];

type Pending =
  | { kind: 'grant'; store: StoreEntry }
  | { kind: 'revoke'; access: ExchangeStore; storeName: string }
  | { kind: 'remove'; store: StoreEntry };

/**
 * The stores directory: who may order, at which price type, on which delivery days, whom to call —
 * and each store's access to the exchange server (a token shown once; revoked at any time); a store's
 * price list as a file; above them (priceListPanel) the price list the stores get.
 * `data-state`: loading, ready, error.
 */
export function StoresScreen({ priceListPanel }: { priceListPanel?: ReactNode } = {}) {
  const { t, locale } = useT();
  const shell = useShell();
  const { api } = shell;
  const toast = useToast();
  const [stores, setStores] = useState<StoreEntry[] | null>(null);
  const [server, setServer] = useState<ExchangeServerState | null>(null);
  const [loadError, setLoadError] = useState<UiError | null>(null);
  const [typed, setTyped] = useState('');
  const [editing, setEditing] = useState<StoreEntry | 'new' | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [issued, setIssued] = useState<IssuedToken | null>(null);
  const [importing, setImporting] = useState(false);
  const [importError, setImportError] = useState<UiError | null>(null);

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      const [directory, exchange] = await Promise.all([api.listStores({}), api.getExchangeServer({})]);
      setStores(directory.stores);
      setServer(exchange);
    } catch (thrown) {
      setLoadError(toUiError(thrown));
    }
  }, [api]);
  useEffect(() => {
    void load();
  }, [load]);

  /** Exchange access by customer code (a store may have been given more than one token). */
  const accessByCode = useMemo(() => {
    const byCode = new Map<string, ExchangeStore[]>();
    for (const access of server?.stores ?? []) byCode.set(access.customerCode, [...(byCode.get(access.customerCode) ?? []), access]);
    return byCode;
  }, [server]);
  const codes = useMemo(() => new Set((stores ?? []).map((s) => s.customerCode)), [stores]);
  const orphanAccess = (server?.stores ?? []).filter((access) => !codes.has(access.customerCode));

  const query = normalizeSearchText(typed.trim());
  const shown = (stores ?? []).filter(
    (s) =>
      query === '' || normalizeSearchText(`${s.customerCode} ${s.name} ${s.contact} ${s.phone} ${s.email} ${s.priceType}`).includes(query),
  );

  const grant = async (store: StoreEntry) => {
    const { token } = await api.addExchangeStore({ name: store.name, customerCode: store.customerCode, priceType: store.priceType });
    setPending(null);
    setIssued({
      storeName: store.name,
      customerCode: store.customerCode,
      token,
      serverUrl: storeFacingUrl(server, t('access.thisComputer')),
    });
    await load();
  };
  const revoke = async (access: ExchangeStore, storeName: string) => {
    await api.revokeExchangeStore({ storeId: access.id });
    setPending(null);
    toast({ title: t('access.revokedTitle'), message: t('access.revoked', { name: storeName }), color: 'gray' });
    await load();
  };
  const remove = async (store: StoreEntry) => {
    await api.removeStore({ customerCode: store.customerCode });
    setPending(null);
    toast({ title: t('stores.removedTitle'), message: t('stores.removed', { name: store.name }), color: 'gray' });
    await load();
  };

  const importFile = () => {
    setImportError(null);
    // The chooser opens within the click; CSV and XLSX are what it offers, as for a price list.
    shell.pickPriceListFile().then(
      async (file) => {
        if (!file) return;
        setImporting(true);
        try {
          const { saved } = await api.importStores({ fileId: file.fileId });
          toast({
            title: t('stores.importedTitle'),
            message: t('stores.imported', { count: formatCount(saved, locale), file: file.name }),
            color: 'green',
          });
          await load();
        } catch (thrown) {
          setImportError(toUiError(thrown));
        } finally {
          setImporting(false);
        }
      },
      (thrown: unknown) => setImportError(toUiError(thrown)),
    );
  };

  const state = loadError && !stores ? 'error' : stores ? 'ready' : 'loading';
  const listening = server?.listening ?? null;

  return (
    <section className="screen stores-screen" aria-labelledby="stores-title" data-testid="stores-screen" data-state={state}>
      <Group justify="space-between" wrap="nowrap" gap="md">
        <div>
          <Title order={2} size="h3" id="stores-title">
            {t('stores.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('stores.description')}
          </Text>
        </div>
        <Group gap="sm" wrap="nowrap">
          <Button variant="default" leftSection={<UploadIcon />} onClick={importFile} loading={importing} data-testid="stores-import">
            {t('stores.import')}
          </Button>
          <Button onClick={() => setEditing('new')} data-testid="stores-add">
            {t('stores.add')}
          </Button>
        </Group>
      </Group>
      {priceListPanel}
      <Group gap="md" wrap="nowrap">
        <TextInput
          className="screen-search"
          style={{ flex: 1 }}
          value={typed}
          onChange={(event) => setTyped(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape' && typed !== '') {
              event.preventDefault();
              setTyped('');
            }
          }}
          placeholder={t('stores.searchPlaceholder')}
          aria-label={t('stores.searchLabel')}
          leftSection={<SearchIcon size={16} />}
          rightSection={
            typed ? <CloseButton size="sm" aria-label={t('orders.clearSearch')} onClick={() => setTyped('')} tabIndex={-1} /> : null
          }
          autoFocus
          spellCheck={false}
          autoComplete="off"
          data-testid="stores-search"
        />
        <Text size="sm" c={listening ? 'green.8' : 'dimmed'} data-testid="stores-server-state">
          {listening ? t('stores.serverOn', { url: storeFacingUrl(server, t('access.thisComputer')) ?? '' }) : t('stores.serverOff')}
        </Text>
      </Group>
      {loadError && (
        <div>
          <ErrorAlert error={loadError} />
          <Button mt="sm" variant="default" onClick={() => void load()}>
            {t('stores.retry')}
          </Button>
        </div>
      )}
      {importError && <ErrorAlert error={importError} onClose={() => setImportError(null)} />}
      {!stores && !loadError && (
        <Group gap="sm" py="xl" justify="center">
          <Loader size="sm" />
          <Text>{t('stores.loading')}</Text>
        </Group>
      )}
      {stores && stores.length === 0 && (
        <div className="screen-empty" data-testid="stores-empty">
          <EmptyState size="lg" variant="light" title={t('stores.empty.title')} description={t('stores.empty.description')}>
            <EmptyState.Actions>
              <Button onClick={() => setEditing('new')}>{t('stores.add')}</Button>
            </EmptyState.Actions>
          </EmptyState>
        </div>
      )}
      {stores && stores.length > 0 && (
        <div className="screen-scroll">
          <Table
            stickyHeader
            highlightOnHover
            verticalSpacing={6}
            fz="sm"
            className="screen-table"
            aria-labelledby="stores-title"
            data-testid="stores-table"
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={90}>{t('stores.col.code')}</Table.Th>
                <Table.Th>{t('stores.col.name')}</Table.Th>
                <Table.Th w={110}>{t('stores.col.priceType')}</Table.Th>
                <Table.Th w={90}>{t('stores.col.deliveryDays')}</Table.Th>
                <Table.Th>{t('stores.col.contact')}</Table.Th>
                <Table.Th w={150}>{t('stores.col.phone')}</Table.Th>
                <Table.Th>{t('stores.col.email')}</Table.Th>
                <Table.Th w={130}>{t('stores.col.access')}</Table.Th>
                <Table.Th w={320} aria-label={t('stores.col.actions')} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((store) => {
                const access = accessByCode.get(store.customerCode) ?? [];
                return (
                  <Table.Tr
                    key={store.customerCode}
                    data-testid="store-row"
                    data-code={store.customerCode}
                    data-access={access.length > 0 ? 'yes' : 'no'}
                  >
                    <Table.Td className="mono">{store.customerCode}</Table.Td>
                    <Table.Td fw={600}>{store.name}</Table.Td>
                    <Table.Td>{store.priceType || <span className="cell--dim">{t('stores.defaultPriceType')}</span>}</Table.Td>
                    <Table.Td>
                      {store.deliveryDays.length ? weekdayList(store.deliveryDays, locale) : <span className="cell--dim">—</span>}
                    </Table.Td>
                    <Table.Td className="stores-cell--wrap">{store.contact || <span className="cell--dim">—</span>}</Table.Td>
                    <Table.Td className="num nowrap">{store.phone || <span className="cell--dim">—</span>}</Table.Td>
                    <Table.Td className="stores-cell--wrap">{store.email || <span className="cell--dim">—</span>}</Table.Td>
                    <Table.Td>
                      {access.length > 0 ? (
                        <Tooltip label={t('access.since', { date: formatDateTime(access[0]!.createdAt, locale) })} openDelay={300}>
                          <Badge variant="light" color="green" radius="sm" tt="none" fw={500} data-testid="store-access">
                            {access.length > 1 ? t('access.activeMany', { count: access.length }) : t('access.active')}
                          </Badge>
                        </Tooltip>
                      ) : (
                        <span className="cell--dim" data-testid="store-access">
                          {t('access.none')}
                        </span>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap" justify="flex-end">
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          onClick={() => setEditing(store)}
                          aria-label={t('stores.editNamed', { name: store.name })}
                          data-testid="store-edit"
                        >
                          {t('stores.edit')}
                        </Button>
                        <StorePriceListButton store={store} />
                        {access.length > 0 ? (
                          <Button
                            size="compact-sm"
                            variant="subtle"
                            color="red"
                            onClick={() => setPending({ kind: 'revoke', access: access[0]!, storeName: store.name })}
                            aria-label={t('access.revokeNamed', { name: store.name })}
                            data-testid="store-revoke"
                          >
                            {t('access.revoke')}
                          </Button>
                        ) : (
                          <Button
                            size="compact-sm"
                            variant="light"
                            onClick={() => setPending({ kind: 'grant', store })}
                            aria-label={t('access.grantNamed', { name: store.name })}
                            data-testid="store-grant"
                          >
                            {t('access.grant')}
                          </Button>
                        )}
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          color="gray"
                          onClick={() => setPending({ kind: 'remove', store })}
                          aria-label={t('stores.removeNamed', { name: store.name })}
                          data-testid="store-remove"
                        >
                          {t('stores.remove')}
                        </Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
          {shown.length === 0 && (
            <Text size="sm" c="dimmed" p="md" data-testid="stores-nothing-found">
              {t('stores.nothingFound', { query: typed.trim() })}
            </Text>
          )}
        </div>
      )}
      {orphanAccess.length > 0 && (
        <div className="orphan-access" data-testid="orphan-access">
          <Text size="sm" fw={600}>
            {t('access.orphans')}
          </Text>
          <Group gap="xs" mt={4}>
            {orphanAccess.map((access) => (
              <Group key={access.id} gap={4} wrap="nowrap" className="orphan-access__item">
                <Text size="sm">
                  {access.name} <span className="cell--dim mono">{access.customerCode || '—'}</span>
                </Text>
                <Button
                  size="compact-xs"
                  variant="subtle"
                  color="red"
                  onClick={() => setPending({ kind: 'revoke', access, storeName: access.name })}
                  aria-label={t('access.revokeNamed', { name: access.name })}
                >
                  {t('access.revoke')}
                </Button>
              </Group>
            ))}
          </Group>
        </div>
      )}

      <StoreFormModal
        editing={editing}
        existingCodes={codes}
        onClose={() => setEditing(null)}
        onSaved={(entry) => {
          setEditing(null);
          toast({ title: t('stores.savedTitle'), message: t('stores.saved', { name: entry.name }), color: 'green' });
          void load();
        }}
      />
      <ConfirmModal
        opened={pending?.kind === 'grant'}
        title={t('access.grantTitle')}
        text={
          pending?.kind === 'grant' ? (
            <>
              <p>
                {t('access.grantText', {
                  name: pending.store.name,
                  code: pending.store.customerCode,
                  priceType: pending.store.priceType || t('stores.defaultPriceType'),
                })}
              </p>
              {!listening && <p className="cell--dim">{t('access.serverOffNote')}</p>}
            </>
          ) : null
        }
        confirmLabel={t('access.grant')}
        onCancel={() => setPending(null)}
        onConfirm={() => (pending?.kind === 'grant' ? grant(pending.store) : Promise.resolve())}
        testId="grant-dialog"
      />
      <ConfirmModal
        opened={pending?.kind === 'revoke'}
        title={t('access.revokeTitle')}
        text={pending?.kind === 'revoke' ? t('access.revokeText', { name: pending.storeName }) : null}
        confirmLabel={t('access.revoke')}
        danger
        onCancel={() => setPending(null)}
        onConfirm={() => (pending?.kind === 'revoke' ? revoke(pending.access, pending.storeName) : Promise.resolve())}
        testId="revoke-dialog"
      />
      <ConfirmModal
        opened={pending?.kind === 'remove'}
        title={t('stores.removeTitle')}
        text={
          pending?.kind === 'remove'
            ? t(accessByCode.has(pending.store.customerCode) ? 'stores.removeTextWithAccess' : 'stores.removeText', {
                name: pending.store.name,
              })
            : null
        }
        confirmLabel={t('stores.remove')}
        danger
        onCancel={() => setPending(null)}
        onConfirm={() => (pending?.kind === 'remove' ? remove(pending.store) : Promise.resolve())}
        testId="remove-dialog"
      />
      <TokenModal issued={issued} onClose={() => setIssued(null)} />
    </section>
  );
}
