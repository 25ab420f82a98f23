/**
 * Visit reminders (subscribe messages): the `visits` function's timer finds key households whose
 * due window has opened and that were not reminded for it, takes each with a compare-and-set (so
 * two runs never remind twice) and tells its visitors. One reminder per window: a visit, a return
 * visit owed or a new care level opens a new window and clears `reminded`.
 */
import type { KeyHousehold } from '../../types/visits';
import { _, cloud, db } from '../lib/cloud';
import { KEY } from './store';
import { templateId } from '../lib/templates';

export const REMINDER_TEMPLATES = {
  visitDue: { id: 'TPL_VISIT_DUE', title: '包户走访提醒' },
  returnDue: { id: 'TPL_RETURN_VISIT_DUE', title: '回访提醒' },
} as const;

const PAGE = 'packages/visits/household/index';

/** `YYYY-MM-DD` of a time, China time. */
function chinaDate(t: Date | string): string {
  return new Date(new Date(t).getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

export async function sendReminders(now: Date, batch = 50): Promise<{ households: number; sent: number; failed: number }> {
  const due = (
    await db.collection(KEY).where({ active: true, reminded: false, nextDueFrom: _.lte(now) }).orderBy('nextDueFrom', 'asc').limit(batch).get<KeyHousehold>()
  ).data;
  let households = 0;
  let sent = 0;
  let failed = 0;
  for (const h of due) {
    const taken = await db.collection(KEY).where({ _id: h._id, version: h.version }).update({ data: { reminded: true, version: _.inc(1) } });
    if (taken.stats.updated !== 1) continue; // changed meanwhile: the next run decides again
    households++;
    const tpl = h.returnsDue.length ? REMINDER_TEMPLATES.returnDue : REMINDER_TEMPLATES.visitDue;
    for (const v of h.visitors) {
      try {
        await cloud.openapi.subscribeMessage.send({
          touser: v.openid,
          templateId: templateId(tpl.id),
          page: `${PAGE}?id=${h._id}`,
          // The address and the date only: nothing about what the household is.
          data: { thing1: { value: tpl.title }, thing2: { value: h.address.slice(0, 20) }, date3: { value: chinaDate(h.nextDueBy) } },
        } as never);
        sent++;
      } catch (err) {
        // Most often the visitor has not subscribed to this template: nothing to retry.
        console.warn(`[visits] reminder → ${v.openid} not sent`, err);
        failed++;
      }
    }
  }
  return { households, sent, failed };
}
