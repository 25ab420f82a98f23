/** Table tests of the point rules: periods in China time, points per source, caps, the account fold, tallies, ranks, target. */
import { addToCaps, applyCaps, applyEntry, DEFAULT_POINT_RULES as R, emptyAccount, makeCode, pointsFor, rank, tallyKeys, targetProgress } from '../../cloudfunctions/core/points';
import { periodsOf } from '../../cloudfunctions/core/calendar';
import type { LedgerEntry, LedgerSourceType, PointAccount } from '../../types/points';

const at = (iso: string) => new Date(iso);

test.each([
  ['2026-11-23T15:59:59Z', '2026-11-23', '2026-11', '2026'],
  ['2026-11-23T16:00:00Z', '2026-11-24', '2026-11', '2026'],
  ['2026-12-31T16:30:00Z', '2027-01-01', '2027-01', '2027'],
  ['2026-02-28T23:00:00+08:00', '2026-02-28', '2026-02', '2026'],
])('periodsOf(%s) is China time: %s %s %s', (iso, day, month, year) => {
  expect(periodsOf(at(iso))).toEqual({ day, month, year });
});

test.each([
  ['service', 1.5, 15],
  ['service', 0.5, 5],
  ['wish', 1, 30],
  ['activity', 2.5, 25],
  ['checkIn', 0, 5],
] as const)('pointsFor(%s, %s h) = %s', (source, hours, points) => {
  expect(pointsFor(source, hours, R)).toBe(points);
});

describe('applyCaps: what is left under the day and month caps, never negative', () => {
  const now = at('2026-11-23T10:00:00+08:00');
  /** Counters holding `dayPoints` on `day` and `monthPoints` in `month`. */
  const acct = (day: string, dayPoints: number, month: string, monthPoints: number) => ({ capDays: { [day]: dayPoints }, capMonths: { [month]: monthPoints } });
  test.each([
    ['a new account', null, 40, 40],
    ['room today', acct('2026-11-23', 50, '2026-11', 50), 40, 40],
    ['the day cap cuts', acct('2026-11-23', 80, '2026-11', 80), 40, 20],
    ['the day is full', acct('2026-11-23', 100, '2026-11', 100), 40, 0],
    ['yesterday does not count today', acct('2026-11-22', 100, '2026-11', 200), 40, 40],
    ['the month cap cuts', acct('2026-11-22', 100, '2026-11', 480), 40, 20],
    ['the month is full', acct('2026-11-20', 10, '2026-11', 500), 40, 0],
    ['last month does not count', acct('2026-10-31', 100, '2026-10', 500), 40, 40],
    ['over a cap already (rules lowered)', acct('2026-11-23', 150, '2026-11', 150), 40, 0],
    ['a negative amount passes through', acct('2026-11-23', 100, '2026-11', 500), -10, -10],
    ['a later day posted first does not free today', { capDays: { '2026-11-23': 90, '2026-11-25': 5 }, capMonths: { '2026-11': 95 } }, 40, 10],
    ['an earlier month posted later counts on its own month', { capDays: { '2026-10-02': 5 }, capMonths: { '2026-10': 5, '2026-11': 480 } }, 40, 20],
    ['before the kept window: nothing can be checked, nothing granted', acct('2027-02-05', 5, '2027-02', 5), 40, 0],
  ])('%s', (_name, account, requested, granted) => {
    expect(applyCaps(requested, account, R, now)).toBe(granted);
  });
});

function entry(type: LedgerSourceType, points: number, hours: number, iso: string): Pick<LedgerEntry, 'points' | 'hours' | 'source' | 'day' | 'month' | 'year' | 'at'> {
  return { points, hours, source: { type, id: 'x', label: 'x' }, ...periodsOf(at(iso)), at: at(iso) };
}

describe('applyEntry: the account after an entry', () => {
  const start = emptyAccount('p', '张伟', 'c-dongjie', 'unit-renshe', at('2026-01-01T00:00:00Z'));
  test('earning sources add to the balance, earned, hours, period totals and cap counters', () => {
    let a: PointAccount = applyEntry(start, entry('service', 15, 1.5, '2026-11-23T10:00:00+08:00'));
    a = applyEntry(a, entry('activity', 20, 2, '2026-11-23T15:00:00+08:00'));
    expect(a).toMatchObject({ balance: 35, earned: 35, hours: 3.5, entries: 2, capDays: { '2026-11-23': 35 }, capMonths: { '2026-11': 35 } });
    expect(a.years['2026']).toEqual({ points: 35, hours: 3.5 });
    expect(a.months['2026-11']).toEqual({ points: 35, hours: 3.5 });
    a = applyEntry(a, entry('checkIn', 5, 0, '2026-11-24T09:00:00+08:00'));
    expect(a).toMatchObject({ capDays: { '2026-11-23': 35, '2026-11-24': 5 }, capMonths: { '2026-11': 40 } });
  });
  test('a manual award earns but is not capped; a reversal earns negatively', () => {
    let a = applyEntry(start, entry('award', 30, 0, '2026-11-23T10:00:00+08:00'));
    expect(a).toMatchObject({ balance: 30, earned: 30, capDays: {}, capMonths: {} });
    a = applyEntry(a, entry('reversal', -30, 0, '2026-11-23T11:00:00+08:00'));
    expect(a).toMatchObject({ balance: 0, earned: 0, years: { '2026': { points: 0, hours: 0 } } });
  });
  test('redeem and refund move only the balance', () => {
    let a = applyEntry(start, entry('award', 30, 0, '2026-11-23T10:00:00+08:00'));
    a = applyEntry(a, entry('redeem', -10, 0, '2026-11-23T11:00:00+08:00'));
    expect(a).toMatchObject({ balance: 20, earned: 30, years: { '2026': { points: 30 } } });
    a = applyEntry(a, entry('refund', 10, 0, '2026-11-23T12:00:00+08:00'));
    expect(a).toMatchObject({ balance: 30, earned: 30, entries: 3 });
  });
});

