/**
 * Subscribe messages go through a queue: a dispatch step records one job with its other effects
 * (lib/effects.ts), a step of wishes, projects or posts writes its job in its own transaction
 * (lib/outbox.ts), and this function, on a timer, resolves recipients and sends
 * through the one sender (lib/messages.ts). A message that fails is counted on its job and never
 * undoes the step.
 */
import type { NotificationJob, NotifyTemplate } from '../core/demand';
import { sendMessages, type Message, type Template } from '../lib/messages';
import { createHash } from 'node:crypto';
import { markMessageSent, markSent, pendingJobs, recipients, takeJob } from './store';

/** Subscribe-message templates: placeholders, each replaced by its real id from the environment (lib/templates.ts). */
export const TEMPLATES: Record<NotifyTemplate, Template> = {
  newDispatch: { id: 'TPL_NEW_DISPATCH', title: '新派单待接单' },
  accepted: { id: 'TPL_ACCEPTED', title: '派单已被接单' },
  rejected: { id: 'TPL_REJECTED', title: '派单被退回' },
  claimConfirmed: { id: 'TPL_CLAIM', title: '认领成功' },
  sentBack: { id: 'TPL_SENT_BACK', title: '任务被退回重办' },
  pleaseRate: { id: 'TPL_PLEASE_RATE', title: '请评价办理结果' },
  escalated: { id: 'TPL_ESCALATED', title: '诉求已吹哨，请协调' },
  extensionAsked: { id: 'TPL_EXTENSION_ASKED', title: '单位申请延期待审核' },
  extensionDecided: { id: 'TPL_EXTENSION_DECIDED', title: '延期申请已审核' },
  urged: { id: 'TPL_URGED', title: '超期诉求催办' },
  supervised: { id: 'TPL_SUPERVISED', title: '诉求已列入督办' },
  returnedToSecretary: { id: 'TPL_RETURNED', title: '居民再次不满意，请书记研判' },
  // The resident's (asked for in the submit tap, src/services/subscriptions.ts): 已受理 one template
  // for both ways the community takes a demand up, 已办结, and 请评价 with its two reminders.
  residentHandled: { id: 'TPL_RECEIVED', title: '已受理，由社区自办' },
  residentDispatched: { id: 'TPL_RECEIVED', title: '已受理，已派单给结对单位' },
  residentWorkDone: { id: 'TPL_WORK_DONE', title: '已办结，社区验收后请评价' },
  rateReminder: { id: 'TPL_PLEASE_RATE', title: '您还未评价，请评价办理结果' },
};

const DETAIL_PAGE = 'packages/dispatch/detail/index';

/** A message's idempotency key within its job: its template and recipient (a field name, so hashed). */
export const messageKey = (template: string, touser: string): string => createHash('sha256').update(`${template}\n${touser}`).digest('hex').slice(0, 16);

/**
 * A job's messages by key: a dispatch job's, one per template and recipient (its recipients
 * resolved now); a ready job's (wishes, projects, posts) as written, keyed by place, template and
 * recipient.
 */
async function messagesOf(job: NotificationJob): Promise<Map<string, Message>> {
  const out = new Map<string, Message>();
  for (const m of job.messages ?? []) {
    const template = TEMPLATES[m.template];
    for (const touser of await recipients(m.to)) {
      const key = messageKey(m.template, touser);
      if (!out.has(key)) out.set(key, { touser, template, page: `${DETAIL_PAGE}?id=${job.demandId}`, data: { thing1: { value: template.title }, thing2: { value: job.text ?? '' } } });
    }
  }
  (job.ready ?? []).forEach((m, i) => out.set(messageKey(`${i}:${m.template.id}`, m.touser), m));
  return out;
}

/**
 * Sends pending jobs, oldest first, and jobs left `sending` by a drain that died (after their
 * lease). Each job is taken with a compare-and-set, so two drains never send one at once; each
 * message is recorded under its key once sent, so a job taken again sends only what was not
 * (at least once, and once per key but for a crash between the platform's answer and the record).
 */
export async function drain(now: Date, batch = 20): Promise<{ jobs: number; sent: number; failed: number }> {
  let jobs = 0;
  let sent = 0;
  let failed = 0;
  for (const job of await pendingJobs(batch, now)) {
    if (!(await takeJob(job, now))) continue;
    jobs++;
    // A job taken again counts what its first drain sent before dying (its message keys).
    const already = Object.keys(job.done ?? {}).length;
    const counts = { sent: already, failed: 0 };
    for (const [key, message] of await messagesOf(job)) {
      if (job.done?.[key]) continue;
      const one = await sendMessages([message]);
      if (one.sent) await markMessageSent(job._id!, key);
      counts.sent += one.sent;
      counts.failed += one.failed;
    }
    await markSent(job._id!, now, counts);
    sent += counts.sent - already;
    failed += counts.failed;
  }
  return { jobs, sent, failed };
}
