/** Rows PageUp / PageDown move by. */
const PAGE_ROWS = 10;

/**
 * Where a navigation key moves the selection in a list of `count` rows: a row index, 'above'
 * (↑ on the first row: back to the search box), or null when the key does not navigate.
 * Shared by the history and templates lists.
 */
export function listKeyTarget(key: string, index: number, count: number): number | 'above' | null {
  if (count === 0) return key === 'ArrowUp' ? 'above' : null;
  switch (key) {
    case 'ArrowDown':
      return Math.min(count - 1, index + 1);
    case 'ArrowUp':
      return index <= 0 ? 'above' : index - 1;
    case 'PageDown':
      return Math.min(count - 1, index + PAGE_ROWS);
    case 'PageUp':
      return Math.max(0, index - PAGE_ROWS);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

/** Focuses the row rendered with data-row-index={index} inside container; false when it is not there (yet). */
export function focusListRow(container: HTMLElement | null, index: number): boolean {
  const row = container?.querySelector<HTMLElement>(`[data-row-index="${index}"]`);
  if (!row) return false;
  row.focus();
  return true;
}
