/**
 * A person's sign-up to a volunteer activity (报名) as one pure transition:
 * `signupTransition({ activity, signup }, event, actor, now)` returns the next sign-up, the
 * activity as it then stands, and the facts to record (the activity's count, the ledger entry of
 * approved hours) — or a typed refusal. A repeated request is `repeat: true` with nothing to
 * record. The guards are `activityGuard`'s (core/points-activity.ts), which `allowedActions` uses.
 *
 *   signedUp 已报名 → checkedIn 已签到 → checkedOut 已签退 → approved 已核定
 *   signedUp → cancelled 已取消报名 → signedUp (signing up again)
 */
import type { Activity, Signup, SignupStatus } from '../../types/points';
import type { PointRules } from '../../types/points';
import type { Actor } from './actor';
import { pointsFor, type EntryDraft } from './points';
import { activityGuard, activityHours, approvalRefusal, durationHours } from './points-activity';

/** A sign-up's document id: one per person and activity. */
export const signupId = (activityId: string, openid: string): string => `${activityId}_${openid}`;

/** The ledger key of a person's approved hours on an activity: once, ever. */
export const activityKey = (activityId: string, openid: string): string => `activity_${activityId}_${openid}`;

export const SIGNUP_STATES: SignupStatus[] = ['signedUp', 'checkedIn', 'checkedOut', 'approved', 'cancelled'];

/** Holds a place in the activity (counts toward its capacity). */
export const holdsPlace = (s: Pick<Signup, 'status'> | null): s is Pick<Signup, 'status'> => !!s && s.status !== 'cancelled';

/** Has checked in (and perhaps out, and been approved). */
export const hasCheckedIn = (s: Pick<Signup, 'status'>): boolean => s.status === 'checkedIn' || s.status === 'checkedOut' || s.status === 'approved';

/** Has checked out (hours worked out), approved or not. */
export const hasCheckedOut = (s: Pick<Signup, 'status'>): boolean => s.status === 'checkedOut' || s.status === 'approved';

/** The state whose hours wait for a staff member's approval. */
export const AWAITING_APPROVAL: SignupStatus = 'checkedOut';

/** Where a person lives and works, as their account and the unit leaderboard need it. */
export type Home = { communityId: string | null; unitId: string | null };

export type SignupEvent =
  | { event: 'signUp' }
  | { event: 'cancelSignup' }
  | { event: 'checkIn'; code: string }
  | { event: 'checkOut'; code: string }
  /** The organiser or staff settle someone's missed check-out with the hours served. */
  | { event: 'resolveCheckOut'; hours: number; note: string }
  /** Staff approve someone's checked-out hours into the ledger. */
  | { event: 'approve'; rules: PointRules; home: Home };

export type SignupFact =
  /** The activity's `signedUp` count changes by this much (in the same transaction). */
  | { kind: 'count'; by: 1 | -1 }
  /** A ledger entry to post (in the same transaction as the sign-up's change). */
  | { kind: 'credit'; entry: EntryDraft };

export type SignupRefusal = { ok: false; code: 'FORBIDDEN' | 'INVALID_STATE' | 'INVALID_INPUT' | 'NOT_FOUND'; message: string };

export type SignupTransition = { ok: true; repeat: boolean; signup: Signup; activity: Activity; facts: SignupFact[] } | SignupRefusal;

const refuse = (code: SignupRefusal['code'], message: string): SignupRefusal => ({ ok: false, code, message });

/** A sign-up, or none yet, in its activity. */
export interface SignupCase {
  activity: Activity;
  signup: Signup | null;
}

function fresh(a: Activity, actor: Actor, now: Date): Signup {
  return {
    _id: signupId(a._id, actor.openid),
    activityId: a._id,
    communityId: a.communityId,
    openid: actor.openid,
    name: actor.name,
    status: 'signedUp',
    signedUpAt: now,
    checkInAt: null,
    checkOutAt: null,
    hours: null,
    resolvedBy: null,
    resolveNote: null,
    approvedBy: null,
    approvedAt: null,
    entryId: null,
  };
}

