/**
 * The insight signals written the plain way — one definition at a time, Map and Set per call, a Date
 * parse per line — as they were before shared/insights was laid out for speed. Tests check the fast
 * code against these on random histories; the bench times one of them for scale. Same rules: lines
 * after `today` are left out, ties are broken with compareText.
 */
import type { AssortmentGap } from '../../shared/insights/gaps';
import { compareText, dateOfDay, dayNumber, groupBy, median, orderDays, type OrderedLine } from '../../shared/insights/history';
import type { StoreRhythm } from '../../shared/insights/rhythm';
import { isoWeek } from '../../shared/insights/seasonality';
import type { PeriodFigures, SlippingStore, StoppedItem } from '../../shared/insights/slipping';

const WEEK = 7;
const upTo = (lines: readonly OrderedLine[], today: string) => lines.filter((l) => l.date <= today);

export function referenceRhythms(all: readonly OrderedLine[], today: string): StoreRhythm[] {
  const lines = upTo(all, today);
  const rank = { overdue: 0, due: 1, ok: 2, unknown: 3 };
  const result: StoreRhythm[] = [];
  for (const [storeId, storeLines] of groupBy(lines, (l) => l.storeId)) {
    const days = orderDays(storeLines);
    const last = days[days.length - 1]!;
    const daysSinceLast = dayNumber(today) - last;
    const raw = days.slice(1).map((day, i) => day - days[i]!);
    const first = median(raw);
    const intervals = raw.filter((d) => d > 1 && d <= first * 2.5);
    const base = { storeId, lastOrderOn: dateOfDay(last), daysSinceLast };
    if (intervals.length < 3) {
      result.push({ ...base, intervalDays: null, nextDueOn: null, lateness: null, status: 'unknown' });
      continue;
    }
    const intervalDays = median(intervals);
    const overdue = daysSinceLast > Math.max(intervalDays * 1.5, intervalDays + 2);
    const due = daysSinceLast >= Math.round(intervalDays);
    result.push({
      ...base,
      intervalDays,
      nextDueOn: dateOfDay(last + Math.round(intervalDays)),
      lateness: daysSinceLast / intervalDays,
      status: overdue ? 'overdue' : due ? 'due' : 'ok',
    });
  }
  return result.sort(
    (a, b) => rank[a.status] - rank[b.status] || (b.lateness ?? 0) - (a.lateness ?? 0) || compareText(a.storeId, b.storeId),
  );
}

function figures(lines: readonly OrderedLine[], from: number, to: number): PeriodFigures {
  const inside = lines.filter((l) => dayNumber(l.date) > from && dayNumber(l.date) <= to);
  return { orders: new Set(inside.map((l) => l.orderId)).size, amountKopecks: inside.reduce((sum, l) => sum + l.amountKopecks, 0) };
}

export function referenceSlipping(all: readonly OrderedLine[], today: string, weeks = 8): SlippingStore[] {
  const end = dayNumber(today);
  const span = weeks * WEEK;
  const result: SlippingStore[] = [];
  for (const [storeId, storeLines] of groupBy(upTo(all, today), (l) => l.storeId)) {
    const recent = figures(storeLines, end - span, end);
    const before = figures(storeLines, end - 2 * span, end - span);
    if (before.orders === 0) continue;
    const first = orderDays(storeLines)[0]!;
    const yearAgo = first <= end - 365 - span ? figures(storeLines, end - 365 - span, end - 365) : null;
    const valueRatio = recent.amountKopecks / Math.max(1, before.amountKopecks);
    const frequencyRatio = recent.orders / before.orders;
    const fell = valueRatio <= 0.7 || frequencyRatio <= 0.7;
    const belowLastYear = yearAgo === null || yearAgo.orders === 0 || recent.amountKopecks <= yearAgo.amountKopecks * 0.7;
    if (fell && belowLastYear) result.push({ storeId, recent, before, yearAgo, valueRatio, frequencyRatio });
  }
  return result.sort((a, b) => a.valueRatio - b.valueRatio || compareText(a.storeId, b.storeId));
}

export function referenceStoppedItems(all: readonly OrderedLine[], storeId: string, today: string, weeks = 8): StoppedItem[] {
  const end = dayNumber(today);
  const span = weeks * WEEK;
  const store = upTo(all, today).filter((l) => l.storeId === storeId);
  if (!store.some((l) => dayNumber(l.date) > end - span)) return [];
  const result: StoppedItem[] = [];
  for (const [itemCode, itemLines] of groupBy(store, (l) => l.itemCode)) {
    const days = itemLines.map((l) => dayNumber(l.date));
    if (days.some((d) => d > end - span && d <= end)) continue;
    const earlierWeeks = new Set(days.filter((d) => d > end - 2 * span && d <= end - span).map((d) => Math.floor((end - d) / WEEK)));
    if (earlierWeeks.size >= Math.max(4, weeks / 2)) {
      const last = itemLines.reduce((latest, l) => (l.date > latest ? l.date : latest), '');
      result.push({ storeId, itemCode, weeksBought: earlierWeeks.size, lastBoughtOn: last });
    }
  }
  return result.sort((a, b) => b.weeksBought - a.weeksBought || compareText(a.itemCode, b.itemCode));
}

