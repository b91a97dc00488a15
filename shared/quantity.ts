/** Quantity rules for an order line: pack multiple, minimum order quantity, stock. */

export interface QuantityRules {
  packMultiple: number;
  minOrderQuantity: number;
  /** null when the price list does not say. */
  stock: number | null;
}

export type QuantityProblem =
  | { kind: 'notPackMultiple'; packMultiple: number; suggested: number }
  | { kind: 'belowMinimum'; minimum: number; suggested: number }
  | { kind: 'overStock'; stock: number };

/** Smallest quantity ≥ minimum that is a pack multiple. */
export function smallestValidQuantity(rules: QuantityRules): number {
  const pack = Math.max(1, rules.packMultiple);
  return Math.max(pack, Math.ceil(Math.max(1, rules.minOrderQuantity) / pack) * pack);
}

/** Nearest valid quantity to a typed one; ties go up, never below the minimum. */
export function nearestValidQuantity(quantity: number, rules: QuantityRules): number {
  const pack = Math.max(1, rules.packMultiple);
  const down = Math.floor(quantity / pack) * pack;
  const up = down === quantity ? quantity : down + pack;
  const nearest = quantity - down < up - quantity ? down : up;
  return Math.max(nearest, smallestValidQuantity(rules));
}

/** Problems of a quantity; an empty list means the line is fine. Zero means "no line". */
export function checkQuantity(quantity: number, rules: QuantityRules): QuantityProblem[] {
  if (quantity <= 0) return [];
  const problems: QuantityProblem[] = [];
  const pack = Math.max(1, rules.packMultiple);
  if (quantity % pack !== 0) {
    problems.push({ kind: 'notPackMultiple', packMultiple: pack, suggested: nearestValidQuantity(quantity, rules) });
  }
  if (quantity < rules.minOrderQuantity) {
    problems.push({ kind: 'belowMinimum', minimum: rules.minOrderQuantity, suggested: smallestValidQuantity(rules) });
  }
  if (rules.stock !== null && quantity > rules.stock) {
    problems.push({ kind: 'overStock', stock: rules.stock });
  }
  return problems;
}

/** Steps a quantity by one pack up or down, landing on pack multiples. */
export function stepQuantity(quantity: number, direction: 1 | -1, rules: QuantityRules): number {
  const pack = Math.max(1, rules.packMultiple);
  if (direction > 0) return Math.max(Math.floor(quantity / pack) * pack + pack, smallestValidQuantity(rules));
  const down = Math.ceil(quantity / pack) * pack - pack;
  return down < smallestValidQuantity(rules) ? 0 : down;
}
