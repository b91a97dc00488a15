import { useEffect, useState } from 'react';
import type { StagedPriceList } from '../../../../shared/manager';
import { useShell } from '../../common/ShellContext';
import { toUiError, type UiError } from '../../common/uiError';

export interface StagedPriceListState {
  /** The list waiting to be published, the published one and what publishing changes; null until the core answered. */
  staging: StagedPriceList | null;
  error: UiError | null;
}

/** The price list waiting to be published (imported for review), asked again whenever `version` changes or `active` turns on. */
export function useStagedPriceList(version: number, active = true): StagedPriceListState {
  const { api } = useShell();
  const [staging, setStaging] = useState<StagedPriceList | null>(null);
  const [error, setError] = useState<UiError | null>(null);

  useEffect(() => {
    if (!active) return;
    let current = true;
    setError(null);
    api.getStagedPriceList({}).then(
      (answer) => {
        if (current) setStaging(answer);
      },
      (thrown: unknown) => {
        if (current) setError(toUiError(thrown));
      },
    );
    return () => {
      current = false;
    };
  }, [api, version, active]);

  return { staging, error };
}
