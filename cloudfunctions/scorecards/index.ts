/**
 * Cloud function `scorecards`: a daily timer that opens this month's and next month's counter
 * documents — 三率 scorecards and points leaderboards — for every community and unit, and removes
 * the queues' overdue buckets back at 0. A step then only ever updates an existing document, so
 * the first dispatch or point of a month costs the same writes as any other (no "update found
 * nothing, add" round). Not an API: any call but the platform's timer trigger (lib/cloud
 * `isTimerTrigger`) is refused.
 */
import { isTimerTrigger } from '../lib/cloud';
import { removeExpiredCounters } from '../lib/rate-limit';
import { openScorecards } from './open';
import { pruneQueueBuckets } from './prune';

export async function main(): Promise<unknown> {
  if (!isTimerTrigger()) return { ok: false, error: { code: 'FORBIDDEN', message: '此功能由系统定时运行' } };
  const now = new Date();
  const data = await openScorecards(now);
  // The night's housekeeping: rate-limit counters of ended windows (lib/rate-limit.ts), and the
  // queues' overdue buckets back at 0 (./prune.ts).
  await removeExpiredCounters(now);
  const pruned = await pruneQueueBuckets();
  return { ok: true, data: { ...data, pruned } };
}
