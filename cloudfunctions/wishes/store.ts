/**
 * Every database read and write of the wishes function: a wish (alone, or with its community's
 * paired units in one $lookup request), a step saved in one transaction with its counts, ledger
 * entry and message job, the lists, and the counters.
 */
import { countsId, type WishFact, type WishTransition } from '../core/wish';
import type { PointRules } from '../../types/points';
import type { Unit, UnitPairing, User } from '../../types/domain';
import type { Wish, WishCounts } from '../../types/wishes';
import { _, db, isDuplicateWrite } from '../lib/cloud';
import type { Data, Transaction } from '../lib/database';
import { AppError } from '../lib/errors';
import { ledgerTransaction } from '../lib/ledger';
import { queueMessages } from '../lib/outbox';
import { readPage } from '../lib/paging';
import { messagesOf } from './notices';

export const WISHES = 'wishes';
export const COUNTS = 'wishCounts';

export async function loadWish(id: string): Promise<Wish | null> {
  return (await db.collection(WISHES).doc(id).get<Wish>()).data;
}

type Row = Wish & { pairings?: UnitPairing[]; pairedUnits?: Unit[] };

/** For 审核: the wish with its community's paired units and their names, in ONE request. */
export async function loadWithPairings(id: string): Promise<{ wish: Wish; pairedUnits: { id: string; name: string }[] } | null> {
  const [row] = (
    await db
      .collection(WISHES)
      .aggregate()
      .match({ _id: id })
      .lookup({ from: 'pairings', localField: 'communityId', foreignField: 'communityId', as: 'pairings' })
      .lookup({ from: 'units', localField: 'pairings.unitId', foreignField: '_id', as: 'pairedUnits' })
      .limit(1)
      .end<Row>()
  ).list;
  if (!row) return null;
  const { pairings = [], pairedUnits = [], ...wish } = row;
  const names = new Map(pairedUnits.map((u) => [u._id, u.name]));
  // Archived units take no new work.
  const active = new Set(pairedUnits.filter((u) => !u.archived).map((u) => u._id));
  return { wish, pairedUnits: pairings.filter((p) => active.has(p.unitId)).map((p) => ({ id: p.unitId, name: names.get(p.unitId) ?? '' })) };
}

/**
 * Posts a new wish. With a client request id its id comes from the key (`keyed`), so a retried
 * post finds the first: returns that wish, or null when this one was posted.
 */
export async function insertWish(w: Wish, keyed = false): Promise<Wish | null> {
  try {
    await db.collection(WISHES).add({ data: w });
    return null;
  } catch (e) {
    if (!keyed || !isDuplicateWrite(e)) throw e;
    return (await db.collection(WISHES).doc(w._id).get<Wish>()).data;
  }
}

/**
 * Every step of a wish: ONE transaction reads the wish, asks `decide` (the pure transition) and
 * writes the wish, each count, the ledger entry and the step's message job (lib/outbox), or nothing.
 * Two racing claims conflict on the wish; the loser runs again, finds it claimed and is refused, so
 * a wish has exactly one claimant. A repeat writes nothing.
 */
export function saveInTransaction(id: string, decide: (w: Wish) => WishTransition, now: Date, rules?: PointRules): Promise<Extract<WishTransition, { ok: true }>> {
  return ledgerTransaction(
    now,
    async (tx) => {
      const w = (await tx.t.collection(WISHES).doc(id).get<Wish>()).data;
      if (!w) throw new AppError('NOT_FOUND', '心愿不存在或您无权查看');
      const r = decide(w);
      if (!r.ok) throw new AppError(r.code, r.message);
      if (r.repeat) return r;
      let wish = r.wish;
      for (const f of r.facts) {
        if (f.kind === 'count') await addCount(tx.t, f);
        if (f.kind === 'credit') wish = { ...wish, points: (await tx.post(f.entry)).entry.points };
      }
      const { _id: _skip, ...fields } = wish;
      await tx.t.collection(WISHES).doc(id).set({ data: fields });
      await queueMessages(tx.t, `wish_${id}_v${wish.version}`, messagesOf(wish, r.facts), now);
      return { ...r, wish };
    },
    rules,
  );
}

/** One counter up (or, for a withdrawn claim, down) by one: an $inc, and the document made on its scope's first count. */
async function addCount(t: Transaction, f: Extract<WishFact, { kind: 'count' }>): Promise<void> {
  const ref = t.collection(COUNTS).doc(countsId(f.scope, f.id));
  const by = f.by ?? 1;
  const res = await ref.update({ data: { [f.field]: _.inc(by) } });
  if (res.stats.updated === 0) {
    const counts: WishCounts = { scope: f.scope, id: f.id, claimed: 0, confirmed: 0 };
    await ref.set({ data: { ...counts, [f.field]: Math.max(0, by) } });
  }
}

export async function loadCounts(scope: 'community' | 'unit', id: string): Promise<WishCounts> {
  const doc = (await db.collection(COUNTS).doc(countsId(scope, id)).get<WishCounts>()).data;
  return { scope, id, claimed: doc?.claimed ?? 0, confirmed: doc?.confirmed ?? 0 };
}

export async function loadPerson(openid: string): Promise<User | null> {
  return (await db.collection('users').doc(openid).get<User>()).data;
}

// ---- lists ------------------------------------------------------------------------------------

/** One page (plus one) of wishes matching `where`, ordered by `field` (newest first unless `asc`). */
export function listWishes(where: Data, field: keyof Wish | 'claim.at', page: number, pageSize: number, direction: 'asc' | 'desc' = 'desc'): Promise<Wish[]> {
  return readPage<Wish>(db.collection(WISHES).where(where).orderBy(field, direction), page, pageSize);
}

export { _ };