export function signupTransition({ activity: a, signup }: SignupCase, step: SignupEvent, actor: Actor, now: Date): SignupTransition {
  const ok = (next: Signup, facts: SignupFact[] = [], activity = a): SignupTransition => ({ ok: true, repeat: false, signup: next, activity, facts });
  const repeat = (s: Signup): SignupTransition => ({ ok: true, repeat: true, signup: s, activity: a, facts: [] });
  const guard = (action: Parameters<typeof activityGuard>[0], s: Signup | null) => activityGuard(action, a, s, actor, now);
  switch (step.event) {
    case 'signUp': {
      if (holdsPlace(signup)) return repeat(signup);
      const refused = guard('signUp', signup);
      if (refused) return refuse(refused.code, refused.message);
      return ok(fresh(a, actor, now), [{ kind: 'count', by: 1 }], { ...a, signedUp: a.signedUp + 1 });
    }
    case 'cancelSignup': {
      const refused = guard('cancelSignup', signup);
      if (refused) return refuse(refused.code, refused.message);
      return ok({ ...signup!, status: 'cancelled' }, [{ kind: 'count', by: -1 }], { ...a, signedUp: a.signedUp - 1 });
    }
    case 'checkIn':
    case 'checkOut': {
      const done = step.event === 'checkIn' ? hasCheckedIn : hasCheckedOut;
      if (signup && signup.openid === actor.openid && done(signup)) return repeat(signup);
      const refused = guard(step.event, signup);
      if (refused) return refuse(refused.code, refused.message);
      if (step.code !== a.code) return refuse('INVALID_INPUT', step.event === 'checkIn' ? '签到码不正确' : '签退码不正确');
      const s = signup!;
      return step.event === 'checkIn'
        ? ok({ ...s, status: 'checkedIn', checkInAt: now })
        : ok({ ...s, status: 'checkedOut', checkOutAt: now, hours: activityHours(a, new Date(s.checkInAt!), now) });
    }
    case 'resolveCheckOut': {
      const refused = guard('resolveCheckOut', null);
      if (refused) return refuse(refused.code, refused.message);
      if (!holdsPlace(signup)) return refuse('NOT_FOUND', '报名记录不存在或您无权查看');
      if (signup.status !== 'checkedIn') return refuse('INVALID_STATE', '只有已签到、未签退的报名可以补录签退');
      const most = durationHours(a);
      if (step.hours > most) return refuse('INVALID_INPUT', `时长不能超过活动时长（${most} 小时）`);
      const hours = a.hoursRule === 'fixed' ? Math.min(step.hours, a.fixedHours ?? step.hours) : step.hours;
      return ok({ ...signup, status: 'checkedOut', hours, resolvedBy: actor.openid, resolveNote: step.note });
    }
    case 'approve': {
      const refused = guard('approveHours', null);
      if (refused) return refuse(refused.code, refused.message);
      if (!signup) return refuse('INVALID_STATE', '没有该报名记录');
      const why = approvalRefusal(signup, actor);
      if (why) return refuse('INVALID_STATE', why);
      const hours = signup.hours ?? 0;
      const key = activityKey(a._id, signup.openid);
      const entry: EntryDraft = {
        key,
        openid: signup.openid,
        name: signup.name,
        points: pointsFor('activity', hours, step.rules),
        hours,
        source: { type: 'activity', id: a._id, label: a.title.slice(0, 20) },
        reason: `志愿活动「${a.title}」服务 ${signup.hours} 小时`,
        actor: actor.openid,
        actorName: actor.name,
        communityId: a.communityId,
        unitId: step.home.unitId,
        home: step.home,
      };
      return ok({ ...signup, status: 'approved', approvedBy: actor.openid, approvedAt: now, entryId: key }, [{ kind: 'credit', entry }]);
    }
  }
}
