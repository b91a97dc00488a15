import { smallestValidQuantity } from '../../../shared/quantity';

/** How the stock of an item is shared when the orders ask for more than there is. */
export type CutMode = 'arrival' | 'proportional';

export interface PackRules {
  packMultiple: number;
  minOrderQuantity: number;
}

/**
 * The largest quantity a line may be cut to without going above `limit`: a pack multiple at or
 * above the minimum, else 0 (a line below the minimum cannot be delivered at all).
 */
export function validFloor(limit: number, rules: PackRules): number {
  const pack = Math.max(1, rules.packMultiple);
  const floor = Math.floor(limit / pack) * pack;
  return floor > 0 && floor >= smallestValidQuantity({ ...rules, stock: null }) ? floor : 0;
}

/** The next quantity a line cut to `allocated` could grow to: one more pack, or from nothing to the smallest valid quantity. */
function nextStep(allocated: number, rules: PackRules): number {
  return allocated === 0 ? smallestValidQuantity({ ...rules, stock: null }) : allocated + Math.max(1, rules.packMultiple);
}

/**
 * Shares `available` units of one item among the lines that ask for it (`demands`, in arrival
 * order). Every result is 0 or a pack multiple at or above the minimum, never above the line's own
 * demand, and together they never exceed what is available.
 *
 * - arrival: earlier lines are served in full (rounded down to a valid quantity) before later ones.
 * - proportional: each line gets its share of the stock rounded down to a valid quantity; what the
 *   rounding left over is handed out one pack at a time, first to the lines that lost most to the
 *   rounding (then by arrival), until no line can take another pack.
 */
export function allocateStock(demands: readonly number[], available: number, rules: PackRules, mode: CutMode): number[] {
  const stock = Math.max(0, available);
  if (mode === 'arrival') {
    let remaining = stock;
    return demands.map((demand) => {
      const allocated = validFloor(Math.min(demand, remaining), rules);
      remaining -= allocated;
      return allocated;
    });
  }
  const total = demands.reduce((sum, d) => sum + Math.max(0, d), 0);
  if (total <= 0) return demands.map(() => 0);
  const shares = demands.map((d) => (Math.max(0, d) * Math.min(stock, total)) / total);
  const allocated = shares.map((share, i) => validFloor(Math.min(demands[i]!, share), rules));
  let remaining = stock - allocated.reduce((sum, a) => sum + a, 0);
  const order = demands.map((_, i) => i).sort((a, b) => shares[b]! - allocated[b]! - (shares[a]! - allocated[a]!) || a - b);
  for (let progress = true; progress && remaining > 0;) {
    progress = false;
    for (const i of order) {
      const next = nextStep(allocated[i]!, rules);
      const grows = next - allocated[i]!;
      if (next <= demands[i]! && grows <= remaining) {
        allocated[i] = next;
        remaining -= grows;
        progress = true;
      }
    }
  }
  return allocated;
}
