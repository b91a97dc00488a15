import { Button, Menu, Text, Tooltip } from '@mantine/core';
import { useState } from 'react';
import type { BatchAction } from '../../../../shared/managerBatch';
import { ErrorAlert } from '../../common/ErrorAlert';
import { formatCount, formatDateTime } from '../../common/format';
import { useT } from '../../i18n';
import { ReasonModal } from './ReasonModal';
import type { BatchActions } from './useBatchActions';

function ChevronIcon() {
  return (
    <svg width={12} height={12} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" aria-hidden>
      <path d="m6 9 6 6 6-6" />
    </svg>
  );
}

interface BatchBarProps {
  /** The ticked orders, in the grid's order. */
  orderIds: readonly number[];
  batch: BatchActions;
  onClearSelection: () => void;
}

/**
 * The actions on the ticked orders, above the grid: accept, reject (with a reason), hold, cut to stock
 * (by arrival or proportionally), round to packs, reprice (current list or keep the store's price),
 * merge, split by category — and undo of the last batch. Each action is all or nothing.
 */
export function BatchBar({ orderIds, batch, onClearSelection }: BatchBarProps) {
  const { t, locale } = useT();
  const [rejecting, setRejecting] = useState(false);
  const count = orderIds.length;
  const none = count === 0;
  const ids = [...orderIds];
  const busy = batch.busy;

  const run = (action: BatchAction) => void batch.run(action);
  const button = (kind: BatchAction['kind'], onClick: () => void, variant: 'filled' | 'light' | 'default' = 'default', color?: string) => (
    <Button
      size="xs"
      variant={variant}
      color={color}
      disabled={none || (busy !== null && busy !== kind)}
      loading={busy === kind}
      onClick={onClick}
      title={t(`batch.hint.${kind}`)}
      data-testid={`batch-${kind}`}
    >
      {kind === 'reject' ? t('batch.rejectButton') : t(`batch.kind.${kind}`)}
    </Button>
  );
  const menu = (kind: 'cutToStock' | 'reprice', items: { label: string; hint: string; action: BatchAction; testId: string }[]) => (
    <Menu position="bottom-start" shadow="md" withinPortal>
      <Menu.Target>
        <Button
          size="xs"
          variant="default"
          disabled={none || (busy !== null && busy !== kind)}
          loading={busy === kind}
          rightSection={<ChevronIcon />}
          title={t(`batch.hint.${kind}`)}
          data-testid={`batch-${kind}`}
        >
          {t(`batch.kind.${kind}`)}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {items.map((item) => (
          <Menu.Item key={item.testId} onClick={() => run(item.action)} data-testid={item.testId}>
            <Text size="sm">{item.label}</Text>
            <Text size="xs" c="dimmed">
              {item.hint}
            </Text>
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );

  return (
    <>
      <div className="batch-bar" role="toolbar" aria-label={t('batch.label')} data-active={none ? 'false' : 'true'} data-testid="batch-bar">
        <span className="batch-bar__count" data-testid="batch-count">
          {none ? t('batch.noneSelected') : t('batch.selected', { count: formatCount(count, locale) })}
        </span>
        {button('accept', () => run({ kind: 'accept', orderIds: ids }), 'filled', 'green')}
        {button('reject', () => setRejecting(true), 'light', 'red')}
        {button('hold', () => run({ kind: 'hold', orderIds: ids }), 'light', 'yellow')}
        <span className="batch-bar__sep" aria-hidden />
        {menu('cutToStock', [
          {
            label: t('batch.cut.arrival'),
            hint: t('batch.cut.arrivalHint'),
            action: { kind: 'cutToStock', orderIds: ids, mode: 'arrival' },
            testId: 'batch-cut-arrival',
          },
          {
            label: t('batch.cut.proportional'),
            hint: t('batch.cut.proportionalHint'),
            action: { kind: 'cutToStock', orderIds: ids, mode: 'proportional' },
            testId: 'batch-cut-proportional',
          },
        ])}
        {button('roundToPack', () => run({ kind: 'roundToPack', orderIds: ids }))}
        {menu('reprice', [
          {
            label: t('batch.reprice.current'),
            hint: t('batch.reprice.currentHint'),
            action: { kind: 'reprice', orderIds: ids, mode: 'current' },
            testId: 'batch-reprice-current',
          },
          {
            label: t('batch.reprice.keep'),
            hint: t('batch.reprice.keepHint'),
            action: { kind: 'reprice', orderIds: ids, mode: 'keep' },
            testId: 'batch-reprice-keep',
          },
        ])}
        {button('merge', () => run({ kind: 'merge', orderIds: ids }))}
        {button('splitByCategory', () => run({ kind: 'splitByCategory', orderIds: ids }))}
        <span style={{ flex: 1 }} />
        {!none && (
          <Button size="xs" variant="subtle" color="gray" onClick={onClearSelection} data-testid="batch-clear">
            {t('batch.clear')}
          </Button>
        )}
        <Tooltip
          label={
            batch.lastBatch
              ? t('batch.undoHint', {
                  action: t(`batch.kind.${batch.lastBatch.kind}`),
                  orders: formatCount(batch.lastBatch.orderCount, locale),
                  at: formatDateTime(batch.lastBatch.at, locale),
                })
              : t('batch.undoNone')
          }
          openDelay={300}
        >
          <Button
            size="xs"
            variant="subtle"
            disabled={!batch.lastBatch || (busy !== null && busy !== 'undo')}
            loading={busy === 'undo'}
            onClick={() => void batch.undoLast()}
            data-testid="batch-undo"
            data-batch={batch.lastBatch?.kind}
          >
            {batch.lastBatch ? t('batch.undoNamed', { action: t(`batch.kind.${batch.lastBatch.kind}`) }) : t('batch.undo')}
          </Button>
        </Tooltip>
      </div>
      {batch.error && <ErrorAlert error={batch.error} onClose={batch.clearError} />}
      <ReasonModal
        opened={rejecting}
        title={t('batch.rejectTitle')}
        text={t('batch.rejectText', { count: formatCount(count, locale) })}
        confirmLabel={t('batch.kind.reject')}
        danger
        busy={busy === 'reject'}
        onCancel={() => setRejecting(false)}
        onConfirm={(reason) => {
          void batch.run({ kind: 'reject', orderIds: ids, reason }).then(() => setRejecting(false));
        }}
        testId="reject-dialog"
      />
    </>
  );
}
