import type { ProblemKind } from '../../../../shared/manager';
import { useT } from '../../i18n';

/** How serious each kind looks: red stops an order, orange needs a decision, yellow a small fix. */
export const PROBLEM_TONE: Record<ProblemKind, 'red' | 'orange' | 'yellow' | 'grape'> = {
  unknownStore: 'red',
  unknownPriceType: 'red',
  unknownItem: 'red',
  priceDiffers: 'orange',
  overStock: 'orange',
  notPackMultiple: 'yellow',
  belowMinimum: 'yellow',
  duplicate: 'grape',
};

/** One problem kind as a small coloured tag (the grid, the detail's lines). */
export function ProblemTag({ kind, label }: { kind: ProblemKind; label?: string }) {
  const { t } = useT();
  return (
    <span
      className={`tag problem-tag problem-tag--${PROBLEM_TONE[kind]}`}
      title={t(`problem.${kind}`)}
      data-testid="problem-tag"
      data-kind={kind}
    >
      {label ?? t(`problem.short.${kind}`)}
    </span>
  );
}

/** The grid's problems cell: a tag per kind, or a quiet "clean". */
export function ProblemKindTags({ kinds, count }: { kinds: readonly ProblemKind[]; count: number }) {
  const { t } = useT();
  if (count === 0) {
    return (
      <span className="orders-clean" data-testid="order-clean">
        {t('orders.clean')}
      </span>
    );
  }
  return (
    <span className="problem-tags" title={kinds.map((kind) => t(`problem.${kind}`)).join('\n')}>
      {kinds.map((kind) => (
        <ProblemTag key={kind} kind={kind} />
      ))}
      {count > kinds.length && <span className="problem-count">{t('orders.problemCount', { count })}</span>}
    </span>
  );
}
