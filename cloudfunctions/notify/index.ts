/**
 * Cloud function `notify`: runs on a timer trigger (every minute), finishes the effects of steps
 * a crash left half done (the repair pass, lib/effects.ts), queues the reminders to rate
 * that are due (3 and 7 days after 验收) and sends the queued subscribe messages. Not an API: any call but the platform's timer trigger
 * (lib/cloud `isTimerTrigger`) is refused.
 */
import { isTimerTrigger } from '../lib/cloud';
import { repairPending } from '../lib/effects';
import { drain } from './drain';
import { remindToRate } from './rate-reminders';

export async function main(): Promise<unknown> {
  if (!isTimerTrigger()) return { ok: false, error: { code: 'FORBIDDEN', message: '此功能由系统定时运行' } };
  const now = new Date();
  // Effects a dying request left recorded on its demand are finished first (lib/effects.ts), and
  // reminders due are queued, so this same run sends their messages.
  const repaired = await repairPending(now);
  const reminded = await remindToRate(now);
  return { ok: true, data: { ...(await drain(now)), reminded, repaired } };
}
