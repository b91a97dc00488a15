import { describe, expect, it } from 'vitest';
import { daysBetween, isCalendarDate, suggestQuantity, type OrderHistoryEntry } from '../../shared/suggestions';

const weekly = (dates: string[], quantity: number): OrderHistoryEntry[] => dates.map((date) => ({ date, quantity }));

describe('suggested quantities', () => {
  it('a weekly item: the same weekly quantity for a delivery a week after the last one', () => {
    // 48 every Monday in November; used up at 144 / 21 days; 7 days to cover.
    const history = weekly(['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23'], 48);
    expect(suggestQuantity({ history, targetDate: '2026-11-30', today: '2026-11-27', packMultiple: 12, minOrderQuantity: 0 })).toEqual({
      quantity: 48,
      averageQuantity: 48,
      averageIntervalDays: 7,
      orderCount: 4,
      lastOrderedOn: '2026-11-23',
      daysSinceLast: 4,
    });
  });

  it('a weekly item ordered for a later delivery: rate × days, rounded up to the pack', () => {
    const history = weekly(['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23'], 48);
    // 144 × 10 / 21 = 68.6 → packs of 12 → 72.
    expect(suggestQuantity({ history, targetDate: '2026-12-03', packMultiple: 12, minOrderQuantity: 0 })?.quantity).toBe(72);
  });

  it('pack rounding: 40 a week in packs of 12 gives 48, and the minimum lifts a small need', () => {
    const history = weekly(['2026-11-02', '2026-11-09', '2026-11-16'], 40);
    expect(suggestQuantity({ history, targetDate: '2026-11-23', packMultiple: 12, minOrderQuantity: 0 })?.quantity).toBe(48);
    // 80 / 14 × 1 day = 5.7 → one pack of 6, but the minimum is 24.
    expect(suggestQuantity({ history, targetDate: '2026-11-17', packMultiple: 6, minOrderQuantity: 24 })?.quantity).toBe(24);
  });

  it('an item ordered once recently: the same quantity again, rounded to the pack', () => {
    const history = [{ date: '2026-11-10', quantity: 20 }];
    expect(suggestQuantity({ history, targetDate: '2026-11-30', packMultiple: 6, minOrderQuantity: 0 })).toEqual({
      quantity: 24,
      averageQuantity: 20,
      averageIntervalDays: null,
      orderCount: 1,
      lastOrderedOn: '2026-11-10',
      daysSinceLast: 20,
    });
    // 60 days is still recent; 61 is not.
    expect(suggestQuantity({ history, targetDate: '2027-01-09', packMultiple: 1, minOrderQuantity: 0 })?.quantity).toBe(20);
    expect(suggestQuantity({ history, targetDate: '2027-01-10', packMultiple: 1, minOrderQuantity: 0 })).toBeNull();
  });

  it('an item ordered once long ago: nothing', () => {
    expect(
      suggestQuantity({ history: [{ date: '2026-08-01', quantity: 10 }], targetDate: '2026-11-30', packMultiple: 1, minOrderQuantity: 0 }),
    ).toBeNull();
  });

  it('an item not ordered for months is dormant: nothing, however regular it was', () => {
    const history = weekly(['2026-05-11', '2026-05-18', '2026-05-25', '2026-06-01'], 24);
    expect(suggestQuantity({ history, targetDate: '2026-11-30', packMultiple: 6, minOrderQuantity: 0 })).toBeNull();
    // A monthly item 50 days after its last order is not dormant (less than 3 intervals of 30 days).
    const monthly = weekly(['2026-08-01', '2026-08-31', '2026-09-30'], 30);
    // 60 / 60 days × 50 days = 50 → packs of 10 → 50.
    expect(suggestQuantity({ history: monthly, targetDate: '2026-11-19', packMultiple: 10, minOrderQuantity: 0 })?.quantity).toBe(50);
    // A twice-weekly item 20 days on is past 3 intervals but not past 28 days: still proposed.
    const often = weekly(['2026-11-01', '2026-11-04', '2026-11-08', '2026-11-11'], 12);
    // 36 / 10 days × 20 days = 72.
    expect(suggestQuantity({ history: often, targetDate: '2026-12-01', packMultiple: 12, minOrderQuantity: 0 })?.quantity).toBe(72);
  });

  it('an irregular item: the rate over the whole span, not the last interval', () => {
    const history = [
      { date: '2026-09-01', quantity: 30 },
      { date: '2026-09-15', quantity: 10 },
      { date: '2026-09-20', quantity: 50 },
      { date: '2026-10-10', quantity: 20 },
    ];
    // 90 used over 39 days; 14 days to cover: 90 × 14 / 39 = 32.3 → packs of 6 → 36.
    const proposal = suggestQuantity({ history, targetDate: '2026-10-24', packMultiple: 6, minOrderQuantity: 0 });
    expect(proposal).toMatchObject({ quantity: 36, averageQuantity: 27.5, averageIntervalDays: 13, orderCount: 4 });
  });

  it('orders for the same day count as one, and a date on or before the last order proposes nothing (never 0)', () => {
    const history = [
      { date: '2026-11-02', quantity: 12 },
      { date: '2026-11-02', quantity: 12 },
      { date: '2026-11-09', quantity: 24 },
    ];
    expect(suggestQuantity({ history, targetDate: '2026-11-16', packMultiple: 12, minOrderQuantity: 0 })).toMatchObject({
      quantity: 24,
      orderCount: 2,
    });
    expect(suggestQuantity({ history, targetDate: '2026-11-09', packMultiple: 12, minOrderQuantity: 0 })).toBeNull();
    expect(suggestQuantity({ history: [], targetDate: '2026-11-09', packMultiple: 1, minOrderQuantity: 0 })).toBeNull();
  });

  it('dates: whole days across months and the clock change, real calendar dates only', () => {
    expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2);
    expect(daysBetween('2026-12-30', '2027-01-02')).toBe(3);
    expect(daysBetween('2026-03-01', '2026-02-27')).toBe(-2);
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
  });
});
