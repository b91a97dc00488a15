import { Button } from '@mantine/core';
import { useState } from 'react';
import type { StoreEntry } from '../../../../shared/manager';
import { useShell } from '../../common/ShellContext';
import { useToast } from '../../common/Toasts';
import { toUiError } from '../../common/uiError';
import { useT } from '../../i18n';

/**
 * "Price list file": the published price list as a Porter file for one store, with its price type —
 * for a store without the exchange API, to import as it would a sync. Saved through the shell.
 */
export function StorePriceListButton({ store }: { store: StoreEntry }) {
  const { t } = useT();
  const shell = useShell();
  const toast = useToast();
  const [busy, setBusy] = useState(false);

  const save = async () => {
    if (busy) return;
    setBusy(true);
    try {
      const file = await shell.api.exportStorePriceList({ customerCode: store.customerCode });
      if (await shell.saveFile(file.fileName, file.content)) {
        toast({
          title: t('stores.priceListSavedTitle'),
          message: t('stores.priceListSaved', { name: store.name, file: file.fileName }),
          color: 'green',
        });
      }
    } catch (thrown) {
      const error = toUiError(thrown);
      toast({ title: t(`errors.${error.code}`), message: error.message, color: 'red' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Button
      size="compact-sm"
      variant="subtle"
      loading={busy}
      onClick={() => void save()}
      title={t('stores.priceListHint', { priceType: store.priceType || t('stores.defaultPriceType') })}
      aria-label={t('stores.priceListNamed', { name: store.name })}
      data-testid="store-price-list"
    >
      {t('stores.priceListFile')}
    </Button>
  );
}
