/**
 * Search text normalisation, shared by the indexer and the query side.
 * SQLite folds case for ASCII only and FTS5 does not fold ё to е, so both happen here.
 */
export function normalizeSearchText(text: string): string {
  return text.toLowerCase().replace(/ё/g, 'е');
}

/** Words of a typed query, normalised; punctuation splits words as FTS5's unicode61 does. */
export function searchWords(query: string): string[] {
  return normalizeSearchText(query)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 8);
}
