/**
 * Every database read and write of the posts function: posts and zones with their holders, post
 * logs (a verification in ONE ledger transaction: the log, the entry, the account, the claim's
 * hours, the member's message job), pledges and residents' verdicts (one transaction each, with
 * the message job), the duty rules and counts.
 */
import { dutyCountsId, pledgeRatingId, postClaimId, type LogFact, type LogTransition, type PledgeTransition } from '../core/posts';
import type { PointAccount, PointRules } from '../../types/points';
import type { User } from '../../types/domain';
import type { DutyCounts, DutyRecord, DutyRules, Pledge, PledgeRating, Post, PostClaim, PostLog, ResidentVerdict } from '../../types/posts';
import { _, db } from '../lib/cloud';
import type { Data, Transaction } from '../lib/database';
import { AppError } from '../lib/errors';
import { ledgerTransaction } from '../lib/ledger';
import { readPage } from '../lib/paging';
import { queueMessages } from '../lib/outbox';
import { inTransaction } from '../lib/retry';
import { LOGS_PAGE, messagesOf, PLEDGES_PAGE } from './notices';

export const POSTS = 'posts';
export const CLAIMS = 'postClaims';
export const LOGS = 'postLogs';
export const PLEDGES = 'pledges';
export const RATINGS = 'pledgeRatings';
export const DUTY_RULES = 'dutyRules';
export const DUTY_COUNTS = 'dutyCounts';
export const DUTY_RECORDS = 'dutyRecords';

const one = async <T>(collection: string, id: string): Promise<T | null> => (await db.collection(collection).doc(id).get<T>()).data;

export const loadPost = (id: string) => one<Post>(POSTS, id);
export const loadLog = (id: string) => one<PostLog>(LOGS, id);
export const loadPledge = (id: string) => one<Pledge>(PLEDGES, id);
export const loadClaim = (postId: string, openid: string) => one<PostClaim>(CLAIMS, postClaimId(postId, openid));
export const loadRating = (pledgeId: string, openid: string) => one<PledgeRating>(RATINGS, pledgeRatingId(pledgeId, openid));
export const loadPerson = (openid: string) => one<User>('users', openid);

export async function insert(collection: string, doc: { _id: string }): Promise<void> {
  await db.collection(collection).add({ data: doc });
}

export async function setPost(p: Post): Promise<void> {
  const { _id, ...fields } = p;
  await db.collection(POSTS).doc(_id).set({ data: fields });
}

/** 认岗位: the claim document and the post's holders, once (a claim already there changes nothing). */
export function saveClaim(claim: PostClaim): Promise<{ post: Post; created: boolean }> {
  return inTransaction(async (t) => {
    const post = (await t.collection(POSTS).doc(claim.postId).get<Post>()).data;
    if (!post) throw new AppError('NOT_FOUND', '岗位不存在或您无权查看');
    const seen = (await t.collection(CLAIMS).doc(claim._id).get<PostClaim>()).data;
    if (seen) return { post, created: false };
    const { _id, ...fields } = claim;
    await t.collection(CLAIMS).doc(_id).set({ data: fields });
    const next = { ...post, holders: post.holders + 1 };
    await t.collection(POSTS).doc(post._id).update({ data: { holders: _.inc(1) } });
    return { post: next, created: true };
  });
}

/** A post's claims of the caller, in one request (for the list's 已认领). */
export async function claimsOf(openid: string, postIds: string[]): Promise<Set<string>> {
  if (!postIds.length) return new Set();
  const found = await db.collection(CLAIMS).where({ _id: _.in(postIds.map((p) => postClaimId(p, openid))) }).limit(postIds.length).get<PostClaim>();
  return new Set(found.data.map((c) => c.postId));
}

/**
 * A log's step — 验收 or 退回: ONE transaction reads the log, asks `decide`, and writes the log, the
 * ledger entry (`post_<logId>`: the database refuses a second), the account, the claim's hours and
 * the member's message job (lib/outbox), or nothing. Verified twice, or two verifications racing:
 * the second finds it verified and writes nothing.
 */
export function logInTransaction(id: string, decide: (l: PostLog) => LogTransition, now: Date, rules?: PointRules): Promise<Extract<LogTransition, { ok: true }>> {
  return ledgerTransaction(
    now,
    async (tx) => {
      const l = (await tx.t.collection(LOGS).doc(id).get<PostLog>()).data;
      if (!l) throw new AppError('NOT_FOUND', '服务记录不存在或您无权查看');
      const r = decide(l);
      if (!r.ok) throw new AppError(r.code, r.message);
      if (r.repeat) return r;
      let log = r.log;
      for (const f of r.facts) {
        if (f.kind === 'credit') log = { ...log, points: (await tx.post(f.entry)).entry.points };
        if (f.kind === 'claimHours') await addClaimHours(tx.t, f);
      }
      const { _id: _skip, ...fields } = log;
      await tx.t.collection(LOGS).doc(id).set({ data: fields });
      await queueMessages(tx.t, `postLog_${id}_v${log.version}`, messagesOf(r.facts, log.postName, `${LOGS_PAGE}?id=${id}`), now);
      return { ...r, log };
    },
    rules,
  );
}

