/** Volunteer activities as one reader sees them: phase, own sign-up, the code only for those who run it. */
import type { Actor } from '../core/actor';
import { activityActions, mayResolve, phaseOf } from '../core/points-activity';
import type { Activity, ActivityDetail, ActivitySummary, Signup } from '../../types/points';

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

/** Those who run an activity (its organiser, staff of its community) see its code and every sign-up. */
export const runsActivity = (actor: Actor, a: Activity): boolean => mayResolve(actor, a);

/** The detail: the activity and the reader's own sign-up; `signups` only for those who run it (null otherwise). */
export function toActivityDetail(a: Activity, parts: { mine: Signup | null; names: Map<string, string>; signups: Signup[] | null }, actor: Actor, now: Date): ActivityDetail {
  const runs = runsActivity(actor, a);
  return {
    ...toActivitySummary(a, parts.mine, parts.names, now),
    description: a.description,
    organiser: a.organiser,
    cancelReason: a.cancelReason,
    mySignup: parts.mine,
    code: runs ? a.code : null,
    signups: runs ? parts.signups : null,
    allowedActions: activityActions(a, parts.mine, actor, now),
  };
}
