/**
 * The points function's reads and writes outside activities and the catalogue: accounts, the
 * ledger's history, 双报到 check-ins, leaderboard tallies, reviews, the people and places they
 * name, and the whole books for reconcile. Entries are written only through lib/ledger.ts.
 */
import type { Demand } from '../../types/dispatch';
import type { User } from '../../types/domain';
import type { Pledge } from '../../types/posts';
import type { EntryDraft } from '../core/points';
import type { CheckIn, LedgerEntry, MemberReview, PointAccount, PointRules, Redemption } from '../../types/points';
import { _, db } from '../lib/cloud';
import { ACCOUNTS, LEDGER, ledgerTransaction, TALLIES } from '../lib/ledger';
import { PENDING, type PendingTally } from '../lib/tallies';
import { readPage } from '../lib/paging';
import { readAll } from '../lib/read-all';
import { REDEMPTIONS } from './catalogue-store';

export const CHECKINS = 'checkIns';
export const REVIEWS = 'memberReviews';

/** A leaderboard: one document per community or unit and month or year (lib/ledger.ts keeps it). */
export type Tally = { _id: string; people: Record<string, { name: string; points: number; hours: number; checkIns?: number; redeemed?: number }> };

export async function loadAccount(openid: string): Promise<PointAccount | null> {
  return (await db.collection(ACCOUNTS).doc(openid).get<PointAccount>()).data;
}

export async function loadEntry(id: string): Promise<LedgerEntry | null> {
  return (await db.collection(LEDGER).doc(id).get<LedgerEntry>()).data;
}

/** One page (plus one) of a person's ledger, newest first. */
export const ledgerOf = (openid: string, page: number, pageSize: number) =>
  readPage<LedgerEntry>(db.collection(LEDGER).where({ openid }).orderBy('at', 'desc'), page, pageSize);

/** A person's service entries of a year, newest first (the demands they were credited for). */
export async function serviceEntries(openid: string, year: string, limit: number): Promise<LedgerEntry[]> {
  return (await db.collection(LEDGER).where({ openid, 'source.type': 'service', year }).orderBy('at', 'desc').limit(limit).get<LedgerEntry>()).data;
}

/** A member's pledges of a year (at most 10, the posts function's `PLEDGES_A_YEAR`): their state, grade and residents' verdicts. */
export async function pledgesOf(openid: string, year: string): Promise<Pick<Pledge, 'status' | 'rating' | 'residents'>[]> {
  return (await db.collection('pledges').where({ openid, year }).field({ status: true, rating: true, residents: true }).limit(20).get<Pick<Pledge, 'status' | 'rating' | 'residents'>>()).data;
}

/** A community (a region of level community) or a unit, by id: its name; null when there is none. */
export async function loadScope(scope: 'community' | 'unit', id: string): Promise<{ name: string } | null> {
  const named = (await db.collection(scope === 'unit' ? 'units' : 'regions').doc(id).get<{ name: string; level?: string }>()).data;
  return named && (scope === 'unit' || named.level === 'community') ? named : null;
}

export async function loadTally(key: string): Promise<Tally | null> {
  return (await db.collection(TALLIES).doc(key).get<Tally>()).data;
}

export async function loadPeople(openids: string[]): Promise<User[]> {
  if (!openids.length) return [];
  return (await db.collection('users').where({ _id: _.in(openids) }).limit(openids.length).get<User>()).data;
}

export async function loadDemand(id: string): Promise<Demand | null> {
  return (await db.collection('demands').doc(id).get<Demand>()).data;
}

/** Text and rating of these demands, in one read. */
export async function demandRatings(ids: string[]): Promise<Pick<Demand, '_id' | 'text' | 'rating'>[]> {
  if (!ids.length) return [];
  return (await db.collection('demands').where({ _id: _.in(ids) }).field({ text: true, rating: true }).limit(ids.length).get<Pick<Demand, '_id' | 'text' | 'rating'>>()).data;
}

// ---- 双报到 ------------------------------------------------------------------------------------

