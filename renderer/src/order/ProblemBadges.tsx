import { Badge, Group } from '@mantine/core';
import type { OrderLine } from '../../../shared/domain';
import { formatCount } from '../common/format';
import { useT } from '../i18n';

type Problem = OrderLine['problems'][number];

interface ProblemBadgesProps {
  problems: readonly Problem[];
  /** Sets the line to a suggested quantity (pack multiple, minimum). */
  onApply: (quantity: number) => void;
}

/** Small warnings under an order line; those with a fix apply it on click. */
export function ProblemBadges({ problems, onApply }: ProblemBadgesProps) {
  const { t, locale } = useT();
  if (problems.length === 0) return null;
  const n = (value: number) => formatCount(value, locale);
  return (
    <Group gap={4} mt={4} wrap="wrap">
      {problems.map((problem) => {
        if (problem.kind === 'overStock') {
          return (
            <Badge
              key={problem.kind}
              size="sm"
              variant="light"
              color="red"
              radius="sm"
              tt="none"
              fw={500}
              title={t('order.problem.overStockTitle', { stock: n(problem.stock) })}
              data-testid="problem-badge"
              data-kind={problem.kind}
            >
              {t('order.problem.overStock', { stock: n(problem.stock) })}
            </Badge>
          );
        }
        const [label, title] =
          problem.kind === 'notPackMultiple'
            ? [
                t('order.problem.notPackMultiple', { pack: n(problem.packMultiple) }),
                t('order.problem.notPackMultipleTitle', { pack: n(problem.packMultiple), suggested: n(problem.suggested) }),
              ]
            : [
                t('order.problem.belowMinimum', { minimum: n(problem.minimum) }),
                t('order.problem.belowMinimumTitle', { minimum: n(problem.minimum), suggested: n(problem.suggested) }),
              ];
        return (
          <Badge
            key={problem.kind}
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
            aria-label={`${label}. ${t('order.problem.apply', { suggested: n(problem.suggested) })}`}
            onClick={() => onApply(problem.suggested)}
            data-testid="problem-badge"
            data-kind={problem.kind}
            data-suggested={problem.suggested}
          >
            {label} → {n(problem.suggested)}
          </Badge>
        );
      })}
    </Group>
  );
}
