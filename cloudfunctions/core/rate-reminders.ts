/**
 * Reminders to rate (请评价): a demand waiting for its resident's rating is reminded 3 days after it
 * came to wait, and once more at 7 days — never more, and never rated for them: an unrated demand
 * stays 待评价 and counts as unrated (the 三率's 满意率 counts only ratings given). Pure: the
 * `notify` timer finds what is due and records each reminder with a compare-and-set.
 */
import type { Demand, RateReminder } from '../../types/dispatch';

/** Days after 验收 (or the community's own 办结) at which the resident is reminded. */
export const RATE_REMINDER_DAYS = [3, 7] as const;

const DAY = 24 * 3600_000;

const dueAt = (since: Date | string, n: number): Date | null =>
  n < RATE_REMINDER_DAYS.length ? new Date(new Date(since).getTime() + RATE_REMINDER_DAYS[n] * DAY) : null;

/**
 * The reminder state after a transition: a fresh round when the demand comes to wait for its
 * rating, none once it no longer waits, the same otherwise (a step that does not move the demand
 * leaves the field exactly as it was).
 */
export function rateReminderAfter(before: Demand, after: Demand, now: Date): RateReminder | null | undefined {
  if (after.status === 'verified') return before.status === 'verified' ? before.rateReminder : { since: now, sent: 0, nextAt: dueAt(now, 0) };
  return before.rateReminder ? null : before.rateReminder;
}

/** Whether a reminder is due now. */
export function rateReminderDue(d: Pick<Demand, 'status' | 'rateReminder'>, now: Date): boolean {
  const r = d.rateReminder;
  return d.status === 'verified' && !!r && r.nextAt !== null && new Date(r.nextAt) <= now;
}

/** The state once the due reminder was sent: the next one's time, or none after the last. */
export function afterReminder(r: RateReminder): RateReminder {
  const sent = r.sent + 1;
  return { since: r.since, sent, nextAt: dueAt(r.since, sent) };
}
