/**
 * Cloud function `notify`: runs on a timer trigger (every minute), queues the reminders to rate
 * that are due (3 and 7 days after 验收) and sends the queued subscribe messages. Not an API: any call but the platform's timer trigger
 * (lib/cloud `isTimerTrigger`) is refused.
 */
import { isTimerTrigger } from '../lib/cloud';
import { drain } from './drain';
import { remindToRate } from './rate-reminders';

export async function main(): Promise<unknown> {
  if (!isTimerTrigger()) return { ok: false, error: { code: 'FORBIDDEN', message: '此功能由系统定时运行' } };
  const now = new Date();
  // Reminders due are queued first, so this same run sends them.
  const reminded = await remindToRate(now);
  return { ok: true, data: { ...(await drain(now)), reminded } };
}
