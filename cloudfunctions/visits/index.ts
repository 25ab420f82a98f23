/**
 * Cloud function `visits`: Pillar 3 — 敲门行动. Key households, pairing, visit records, return
 * visits, coverage, the sensitive-read log. Also runs on a timer trigger (no caller) to send
 * visit reminders.
 */
import { isTimerTrigger } from '../lib/cloud';
import { createFunction } from '../lib/router';
import { sendReminders } from './reminders';
import { buildingHouseholds, detail, list, listVisits, markKey, unmarkKey, updateKey } from './households';
import { pair, unpair, visitorCandidates } from './pairing';
import { recordVisit } from './record';
import { coverage, sensitiveReads } from './reports';

const fn = createFunction('visits', {
  markKey,
  updateKey,
  unmarkKey,
  list,
  detail,
  listVisits,
  buildingHouseholds,
  visitorCandidates,
  pair,
  unpair,
  recordVisit,
  coverage,
  sensitiveReads,
}, {
  limits: { markKey: 'create', recordVisit: 'create' },
});

/** Only the platform's timer trigger sends reminders; from anyone else the event is an ordinary, unknown action. */
function isTimer(event: Record<string, unknown>): boolean {
  return event?.Type === 'Timer' && isTimerTrigger();
}

export async function main(event: Record<string, unknown>): Promise<unknown> {
  if (isTimer(event)) return { ok: true, data: await sendReminders(new Date()) };
  return fn.main(event);
}
export const describe = fn.describe;
