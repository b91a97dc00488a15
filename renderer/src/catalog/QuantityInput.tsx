import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { Item, OrderLine } from '../../../shared/domain';
import { stepQuantity } from '../../../shared/quantity';
import { useT } from '../i18n';

interface QuantityInputProps {
  item: Item;
  line: OrderLine | undefined;
  /** Changes whenever a new copy of the draft arrives from the core. */
  revision: number;
  rowIndex: number;
  onCommit: (item: Item, quantity: number) => void;
  /** Moves focus to another row's input (the blur commits this one). */
  onNavigate: (rowIndex: number, delta: number) => void;
  onBackToSearch: () => void;
}

const MAX_DIGITS = 9;
const asText = (quantity: number) => (quantity > 0 ? String(quantity) : '');

/**
 * The quantity of an item in the draft order, typed straight into the catalog row.
 * Enter commits and moves down; blur commits too; Esc reverts and returns to search; / commits
 * and returns to search; + and − step by one pack; Alt+Enter takes the offered correction.
 * Outside editing it shows what the core holds.
 */
export function QuantityInput({ item, line, revision, rowIndex, onCommit, onNavigate, onBackToSearch }: QuantityInputProps) {
  const { t } = useT();
  const ordered = line?.quantity ?? 0;
  const [text, setText] = useState('');
  const [editing, setEditing] = useState(false);
  // A quantity sent to the core and not yet answered: shown instead of the old one.
  const [sent, setSent] = useState<number | null>(null);
  // Enter and Esc move focus away themselves; the blur that follows must not commit again.
  const skipBlurCommit = useRef(false);

  useEffect(() => {
    setSent(null);
  }, [revision]);

  const commit = () => {
    const quantity = text === '' ? 0 : Number(text);
    if (quantity === (sent ?? ordered)) return;
    setSent(quantity);
    onCommit(item, quantity);
  };
  const leave = (action: 'commit' | 'revert') => {
    if (action === 'commit') commit();
    skipBlurCommit.current = true;
    setEditing(false);
    onBackToSearch();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const navigate = (delta: number) => {
      event.preventDefault();
      onNavigate(rowIndex, delta);
    };
    if (event.key === 'Enter' && event.altKey) {
      // Alt+Enter takes the offered correction (nearest pack multiple, the minimum).
      event.preventDefault();
      const fix = line?.problems.find((p) => p.kind === 'notPackMultiple' || p.kind === 'belowMinimum');
      if (fix && 'suggested' in fix) {
        setText(asText(fix.suggested));
        setSent(fix.suggested);
        onCommit(item, fix.suggested);
      }
      return;
    }
    switch (event.key) {
      case 'Enter':
        event.preventDefault();
        commit();
        skipBlurCommit.current = true;
        setEditing(false);
        return onNavigate(rowIndex, 1);
      case '/':
        event.preventDefault();
        return leave('commit');
      case 'Escape':
        event.preventDefault();
        return leave('revert');
      case 'ArrowDown':
        return navigate(1);
      case 'ArrowUp':
        return navigate(-1);
      case 'PageDown':
        return navigate(10);
      case 'PageUp':
        return navigate(-10);
      case '+':
      case '-': {
        event.preventDefault();
        const rules = { packMultiple: item.packMultiple, minOrderQuantity: item.minOrderQuantity, stock: item.stock };
        setText(asText(stepQuantity(text === '' ? 0 : Number(text), event.key === '+' ? 1 : -1, rules)));
        return;
      }
    }
  };

  const problems = line?.problems.length ?? 0;
  const fixable = line?.problems.find((p) => p.kind === 'notPackMultiple' || p.kind === 'belowMinimum');
  return (
    <input
      className="qty-input"
      data-testid="quantity-input"
      data-row-index={rowIndex}
      data-problems={problems > 0 ? 'true' : undefined}
      title={fixable && 'suggested' in fixable ? t('catalog.fixHint', { suggested: fixable.suggested }) : undefined}
      inputMode="numeric"
      autoComplete="off"
      spellCheck={false}
      maxLength={MAX_DIGITS}
      aria-label={t('catalog.quantityLabel', { name: item.name })}
      value={editing ? text : asText(sent ?? ordered)}
      onFocus={(event) => {
        skipBlurCommit.current = false;
        setText(asText(sent ?? ordered));
        setEditing(true);
        event.currentTarget.select();
      }}
      onChange={(event) =>
        setText(
          event.currentTarget.value
            .replace(/\D/g, '')
            .replace(/^0+(?=\d)/, '')
            .slice(0, MAX_DIGITS),
        )
      }
      onBlur={() => {
        if (!skipBlurCommit.current) commit();
        skipBlurCommit.current = false;
        setEditing(false);
      }}
      onKeyDown={onKeyDown}
    />
  );
}
