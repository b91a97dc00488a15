import { Button } from '@mantine/core';
import { useEffect, useState } from 'react';
import { formatCount } from '../common/format';
import { useShell } from '../common/ShellContext';
import { useToast } from '../common/Toasts';
import { toUiError } from '../common/uiError';
import { useT } from '../i18n';

function InboxIcon() {
  return (
    <svg width={16} height={16} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" aria-hidden>
      <path d="M4 13h4l2 3h4l2-3h4M4 13l2.5-7h11l2.5 7v5a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1z" />
    </svg>
  );
}

/**
 * "Check for answers": fetches the supplier's confirmations and status changes now (Porter also does
 * so on its own while connected). Shown only when the store is connected over the network or an
 * exchange folder (whose outgoing/ holds the supplier's answer files), where answers come from; says how many orders were updated, or what failed.
 */
export function CheckAnswersButton({ onChecked, size = 'xs' }: { onChecked: () => void; size?: 'xs' | 'sm' }) {
  const { t, locale } = useT();
  const { api } = useShell();
  const toast = useToast();
  const [connected, setConnected] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let current = true;
    api.getExchangeSettings({}).then(
      (settings) => {
        if (current) setConnected(settings.mode !== 'none');
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [api]);

  if (!connected) return null;

  const check = async () => {
    if (busy) return;
    setBusy(true);
    try {
      const { ordersUpdated } = await api.syncConfirmations({});
      toast({
        title: t('supplier.checkedTitle'),
        message: ordersUpdated > 0 ? t('supplier.checked', { count: formatCount(ordersUpdated, locale) }) : t('supplier.checkedNone'),
        color: ordersUpdated > 0 ? 'green' : 'gray',
      });
      onChecked();
    } catch (thrown) {
      const error = toUiError(thrown);
      toast({ title: t(`errors.${error.code}`), message: error.message, color: 'red' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Button
      size={size}
      variant="default"
      leftSection={<InboxIcon />}
      loading={busy}
      onClick={() => void check()}
      data-testid="check-answers"
    >
      {t('supplier.check')}
    </Button>
  );
}
