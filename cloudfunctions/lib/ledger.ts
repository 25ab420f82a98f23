/**
 * The points ledger (积分明细): every change of a person's points or hours is one entry, appended
 * together with the cached account IN ONE TRANSACTION, so the cache can never disagree with the
 * ledger except by a bug that `reconcile` would report. The leaderboard tallies are shared by a
 * whole community, so they are not in it: the transaction records the entry's increment under the
 * entry's own key and the increment is folded after the commit or by the timer (lib/tallies.ts).
 *
 * - An entry's `_id` is its source key (`demand_<demandId>_<openid>`, `redeem_<redemptionId>` …):
 *   the database refuses a second entry for the same source, so retries and races award once.
 * - Entries are never updated or removed. A correction is a reversing entry with its own key.
 * - A balance never goes below 0: the transaction reads the account and refuses.
 * - Only single-document operations inside transactions (CloudBase's rule); a write conflict
 *   (-501001, not retried by the SDK) is retried by lib/retry's `inTransaction`, the one policy.
 */
import type { Effect } from '../core/demand';
import { applyCaps, applyEntry, emptyAccount, isCapped, pointsFor, serviceKey, type EntryDraft } from '../core/points';
import { periodsOf } from '../core/calendar';
import type { Demand } from '../../types/dispatch';
import type { User } from '../../types/domain';
import type { LedgerEntry, PointAccount, PointRules } from '../../types/points';
import { _, db } from './cloud';
import type { Transaction } from './database';
import { AppError } from './errors';
import { inTransaction } from './retry';
import { loadRules } from './points-rules';
import { addPending, foldTallies, pendingOf, type PendingTally } from './tallies';

export { TALLIES } from './tallies';
export const LEDGER = 'pointLedger';
export const ACCOUNTS = 'pointAccounts';

export type { EntryDraft };

export interface Posted {
  entry: LedgerEntry;
  account: PointAccount;
  /** False when the source had already been written: nothing changed. */
  created: boolean;
}

/** A transaction with the ledger's operations. */
export interface LedgerTx {
  t: Transaction;
  now: Date;
  /**
   * Appends the entry (once per key), updates the account and records the entry's leaderboard
   * increment (folded after the commit). `adjust` changes other
   * account fields in the same write (a redemption's per-item count). Throws INVALID_STATE when
   * the balance would go below 0.
   */
  post(draft: EntryDraft, adjust?: (a: PointAccount) => PointAccount): Promise<Posted>;
  /** The account as this transaction sees it (null: none yet). */
  account(openid: string): Promise<PointAccount | null>;
}

const BUSY = '当前操作的人较多，请稍后重试';

/**
 * Runs `fn` in a transaction on the one retry policy (lib/retry.ts), the whole of it again when
 * another writer holds or changed a document it touches, or wrote a source key first (the next
 * attempt then finds that entry and writes nothing). AppErrors (refusals) roll back and pass through.
 * After the commit, the entries' leaderboard increments are folded once, best effort: a fold lost
 * to another is left to the timer, so a post never waits on (or is refused for) the shared boards.
 */
export async function ledgerTransaction<T>(now: Date, fn: (tx: LedgerTx) => Promise<T>, rules?: PointRules): Promise<T> {
  let pending: PendingTally[] = [];
  const result = await inTransaction(
    (t) => {
      pending = []; // this attempt's, not a rolled-back one's
      return fn(ledgerTx(t, now, rules, pending));
    },
    { duplicates: true, conflictMessage: BUSY },
  );
  await foldTallies(pending, 1).catch(() => 0);
  return result;
}

/**
 * `rules`: the point rules when the caller has them already (else read when a capped entry needs
 * them). `pending`: collects the increments this attempt recorded.
 */
