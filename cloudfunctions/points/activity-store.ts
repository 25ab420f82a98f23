/**
 * Volunteer activities and their sign-ups in the database: loading, the lists, and saving what
 * the pure transitions decided — a step of one sign-up by compare-and-set on its status; a
 * sign-up or its cancellation together with the activity's count in one transaction (so the
 * count never passes the capacity); approved hours with their ledger entry in one transaction.
 */
import { signupId, type SignupTransition } from '../core/points-signup';
import type { Activity, PointRules, Signup } from '../../types/points';
import { _, db } from '../lib/cloud';
import type { Data } from '../lib/database';
import { AppError } from '../lib/errors';
import { ledgerTransaction } from '../lib/ledger';
import { readPage } from '../lib/paging';
import { inTransaction } from '../lib/retry';

export const ACTIVITIES = 'activities';
export const SIGNUPS = 'activitySignups';

/** Most sign-ups one activity lists or approves at once (its capacity is at most 500). */
const MAX_SIGNUPS = 500;

export async function loadActivity(id: string): Promise<Activity | null> {
  return (await db.collection(ACTIVITIES).doc(id).get<Activity>()).data;
}

export async function loadSignup(activityId: string, openid: string): Promise<Signup | null> {
  return (await db.collection(SIGNUPS).doc(signupId(activityId, openid)).get<Signup>()).data;
}

export async function addActivity(a: Activity): Promise<void> {
  await db.collection(ACTIVITIES).add({ data: a });
}

/** Saves a cancellation if the activity is still published; false when someone else changed it first. */
export async function saveCancelled(a: Activity): Promise<boolean> {
  const res = await db.collection(ACTIVITIES).where({ _id: a._id, status: 'published' }).update({ data: { status: a.status, cancelledAt: a.cancelledAt, cancelReason: a.cancelReason } });
  return res.stats.updated === 1;
}

/** One page (plus one) of activities open to join, soonest first. */
export const openActivities = (now: Date, page: number, pageSize: number) =>
  readPage<Activity>(db.collection(ACTIVITIES).where({ status: 'published', endAt: _.gt(now) }).orderBy('startAt', 'asc'), page, pageSize);

/** One page (plus one) of the activities of these communities, latest first. */
export const communityActivities = (communityIds: string[], page: number, pageSize: number) =>
  readPage<Activity>(db.collection(ACTIVITIES).where({ communityId: _.in(communityIds) }).orderBy('startAt', 'desc'), page, pageSize);

/** One page (plus one) of a person's sign-ups (not cancelled), latest first, with their activities (2 reads). */
export async function signedUpActivities(openid: string, page: number, pageSize: number): Promise<{ found: Activity[]; mine: Signup[] }> {
  const mine = await readPage<Signup>(db.collection(SIGNUPS).where({ openid, status: _.neq('cancelled') }).orderBy('signedUpAt', 'desc'), page, pageSize);
  const ids = mine.map((s) => s.activityId);
  const acts = ids.length ? (await db.collection(ACTIVITIES).where({ _id: _.in(ids) }).limit(ids.length).get<Activity>()).data : [];
  return { found: ids.map((i) => acts.find((a) => a._id === i)).filter((a): a is Activity => !!a), mine };
}

/** A person's sign-ups to these activities, in one read. */
export async function signupsTo(activityIds: string[], openid: string): Promise<Signup[]> {
  if (!activityIds.length) return [];
  return (await db.collection(SIGNUPS).where({ _id: _.in(activityIds.map((i) => signupId(i, openid))) }).limit(activityIds.length).get<Signup>()).data;
}

/** Every sign-up of an activity, in the order people signed up. */
export async function signupsOf(activityId: string): Promise<Signup[]> {
  return (await db.collection(SIGNUPS).where({ activityId }).orderBy('signedUpAt', 'asc').limit(MAX_SIGNUPS).get<Signup>()).data;
}

