/**
 * Working-day deadlines as tables of hand-computed dates, with China's real table (chinese-days
 * 1.5.7, the edge's lib/sla.ts). Rule: the day of dispatch is not counted; the Nth workday after it
 * ends at 24:00 China time; 紧急 counts clock hours. The dates were counted by hand from the State
 * Council's notices as the package holds them:
 * 2025 春节 1-28…2-4 off, 1-26 (Sun) and 2-8 (Sat) worked; 2025 国庆 10-1…10-8 off, 9-28 (Sun) and
 * 10-11 (Sat) worked; 2026 春节 2-15…2-23 off, 2-14 (Sat) and 2-28 (Sat) worked; 2026 国庆 10-1…10-7
 * off, 9-20 (Sun) and 10-10 (Sat) worked.
 */
import chineseDays from 'chinese-days';
import { deadlines, DEFAULT_SLA } from '../../cloudfunctions/core/sla';
import { addWorkdays, covers, isWorkday, WEEKENDS_ONLY } from '../../cloudfunctions/core/workdays';
import fs from 'node:fs';
import path from 'node:path';
import { chineseWorkdays, PUBLISHED_YEARS, slaGrades } from '../../cloudfunctions/lib/sla';
import type { Urgency } from '../../types/dispatch';

const TABLE = chineseWorkdays();
const RULES = { grades: DEFAULT_SLA, calendar: TABLE };
/** China time, as people say it. */
const cst = (s: string) => new Date(`${s}+08:00`);
/** The end of a China day. */
const endOf = (day: string) => cst(`${day}T23:59:59.999`);

describe('the table', () => {
  test.each([
    ['2025-01-26', true, '调休 Sunday before 春节'],
    ['2025-01-28', false, '春节'],
    ['2025-02-04', false, '春节, a Tuesday'],
    ['2025-02-08', true, '调休 Saturday after 春节'],
    ['2025-10-08', false, '国庆, a Wednesday'],
    ['2025-10-11', true, '调休 Saturday after 国庆'],
    ['2026-02-14', true, '调休 Saturday before 春节'],
    ['2026-02-23', false, '春节, a Monday'],
    ['2026-02-28', true, '调休 Saturday after 春节'],
    ['2026-09-20', true, '调休 Sunday before 国庆'],
    ['2026-10-10', true, '调休 Saturday after 国庆'],
    ['2026-11-07', false, 'an ordinary Saturday'],
    ['2026-11-09', true, 'an ordinary Monday'],
  ])('%s is a workday: %s (%s)', (day, work) => {
    expect(isWorkday(TABLE, day)).toBe(work);
  });

  test('agrees with the package’s own answer on every day of 2025 and 2026', () => {
    const differ: string[] = [];
    for (let t = Date.UTC(2025, 0, 1, 12); t < Date.UTC(2027, 0, 1); t += 86_400_000) {
      const day = new Date(t).toISOString().slice(0, 10);
      if (isWorkday(TABLE, day) !== chineseDays.isWorkday(day)) differ.push(day);
    }
    expect(differ).toEqual([]);
  });

  test('every year the pinned package publishes from the first loaded one is loaded (a bump adds its year)', () => {
    const dir = path.resolve(__dirname, '../../node_modules/chinese-days/dist/years');
    const published = fs.readdirSync(dir).filter((f) => /^\d{4}\.json$/.test(f)).map((f) => Number(f.slice(0, 4)));
    const expected = published.filter((y) => y >= TABLE.firstYear).sort();
    expect(PUBLISHED_YEARS.map((y) => Number(Object.keys(y.holidays)[0].slice(0, 4)))).toEqual(expected);
    expect(TABLE.lastYear).toBe(Math.max(...published));
  });

  test('a year the table does not cover counts weekends only, and says so', () => {
    expect(TABLE.lastYear).toBe(2026);
    expect(covers(TABLE, '2026-12-31')).toBe(true);
    expect(covers(TABLE, '2027-01-01')).toBe(false);
    expect(isWorkday(TABLE, '2027-01-01')).toBe(true); // 元旦 2027 is not published yet: a Friday
    expect(isWorkday(TABLE, '2027-01-02')).toBe(false);
    expect(isWorkday(WEEKENDS_ONLY, '2026-10-01')).toBe(true);
  });
});

