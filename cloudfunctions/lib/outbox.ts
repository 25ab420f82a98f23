/**
 * At-least-once messages for the steps of wishes, projects and posts (#10): a step's messages are
 * written as one job of the notify timer's queue (collection `notifications`) INSIDE the step's
 * transaction, so the state change and its messages are stored together or not at all; the timer
 * sends them (notify/drain.ts), each once by its key. The job's `_id` is unique to the step (the
 * entity and its version after the step), so a transaction run again writes the same job.
 */
import type { NotificationJob } from '../core/demand';
import type { Transaction } from './database';
import type { Message } from './messages';

export const JOBS = 'notifications';

/** Writes `messages` as one pending job `key` in the transaction `t`; nothing when there are none. */
export async function queueMessages(t: Transaction, key: string, messages: Message[], now: Date): Promise<void> {
  if (!messages.length) return;
  const job: Omit<NotificationJob, '_id'> = { ready: messages, status: 'pending', createdAt: now, takenAt: null };
  await t.collection(JOBS).doc(key).set({ data: job });
}
