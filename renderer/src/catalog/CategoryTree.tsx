import { ScrollArea, Text } from '@mantine/core';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Category } from '../../../shared/domain';
import { ErrorAlert } from '../common/ErrorAlert';
import { formatCount } from '../common/format';
import { useShell } from '../common/ShellContext';
import { toUiError, type UiError } from '../common/uiError';
import { useT } from '../i18n';

interface CategoryTreeProps {
  /** Changes when another price list becomes current. */
  priceListId: string;
  itemCount: number;
  selected: number | null;
  onSelect: (categoryId: number | null) => void;
}

interface Node {
  category: Category;
  depth: number;
}

/** Categories in the price list's order, children under their parent. */
function flatten(categories: readonly Category[]): Node[] {
  const children = new Map<number | null, Category[]>();
  for (const category of categories) {
    const siblings = children.get(category.parentId) ?? [];
    siblings.push(category);
    children.set(category.parentId, siblings);
  }
  const known = new Set(categories.map((c) => c.id));
  const nodes: Node[] = [];
  const visit = (parentId: number | null, depth: number) => {
    for (const category of children.get(parentId) ?? []) {
      nodes.push({ category, depth });
      visit(category.id, depth + 1);
    }
  };
  visit(null, 0);
  // A category whose parent is missing still shows, at the top level.
  for (const category of categories) if (category.parentId !== null && !known.has(category.parentId)) visit(category.parentId, 0);
  return nodes;
}

/**
 * The price list's groups beside the grid. One tab stop: arrows move between groups, Enter or
 * a click shows that group's items, Home goes back to all items.
 */
export function CategoryTree({ priceListId, itemCount, selected, onSelect }: CategoryTreeProps) {
  const { api } = useShell();
  const { t, locale } = useT();
  const [categories, setCategories] = useState<Category[]>([]);
  const [error, setError] = useState<UiError | null>(null);
  const listRef = useRef<HTMLUListElement>(null);

  useEffect(() => {
    let current = true;
    api.listCategories({}).then(
      (result) => current && setCategories(result.categories),
      (failure: unknown) => current && setError(toUiError(failure)),
    );
    return () => {
      current = false;
    };
  }, [api, priceListId]);

  const nodes = useMemo(() => flatten(categories), [categories]);
  const ids: (number | null)[] = useMemo(() => [null, ...nodes.map((n) => n.category.id)], [nodes]);

  const focusAt = (index: number) => {
    const target = Math.max(0, Math.min(ids.length - 1, index));
    listRef.current?.querySelectorAll<HTMLButtonElement>('button')[target]?.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const buttons = [...(listRef.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const moves: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: buttons.length - 1 };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    focusAt(target);
  };

  const selectedIndex = Math.max(0, ids.indexOf(selected));
  const entry = (id: number | null, name: string, count: number, depth: number, index: number) => (
    <li key={id ?? 'all'}>
      <button
        type="button"
        className={`category${id === selected ? ' category--selected' : ''}`}
        style={{ paddingLeft: 10 + depth * 14 }}
        aria-current={id === selected ? 'true' : undefined}
        tabIndex={index === selectedIndex ? 0 : -1}
        onClick={() => onSelect(id)}
        data-testid="category"
        data-category-id={id ?? ''}
      >
        <span className="category__name" title={name}>
          {name}
        </span>
        <span className="category__count">{formatCount(count, locale)}</span>
      </button>
    </li>
  );

  return (
    <nav className="category-tree" aria-label={t('catalog.categories')} data-testid="category-tree">
      <Text size="xs" fw={600} c="dimmed" tt="uppercase" className="category-tree__title">
        {t('catalog.categories')}
      </Text>
      {error && <ErrorAlert error={error} />}
      <ScrollArea className="category-tree__scroll" type="auto" scrollbarSize={8}>
        <ul ref={listRef} className="category-list" onKeyDown={onKeyDown}>
          {entry(null, t('catalog.allCategories'), itemCount, 0, 0)}
          {nodes.map((node, i) => entry(node.category.id, node.category.name, node.category.itemCount, node.depth, i + 1))}
        </ul>
      </ScrollArea>
    </nav>
  );
}
