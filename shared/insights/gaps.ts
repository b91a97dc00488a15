import { compareText, firstLineAfter, indexHistory, Marks, storeOf, type HistoryIndex, type OrderedLine } from './history';

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

export interface GapOptions {
  /** The window stores are compared over, in weeks back from today. */
  weeks?: number;
  /** How many of the most similar stores vote. */
  peers?: number;
  /** At most this many gaps per store, the most valuable first. */
  limit?: number;
}

const WEEK = 7;
/** A peer votes for the items it buys in at least this share of its active weeks. */
const REGULAR_SHARE = 0.25;

/**
 * What every store bought over the window, as sparse vectors (compressed rows: store s's entries are
 * `start[s] … start[s + 1] - 1`), and the same entries by item (the postings), so a store's
 * similarity to all others costs only the items they share — not stores² × items.
 */
export interface GapProfiles {
  start: Int32Array;
  item: Int32Array;
  /** Weeks of the window in which the store bought the item: the vector's weights. */
  weeks: Int32Array;
  /** The store's spend on the item over the window (kopecks). */
  amount: Float64Array;
  /** Weeks of the window with any order of the store. */
  activeWeeks: Int32Array;
  norm: Float64Array;
  postingStart: Int32Array;
  postingStore: Int32Array;
  postingWeeks: Int32Array;
}

export function gapProfiles(index: HistoryIndex, weeks: number): GapProfiles {
  const to = index.today;
  const from = to - weeks * WEEK;
  const storeCount = index.stores.length;
  const itemCount = index.items.length;
  const start = new Int32Array(storeCount + 1);
  const activeWeeks = new Int32Array(storeCount);
  const norm = new Float64Array(storeCount);
  const items: number[] = [];
  const itemWeeks: number[] = [];
  const amounts: number[] = [];
  const slot = new Int32Array(itemCount);
  const lastWeek = new Int32Array(itemCount);
  const seen = new Marks(itemCount);
  for (let s = 0; s < storeCount; s++) {
    seen.next();
    let active = 0;
    let previousWeek = -1;
    const storeEnd = index.storeStart[s + 1]!;
    // Lines by day: weeks come in order, so "a new week for this item" is a comparison with its last.
    for (let i = firstLineAfter(index, s, from); i < storeEnd; i++) {
      const item = index.item[i]!;
      const week = Math.floor((to - index.day[i]!) / WEEK);
      if (week !== previousWeek) {
        active++;
        previousWeek = week;
      }
      if (seen.mark(item)) {
        slot[item] = items.length;
        items.push(item);
        itemWeeks.push(1);
        amounts.push(index.amount[i]!);
        lastWeek[item] = week;
      } else {
        const k = slot[item]!;
        amounts[k]! += index.amount[i]!;
        if (lastWeek[item] !== week) {
          lastWeek[item] = week;
          itemWeeks[k]!++;
        }
      }
    }
    start[s + 1] = items.length;
    activeWeeks[s] = active;
    let squares = 0;
    for (let k = start[s]!; k < items.length; k++) squares += itemWeeks[k]! * itemWeeks[k]!;
    norm[s] = Math.sqrt(squares);
  }
  const item = Int32Array.from(items);
  const weekCounts = Int32Array.from(itemWeeks);
  const postingStart = new Int32Array(itemCount + 1);
  for (let k = 0; k < item.length; k++) postingStart[item[k]! + 1]!++;
  for (let i = 0; i < itemCount; i++) postingStart[i + 1]! += postingStart[i]!;
  const cursor = postingStart.slice(0, itemCount);
  const postingStore = new Int32Array(item.length);
  const postingWeeks = new Int32Array(item.length);
  for (let s = 0; s < storeCount; s++) {
    for (let k = start[s]!; k < start[s + 1]!; k++) {
      const at = cursor[item[k]!]!++;
      postingStore[at] = s;
      postingWeeks[at] = weekCounts[k]!;
    }
  }
  return {
    start,
    item,
    weeks: weekCounts,
    amount: Float64Array.from(amounts),
    activeWeeks,
    norm,
    postingStart,
    postingStore,
    postingWeeks,
  };
}

export interface Peer {
  store: number;
  similarity: number;
}

/** Reusable space for finding peers and counting votes, one per computation. */
export class GapFinder {
  private readonly dot: Float64Array;
  private readonly storeMarks: Marks;
  private readonly touchedStores: Int32Array;
  private readonly ever: Marks;
  private readonly votes: Marks;
  private readonly score: Float64Array;
  private readonly weekly: Float64Array;
  private readonly category: Int32Array;
  private readonly voters: number[][];

