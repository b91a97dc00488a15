/**
 * The orders the manager has ticked, by id, and the anchor a Shift+click or Shift+arrow extends
 * from (the last order ticked or unticked on its own). Only shown orders stay selected: an action
 * works on what the manager can see.
 */
export interface Selection {
  ids: ReadonlySet<number>;
  anchor: number | null;
}

export const EMPTY_SELECTION: Selection = { ids: new Set(), anchor: null };

/** Ticks or unticks one order; it becomes the anchor. */
export function toggleOne(selection: Selection, id: number): Selection {
  const ids = new Set(selection.ids);
  if (ids.has(id)) ids.delete(id);
  else ids.add(id);
  return { ids, anchor: id };
}

/**
 * Shift: ticks every shown order from the anchor to this one (both included). Without an anchor
 * (or with one no longer shown) the range starts at `fromId` (the row the keyboard was on), which
 * becomes the anchor; the anchor stays where it was otherwise.
 */
export function extendTo(selection: Selection, shownIds: readonly number[], id: number, fromId: number | null): Selection {
  const to = shownIds.indexOf(id);
  if (to < 0) return selection;
  const anchored = selection.anchor !== null && shownIds.includes(selection.anchor);
  const anchor = anchored ? selection.anchor : fromId !== null && shownIds.includes(fromId) ? fromId : id;
  const from = shownIds.indexOf(anchor!);
  const ids = new Set(selection.ids);
  for (let i = Math.min(from, to); i <= Math.max(from, to); i++) ids.add(shownIds[i]!);
  return { ids, anchor };
}

export function selectAll(shownIds: readonly number[]): Selection {
  return { ids: new Set(shownIds), anchor: shownIds[0] ?? null };
}

/** Drops what is no longer shown (a filter changed, an order merged away); the same object when nothing went. */
export function keepShown(selection: Selection, shownIds: readonly number[]): Selection {
  if (selection.ids.size === 0) return selection;
  const shown = new Set(shownIds);
  const ids = [...selection.ids].filter((id) => shown.has(id));
  if (ids.length === selection.ids.size) return selection;
  return { ids: new Set(ids), anchor: selection.anchor !== null && shown.has(selection.anchor) ? selection.anchor : null };
}
