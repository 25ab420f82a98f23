/**
 * Rate-limit counters (collection `rateLimits`): one document per person, action and window
 * (`_id` = `<function>.<action>_<openid>_<window>`), so a counter expires by its key — a new window
 * is a new document and nothing ever resets one; `expireAt` lets a cleanup remove the old ones.
 *
 * Race-safe by a conditional increment: `where({ _id, count: < limit }).update(count + 1)` is one
 * single-document write that the database applies atomically, so however many calls race, at most
 * `limit` of them are counted in a window — never more (a lost race is refused, never admitted).
 *
 * Cost: an admitted call, one write. A refused call, that write (it matches nothing) and one read.
 * The first call of a window also creates the counter: one write, one read, one create (a create
 * lost to a racing first call is followed by one more increment).
 */
import { rateLimitedMessage, windowOf, type RateRule } from '../core/rate-limits';
import { _, db, isDuplicateWrite } from './cloud';
import { AppError } from './errors';

const RATE_LIMITS = 'rateLimits';

export interface RateCounter {
  _id: string;
  key: string;
  openid: string;
  count: number;
  /** When the window ends: the counter is of no use after it (cleanup, TTL). */
  expireAt: Date;
}

/**
 * Off only while the local cloud seeds its demo county and in test fixtures that file dozens of
 * demands as one person (`JINLIN_RATE_LIMITS=off`); the deploy never sets it.
 */
export const rateLimitsOff = (): boolean => process.env.JINLIN_RATE_LIMITS === 'off';

/** Counts one call of `key` (`<function>.<action>`) by `openid`; RATE_LIMITED when none are left. */
export async function countCall(key: string, openid: string, rule: RateRule, now: Date): Promise<void> {
  if (rateLimitsOff()) return;
  const { index, endsAt } = windowOf(now, rule);
  const _id = `${key}_${openid}_${index}`;
  const counters = db.collection(RATE_LIMITS);
  const increment = async () =>
    (await counters.where({ _id, count: _.lt(rule.limit) }).update({ data: { count: _.inc(1) } })).stats.updated === 1;

  if (await increment()) return;
  const existing = (await counters.doc(_id).get<RateCounter>()).data;
  // The counter exists and is full: refused. (Below the limit means it was created by a racing
  // first call after our increment missed it: count this call on it.)
  if (existing && existing.count >= rule.limit) throw limited(now, rule);
  if (!existing) {
    try {
      await counters.add({ data: { _id, key, openid, count: 1, expireAt: endsAt } });
      return;
    } catch (e) {
      if (!isDuplicateWrite(e)) throw e;
    }
  }
  if (await increment()) return;
  throw limited(now, rule);
}

/** Removes counters of windows that have ended (the nightly timer): they are never read again. */
export async function removeExpiredCounters(now: Date): Promise<number> {
  return (await db.collection(RATE_LIMITS).where({ expireAt: _.lt(now) }).remove()).stats.removed;
}

const limited = (now: Date, rule: RateRule) => new AppError('RATE_LIMITED', rateLimitedMessage(now, rule));
