/**
 * The leaderboard tallies (`pointTallies`), kept OFF the ledger's hot path. Every award, check-in
 * and credit in a community would otherwise update the same four documents inside its
 * transaction, so every point in the community contended on them (refusals and 19× latency at 20
 * clients). Instead:
 *
 * 1. the ledger's transaction writes, beside the entry, one pending increment under the entry's
 *    own key (`pointTallyPending/<entryId>`: who, points, hours, the four tally keys) — a new
 *    document no other request touches;
 * 2. right after the commit the poster folds its own increment (`foldTallies`, one attempt): in one
 *    transaction it adds it to the tallies and removes it, so it is counted exactly once;
 * 3. whatever a fold could not do (lost to a concurrent fold, a crash, a timeout) the `points`
 *    timer folds, oldest first (`foldPending`) — every minute on CloudBase, every second locally.
 *
 * So a leaderboard lags the ledger by at most one timer period (plus its run), and `reconcile`
 * counts pending increments as folded when it compares tallies with the ledger.
 */
import type { LedgerEntry } from '../../types/points';
import { redeemedKeys, tallyKeys } from '../core/points';
import { _, db } from './cloud';
import type { Transaction } from './database';
import { inTransaction } from './retry';

export const TALLIES = 'pointTallies';
export const PENDING = 'pointTallyPending';

/** One entry's increment of its leaderboards, not yet folded (`_id` = the entry's key). */
export interface PendingTally {
  _id: string;
  openid: string;
  name: string;
  points: number;
  hours: number;
  /** 双报到 check-ins (1 for a check-in entry), for the dashboards' compliance by unit and month. */
  checkIns?: number;
  /** Points spent (a redemption; a refund gives them back, negative), on the person's home community and unit. */
  redeemed?: number;
  keys: string[];
  at: Date | string;
}

type Row = { name: string; points: number; hours: number; checkIns: number; redeemed: number };

/**
 * The increment an entry owes its boards, or null when it counts on none (zero). An earning entry
 * counts where it was earned (its community and unit); a redemption or refund moves no points or
 * hours of a board, only `redeemed`, on the person's home community and unit as the entry records
 * them (`entry.home`).
 */
export function pendingOf(entry: LedgerEntry): PendingTally | null {
  const base = { _id: entry._id, openid: entry.openid, name: entry.name, at: entry.at };
  if (entry.source.type === 'redeem' || entry.source.type === 'refund') {
    const keys = redeemedKeys(entry);
    if (!keys.length || entry.points === 0) return null;
    return { ...base, points: 0, hours: 0, redeemed: -entry.points, keys };
  }
  const keys = tallyKeys(entry);
  const checkIns = entry.source.type === 'checkIn' ? 1 : 0;
  if (!keys.length || (entry.points === 0 && entry.hours === 0 && checkIns === 0)) return null;
  return { ...base, points: entry.points, hours: entry.hours, ...(checkIns ? { checkIns } : {}), keys };
}

/** Inside the ledger's transaction: records the increment (a new document of the entry's own key). */
export async function addPending(t: Transaction, pending: PendingTally): Promise<void> {
  await t.collection(PENDING).add({ data: pending });
}

/**
 * Folds these increments into their tallies in one transaction: each is re-read inside it and
 * skipped when another fold removed it first, so none is counted twice. `attempts`: 1 after a
 * post (a lost race is left to the timer; the caller never waits on contention), more from the
 * timer. Answers how many it folded.
 */
export async function foldTallies(items: Pick<PendingTally, '_id'>[], attempts: number): Promise<number> {
  if (!items.length) return 0;
  return inTransaction(
    async (t) => {
      const live: PendingTally[] = [];
      for (const item of items) {
        const doc = (await t.collection(PENDING).doc(item._id).get<PendingTally>()).data;
        if (doc) live.push(doc);
      }
      const boards = new Map<string, Map<string, Row>>();
      for (const p of live) {
        for (const key of p.keys) {
          const board = boards.get(key) ?? new Map<string, Row>();
          const row = board.get(p.openid) ?? { name: p.name, points: 0, hours: 0, checkIns: 0, redeemed: 0 };
          board.set(p.openid, {
            name: p.name,
            points: row.points + p.points,
            hours: row.hours + p.hours,
            checkIns: row.checkIns + (p.checkIns ?? 0),
            redeemed: row.redeemed + (p.redeemed ?? 0),
          });
          boards.set(key, board);
        }
      }
      for (const [key, people] of boards) await addToTally(t, key, people);
      for (const p of live) await t.collection(PENDING).doc(p._id).remove();
      return live.length;
    },
    { attempts },
  );
}

/** An $inc on each person's row, no read; a board's first increment creates its document. */
async function addToTally(t: Transaction, key: string, people: Map<string, Row>): Promise<void> {
  const ref = t.collection(TALLIES).doc(key);
  const data: Record<string, unknown> = {};
  for (const [openid, row] of people) {
    data[`people.${openid}.name`] = row.name;
    data[`people.${openid}.points`] = _.inc(row.points);
    data[`people.${openid}.hours`] = _.inc(row.hours);
    if (row.checkIns) data[`people.${openid}.checkIns`] = _.inc(row.checkIns);
    if (row.redeemed) data[`people.${openid}.redeemed`] = _.inc(row.redeemed);
  }
  const res = await ref.update({ data });
  if (res.stats.updated === 0) {
    const [scope, id, period] = splitTallyKey(key);
    const rows = [...people].map(([openid, { checkIns, redeemed, ...row }]) => [openid, { ...row, ...(checkIns ? { checkIns } : {}), ...(redeemed ? { redeemed } : {}) }]);
    await ref.set({ data: { scope, id, period, people: Object.fromEntries(rows) } });
  }
}

/** `<scope>_<id>_<period>`: ids are [\w-]+ and may hold underscores, so split from both ends. */
export function splitTallyKey(key: string): [string, string, string] {
  const first = key.indexOf('_');
  const last = key.lastIndexOf('_');
  return [key.slice(0, first), key.slice(first + 1, last), key.slice(last + 1)];
}

/** Increments folded per transaction by the timer: few enough documents for one transaction. */
const BATCH = 20;
/** Batches per timer run: 2,000 increments a run, well inside the function's timeout. */
const BATCHES = 100;

/** The timer's pass: folds what posts left pending, oldest first, until none is left or the run's share is done. */
export async function foldPending(): Promise<{ folded: number; left: boolean }> {
  let folded = 0;
  for (let i = 0; i < BATCHES; i++) {
    const batch = (await db.collection(PENDING).orderBy('at', 'asc').limit(BATCH).field({ _id: true }).get<Pick<PendingTally, '_id'>>()).data;
    if (!batch.length) return { folded, left: false };
    folded += await foldTallies(batch, 8);
  }
  return { folded, left: true };
}
