/**
 * Subscribe messages go through a queue: a dispatch step enqueues one job (a single write in the
 * step's budget, dispatch/store.ts) and this function, on a timer, resolves recipients and sends
 * through the one sender (lib/messages.ts). A message that fails is recorded on its job and never
 * undoes the step.
 */
import type { NotificationJob, NotifyTemplate, Recipient } from '../core/demand';
import type { User } from '../../types/domain';
import { _, db } from '../lib/cloud';
import type { Data } from '../lib/database';
import { sendMessages, type Message, type Template } from '../lib/messages';


/** Subscribe-message templates: placeholders, each replaced by its real id from the environment (./templates.ts). */
export const TEMPLATES: Record<NotifyTemplate, Template> = {
  newDispatch: { id: 'TPL_NEW_DISPATCH', title: '新派单待接单' },
  accepted: { id: 'TPL_ACCEPTED', title: '派单已被接单' },
  rejected: { id: 'TPL_REJECTED', title: '派单被退回' },
  claimConfirmed: { id: 'TPL_CLAIM', title: '认领成功' },
  sentBack: { id: 'TPL_SENT_BACK', title: '任务被退回重办' },
  pleaseRate: { id: 'TPL_PLEASE_RATE', title: '请评价办理结果' },
  escalated: { id: 'TPL_ESCALATED', title: '诉求已吹哨上报' },
};

const DETAIL_PAGE = 'packages/dispatch/detail/index';

async function recipients(to: Recipient): Promise<string[]> {
  if ('openid' in to) return [to.openid];
  let where: Data;
  if ('liaisonsOf' in to) where = { roles: _.elemMatch({ role: 'liaison', unitId: _.in(to.liaisonsOf) }) };
  else if ('staffOf' in to) where = { roles: _.elemMatch({ role: _.in(['staff', 'secretary']), communityId: to.staffOf }) };
  else where = { 'roles.role': 'admin' };
  const users = (await db.collection('users').where(where).field({ _id: true }).limit(100).get<Pick<User, '_id'>>()).data;
  return users.map((u) => u._id);
}

/** Sends pending jobs, oldest first. Each job is taken with a compare-and-set, so two drains never send one twice. */
export async function drain(now: Date, batch = 20): Promise<{ jobs: number; sent: number; failed: number }> {
  const pending = (await db.collection('notifications').where({ status: 'pending' }).orderBy('createdAt', 'asc').limit(batch).get<NotificationJob>()).data;
  let sent = 0;
  let failed = 0;
  let jobs = 0;
  for (const job of pending) {
    const taken = await db.collection('notifications').where({ _id: job._id!, status: 'pending' }).update({ data: { status: 'sending' } });
    if (taken.stats.updated !== 1) continue;
    jobs++;
    const messages: Message[] = [];
    for (const m of job.messages) {
      const template = TEMPLATES[m.template];
      for (const touser of await recipients(m.to)) {
        messages.push({ touser, template, page: `${DETAIL_PAGE}?id=${job.demandId}`, data: { thing1: { value: template.title }, thing2: { value: job.text } } });
      }
    }
    const { sent: jobSent, failed: jobFailed } = await sendMessages(messages);
    await db.collection('notifications').doc(job._id!).update({ data: { status: 'sent', sentAt: now, sent: jobSent, failed: jobFailed } });
    sent += jobSent;
    failed += jobFailed;
  }
  return { jobs, sent, failed };
}
