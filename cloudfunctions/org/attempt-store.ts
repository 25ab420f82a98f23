/** org: counting tries of a code per person (collection `attempts`), so codes cannot be guessed: the reads and writes, and the refusal once none are left. */
import type { AttemptCounter, AttemptKind } from '../../types/admin';
import { afterAttempt, attemptsLeft, retryAt, type AttemptRule, type AttemptState } from '../core/attempts';
import { MINUTE } from '../core/calendar';
import { db } from '../lib/cloud';
import { AppError } from '../lib/errors';
import { inTransaction } from '../lib/retry';

const ATTEMPTS = 'attempts';
const idOf = (kind: AttemptKind, openid: string) => `${kind}_${openid}`;

function limited(state: AttemptState, rule: AttemptRule, now: Date): AppError {
  const minutes = Math.max(1, Math.ceil((retryAt(state, rule).getTime() - now.getTime()) / MINUTE));
  return new AppError('RATE_LIMITED', `尝试次数过多，请 ${minutes} 分钟后再试`);
}

/** Refuses when the person has no tries left (one read). */
export async function requireTriesLeft(kind: AttemptKind, openid: string, rule: AttemptRule, now: Date): Promise<void> {
  const state = (await db.collection(ATTEMPTS).doc(idOf(kind, openid)).get<AttemptCounter>()).data;
  if (attemptsLeft(state, now, rule) <= 0) throw limited(state!, rule, now);
}

/**
 * Counts one try, refusing when none are left. A transaction, so that racing tries by the same
 * person are counted one after another and never all pass on the same stale count.
 */
export async function countTry(kind: AttemptKind, openid: string, rule: AttemptRule, now: Date): Promise<void> {
  await inTransaction(async (t) => {
    const ref = t.collection(ATTEMPTS).doc(idOf(kind, openid));
    const state = (await ref.get<AttemptCounter>()).data;
    if (attemptsLeft(state, now, rule) <= 0) throw limited(state!, rule, now);
    await ref.set({ data: { kind, openid, ...afterAttempt(state, now, rule) } });
  });
}
