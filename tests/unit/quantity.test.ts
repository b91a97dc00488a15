import { describe, expect, it } from 'vitest';
import { checkQuantity, nearestValidQuantity, smallestValidQuantity, stepQuantity } from '../../shared/quantity';

const rules = { packMultiple: 6, minOrderQuantity: 12, stock: 100 };

describe('quantity rules', () => {
  it('accepts a pack multiple at or above the minimum within stock', () => {
    expect(checkQuantity(12, rules)).toEqual([]);
    expect(checkQuantity(96, rules)).toEqual([]);
  });

  it('flags a quantity that is not a pack multiple and offers the nearest valid one', () => {
    expect(checkQuantity(14, rules)).toEqual([{ kind: 'notPackMultiple', packMultiple: 6, suggested: 12 }]);
    expect(checkQuantity(16, rules)).toEqual([{ kind: 'notPackMultiple', packMultiple: 6, suggested: 18 }]);
    expect(checkQuantity(15, rules)).toEqual([{ kind: 'notPackMultiple', packMultiple: 6, suggested: 18 }]);
  });

  it('flags below minimum with the smallest valid quantity', () => {
    expect(checkQuantity(6, rules)).toEqual([{ kind: 'belowMinimum', minimum: 12, suggested: 12 }]);
    expect(checkQuantity(5, rules)).toEqual([
      { kind: 'notPackMultiple', packMultiple: 6, suggested: 12 },
      { kind: 'belowMinimum', minimum: 12, suggested: 12 },
    ]);
  });

  it('warns over stock, and ignores stock the price list does not give', () => {
    expect(checkQuantity(102, rules)).toEqual([{ kind: 'overStock', stock: 100 }]);
    expect(checkQuantity(102, { ...rules, stock: null })).toEqual([]);
  });

  it('a minimum that is not itself a pack multiple rounds up to one', () => {
    expect(smallestValidQuantity({ packMultiple: 6, minOrderQuantity: 10, stock: null })).toBe(12);
    expect(nearestValidQuantity(1, { packMultiple: 6, minOrderQuantity: 10, stock: null })).toBe(12);
  });

  it('steps by whole packs', () => {
    expect(stepQuantity(0, 1, rules)).toBe(12);
    expect(stepQuantity(12, 1, rules)).toBe(18);
    expect(stepQuantity(14, 1, rules)).toBe(18);
    expect(stepQuantity(14, -1, rules)).toBe(12);
    expect(stepQuantity(12, -1, rules)).toBe(0);
  });

  it('zero is no line, not a problem', () => {
    expect(checkQuantity(0, rules)).toEqual([]);
  });
});
