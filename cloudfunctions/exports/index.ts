/**
 * Cloud function `exports`: exports to .xlsx in chunks (start → continue … → download), the
 * caller's list, and 月报 — the monthly report pack, on demand (county admin) and from the timer.
 */
import { isTimerTrigger } from '../lib/cloud';
import { createFunction } from '../lib/router';
import { download, list, next, start } from './jobs';
import { runPack, timerRun } from './pack';

const fn = createFunction('exports', { start, continue: next, list, download, runPack }, { limits: { start: 'create' } });

export async function main(event: Record<string, unknown>): Promise<unknown> {
  if (isTimerTrigger()) {
    try {
      return { ok: true, data: await timerRun(new Date()) };
    } catch (e) {
      console.error('[exports.timer]', e);
      return { ok: false, error: { code: 'INTERNAL', message: '服务暂时不可用，请稍后再试' } };
    }
  }
  return fn.main(event);
}

export const describe = fn.describe;