function ledgerTx(t: Transaction, now: Date, preloaded: PointRules | undefined, pending: PendingTally[]): LedgerTx {
  const accounts = new Map<string, PointAccount | null>();
  const account = async (openid: string) => {
    if (!accounts.has(openid)) accounts.set(openid, (await t.collection(ACCOUNTS).doc(openid).get<PointAccount>()).data);
    return accounts.get(openid)!;
  };
  return {
    t,
    now,
    account,
    async post(draft, adjust = (a) => a) {
      const existing = (await t.collection(LEDGER).doc(draft.key).get<LedgerEntry>()).data;
      const before = await account(draft.openid);
      if (existing) return { entry: existing, account: before ?? emptyAccount(draft.openid, draft.name, draft.home?.communityId ?? null, draft.home?.unitId ?? null, now), created: false };
      const base = before ?? emptyAccount(draft.openid, draft.name, draft.home?.communityId ?? null, draft.home?.unitId ?? null, now);
      const rules = isCapped(draft.source.type) ? (preloaded ?? (await loadRules())) : null;
      const points = rules ? applyCaps(draft.points, base, rules, now) : draft.points;
      const home = draft.home ?? { communityId: base.communityId, unitId: base.unitId };
      const spending = draft.source.type === 'redeem' || draft.source.type === 'refund';
      const entry: LedgerEntry = {
        _id: draft.key,
        openid: draft.openid,
        name: draft.name,
        points,
        requestedPoints: draft.points,
        hours: draft.hours,
        source: draft.source,
        reason: draft.reason,
        actor: draft.actor,
        actorName: draft.actorName,
        communityId: draft.communityId,
        unitId: draft.unitId,
        reverses: draft.reverses ?? null,
        // Where its 已兑换 counts, on the entry itself: reconcile recomputes it from here.
        ...(spending ? { home: { communityId: home.communityId, unitId: home.unitId } } : {}),
        at: now,
        ...periodsOf(now),
      };
      const after = adjust({ ...applyEntry(base, entry), name: draft.name, ...(draft.home ?? {}) });
      if (after.balance < 0) throw new AppError('INVALID_STATE', `积分不足：当前可用 ${base.balance} 分`);
      await t.collection(LEDGER).add({ data: entry });
      const { _id: _skip, ...fields } = after;
      await t.collection(ACCOUNTS).doc(draft.openid).set({ data: fields });
      accounts.set(draft.openid, after);
      const increment = pendingOf(entry);
      if (increment) {
        await addPending(t, increment);
        // A redemption's or refund's 已兑换 is the timer's to fold: the step writes one document more, not five.
        if (!increment.redeemed) pending.push(increment);
      }
      return { entry, account: after, created: true };
    },
  };
}

/** Posts one entry in its own transaction. */
export function postEntry(draft: EntryDraft, now: Date, rules?: PointRules): Promise<Posted> {
  return ledgerTransaction(now, (tx) => tx.post(draft), rules);
}

/**
 * Verified dispatch work: each member's reported hours, credited exactly once per demand and
 * member (the source key), whether staff verify twice or two verifications race. A fulfilled
 * 微心愿 earns its extra points too. Members are credited one after another (each its own
 * transaction of entry, account and pending increment).
 */
export async function creditServiceHours(effect: Extract<Effect, { kind: 'credit' }>, now: Date): Promise<void> {
  await creditMembers(effect, now);
}

/** creditServiceHours, saying how many entries it wrote. */
export async function creditMembers(effect: Extract<Effect, { kind: 'credit' }>, now: Date): Promise<number> {
  const [rules, demand, people] = await Promise.all([
    loadRules(),
    db.collection('demands').doc(effect.demandId).get<Demand>().then((r) => r.data),
    db
      .collection('users')
      .where({ _id: _.in(effect.members.map((m) => m.openid)) })
      .limit(effect.members.length)
      .get<User>()
      .then((r) => r.data),
  ]);
  const wish = demand?.kind === 'wish';
  const label = demand ? demand.text.slice(0, 20) : effect.demandId;
  let created = 0;
  for (const m of effect.members) {
    const person = people.find((p) => p._id === m.openid);
    const posted = await postEntry(
      {
        key: serviceKey(effect.demandId, m.openid, effect.round),
        openid: m.openid,
        name: m.name,
        points: pointsFor(wish ? 'wish' : 'service', m.hours, rules),
        hours: m.hours,
        source: { type: 'service', id: effect.demandId, label },
        reason: `${wish ? '微心愿' : '派单任务'}验收通过，服务 ${m.hours} 小时`,
        actor: 'system',
        actorName: '验收自动计入',
        communityId: effect.communityId,
        unitId: effect.unitId ?? person?.unitId ?? null,
        home: { communityId: person?.communityId ?? null, unitId: person?.unitId ?? null },
      },
      now,
      rules,
    );
    if (posted.created) created++;
  }
  return created;
}
