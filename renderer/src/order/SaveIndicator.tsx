import { Loader, Text } from '@mantine/core';
import { CheckIcon } from '../common/icons';
import { useT } from '../i18n';
import type { SaveState } from './useDraftOrder';

/** A quiet "saved" mark: every change is committed by the core as it is typed. */
export function SaveIndicator({ state }: { state: SaveState }) {
  const { t } = useT();
  return (
    <Text
      size="xs"
      c={state === 'failed' ? 'red' : 'dimmed'}
      className="save-state"
      data-testid="save-state"
      data-save-state={state}
      aria-live="polite"
    >
      {state === 'saving' && <Loader size={10} type="oval" />}
      {(state === 'saved' || state === 'idle') && <CheckIcon size={12} />}
      {state === 'saving' ? t('order.saving') : state === 'failed' ? t('order.saveFailed') : t('order.saved')}
    </Text>
  );
}
