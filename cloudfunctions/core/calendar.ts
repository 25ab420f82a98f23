/**
 * The county's calendar: China Standard Time (UTC+8, no daylight saving) whatever the server's
 * time zone. Days, months and years as the field counts them (a day's points cap, a scorecard
 * month, a yearly hour target, a visit's due window). Pure: every instant is passed in.
 */

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
const CST = 8 * HOUR;

/** China-time calendar parts of an instant: `YYYY-MM-DD`, `YYYY-MM`, `YYYY`. */
export function periodsOf(at: Date | string): { day: string; month: string; year: string } {
  const cst = new Date(new Date(at).getTime() + CST);
  const year = String(cst.getUTCFullYear());
  const month = `${year}-${String(cst.getUTCMonth() + 1).padStart(2, '0')}`;
  return { day: `${month}-${String(cst.getUTCDate()).padStart(2, '0')}`, month, year };
}

/** `YYYY-MM-DD` of an instant, China time. */
export const dayOf = (at: Date | string): string => periodsOf(at).day;

/** `YYYY-MM` of an instant, China time (the scorecard month). */
export const monthOf = (at: Date | string): string => periodsOf(at).month;

/** The month after `month` (`YYYY-MM`). */
export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** The month `n` months before `month` (`YYYY-MM`). */
export function monthsBefore(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const i = y * 12 + (m - 1) - n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/** The month of `now` and the next one: the per-month documents a write this month or next may touch. */
export function currentAndNextMonth(now: Date): [string, string] {
  const month = monthOf(now);
  return [month, nextMonth(month)];
}

/** Midnight (China time) of the day `t` falls on. */
export function chinaDayStart(t: Date): Date {
  return new Date(Math.floor((t.getTime() + CST) / DAY) * DAY - CST);
}

/** The last millisecond of the China day that is `days` after the day of `t`. */
export function chinaDayEnd(t: Date, days = 0): Date {
  return new Date(chinaDayStart(t).getTime() + (days + 1) * DAY - 1);
}
