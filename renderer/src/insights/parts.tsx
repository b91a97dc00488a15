import { Badge, Button, Group, Paper, Table, Text, Title, UnstyledButton, type MantineColor } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useT } from '../i18n';
import { telHref } from './insightsFormat';

interface InsightsCardProps {
  id: string;
  title: string;
  description?: string;
  count?: number;
  countColor?: MantineColor;
  /** Controls at the right of the title. */
  actions?: ReactNode;
  testId: string;
  /** Shown, dimmed, instead of the children when there is nothing to list. */
  empty?: string | null;
  children: ReactNode;
}

/** One section of the insights view or the store card: a titled panel. */
export function InsightsCard({ id, title, description, count, countColor = 'gray', actions, testId, empty, children }: InsightsCardProps) {
  return (
    <Paper component="section" className="insights-card" withBorder radius="sm" p="md" aria-labelledby={`${id}-title`} data-testid={testId}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
        <div>
          <Group gap={8} align="center">
            <Title order={3} size="h4" id={`${id}-title`}>
              {title}
            </Title>
            {count !== undefined && (
              <Badge variant="light" color={countColor} radius="sm" data-testid={`${testId}-count`}>
                {count}
              </Badge>
            )}
          </Group>
          {description && (
            <Text size="xs" c="dimmed" mt={4} maw={760}>
              {description}
            </Text>
          )}
        </div>
        {actions}
      </Group>
      <div className="insights-card__body">
        {empty ? (
          <Text c="dimmed" size="sm">
            {empty}
          </Text>
        ) : (
          children
        )}
      </div>
    </Paper>
  );
}

export interface ShowMoreState {
  total: number;
  shown: number;
  expanded: boolean;
  toggle: () => void;
  limit: number;
}

/** The first `limit` rows of a list, or all of them. */
export function useShowMore(total: number, limit: number): ShowMoreState {
  const [expanded, setExpanded] = useState(false);
  return { total, limit, expanded, shown: expanded ? total : Math.min(total, limit), toggle: () => setExpanded((e) => !e) };
}

export function ShowMore({ more }: { more: ShowMoreState }) {
  const { t } = useT();
  if (more.total <= more.limit) return null;
  return (
    <Button variant="subtle" size="compact-sm" onClick={more.toggle} className="no-print" mt={4}>
      {more.expanded ? t('insights.showFewer') : t('insights.showAll', { count: more.total })}
    </Button>
  );
}

/** "Лавка «Янтарь», ул. Заводская, 8" → the shop's name and its address (names in the directory usually carry both). */
export function splitStoreName(name: string): { title: string; address: string } {
  const comma = name.indexOf(', ');
  return comma > 0 ? { title: name.slice(0, comma), address: name.slice(comma + 2) } : { title: name, address: '' };
}

/** A store's name (opens its card), with its address and code under it. */
export function StoreCell({ name, code, onOpen }: { name: string; code: string; onOpen: () => void }) {
  const { title, address } = splitStoreName(name);
  return (
    <UnstyledButton className="insights-store" onClick={onOpen} title={name} data-testid="open-store-card">
      <span className="insights-store__name">{title}</span>
      <span className="insights-store__code">
        {address && `${address} · `}
        <span className="mono">{code}</span>
      </span>
    </UnstyledButton>
  );
}

/**
 * A table row about one store, focusable: Enter on the row does `onEnter` (opens the store's card unless
 * said otherwise), its first cell names the store and opens the card when clicked.
 */
export function StoreRow({
  name,
  code,
  onOpenStore,
  onEnter = () => onOpenStore(code),
  storeCellClassName,
  children,
  ...data
}: {
  name: string;
  code: string;
  onOpenStore: (code: string) => void;
  onEnter?: () => void;
  storeCellClassName?: string;
  children: ReactNode;
  'data-testid': string;
  'data-status'?: string;
}) {
  return (
    <Table.Tr
      tabIndex={0}
      onKeyDown={(event) => {
        if (event.key !== 'Enter' || event.target !== event.currentTarget) return;
        event.preventDefault();
        onEnter();
      }}
      data-code={code}
      className="insights-row"
      {...data}
    >
      <Table.Td className={storeCellClassName}>
        <StoreCell name={name} code={code} onOpen={() => onOpenStore(code)} />
      </Table.Td>
      {children}
    </Table.Tr>
  );
}

/** A store's phone as a table cell: a tel: link to call, or a dimmed "none". */
export function PhoneCell({ phone }: { phone: string }) {
  const { t } = useT();
  return (
    <Table.Td className="nowrap">
      {phone ? (
        <a href={telHref(phone)} className="insights-phone">
          {phone}
        </a>
      ) : (
        <span className="cell--dim">{t('insights.none')}</span>
      )}
    </Table.Td>
  );
}
