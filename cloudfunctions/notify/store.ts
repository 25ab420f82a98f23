/** The notify function's reads and writes: the queue of jobs (collection `notifications`), who receives them, and the reminders to rate. */
import type { NotificationJob, Recipient } from '../core/demand';
import type { Demand, RateReminder } from '../../types/dispatch';
import type { User } from '../../types/domain';
import { _, db, isDuplicateWrite } from '../lib/cloud';
import type { Data } from '../lib/database';
import { JOBS } from '../lib/outbox';

/** How long a drain holds a job it took: a job still `sending` after that was left by a crash. */
export const LEASE_MS = 5 * 60_000;

/** Jobs to send, oldest first: pending ones, and ones whose drain died while sending (lease expired). */
export async function pendingJobs(batch: number, now: Date): Promise<NotificationJob[]> {
  const stale = new Date(now.getTime() - LEASE_MS);
  const where = _.or([{ status: 'pending' }, { status: 'sending', takenAt: _.lt(stale) }]);
  return (await db.collection(JOBS).where(where as Data).orderBy('createdAt', 'asc').limit(batch).get<NotificationJob>()).data;
}

/**
 * Takes a job with a compare-and-set on its status and when it was last taken: false when another
 * drain took it first. A job taken again after its lease keeps the messages it already sent (`done`).
 */
export async function takeJob(job: NotificationJob, now: Date): Promise<boolean> {
  const res = await db
    .collection(JOBS)
    .where({ _id: job._id, status: job.status, takenAt: job.takenAt ?? null })
    .update({ data: { status: 'sending', takenAt: now } });
  return res.stats.updated === 1;
}

/** Records one message as sent under its key, so a job taken again never sends it twice. */
export async function markMessageSent(id: string, key: string): Promise<void> {
  await db.collection(JOBS).doc(id).update({ data: { [`done.${key}`]: true } });
}

/** Records how the job's messages went; a job is sent once, whatever failed. */
export async function markSent(id: string, now: Date, counts: { sent: number; failed: number }): Promise<void> {
  await db.collection(JOBS).doc(id).update({ data: { status: 'sent', sentAt: now, ...counts } });
}

/** The openids a recipient stands for: a person, a unit's liaisons, a community's staff and secretary, a town's officials, the county. */
export async function recipients(to: Recipient): Promise<string[]> {
  if ('openid' in to) return [to.openid];
  let where: Data;
  if ('liaisonsOf' in to) where = { roles: _.elemMatch({ role: 'liaison', unitId: _.in(to.liaisonsOf) }) };
  else if ('townOf' in to) where = { roles: _.elemMatch({ role: 'town', townId: to.townOf }) };
  else if ('staffOf' in to) where = { roles: _.elemMatch({ role: _.in(['staff', 'secretary']), communityId: to.staffOf }) };
  else where = { 'roles.role': 'admin' };
  const users = (await db.collection('users').where(where).field({ _id: true }).limit(100).get<Pick<User, '_id'>>()).data;
  return users.map((u) => u._id);
}

// ---- reminders to rate ---------------------------------------------------------------------------

/** Demands waiting for their rating whose next reminder is due (indexed: status, rateReminder.nextAt). */
export async function dueRateReminders(now: Date, batch: number): Promise<Demand[]> {
  return (
    await db
      .collection('demands')
      .where({ status: 'verified', 'rateReminder.nextAt': _.lte(now) })
      .orderBy('rateReminder.nextAt', 'asc')
      .limit(batch)
      .get<Demand>()
  ).data;
}

/**
 * Records one reminder with a compare-and-set on how many were sent — false when another run took
 * it or the resident rated meanwhile — and then queues its message under a key of its own, so no
 * run can queue it twice.
 */
export async function takeRateReminder(d: Demand, next: RateReminder, now: Date): Promise<boolean> {
  const sent = d.rateReminder!.sent;
  const res = await db
    .collection('demands')
    .where({ _id: d._id, status: 'verified', 'rateReminder.sent': sent })
    .update({ data: { rateReminder: _.set(next) } });
  if (res.stats.updated !== 1) return false;
  const job: NotificationJob = {
    _id: `rate_${d._id}_${d.reopenCount}_${next.sent}`,
    demandId: d._id,
    text: d.text.slice(0, 20),
    messages: [{ template: 'rateReminder', to: { openid: d.submitter.openid } }],
    status: 'pending',
    createdAt: now,
    takenAt: null,
  };
  try {
    await db.collection(JOBS).add({ data: job });
  } catch (e) {
    if (!isDuplicateWrite(e)) throw e;
  }
  return true;
}
