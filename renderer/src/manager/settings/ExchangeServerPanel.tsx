import { Button, Group, Loader, NumberInput, Radio, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { ExchangeServerState } from '../../../../shared/domain';
import { ErrorAlert } from '../../common/ErrorAlert';
import { formatCount } from '../../common/format';
import { useShell } from '../../common/ShellContext';
import { toUiError, type UiError } from '../../common/uiError';
import { PanelHeading, StatusAlert } from '../../common/PanelHeading';
import { useT } from '../../i18n';
import { storeFacingUrl } from '../serverUrl';

type Reach = 'local' | 'network' | 'custom';
const LOCAL = '127.0.0.1';
const NETWORK = '0.0.0.0';

const reachOf = (address: string): Reach => (address === LOCAL ? 'local' : address === NETWORK ? 'network' : 'custom');

/**
 * The exchange API server Porter serves itself (off by default): on or off, the port, and who may
 * reach it (this computer, the whole network, or one address). Shows whether it listens, and why not.
 */
export function ExchangeServerPanel() {
  const { t, locale } = useT();
  const { api } = useShell();
  const [state, setState] = useState<ExchangeServerState | null>(null);
  const [enabled, setEnabled] = useState(false);
  const [port, setPort] = useState<number | string>(8765);
  const [reach, setReach] = useState<Reach>('local');
  const [address, setAddress] = useState('');
  const [loadError, setLoadError] = useState<UiError | null>(null);
  const [saveError, setSaveError] = useState<UiError | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);

  const show = useCallback((value: ExchangeServerState) => {
    setState(value);
    setEnabled(value.enabled);
    setPort(value.port);
    setReach(reachOf(value.bindAddress));
    setAddress(reachOf(value.bindAddress) === 'custom' ? value.bindAddress : '');
  }, []);
  const load = useCallback(() => {
    api.getExchangeServer({}).then(show, (thrown: unknown) => setLoadError(toUiError(thrown)));
  }, [api, show]);
  useEffect(load, [load]);

  const portNumber = typeof port === 'number' ? port : Number.NaN;
  const portProblem = !Number.isInteger(portNumber) || portNumber < 0 || portNumber > 65535 ? t('server.portInvalid') : null;
  const bindAddress = reach === 'local' ? LOCAL : reach === 'network' ? NETWORK : address.trim();
  const addressProblem = reach === 'custom' && bindAddress === '' ? t('server.addressRequired') : null;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (saving || portProblem || addressProblem) return;
    setSaving(true);
    setSaveError(null);
    setSaved(false);
    try {
      show(await api.setExchangeServer({ enabled, port: portNumber, bindAddress }));
      setSaved(true);
    } catch (thrown) {
      setSaveError(toUiError(thrown));
      // The settings were kept even though the server could not start: show them with the reason.
      api.getExchangeServer({}).then(setState, () => undefined);
    } finally {
      setSaving(false);
    }
  };

  const listening = state?.listening ?? null;
  const status = !state ? 'loading' : listening ? 'listening' : state.lastError ? 'error' : 'stopped';

  return (
    <form className="settings-form" onSubmit={(event) => void save(event)} aria-labelledby="server-title" data-testid="settings-server">
      <Stack gap="sm">
        <PanelHeading id="server-title" title={t('server.title')} hint={t('server.hint')} />
        {loadError && <ErrorAlert error={loadError} />}
        {!state && !loadError && <Loader size="sm" />}
        {state && (
          <>
            <StatusAlert
              tone={status === 'listening' ? 'on' : status === 'error' ? 'error' : 'off'}
              headline={
                status === 'listening'
                  ? t('server.listening', { url: storeFacingUrl(state, t('access.thisComputer')) ?? '' })
                  : status === 'error'
                    ? t('server.failed', { error: state.lastError ?? '' })
                    : t('server.stopped')
              }
              data-testid="server-status"
              data-status={status}
              data-url={listening ? (storeFacingUrl(state, t('access.thisComputer')) ?? undefined) : undefined}
            >
              <Text size="xs" c="dimmed" mt={2}>
                {t('server.storesWithAccess', { count: formatCount(state.stores.length, locale) })}
              </Text>
            </StatusAlert>
            <Switch
              label={t('server.enabled')}
              description={t('server.enabledHint')}
              checked={enabled}
              onChange={(event) => {
                setEnabled(event.currentTarget.checked);
                setSaved(false);
              }}
              data-testid="server-enabled"
            />
            <NumberInput
              styles={{ wrapper: { width: 180 } }}
              label={t('server.port')}
              description={t('server.portHint')}
              min={0}
              max={65535}
              allowDecimal={false}
              allowNegative={false}
              thousandSeparator=""
              value={port}
              onChange={(value) => {
                setPort(value);
                setSaved(false);
              }}
              error={portProblem}
              data-testid="server-port"
            />
            <Radio.Group
              label={t('server.reach')}
              value={reach}
              onChange={(value) => {
                setReach(value === 'network' ? 'network' : value === 'custom' ? 'custom' : 'local');
                setSaved(false);
              }}
              data-testid="server-reach"
            >
              <Stack gap={6} mt={6}>
                <Radio value="local" label={t('server.reach.local')} description={t('server.reach.localHint')} />
                <Radio value="network" label={t('server.reach.network')} description={t('server.reach.networkHint')} />
                <Radio value="custom" label={t('server.reach.custom')} description={t('server.reach.customHint')} />
              </Stack>
            </Radio.Group>
            {reach === 'custom' && (
              <TextInput
                w={260}
                label={t('server.address')}
                placeholder="192.168.1.10"
                value={address}
                onChange={(event) => {
                  setAddress(event.currentTarget.value);
                  setSaved(false);
                }}
                error={addressProblem}
                spellCheck={false}
                autoComplete="off"
                data-testid="server-address"
              />
            )}
            {reach !== 'local' && (
              <Text size="xs" c="orange.8">
                {t('server.networkWarning')}
              </Text>
            )}
            {saveError && <ErrorAlert error={saveError} onClose={() => setSaveError(null)} />}
            <Group gap="sm">
              <Button type="submit" loading={saving} data-testid="server-save">
                {t('server.save')}
              </Button>
              {saved && (
                <Text size="sm" c="green.8" data-testid="server-saved">
                  {t('server.saved')}
                </Text>
              )}
            </Group>
          </>
        )}
      </Stack>
    </form>
  );
}