/** The sign-ups approval looks at: the named people's, or every one awaiting approval. */
export async function signupsToApprove(activityId: string, openids: string[] | undefined, awaiting: Signup['status']): Promise<Signup[]> {
  const where = openids ? { activityId, openid: _.in(openids) } : { activityId, status: awaiting };
  return (await db.collection(SIGNUPS).where(where).limit(MAX_SIGNUPS).get<Signup>()).data;
}

/** Names of communities, in one read. */
export async function communityNames(ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const { data } = await db.collection('regions').where({ _id: _.in(unique) }).limit(unique.length).get<{ _id: string; name: string }>();
  return new Map(data.map((r) => [r._id, r.name]));
}

/** What an activity's detail shows besides the activity (≤ 3 reads): the reader's sign-up, the community's name, every sign-up for those who run it. */
export async function detailParts(a: Activity, openid: string, runs: boolean): Promise<{ mine: Signup | null; names: Map<string, string>; signups: Signup[] | null }> {
  const [mine, names, signups] = await Promise.all([loadSignup(a._id, openid), communityNames([a.communityId]), runs ? signupsOf(a._id) : Promise.resolve(null)]);
  return { mine, names, signups };
}

/** The fields a step changed. */
function changes(before: Signup, after: Signup): Data {
  const data: Data = {};
  for (const key of Object.keys(after) as (keyof Signup)[]) {
    if (key !== '_id' && JSON.stringify(after[key]) !== JSON.stringify(before[key])) data[key] = after[key];
  }
  return data;
}

/** Saves a step of one sign-up if its status is still what it was; false when someone else moved it first. */
export async function saveSignupStep(before: Signup, after: Signup): Promise<boolean> {
  const res = await db.collection(SIGNUPS).where({ _id: before._id, status: before.status }).update({ data: changes(before, after) });
  return res.stats.updated === 1;
}

/**
 * Signing up or cancelling: the activity and the sign-up as they are now, the transition
 * `decide` takes on them, and both writes, in one transaction (no ledger entry, so lib/retry's
 * `inTransaction` directly). Returns the activity as it then stands.
 */
export function saveSignupCount(activityId: string, openid: string, decide: (a: Activity, s: Signup | null) => SignupTransition): Promise<Activity> {
  return inTransaction(async (t) => {
    const act = (await t.collection(ACTIVITIES).doc(activityId).get<Activity>()).data!;
    const ref = t.collection(SIGNUPS).doc(signupId(activityId, openid));
    const signup = (await ref.get<Signup>()).data;
    const r = decide(act, signup);
    if (!r.ok) throw new AppError(r.code, r.message);
    if (r.repeat) return act;
    await t.collection(ACTIVITIES).doc(activityId).update({ data: { signedUp: r.activity.signedUp } });
    if (r.signup.status === 'cancelled') await ref.update({ data: { status: r.signup.status } });
    else {
      const { _id: _skip, ...fields } = r.signup;
      await ref.set({ data: fields }); // a first sign-up, or signing up again after cancelling
    }
    return r.activity;
  });
}

/**
 * Approves one sign-up's hours: re-read, decided again by `decide`, then the ledger entry and the
 * sign-up's status in one transaction. False when it was no longer approvable (someone else did).
 */
export function saveApproval(id: string, decide: (s: Signup) => SignupTransition, now: Date, rules: PointRules): Promise<boolean> {
  return ledgerTransaction(
    now,
    async (tx) => {
      const current = (await tx.t.collection(SIGNUPS).doc(id).get<Signup>()).data;
      const r = current ? decide(current) : null;
      if (!current || !r?.ok || r.repeat) return false;
      for (const f of r.facts) if (f.kind === 'credit') await tx.post(f.entry);
      await tx.t.collection(SIGNUPS).doc(id).update({ data: changes(current, r.signup) });
      return true;
    },
    rules,
  );
}
