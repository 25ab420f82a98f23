/**
 * Visit schedules as tables: the due window of each care level around its boundaries, 敲门未遇 not
 * resetting it, back-dated visits, China days whatever the server's time zone, return visits.
 */
import { applyVisit, CARE_LEVELS, dueStatus, dueWindow, householdDueStatus, oweReturn, returnVisitDue, schedule, visitTimeProblem, type Schedule } from '../../cloudfunctions/core/visits';
import { chinaDayEnd, chinaDayStart } from '../../cloudfunctions/core/calendar';
import type { CareLevel, DueStatus } from '../../types/visits';

/** A time written in China time. */
const cst = (s: string) => new Date(`${s}+08:00`);
const MS = 1;

/** Monday 2 November 2026, 15:00 in China: the last contact of every case below. */
const LAST = cst('2026-11-02T15:00:00');

describe('care levels come from configuration', () => {
  test('weekly, fortnightly, monthly intervals with a window before each end', () => {
    expect(CARE_LEVELS).toEqual({
      weekly: { intervalDays: 7, windowDays: 3 },
      fortnightly: { intervalDays: 14, windowDays: 4 },
      monthly: { intervalDays: 30, windowDays: 7 },
    });
  });
});

describe('due and overdue around the boundaries of each interval (last contact Mon 2 Nov, 15:00)', () => {
  // level, the window opens (00:00 that day), the window closes (end of that day)
  const WINDOWS: [CareLevel, string, string][] = [
    ['weekly', '2026-11-06', '2026-11-09'],
    ['fortnightly', '2026-11-12', '2026-11-16'],
    ['monthly', '2026-11-25', '2026-12-02'],
  ];
  const cases = WINDOWS.flatMap(([level, opens, closes]) => {
    const open = cst(`${opens}T00:00:00`);
    const close = cst(`${closes}T23:59:59.999`);
    return [
      [level, 'the day of the visit', LAST, 'notDue'],
      [level, 'a millisecond before the window opens', new Date(open.getTime() - MS), 'notDue'],
      [level, 'when the window opens', open, 'due'],
      [level, 'the last millisecond of the window', close, 'due'],
      [level, 'a millisecond later', new Date(close.getTime() + MS), 'overdue'],
      [level, 'a month later', new Date(close.getTime() + 30 * 86_400_000), 'overdue'],
    ] as [CareLevel, string, Date, DueStatus][];
  });

  test.each(cases)('%s: %s → %s', (level, _label, now, expected) => {
    expect(dueStatus(dueWindow(level, LAST, cst('2026-10-01T09:00:00')), now)).toBe(expected);
  });

  test.each(WINDOWS)('%s: the window is [%s 00:00, %s 24:00) China time', (level, opens, closes) => {
    const w = dueWindow(level, LAST, cst('2026-10-01T09:00:00'));
    expect(w.dueFrom).toEqual(cst(`${opens}T00:00:00`));
    expect(w.dueBy).toEqual(cst(`${closes}T23:59:59.999`));
  });
});

describe('a household never visited', () => {
  test.each([
    ['weekly', '2026-11-09'],
    ['fortnightly', '2026-11-16'],
    ['monthly', '2026-12-02'],
  ] as [CareLevel, string][])('%s: due from marking, overdue after %s', (level, lastDay) => {
    const marked = cst('2026-11-02T15:00:00');
    const w = dueWindow(level, null, marked);
    expect(dueStatus(w, marked)).toBe('due');
    expect(w.dueBy).toEqual(cst(`${lastDay}T23:59:59.999`));
    expect(dueStatus(w, cst(`${lastDay}T23:59:59.999`))).toBe('due');
    expect(dueStatus(w, new Date(cst(`${lastDay}T23:59:59.999`).getTime() + 1))).toBe('overdue');
  });
});

describe('days are China days, whatever the server runs in', () => {
  test('a visit at 00:30 China time (16:30 UTC the day before) counts from the China day', () => {
    const w = dueWindow('weekly', cst('2026-11-03T00:30:00'), LAST);
    expect(w.dueBy).toEqual(cst('2026-11-10T23:59:59.999'));
    expect(chinaDayStart(cst('2026-11-03T00:30:00'))).toEqual(cst('2026-11-03T00:00:00'));
    expect(chinaDayEnd(cst('2026-11-02T23:59:00'))).toEqual(cst('2026-11-02T23:59:59.999'));
  });
});

/** A weekly household marked 1 Oct, last contact Mon 2 Nov 15:00. */
function weekly(extra: Partial<Schedule> = {}): Schedule {
  return { ...schedule('weekly', cst('2026-10-01T09:00:00'), LAST, LAST, [], []), ...extra };
}

