/**
 * The reminders to rate: each minute, demands waiting for their rating whose reminder is due (3
 * and 7 days after 验收) get one queued message each. A reminder is taken by a compare-and-set, so
 * however often and however many times at once this runs, a round has at most its two reminders.
 * It never rates and never closes: an unrated demand stays 待评价 and counts as unrated.
 */
import { afterReminder, rateReminderDue } from '../core/rate-reminders';
import { dueRateReminders, takeRateReminder } from './store';

export async function remindToRate(now: Date, batch = 50): Promise<number> {
  let queued = 0;
  for (const d of await dueRateReminders(now, batch)) {
    if (!rateReminderDue(d, now)) continue;
    if (await takeRateReminder(d, afterReminder(d.rateReminder!), now)) queued++;
  }
  return queued;
}