interface Profile {
  weeks: Map<string, number>;
  amounts: Map<string, number>;
  activeWeeks: number;
  norm: number;
}

export function referenceGaps(all: readonly OrderedLine[], storeId: string, today: string, weeks = 26, peers = 5): AssortmentGap[] {
  const lines = upTo(all, today);
  const to = dayNumber(today);
  const from = to - weeks * WEEK;
  const category = new Map<string, string>();
  for (const l of lines) if (!category.has(l.itemCode)) category.set(l.itemCode, l.category);
  const profiles = new Map<string, Profile>();
  for (const [id, storeLines] of groupBy(lines, (l) => l.storeId)) {
    const inside = storeLines.filter((l) => dayNumber(l.date) > from && dayNumber(l.date) <= to);
    const weekOf = (l: OrderedLine) => Math.floor((to - dayNumber(l.date)) / WEEK);
    const itemWeeks = new Map<string, number>();
    const amounts = new Map<string, number>();
    for (const [item, itemLines] of groupBy(inside, (l) => l.itemCode)) {
      itemWeeks.set(item, new Set(itemLines.map(weekOf)).size);
      amounts.set(
        item,
        itemLines.reduce((sum, l) => sum + l.amountKopecks, 0),
      );
    }
    const norm = Math.sqrt([...itemWeeks.values()].reduce((sum, w) => sum + w * w, 0));
    profiles.set(id, { weeks: itemWeeks, amounts, activeWeeks: new Set(inside.map(weekOf)).size, norm });
  }
  const self = profiles.get(storeId);
  if (!self) return [];
  const similarity = (a: Profile, b: Profile) => {
    if (a.norm === 0 || b.norm === 0) return 0;
    let dot = 0;
    for (const [item, w] of a.weeks) dot += w * (b.weeks.get(item) ?? 0);
    return dot / (a.norm * b.norm);
  };
  const everBought = new Set(lines.filter((l) => l.storeId === storeId).map((l) => l.itemCode));
  const nearest = [...profiles.entries()]
    .filter(([id]) => id !== storeId)
    .map(([id, profile]) => ({ id, profile, similarity: similarity(self, profile) }))
    .filter((p) => p.similarity > 0)
    .sort((a, b) => b.similarity - a.similarity || compareText(a.id, b.id))
    .slice(0, peers);
  const total = nearest.reduce((sum, p) => sum + p.similarity, 0);
  const votes = new Map<string, { score: number; weekly: number; peers: string[] }>();
  for (const peer of nearest) {
    for (const [item, bought] of peer.profile.weeks) {
      const regularity = bought / Math.max(1, peer.profile.activeWeeks);
      if (everBought.has(item) || regularity < 0.25) continue;
      const vote = votes.get(item) ?? { score: 0, weekly: 0, peers: [] };
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
        category: category.get(itemCode)!,
        likelihood,
        weeklyKopecks,
        expectedWeeklyKopecks: Math.round(likelihood * weeklyKopecks),
        peers: vote.peers,
      };
    })
    .sort((a, b) => b.expectedWeeklyKopecks - a.expectedWeeklyKopecks || compareText(a.itemCode, b.itemCode));
}

/** Week-of-year demand: the quantity of each ISO week ÷ the times the history (first to last line) covers that week. */
export function referenceWeekly(all: readonly OrderedLine[], today: string, key: (l: OrderedLine) => string): Map<string, number[]> {
  const lines = upTo(all, today);
  const days = lines.map((l) => dayNumber(l.date));
  const first = Math.min(...days);
  const last = Math.max(...days);
  const covered = new Set<string>();
  const coverage = new Array<number>(53).fill(0);
  for (let day = first; day <= last; day++) {
    const date = dateOfDay(day);
    const week = isoWeek(date);
    // The ISO year is the year of the week's Thursday.
    const thursday = dateOfDay(day - ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 3);
    const id = `${thursday.slice(0, 4)}-${week}`;
    if (!covered.has(id)) {
      covered.add(id);
      coverage[week - 1]!++;
    }
  }
  const result = new Map<string, number[]>();
  for (const l of lines) {
    const weekly = result.get(key(l)) ?? new Array<number>(53).fill(0);
    weekly[isoWeek(l.date) - 1]! += l.quantity;
    result.set(key(l), weekly);
  }
  for (const weekly of result.values()) for (let w = 0; w < 53; w++) weekly[w] = coverage[w]! > 0 ? weekly[w]! / coverage[w]! : 0;
  return result;
}
