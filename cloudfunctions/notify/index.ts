/**
 * Cloud function `notify`: runs on a timer trigger (every minute) and sends the queued subscribe
 * messages. Not an API: any call but the platform's timer trigger
 * (lib/cloud `isTimerTrigger`) is refused.
 */
import { isTimerTrigger } from '../lib/cloud';
import { drain } from './drain';

export async function main(): Promise<unknown> {
  if (!isTimerTrigger()) return { ok: false, error: { code: 'FORBIDDEN', message: '此功能由系统定时运行' } };
  return { ok: true, data: await drain(new Date()) };
}
