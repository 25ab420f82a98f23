/**
 * One retry policy for everything that can lose a race: transactions (a write conflict inside
 * one is not retried by CloudBase, PLATFORM.md) and compare-and-set loops. Each attempt re-reads
 * and decides again, so retrying is safe; refusals (AppError) pass through at once.
 */
import { db, isDuplicateWrite, isTransactionConflict } from './cloud';
import type { Transaction } from './database';
import { AppError, refuse } from './errors';

/** Attempts before giving up under contention. */
export const ATTEMPTS = 16;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A short, growing, jittered pause, so racing requests spread out instead of colliding again. */
const backoff = (attempt: number) => sleep(Math.random() * Math.min(200, 4 * 2 ** attempt));

export interface RetryOptions {
  /** The refusal's message when every attempt lost (CONFLICT). */
  conflictMessage?: string;
  /**
   * Also retry when a write hit a unique key that a racing request wrote first (fixed `_id`s):
   * the next attempt reads that document and decides with it.
   */
  duplicates?: boolean;
  /** Attempts before giving up (default ATTEMPTS); 1 for best-effort work that a timer finishes. */
  attempts?: number;
}

const BUSY = '当前操作的人较多，请稍后重试';

/** Runs `fn` in a transaction, the whole of it again on a conflict (up to ATTEMPTS). */
export async function inTransaction<T>(fn: (t: Transaction) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.runTransaction(fn, 1);
    } catch (e) {
      if (e instanceof AppError) throw e;
      if (!isTransactionConflict(e) && !(options.duplicates && isDuplicateWrite(e))) throw e;
      if (attempt >= (options.attempts ?? ATTEMPTS)) throw refuse.conflict(options.conflictMessage ?? BUSY);
      await backoff(attempt);
    }
  }
}

/**
 * A compare-and-set loop: `attempt` loads, decides and writes conditionally, returning undefined
 * when another request changed the document first; it is then run again on fresh data.
 */
export async function untilSaved<T>(attempt: () => Promise<T | undefined>, options: Pick<RetryOptions, 'conflictMessage'> & { attempts?: number } = {}): Promise<T> {
  const attempts = options.attempts ?? ATTEMPTS;
  for (let n = 1; n <= attempts; n++) {
    const done = await attempt();
    if (done !== undefined) return done;
    if (n < attempts) await backoff(n);
  }
  throw refuse.conflict(options.conflictMessage ?? BUSY);
}