describe('what a visit changes', () => {
  const cases: [string, { at: Date; outcome: 'contact' | 'noContact' }, { dueBy: string; lastContact: Date; onTime: boolean | null }][] = [
    ['敲门未遇 inside the window: nothing moves', { at: cst('2026-11-08T10:00:00'), outcome: 'noContact' }, { dueBy: '2026-11-09', lastContact: LAST, onTime: null }],
    ['敲门未遇 when overdue: still overdue', { at: cst('2026-11-11T10:00:00'), outcome: 'noContact' }, { dueBy: '2026-11-09', lastContact: LAST, onTime: null }],
    ['contact inside the window: a week from that day, on time', { at: cst('2026-11-08T10:00:00'), outcome: 'contact' }, { dueBy: '2026-11-15', lastContact: cst('2026-11-08T10:00:00'), onTime: true }],
    ['contact early (before the window): on time, from that day', { at: cst('2026-11-04T10:00:00'), outcome: 'contact' }, { dueBy: '2026-11-11', lastContact: cst('2026-11-04T10:00:00'), onTime: true }],
    ['contact on the last evening: on time', { at: cst('2026-11-09T23:59:59.999'), outcome: 'contact' }, { dueBy: '2026-11-16', lastContact: cst('2026-11-09T23:59:59.999'), onTime: true }],
    ['contact the day after: late', { at: cst('2026-11-10T08:00:00'), outcome: 'contact' }, { dueBy: '2026-11-17', lastContact: cst('2026-11-10T08:00:00'), onTime: false }],
    ['a back-dated contact older than the last one: the schedule stays', { at: cst('2026-11-01T10:00:00'), outcome: 'contact' }, { dueBy: '2026-11-09', lastContact: LAST, onTime: true }],
  ];
  test.each(cases)('%s', (_label, visit, expected) => {
    const e = applyVisit(weekly(), { ...visit, returnForDemandId: null });
    expect(new Date(e.schedule.dueBy)).toEqual(cst(`${expected.dueBy}T23:59:59.999`));
    expect(e.schedule.lastContactAt).toEqual(expected.lastContact);
    expect(e.onTime).toBe(expected.onTime);
  });

  test('敲门未遇 records the attempt as the last visit, and does not reset the due date', () => {
    const e = applyVisit(weekly(), { at: cst('2026-11-10T09:00:00'), outcome: 'noContact', returnForDemandId: null });
    expect(e.schedule.lastVisitAt).toEqual(cst('2026-11-10T09:00:00'));
    expect(householdDueStatus(e.schedule, cst('2026-11-10T09:00:01'))).toBe('overdue');
  });
});

describe('return visits (回访)', () => {
  const resolved = cst('2026-11-04T16:00:00');
  const owed = returnVisitDue('d1', 'facilities', resolved);

  test('owed within 7 days of the resolution, due from it, and it pulls the next due window forward', () => {
    expect(owed.dueBy).toEqual(cst('2026-11-11T23:59:59.999'));
    const s = oweReturn(weekly(), owed)!;
    expect(s.returnsDue).toEqual([owed]);
    expect(s.nextDueFrom).toEqual(resolved);
    expect(s.nextDueBy).toEqual(cst('2026-11-09T23:59:59.999')); // the regular window still ends first
    expect(householdDueStatus(s, cst('2026-11-04T17:00:00'))).toBe('due');
  });

  test('owed once: not again while owed, nor after it was made', () => {
    const s = oweReturn(weekly(), owed)!;
    expect(oweReturn(s, owed)).toBeNull();
    expect(oweReturn(weekly({ returnsDone: ['d1'] }), owed)).toBeNull();
  });

  test('a contact visit for it closes it; 敲门未遇 or a visit for another demand does not', () => {
    const s = oweReturn(weekly(), owed)!;
    const at = cst('2026-11-05T10:00:00');
    expect(applyVisit(s, { at, outcome: 'noContact', returnForDemandId: 'd1' }).schedule.returnsDue).toEqual([owed]);
    expect(applyVisit(s, { at, outcome: 'contact', returnForDemandId: 'd2' }).closesReturn).toBeNull();
    const done = applyVisit(s, { at, outcome: 'contact', returnForDemandId: 'd1' });
    expect(done.closesReturn).toBe('d1');
    expect(done.schedule.returnsDue).toEqual([]);
    expect(done.schedule.returnsDone).toEqual(['d1']);
    expect(done.schedule.nextDueFrom).toEqual(cst('2026-11-09T00:00:00'));
  });

  test('an overdue return visit makes the household overdue', () => {
    const s = oweReturn(weekly({ ...schedule('monthly', cst('2026-10-01T09:00:00'), LAST, LAST, [], []) }), owed)!;
    expect(householdDueStatus(s, cst('2026-11-12T00:00:00'))).toBe('overdue');
  });
});

describe('when a visit may be recorded', () => {
  const now = cst('2026-11-10T12:00:00');
  test.each([
    ['now', now, null],
    ['a minute ahead (clock skew)', new Date(now.getTime() + 60_000), null],
    ['an hour ahead', new Date(now.getTime() + 3600_000), '走访时间不能晚于现在'],
    ['7 days back', new Date(now.getTime() - 7 * 86_400_000), null],
    ['8 days back', new Date(now.getTime() - 8 * 86_400_000), '只能补记 7 天内的走访'],
  ] as [string, Date, string | null][])('%s', (_label, at, problem) => {
    expect(visitTimeProblem(at, now)).toBe(problem);
  });
});