describe('SLA deadlines across holidays and 调休 days', () => {
  test.each<[string, Urgency, string, string, string]>([
    // dispatched (China time), grade, accept by (end of day, or a clock time), finish by
    ['2025-01-27T10:00', 'normal', '2025-02-05', '2025-02-12', 'the eve of 春节 2025: counting starts after the holiday; 2-8 (Sat) counts'],
    ['2025-01-26T15:00', 'normal', '2025-01-27', '2025-02-11', 'on the 调休 Sunday: the next day is a workday'],
    ['2025-09-30T17:00', 'normal', '2025-10-09', '2025-10-16', 'the eve of 国庆 2025; 10-11 (Sat) counts'],
    ['2025-09-30T17:00', 'complex', '2025-10-09', '2025-10-28', '复杂: 15 working days'],
    ['2026-02-14T09:30', 'normal', '2026-02-24', '2026-03-03', 'on the 调休 Saturday before 春节 2026; 2-28 (Sat) counts'],
    ['2026-02-13T18:00', 'normal', '2026-02-14', '2026-03-02', 'a Friday evening: the 调休 Saturday is the first working day'],
    ['2026-02-14T00:10', 'normal', '2026-02-24', '2026-03-03', 'just after midnight China time (16:10 UTC the day before)'],
    ['2026-09-30T20:00', 'complex', '2026-10-08', '2026-10-27', 'the eve of 国庆 2026; 10-10 (Sat) counts'],
    ['2026-11-06T16:00', 'normal', '2026-11-09', '2026-11-17', 'a Friday afternoon: Monday is the first working day'],
    ['2026-11-07T11:00', 'normal', '2026-11-09', '2026-11-17', 'an ordinary Saturday: the same'],
    ['2026-12-31T10:00', 'normal', '2027-01-01', '2027-01-11', 'into 2027, not yet published: weekends only'],
  ])('%s %s → accept %s, finish %s (%s)', (at, urgency, acceptDay, finishDay) => {
    const d = deadlines(urgency, cst(at), null, RULES);
    expect(d.acceptBy).toEqual(endOf(acceptDay));
    expect(d.finishBy).toEqual(endOf(finishDay));
  });

  test('紧急 counts clock hours, holiday or not', () => {
    const d = deadlines('urgent', cst('2026-10-01T10:00'), null, RULES);
    expect(d).toEqual({ acceptBy: cst('2026-10-01T12:00'), finishBy: cst('2026-10-02T10:00') });
  });

  test('a staff deadline may only be earlier than the grade, and never before the accept time', () => {
    const at = cst('2026-11-06T16:00');
    expect(deadlines('normal', at, cst('2026-11-12T12:00'), RULES).finishBy).toEqual(cst('2026-11-12T12:00'));
    expect(deadlines('normal', at, cst('2026-12-31T12:00'), RULES).finishBy).toEqual(endOf('2026-11-17'));
    expect(deadlines('normal', at, cst('2026-11-07T12:00'), RULES).finishBy).toEqual(endOf('2026-11-09'));
  });

  test('counts only whole working days', () => {
    expect(() => addWorkdays(TABLE, cst('2026-11-06T16:00'), 0)).toThrow(RangeError);
    expect(() => addWorkdays(TABLE, cst('2026-11-06T16:00'), 1.5)).toThrow(RangeError);
  });
});

describe('the grades from deploy configuration', () => {
  test('defaults: 紧急 2 h / 24 h; 一般 1 / 7 工作日; 复杂 1 / 15 工作日', () => {
    expect(slaGrades(undefined)).toEqual({
      urgent: { accept: { hours: 2 }, finish: { hours: 24 } },
      normal: { accept: { workdays: 1 }, finish: { workdays: 7 } },
      complex: { accept: { workdays: 1 }, finish: { workdays: 15 } },
    });
  });
  test('JINLIN_SLA replaces the grades it names', () => {
    const grades = slaGrades('{"normal":{"accept":{"hours":4},"finish":{"workdays":5}}}');
    expect(grades.normal).toEqual({ accept: { hours: 4 }, finish: { workdays: 5 } });
    expect(grades.complex).toEqual(DEFAULT_SLA.complex);
  });
  test.each(['{"normal":{"accept":{"days":1},"finish":{"workdays":5}}}', '{"rush":{}}', '{"urgent":{"accept":{"hours":0},"finish":{"hours":1}}}', 'not json'])(
    'an invalid table is refused: %s',
    (json) => {
      expect(() => slaGrades(json)).toThrow();
    },
  );
});
