/** Volunteer activities as one reader sees them: phase, own sign-up, the code only for those who run it. */
import type { Actor } from '../core/actor';
import { activityActions, managesActivity, phaseOf } from '../core/points-activity';
import type { Activity, ActivityDetail, ActivitySummary, Signup } from '../../types/points';
import { _, db } from '../lib/cloud';

export const ACTIVITIES = 'activities';
export const SIGNUPS = 'activitySignups';

export const signupId = (activityId: string, openid: string) => `${activityId}_${openid}`;

export async function loadActivity(id: string): Promise<Activity | null> {
  return (await db.collection(ACTIVITIES).doc(id).get<Activity>()).data;
}

/** Names of communities, in one read. */
export async function communityNames(ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const { data } = await db.collection('regions').where({ _id: _.in(unique) }).limit(unique.length).get<{ _id: string; name: string }>();
  return new Map(data.map((r) => [r._id, r.name]));
}

export function toActivitySummary(a: Activity, mine: Signup | null, names: Map<string, string>, now: Date): ActivitySummary {
  return {
    _id: a._id,
    communityId: a.communityId,
    communityName: names.get(a.communityId) ?? '',
    title: a.title,
    place: a.place,
    startAt: a.startAt,
    endAt: a.endAt,
    capacity: a.capacity,
    signedUp: a.signedUp,
    hoursRule: a.hoursRule,
    fixedHours: a.fixedHours,
    phase: phaseOf(a, now),
    myStatus: mine?.status ?? null,
  };
}

/**
 * The detail: every reader sees the activity and their own sign-up; the organiser and staff of its
 * community also see the code and every sign-up (≤ 3 reads).
 */
export async function activityDetail(a: Activity, actor: Actor, now: Date): Promise<ActivityDetail> {
  const runs = managesActivity(actor, a) || a.organiser.openid === actor.openid;
  const [mine, names, signups] = await Promise.all([
    db.collection(SIGNUPS).doc(signupId(a._id, actor.openid)).get<Signup>().then((r) => r.data),
    communityNames([a.communityId]),
    runs
      ? db.collection(SIGNUPS).where({ activityId: a._id }).orderBy('signedUpAt', 'asc').limit(500).get<Signup>().then((r) => r.data)
      : Promise.resolve(null),
  ]);
  return {
    ...toActivitySummary(a, mine, names, now),
    description: a.description,
    organiser: a.organiser,
    cancelReason: a.cancelReason,
    mySignup: mine,
    code: runs ? a.code : null,
    signups,
    allowedActions: activityActions(a, mine, actor, now),
  };
}
