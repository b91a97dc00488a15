import { Badge, Group } from '@mantine/core';
import type { LineProblem } from '../../../shared/domain';
import { formatMoney } from '../../../shared/money';
import { formatCount } from '../common/format';
import { useT } from '../i18n';

interface ProblemBadgesProps {
  problems: readonly LineProblem[];
  /** Sets the line to a suggested quantity (pack multiple, minimum). */
  onApply: (quantity: number) => void;
  /** Takes the current price for the line. */
  onAcceptPrice: () => void;
}

/** Warnings under an order line; those with a fix are buttons that apply it. */
export function ProblemBadges({ problems, onApply, onAcceptPrice }: ProblemBadgesProps) {
  const { t, locale } = useT();
  if (problems.length === 0) return null;
  const n = (value: number) => formatCount(value, locale);
  const money = (kopecks: number) => formatMoney(kopecks, locale);
  const note = (kind: string, label: string, title: string, color: string) => (
    <Badge
      key={kind}
      size="sm"
      variant="light"
      color={color}
      radius="sm"
      tt="none"
      fw={500}
      title={title}
      data-testid="problem-badge"
      data-kind={kind}
    >
      {label}
    </Badge>
  );
  const fix = (kind: string, label: string, title: string, action: string, onClick: () => void, suggested?: number) => (
    <Badge
      key={kind}
      component="button"
      type="button"
      size="sm"
      variant="light"
      color="orange"
      radius="sm"
      tt="none"
      fw={500}
      className="problem-fix"
      title={title}
      aria-label={`${label}. ${action}`}
      onClick={onClick}
      data-testid="problem-badge"
      data-kind={kind}
      data-suggested={suggested}
    >
      {label}
    </Badge>
  );
  return (
    <Group gap={4} mt={4} wrap="wrap">
      {problems.map((problem) => {
        switch (problem.kind) {
          case 'overStock':
            return note(
              problem.kind,
              t('order.problem.overStock', { stock: n(problem.stock) }),
              t('order.problem.overStockTitle', { stock: n(problem.stock) }),
              'red',
            );
          case 'notInPriceList':
            return note(problem.kind, t('order.problem.notInPriceList'), t('order.problem.notInPriceListTitle'), 'red');
          case 'priceChanged': {
            const label = t('order.problem.priceChanged', { from: money(problem.fromKopecks), to: money(problem.toKopecks) });
            return fix(problem.kind, label, t('order.problem.priceChangedTitle'), t('order.problem.acceptPrice'), onAcceptPrice);
          }
          case 'notPackMultiple':
            return fix(
              problem.kind,
              `${t('order.problem.notPackMultiple', { pack: n(problem.packMultiple) })} → ${n(problem.suggested)}`,
              t('order.problem.notPackMultipleTitle', { pack: n(problem.packMultiple), suggested: n(problem.suggested) }),
              t('order.problem.apply', { suggested: n(problem.suggested) }),
              () => onApply(problem.suggested),
              problem.suggested,
            );
          case 'belowMinimum':
            return fix(
              problem.kind,
              `${t('order.problem.belowMinimum', { minimum: n(problem.minimum) })} → ${n(problem.suggested)}`,
              t('order.problem.belowMinimumTitle', { minimum: n(problem.minimum), suggested: n(problem.suggested) }),
              t('order.problem.apply', { suggested: n(problem.suggested) }),
              () => onApply(problem.suggested),
              problem.suggested,
            );
        }
      })}
    </Group>
  );
}