async function addClaimHours(t: Transaction, f: Extract<LogFact, { kind: 'claimHours' }>): Promise<void> {
  await t.collection(CLAIMS).doc(f.claimId).update({ data: { [`hours.${f.year}`]: _.inc(f.hours) } });
}

/** A pledge's step, with (群众评) the resident's verdict document and the member's message job, in one transaction. */
export function savePledge(id: string, decide: (p: Pledge, already: ResidentVerdict | null) => PledgeTransition, ratingOf: string | null, now: Date): Promise<Extract<PledgeTransition, { ok: true }>> {
  return inTransaction(async (t) => {
    const p = (await t.collection(PLEDGES).doc(id).get<Pledge>()).data;
    if (!p) throw new AppError('NOT_FOUND', '承诺不存在或您无权查看');
    const rating = ratingOf ? (await t.collection(RATINGS).doc(pledgeRatingId(id, ratingOf)).get<PledgeRating>()).data : null;
    const r = decide(p, rating?.verdict ?? null);
    if (!r.ok) throw new AppError(r.code, r.message);
    if (r.repeat) return r;
    for (const f of r.facts) {
      if (f.kind === 'residentRating' && ratingOf) {
        const doc: Omit<PledgeRating, '_id'> = { pledgeId: id, openid: ratingOf, verdict: f.verdict, at: now };
        await t.collection(RATINGS).doc(pledgeRatingId(id, ratingOf)).set({ data: doc });
      }
    }
    const { _id: _skip, ...fields } = r.pledge;
    await t.collection(PLEDGES).doc(id).set({ data: fields });
    await queueMessages(t, `pledge_${id}_v${r.pledge.version}`, messagesOf(r.facts, r.pledge.text, `${PLEDGES_PAGE}?id=${id}`), now);
    return r;
  });
}

/** The caller's verdicts on these pledges, in one request. */
export async function verdictsOf(openid: string, pledgeIds: string[]): Promise<Map<string, ResidentVerdict>> {
  if (!pledgeIds.length) return new Map();
  const found = await db.collection(RATINGS).where({ _id: _.in(pledgeIds.map((p) => pledgeRatingId(p, openid))) }).limit(pledgeIds.length).get<PledgeRating>();
  return new Map(found.data.map((r) => [r.pledgeId, r.verdict]));
}

export async function countPledges(openid: string, year: string): Promise<number> {
  return (await db.collection(PLEDGES).where({ openid, year }).count()).total;
}

// ---- duties -----------------------------------------------------------------------------------

export const loadDutyRules = () => one<Partial<DutyRules>>(DUTY_RULES, 'current');

/** The duties but the service-hour target, which the point rules hold. */
export async function saveDutyRules({ serviceHours: _hours, ...rules }: DutyRules, by: string): Promise<void> {
  await db.collection(DUTY_RULES).doc('current').set({ data: { ...rules, updatedBy: by } });
}

/**
 * A 调研 or 难题 record and the member's count, in one transaction; a record already there (a
 * second 调研 in the quarter) changes nothing.
 */
export function saveDutyRecord(record: DutyRecord, field: 'surveys' | 'problems'): Promise<{ record: DutyRecord; created: boolean }> {
  return inTransaction(async (t) => {
    const seen = (await t.collection(DUTY_RECORDS).doc(record._id).get<DutyRecord>()).data;
    if (seen) return { record: seen, created: false };
    const { _id, ...fields } = record;
    await t.collection(DUTY_RECORDS).doc(_id).set({ data: fields });
    const ref = t.collection(DUTY_COUNTS).doc(dutyCountsId(record.openid, record.year));
    const res = await ref.update({ data: { [field]: _.inc(1) } });
    if (res.stats.updated === 0) {
      const counts: Omit<DutyCounts, '_id'> = { openid: record.openid, name: record.name, unitId: record.unitId, year: record.year, surveys: 0, problems: 0, [field]: 1 };
      await ref.set({ data: counts });
    }
    return { record, created: true };
  });
}

export const loadDutyCounts = (openid: string, year: string) => one<DutyCounts>(DUTY_COUNTS, dutyCountsId(openid, year));
export const loadAccount = (openid: string) => one<PointAccount>('pointAccounts', openid);

/** Documents of `collection` with these ids, in one request. */
export async function byIds<T>(collection: string, ids: string[]): Promise<T[]> {
  if (!ids.length) return [];
  return (await db.collection(collection).where({ _id: _.in(ids) }).limit(ids.length).get<T>()).data;
}

/** One page (plus one) of `collection` matching `where`, newest first by `field`. */
export function page<T>(collection: string, where: Data, field: string, pageNo: number, pageSize: number, direction: 'asc' | 'desc' = 'desc'): Promise<T[]> {
  return readPage<T>(db.collection(collection).where(where).orderBy(field, direction), pageNo, pageSize);
}

export { _ };
