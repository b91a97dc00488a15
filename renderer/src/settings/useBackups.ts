import { useCallback, useEffect, useState } from 'react';
import type { MethodOutput } from '../../../shared/contract';
import { useShell } from '../common/ShellContext';
import { toUiError, type UiError } from '../common/uiError';

export type BackupListing = MethodOutput<'listBackups'>;

/** The backups as the core lists them (newest first), reloaded on demand. */
export function useBackups() {
  const { api } = useShell();
  const [listing, setListing] = useState<BackupListing | null>(null);
  const [loadError, setLoadError] = useState<UiError | null>(null);
  const load = useCallback(async () => {
    setLoadError(null);
    try {
      setListing(await api.listBackups({}));
    } catch (thrown) {
      setLoadError(toUiError(thrown));
    }
  }, [api]);
  useEffect(() => {
    void load();
  }, [load]);
  return { listing, loadError, reload: load };
}

/** After a restore or a new empty database every screen must start over from the core: reload the window. */
export function reloadWindow(): void {
  window.location.reload();
}