describe('addToCaps: counters by each entry’s own day and month, in any posting order', () => {
  const e = (points: number, iso: string) => ({ points, ...periodsOf(at(iso)) });
  const posted = [e(40, '2026-11-23T10:00:00+08:00'), e(5, '2026-10-02T10:00:00+08:00'), e(60, '2026-11-23T20:00:00+08:00'), e(5, '2026-09-01T10:00:00+08:00'), e(30, '2026-12-01T09:00:00+08:00'), e(5, '2026-08-03T09:00:00+08:00')];
  const fold = (list: typeof posted) => list.reduce((c, x) => addToCaps(c, x), addToCaps({}, { points: 0, day: '', month: '' }));
  test('every order gives the same counters; months before the window are dropped', () => {
    const want = { capDays: { '2026-10-02': 5, '2026-11-23': 100, '2026-12-01': 30 }, capMonths: { '2026-10': 5, '2026-11': 100, '2026-12': 30 } };
    expect(fold(posted)).toEqual(want);
    expect(fold([...posted].reverse())).toEqual(want);
    expect(fold([...posted].sort((a, b) => a.day.localeCompare(b.day)))).toEqual(want);
  });
  test('an out-of-order posting never lets a day exceed the cap', () => {
    // Today first (100, the cap), then a back-dated 双报到, then more of today: the day stays at 100.
    let c = addToCaps({}, e(100, '2026-11-23T10:00:00+08:00'));
    c = addToCaps(c, e(applyCaps(5, c, R, at('2026-10-02T10:00:00+08:00')), '2026-10-02T10:00:00+08:00'));
    const granted = applyCaps(25, c, R, at('2026-11-23T21:00:00+08:00'));
    expect(granted).toBe(0);
    expect(addToCaps(c, e(granted, '2026-11-23T21:00:00+08:00')).capDays['2026-11-23']).toBe(100);
  });
});

test.each([
  ['service', 'c-dongjie', 'unit-renshe', ['community_c-dongjie_2026-11', 'community_c-dongjie_2026', 'unit_unit-renshe_2026-11', 'unit_unit-renshe_2026']],
  ['checkIn', 'c-dongjie', null, ['community_c-dongjie_2026-11', 'community_c-dongjie_2026']],
  ['reversal', null, 'unit_x', ['unit_unit_x_2026-11', 'unit_unit_x_2026']],
  ['redeem', 'c-dongjie', 'unit-renshe', []],
  ['refund', 'c-dongjie', 'unit-renshe', []],
] as const)('tallyKeys(%s in %s / %s)', (type, communityId, unitId, keys) => {
  expect(tallyKeys({ source: { type, id: 'x', label: '' }, communityId, unitId, month: '2026-11', year: '2026' })).toEqual(keys);
});

test('rank: by points, then hours; equal figures share a rank; zero rows left out; limited', () => {
  const rows = rank(
    {
      a: { name: '甲', points: 30, hours: 3 },
      b: { name: '乙', points: 50, hours: 1 },
      c: { name: '丙', points: 30, hours: 3 },
      d: { name: '丁', points: 30, hours: 2 },
      e: { name: '戊', points: 0, hours: 0 },
    },
    10,
  );
  expect(rows.map((r) => r.rank)).toEqual([1, 2, 2, 4]);
  expect(rows[0].openid).toBe('b');
  expect(new Set(rows.slice(1, 3).map((r) => r.openid))).toEqual(new Set(['a', 'c']));
  expect(rows[3].openid).toBe('d');
  expect(rows.map((r) => r.openid)).not.toContain('e');
  expect(rank({ a: { name: '甲', points: 1, hours: 0 }, b: { name: '乙', points: 2, hours: 0 } }, 1).map((r) => r.openid)).toEqual(['b']);
});

test.each([
  [0, 20, 0, false],
  [10, 20, 0.5, false],
  [20, 20, 1, true],
  [26, 20, 1, true],
  [5, 0, 1, true],
])('targetProgress(%s h of %s h) = %s', (hours, target, progress, met) => {
  expect(targetProgress(hours, { yearlyHourTarget: target })).toEqual({ hours: target, progress, met });
});

test('makeCode uses no look-alike characters', () => {
  let i = 0;
  const code = makeCode(40, () => (i++ % 31) / 31);
  expect(code).toHaveLength(40);
  expect(code).not.toMatch(/[01OIL]/);
});
