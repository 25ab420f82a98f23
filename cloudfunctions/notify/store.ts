/** The notify function's reads and writes: the queue of jobs (collection `notifications`) and who receives them. */
import type { NotificationJob, Recipient } from '../core/demand';
import type { User } from '../../types/domain';
import { _, db } from '../lib/cloud';
import type { Data } from '../lib/database';

const JOBS = 'notifications';

/** Pending jobs, oldest first. */
export async function pendingJobs(batch: number): Promise<NotificationJob[]> {
  return (await db.collection(JOBS).where({ status: 'pending' }).orderBy('createdAt', 'asc').limit(batch).get<NotificationJob>()).data;
}

/** Takes a job with a compare-and-set (pending → sending): false when another drain took it first. */
export async function takeJob(id: string): Promise<boolean> {
  return (await db.collection(JOBS).where({ _id: id, status: 'pending' }).update({ data: { status: 'sending' } })).stats.updated === 1;
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
