/**
 * Working days (工作日) in China, as data: the State Council's yearly table of public holidays and
 * make-up workdays (调休上班) is passed in (built at the edge from the `chinese-days` package), so
 * this stays pure and testable with any table.
 *
 * "N 工作日 from an instant t" follows the rule for periods in the Civil Code (民法典 art. 201–203),
 * which 12345 接诉即办 applies to its 工作日 limits ("自受理之日起 N 个工作日内"): the day t falls on is
 * not counted, whether it is a workday or not; counting starts with the next workday; the period
 * ends at 24:00 (China time) of the Nth workday. So an item dispatched on Friday at 16:00 with one
 * working day is due at the end of Monday, as is one dispatched on Saturday or on Sunday; an item
 * dispatched on the eve of 国庆 counts from the first workday after the holiday. Whole days, not
 * the clock time of dispatch: the unit gets the whole last day, and every deadline of a day is the
 * same instant, which staff can read and say on the phone ("下周一下班前").
 *
 * Outside the years the table covers (a year not yet published), Monday to Friday are workdays and
 * weekends are not — no holiday is known there; `covers` tells whether a day was decided by the table.
 */
import { chinaDayEnd, chinaDayStart, DAY, dayOf } from './calendar';

export interface WorkdayTable {
  /** First and last year (China calendar) the table was published for, inclusive. */
  firstYear: number;
  lastYear: number;
  /** `YYYY-MM-DD` of the days off: public holidays, including those that fall on a weekday. */
  holidays: ReadonlySet<string>;
  /** `YYYY-MM-DD` of the weekend days that are workdays (调休上班). */
  workdays: ReadonlySet<string>;
}

/** A table that knows no year: weekends only. */
export const WEEKENDS_ONLY: WorkdayTable = { firstYear: 0, lastYear: -1, holidays: new Set(), workdays: new Set() };

/** Whether the table decides this day (`YYYY-MM-DD`), rather than the weekends-only rule. */
export function covers(table: WorkdayTable, day: string): boolean {
  const year = Number(day.slice(0, 4));
  return year >= table.firstYear && year <= table.lastYear;
}

/** Whether a China day (`YYYY-MM-DD`) is a workday. */
export function isWorkday(table: WorkdayTable, day: string): boolean {
  if (covers(table, day)) {
    if (table.workdays.has(day)) return true;
    if (table.holidays.has(day)) return false;
  }
  // The weekday of a calendar date, whatever the server's zone: noon UTC of that date.
  const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
  return weekday >= 1 && weekday <= 5;
}

/** The end (last millisecond, China time) of the Nth workday after the day of `at` (N ≥ 1). */
export function addWorkdays(table: WorkdayTable, at: Date, n: number): Date {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`workdays must be a whole number ≥ 1, got ${n}`);
  // Noon of each following day: one calendar day further whatever the clock of `at`.
  let noon = new Date(chinaDayStart(at).getTime() + DAY / 2);
  let left = n;
  while (left > 0) {
    noon = new Date(noon.getTime() + DAY);
    if (isWorkday(table, dayOf(noon))) left--;
  }
  return chinaDayEnd(noon);
}
