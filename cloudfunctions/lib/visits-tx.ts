/**
 * Transactions of the visits work: every change to a key household and what goes with it (its
 * care details, a pairing record, a visit, the demands from needs found, the month's coverage
 * counters) is written in ONE transaction, so no request leaves half of it behind.
 */
import type { RoleGrant } from '../../types/domain';
import type { Transaction } from './database';
import { db, isTransactionConflict } from './cloud';
import { refuse } from './errors';

/** Whoever acts, as the rules need them (from the caller's user record). */
export interface Person {
  openid: string;
  name: string;
  phone: string;
  roles: RoleGrant[];
}

const CONFLICT_RETRIES = 4;

/**
 * Runs `fn` in a transaction. A write conflict inside it (another request changing the same
 * household at that moment) is not retried by CloudBase; every step here re-reads and decides
 * again, so retrying is safe.
 */
export async function inTransaction<T>(fn: (t: Transaction) => Promise<T>, conflictMessage: string): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.runTransaction(fn);
    } catch (e) {
      if (!isTransactionConflict(e)) throw e;
      if (attempt >= CONFLICT_RETRIES) throw refuse.conflict(conflictMessage);
    }
  }
}