/** A check-in's id: one per member and month. */
export const checkInId = (openid: string, month: string) => `${openid}_${month}`;

export async function loadCheckIn(openid: string, month: string): Promise<CheckIn | null> {
  return (await db.collection(CHECKINS).doc(checkInId(openid, month)).get<CheckIn>()).data;
}

/** Check-ins by id (person and month), in one read. */
export async function checkInsByIds(ids: string[]): Promise<CheckIn[]> {
  if (!ids.length) return [];
  return (await db.collection(CHECKINS).where({ _id: _.in(ids) }).limit(ids.length).get<CheckIn>()).data;
}

/**
 * The month's check-in and its entry in one transaction, once: a repeat (or the loser of a race)
 * gets the first one back. `record` is the check-in without the points its entry earned.
 */
export function saveCheckIn(record: Omit<CheckIn, 'points'>, entry: EntryDraft, now: Date, rules: PointRules): Promise<{ checkIn: CheckIn; created: boolean }> {
  return ledgerTransaction(
    now,
    async (tx) => {
      const existing = (await tx.t.collection(CHECKINS).doc(record._id).get<CheckIn>()).data;
      if (existing) return { checkIn: existing, created: false };
      const posted = await tx.post(entry);
      const checkIn: CheckIn = { ...record, points: posted.entry.points };
      const { _id: _skip, ...fields } = checkIn;
      await tx.t.collection(CHECKINS).doc(record._id).set({ data: fields });
      return { checkIn, created: true };
    },
    rules,
  );
}

/** Compliance of a month: members in scope and how many checked in (counted), and one page (plus one) of the members. */
export async function complianceOf(scope: 'community' | 'unit', id: string, month: string, page: number, pageSize: number) {
  const members = scope === 'unit' ? { unitId: id, 'roles.role': 'member' } : { communityId: id, 'roles.role': 'member' };
  const [named, total, checkedIn, people] = await Promise.all([
    db.collection(scope === 'unit' ? 'units' : 'regions').doc(id).get<{ name: string }>().then((r) => r.data),
    db.collection('users').where(members).count(),
    db.collection(CHECKINS).where({ month, [scope === 'unit' ? 'unitId' : 'communityId']: id }).count(),
    readPage<User>(db.collection('users').where(members).orderBy('_id', 'asc'), page, pageSize),
  ]);
  return { named, members: total.total, checkedIn: checkedIn.total, people };
}

// ---- 双认双评 -----------------------------------------------------------------------------------

export const reviewId = (openid: string, year: string, scope: 'unit' | 'community') => `${openid}_${year}_${scope}`;

export async function reviewsOf(openid: string, year: string): Promise<MemberReview[]> {
  return (await db.collection(REVIEWS).where({ _id: _.in([reviewId(openid, year, 'unit'), reviewId(openid, year, 'community')]) }).limit(2).get<MemberReview>()).data;
}

/** Setting a review again replaces it. */
export async function saveReview(review: MemberReview): Promise<void> {
  const { _id, ...fields } = review;
  await db.collection(REVIEWS).doc(_id).set({ data: fields });
}

// ---- reconcile ----------------------------------------------------------------------------------

/** The whole books: every entry, account, tally, leaderboard increment not yet folded and redemption, and the verified dispatched demands. */
export async function readBooks() {
  const [entries, accounts, tallies, pending, redemptions, verified] = await Promise.all([
    readAll<LedgerEntry>(LEDGER),
    readAll<PointAccount>(ACCOUNTS),
    readAll<Tally>(TALLIES),
    readAll<PendingTally>(PENDING),
    readAll<Pick<Redemption, 'openid' | 'itemId' | 'status'>>(REDEMPTIONS),
    readAll<Pick<Demand, '_id' | 'claims' | 'reopenCount'>>('demands', { status: _.in(['verified', 'closed']), dispatch: _.neq(null) }),
  ]);
  return { entries, accounts, tallies, pending, redemptions, verified };
}
