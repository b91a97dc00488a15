import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateStock, validFloor } from '../../electron/core/manager/stockAllocation';
import { smallestValidQuantity } from '../../shared/quantity';

const rules = fc.record({ packMultiple: fc.integer({ min: 1, max: 48 }), minOrderQuantity: fc.integer({ min: 0, max: 100 }) });
const demands = fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 1, maxLength: 30 });

describe('sharing stock among order lines', () => {
  it('serves earlier lines first by arrival', () => {
    expect(allocateStock([6, 8], 10, { packMultiple: 1, minOrderQuantity: 0 }, 'arrival')).toEqual([6, 4]);
    // 30 left for a line that may not take less than 40: it gets nothing, and the 30 wait for nobody.
    expect(allocateStock([100, 60], 130, { packMultiple: 20, minOrderQuantity: 40 }, 'arrival')).toEqual([100, 0]);
  });

  it('shares proportionally and hands the rounding leftover to the line that lost most', () => {
    expect(allocateStock([30, 24, 18], 50, { packMultiple: 6, minOrderQuantity: 0 }, 'proportional')).toEqual([18, 18, 12]);
    expect(allocateStock([10, 10], 10, { packMultiple: 1, minOrderQuantity: 0 }, 'proportional')).toEqual([5, 5]);
    expect(allocateStock([5, 5], 0, { packMultiple: 1, minOrderQuantity: 0 }, 'proportional')).toEqual([0, 0]);
  });

  it('rounds down to a valid quantity, or to nothing below the minimum', () => {
    expect(validFloor(59, { packMultiple: 20, minOrderQuantity: 40 })).toBe(40);
    expect(validFloor(39, { packMultiple: 20, minOrderQuantity: 40 })).toBe(0);
    expect(validFloor(11, { packMultiple: 12, minOrderQuantity: 0 })).toBe(0);
  });

  it('never exceeds the stock or a line, never leaves a quantity off the pack or below the minimum, and leaves no pack that could be given', () => {
    fc.assert(
      fc.property(
        demands,
        fc.integer({ min: 0, max: 3000 }),
        rules,
        fc.constantFrom('arrival' as const, 'proportional' as const),
        (asked, stock, r, mode) => {
          const given = allocateStock(asked, stock, r, mode);
          const total = given.reduce((sum, g) => sum + g, 0);
          expect(total).toBeLessThanOrEqual(stock);
          given.forEach((g, i) => {
            expect(g).toBeLessThanOrEqual(asked[i]!);
            expect(g % r.packMultiple).toBe(0);
            if (g > 0) expect(g).toBeGreaterThanOrEqual(r.minOrderQuantity);
            // No line could take one more step within what is left.
            const next = g === 0 ? smallestValidQuantity({ ...r, stock: null }) : g + r.packMultiple;
            expect(next > asked[i]! || next - g > stock - total).toBe(true);
          });
        },
      ),
      { numRuns: 2000, seed: 20261130 },
    );
  });
});
