/**
 * Visit reminders (subscribe messages): the `visits` function's timer finds key households whose
 * due window has opened and that were not reminded for it, takes each with a compare-and-set (so
 * two runs never remind twice) and tells its visitors through the one sender (lib/messages.ts).
 * One reminder per window: a visit, a return visit owed or a new care level opens a new window and
 * clears `reminded`.
 */
import { dayOf } from '../core/calendar';
import type { KeyHousehold } from '../../types/visits';
import { sendMessages, type Message } from '../lib/messages';
import { dueForReminder, takeReminder } from './store';

export const REMINDER_TEMPLATES = {
  visitDue: { id: 'TPL_VISIT_DUE', title: '包户走访提醒' },
  returnDue: { id: 'TPL_RETURN_VISIT_DUE', title: '回访提醒' },
} as const;

const PAGE = 'packages/visits/household/index';

/** One visitor's reminder: the address and the date only, nothing about what the household is. */
function reminder(h: KeyHousehold, touser: string): Message {
  const template = h.returnsDue.length ? REMINDER_TEMPLATES.returnDue : REMINDER_TEMPLATES.visitDue;
  return {
    touser,
    template,
    page: `${PAGE}?id=${h._id}`,
    data: { thing1: { value: template.title }, thing2: { value: h.address.slice(0, 20) }, date3: { value: dayOf(h.nextDueBy) } },
  };
}

export async function sendReminders(now: Date, batch = 50): Promise<{ households: number; sent: number; failed: number }> {
  let households = 0;
  let sent = 0;
  let failed = 0;
  for (const h of await dueForReminder(now, batch)) {
    if (!(await takeReminder(h))) continue; // changed meanwhile: the next run decides again
    households++;
    const result = await sendMessages(h.visitors.map((v) => reminder(h, v.openid)));
    sent += result.sent;
    failed += result.failed;
  }
  return { households, sent, failed };
}
