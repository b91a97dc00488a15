import { describe, expect, it } from 'vitest';
import { divideRounded, formatMoney, lineTotals, orderTotals, parseMoney, vatOf, vatPerRateTotal } from '../../shared/money';

describe('parseMoney', () => {
  it.each([
    ['123,45', 12345],
    ['1 234,56', 123456],
    ['1\u00a0234,5', 123450],
    ['1,234.56', 123456],
    ['1.234,56', 123456],
    ['99', 9900],
    ['0,005', 1],
    ['0,004', 0],
    ['12,3456', 1235],
    ['150 руб.', 15000],
    ['-5,10', -510],
  ])('%s → %i kopecks', (text, kopecks) => {
    expect(parseMoney(text)).toBe(kopecks);
  });

  it.each(['', 'abc', '12,3,4a', '1e5'])('rejects %j', (text) => {
    expect(parseMoney(text)).toBeNull();
  });

  it('never goes through floats: 0,29 × 100 is exactly 29', () => {
    expect(parseMoney('0,29')).toBe(29);
    expect(parseMoney('1,15')).toBe(115);
    expect(parseMoney('4,35')).toBe(435);
  });
});

describe('VAT arithmetic', () => {
  it('rounds half away from zero', () => {
    expect(divideRounded(5, 10)).toBe(1);
    expect(divideRounded(4, 10)).toBe(0);
    expect(divideRounded(-5, 10)).toBe(-1);
    expect(divideRounded(15, 10)).toBe(2);
  });

  it('extracts VAT contained in a VAT-inclusive amount', () => {
    // 120,00 with 20 % → 20,00 of VAT; 110,00 with 10 % → 10,00; 122,00 with 22 % → 22,00.
    expect(vatOf(12000, 20, true)).toBe(2000);
    expect(vatOf(11000, 10, true)).toBe(1000);
    expect(vatOf(12200, 22, true)).toBe(2200);
    // 100,00 with 22 % inside: 100 × 22 / 122 = 18,032… → 18,03.
    expect(vatOf(10000, 22, true)).toBe(1803);
    expect(vatOf(5, 10, true)).toBe(0);
    expect(vatOf(6, 10, true)).toBe(1);
  });

  it('adds VAT on top of a VAT-exclusive amount', () => {
    expect(vatOf(10000, 20, false)).toBe(2000);
    expect(vatOf(333, 22, false)).toBe(73); // 73,26 → 73
    expect(vatOf(25, 10, false)).toBe(3); // 2,5 → 3
  });

  it('line totals agree with themselves', () => {
    const inclusive = lineTotals({ priceKopecks: 15143, quantity: 6, vatRate: 10 }, true);
    expect(inclusive).toEqual({ amountKopecks: 90858, netKopecks: 90858 - 8260, vatKopecks: 8260, grossKopecks: 90858 });
    const exclusive = lineTotals({ priceKopecks: 15143, quantity: 6, vatRate: 20 }, false);
    expect(exclusive).toEqual({ amountKopecks: 90858, netKopecks: 90858, vatKopecks: 18172, grossKopecks: 90858 + 18172 });
  });

  it('breaks an order down by rate, rounding per line, and the parts sum to the whole', () => {
    const lines = [
      { priceKopecks: 333, quantity: 1, vatRate: 22 as const },
      { priceKopecks: 333, quantity: 1, vatRate: 22 as const },
      { priceKopecks: 333, quantity: 1, vatRate: 22 as const },
      { priceKopecks: 15143, quantity: 6, vatRate: 10 as const },
      { priceKopecks: 9900, quantity: 2, vatRate: 0 as const },
    ];
    const totals = orderTotals(lines, true);
    expect(totals.byRate.map((r) => r.rate)).toEqual([0, 10, 22]);
    // 333 × 22 / 122 = 60,05 → 60 per line, three lines → 180 (one rounding per rate would give 180,15 → 180 too)
    expect(totals.byRate[2]).toEqual({ rate: 22, netKopecks: 999 - 180, vatKopecks: 180, grossKopecks: 999 });
    expect(totals.byRate[0]).toEqual({ rate: 0, netKopecks: 19800, vatKopecks: 0, grossKopecks: 19800 });
    expect(totals.vatKopecks).toBe(totals.byRate.reduce((s, r) => s + r.vatKopecks, 0));
    expect(totals.grossKopecks).toBe(999 + 90858 + 19800);
    expect(totals.netKopecks + totals.vatKopecks).toBe(totals.grossKopecks);
  });

  it('per-line rounding can differ from per-rate rounding, and both are available', () => {
    // Exclusive 22 %: each 0,25 line has 0,055 VAT → 0,06 per line (3 lines: 0,18), per rate 0,75 × 22 % = 0,165 → 0,17.
    const lines = Array.from({ length: 3 }, () => ({ priceKopecks: 25, quantity: 1, vatRate: 22 as const }));
    expect(orderTotals(lines, false).vatKopecks).toBe(18);
    expect(vatPerRateTotal(lines, false).get(22)).toBe(17);
  });
});

describe('formatMoney', () => {
  it('formats Russian and English amounts', () => {
    expect(formatMoney(123456, 'ru')).toBe('1\u00a0234,56');
    expect(formatMoney(123456, 'en')).toBe('1,234.56');
    expect(formatMoney(5, 'ru')).toBe('0,05');
    expect(formatMoney(-100000050, 'en')).toBe('−1,000,000.50');
  });
});