  constructor(
    private readonly index: HistoryIndex,
    private readonly profiles: GapProfiles,
  ) {
    const storeCount = index.stores.length;
    const itemCount = index.items.length;
    this.dot = new Float64Array(storeCount);
    this.storeMarks = new Marks(storeCount);
    this.touchedStores = new Int32Array(storeCount);
    this.ever = new Marks(itemCount);
    this.votes = new Marks(itemCount);
    this.score = new Float64Array(itemCount);
    this.weekly = new Float64Array(itemCount);
    this.category = new Int32Array(itemCount);
    this.voters = new Array<number[]>(itemCount);
  }

  /**
   * The `count` stores most similar to store `s` by cosine similarity of weeks-bought per item
   * (ties: store id), similarity above 0. The dot products come from the postings of s's items.
   */
  nearest(s: number, count: number): Peer[] {
    const { start, item, weeks, norm, postingStart, postingStore, postingWeeks } = this.profiles;
    const { dot, storeMarks, touchedStores } = this;
    if (count <= 0) return [];
    storeMarks.next();
    let touched = 0;
    for (let k = start[s]!; k < start[s + 1]!; k++) {
      const own = weeks[k]!;
      const i = item[k]!;
      for (let p = postingStart[i]!; p < postingStart[i + 1]!; p++) {
        const t = postingStore[p]!;
        if (storeMarks.mark(t)) {
          touchedStores[touched++] = t;
          dot[t] = 0;
        }
        dot[t]! += own * postingWeeks[p]!;
      }
    }
    const best: Peer[] = [];
    const selfNorm = norm[s]!;
    for (let k = 0; k < touched; k++) {
      const t = touchedStores[k]!;
      if (t === s || selfNorm === 0 || norm[t] === 0) continue;
      const similarity = dot[t]! / (selfNorm * norm[t]!);
      if (!(similarity > 0)) continue;
      if (best.length === count) {
        const worst = best[count - 1]!;
        if (similarity < worst.similarity || (similarity === worst.similarity && t > worst.store)) continue;
      }
      // Insertion into a short sorted list: count is small (a handful of peers).
      let at = best.length;
      while (at > 0 && (best[at - 1]!.similarity < similarity || (best[at - 1]!.similarity === similarity && best[at - 1]!.store > t)))
        at--;
      best.splice(at, 0, { store: t, similarity });
      if (best.length > count) best.pop();
    }
    return best;
  }

  /** Store `s`'s gaps, ranked; see assortmentGaps. */
  gaps(s: number, peerCount: number, limit: number): AssortmentGap[] {
    const { index, profiles, ever, votes, score, weekly, category, voters } = this;
    const nearest = this.nearest(s, peerCount);
    if (nearest.length === 0) return [];
    ever.next();
    for (let i = index.storeStart[s]!; i < index.storeStart[s + 1]!; i++) ever.mark(index.item[i]!);
    votes.next();
    const candidates: number[] = [];
    let total = 0;
    for (const peer of nearest) total += peer.similarity;
    for (const peer of nearest) {
      const active = Math.max(1, profiles.activeWeeks[peer.store]!);
      for (let k = profiles.start[peer.store]!; k < profiles.start[peer.store + 1]!; k++) {
        const item = profiles.item[k]!;
        const regularity = profiles.weeks[k]! / active;
        if (ever.has(item) || regularity < REGULAR_SHARE) continue;
        if (votes.mark(item)) {
          candidates.push(item);
          score[item] = 0;
          weekly[item] = 0;
          category[item] = index.itemCategory[item]!;
          voters[item] = [];
        }
        score[item]! += peer.similarity * regularity;
        weekly[item]! += (peer.similarity * profiles.amount[k]!) / active;
        voters[item]!.push(peer.store);
      }
    }
    const likelihood = (item: number) => score[item]! / total;
    const weeklyKopecks = (item: number) => Math.round(weekly[item]! / total);
    const expected = candidates.map((item) => Math.round(likelihood(item) * weeklyKopecks(item)));
    const order = candidates.map((_, k) => k);
    order.sort((a, b) => expected[b]! - expected[a]! || compareText(index.items[candidates[a]!]!, index.items[candidates[b]!]!));
    return order.slice(0, limit).map((k) => {
      const item = candidates[k]!;
      return {
        itemCode: index.items[item]!,
        category: index.categories[category[item]!]!,
        likelihood: likelihood(item),
        weeklyKopecks: weeklyKopecks(item),
        expectedWeeklyKopecks: expected[k]!,
        peers: voters[item]!.map((t) => index.stores[t]!),
      };
    });
  }
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
  { weeks = 26, peers = 5, limit = Infinity }: GapOptions = {},
): AssortmentGap[] {
  const index = indexHistory(lines, today);
  const s = storeOf(index, storeId);
  if (s < 0) return [];
  return new GapFinder(index, gapProfiles(index, weeks)).gaps(s, peers, limit);
}
