import { dayNumber, groupBy, type OrderedLine } from './history';

export interface AssortmentGap {
  itemCode: string;
  category: string;
  /** How likely the store is to take it up: similar stores' regularity, weighted by similarity (0–1). */
  likelihood: number;
  /** What the similar stores spend on it per week, on average (kopecks). */
  weeklyKopecks: number;
  /** likelihood × weeklyKopecks: what the store would likely add per week; the ranking. */
  expectedWeeklyKopecks: number;
  /** The similar stores that buy it. */
  peers: string[];
}

interface Profile {
  /** Item → weeks in which the store bought it. */
  weeks: Map<string, number>;
  /** Item → amount over the window. */
  amounts: Map<string, number>;
  activeWeeks: number;
  norm: number;
  category: Map<string, string>;
}

const WEEK = 7;

function profiles(lines: readonly OrderedLine[], from: number, to: number): Map<string, Profile> {
  const result = new Map<string, Profile>();
  for (const [storeId, storeLines] of groupBy(lines, (l) => l.storeId)) {
    const inside = storeLines.filter((l) => dayNumber(l.date) > from && dayNumber(l.date) <= to);
    const weekOf = (l: OrderedLine) => Math.floor((to - dayNumber(l.date)) / WEEK);
    const weeks = new Map<string, number>();
    const amounts = new Map<string, number>();
    const category = new Map<string, string>();
    for (const [item, itemLines] of groupBy(inside, (l) => l.itemCode)) {
      weeks.set(item, new Set(itemLines.map(weekOf)).size);
      amounts.set(
        item,
        itemLines.reduce((sum, l) => sum + l.amountKopecks, 0),
      );
      category.set(item, itemLines[0]!.category);
    }
    const activeWeeks = new Set(inside.map(weekOf)).size;
    const norm = Math.sqrt([...weeks.values()].reduce((sum, w) => sum + w * w, 0));
    result.set(storeId, { weeks, amounts, activeWeeks, norm, category });
  }
  return result;
}

/** Cosine similarity of two stores' item vectors (weeks bought per item). */
function similarity(a: Profile, b: Profile): number {
  if (a.norm === 0 || b.norm === 0) return 0;
  let dot = 0;
  for (const [item, w] of a.weeks) dot += w * (b.weeks.get(item) ?? 0);
  return dot / (a.norm * b.norm);
}

/**
 * Items that stores buying like this one buy regularly and this store has never ordered. Stores are
 * compared by what they buy over the last `weeks` weeks (cosine similarity of weeks-bought per item);
 * the `peers` most similar ones vote, each with its similarity, for the items it buys in at least a
 * quarter of its active weeks. Ranked by what the store would likely add per week.
 */
export function assortmentGaps(
  lines: readonly OrderedLine[],
  storeId: string,
  today: string,
  { weeks = 26, peers = 5 }: { weeks?: number; peers?: number } = {},
): AssortmentGap[] {
  const to = dayNumber(today);
  const all = profiles(lines, to - weeks * WEEK, to);
  const self = all.get(storeId);
  if (!self) return [];
  const everBought = new Set(lines.filter((l) => l.storeId === storeId).map((l) => l.itemCode));
  const nearest = [...all.entries()]
    .filter(([id]) => id !== storeId)
    .map(([id, profile]) => ({ id, profile, similarity: similarity(self, profile) }))
    .filter((p) => p.similarity > 0)
    .sort((a, b) => b.similarity - a.similarity || a.id.localeCompare(b.id))
    .slice(0, peers);
  const total = nearest.reduce((sum, p) => sum + p.similarity, 0);
  const votes = new Map<string, { score: number; weekly: number; peers: string[]; category: string }>();
  for (const peer of nearest) {
    for (const [item, bought] of peer.profile.weeks) {
      const regularity = bought / Math.max(1, peer.profile.activeWeeks);
      if (everBought.has(item) || regularity < 0.25) continue;
      const vote = votes.get(item) ?? { score: 0, weekly: 0, peers: [], category: peer.profile.category.get(item) ?? '' };
      vote.score += peer.similarity * regularity;
      vote.weekly += (peer.similarity * (peer.profile.amounts.get(item) ?? 0)) / Math.max(1, peer.profile.activeWeeks);
      vote.peers.push(peer.id);
      votes.set(item, vote);
    }
  }
  return [...votes.entries()]
    .map(([itemCode, vote]) => {
      const likelihood = vote.score / total;
      const weeklyKopecks = Math.round(vote.weekly / total);
      return {
        itemCode,
        category: vote.category,
        likelihood,
        weeklyKopecks,
        expectedWeeklyKopecks: Math.round(likelihood * weeklyKopecks),
        peers: vote.peers,
      };
    })
    .sort((a, b) => b.expectedWeeklyKopecks - a.expectedWeeklyKopecks || a.itemCode.localeCompare(b.itemCode));
}
