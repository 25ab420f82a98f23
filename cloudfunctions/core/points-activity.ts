/**
 * Volunteer activities (志愿活动): phases by time, hours from check-in and check-out, and who may
 * do what to an activity now — pure, `now` passed in. `allowedActions` uses the same guards the
 * handlers enforce, so the buttons the app shows are the requests the server accepts.
 */
import type { Activity, ActivityAction, ActivityPhase, HoursRule, Signup } from '../../types/points';
import { round2 } from './points';
import { staffCommunities, type Actor } from './actor';
import { DAY, HOUR, MINUTE } from './calendar';
import { ACTIVITY_PHASE_LABEL } from '../../types/labels';

/** Check-in opens this long before the start (people arrive early). */
export const CHECK_IN_EARLY_MS = 30 * MINUTE;
/** Check-out stays open this long after the end; later, the organiser settles it. */
export const CHECK_OUT_LATE_MS = 2 * HOUR;


export function phaseOf(a: Pick<Activity, 'status' | 'startAt' | 'endAt'>, now: Date): ActivityPhase {
  if (a.status === 'cancelled') return 'cancelled';
  if (now < new Date(a.startAt)) return 'upcoming';
  if (now <= new Date(a.endAt)) return 'ongoing';
  return 'ended';
}

/** Hours rounded down to a half hour, never negative. */
const halves = (ms: number) => Math.max(0, Math.floor((ms / HOUR) * 2) / 2);

/** The activity's own length in hours (the most anyone can earn from it). */
export function durationHours(a: Pick<Activity, 'startAt' | 'endAt'>): number {
  return halves(new Date(a.endAt).getTime() - new Date(a.startAt).getTime());
}

/**
 * Hours served: the fixed figure for a 'fixed' activity; otherwise the time between check-in and
 * check-out that falls inside the activity, rounded down to a half hour.
 */
export function activityHours(a: Pick<Activity, 'hoursRule' | 'fixedHours' | 'startAt' | 'endAt'>, checkInAt: Date, checkOutAt: Date): number {
  if (a.hoursRule === 'fixed') return a.fixedHours ?? 0;
  const from = Math.max(checkInAt.getTime(), new Date(a.startAt).getTime());
  const to = Math.min(checkOutAt.getTime(), new Date(a.endAt).getTime());
  return round2(halves(to - from));
}

/** Staff, grid workers and the secretary of the activity's community manage it (the organiser among them). */
export function managesActivity(actor: Actor, a: Pick<Activity, 'communityId' | 'organiser'>): boolean {
  return staffCommunities(actor.roles).includes(a.communityId);
}

/** The organiser may also settle a missed check-out (they saw who stayed). */
export function mayResolve(actor: Actor, a: Pick<Activity, 'communityId' | 'organiser'>): boolean {
  return managesActivity(actor, a) || a.organiser.openid === actor.openid;
}

export type ActivityRefusal = { code: 'FORBIDDEN' | 'INVALID_STATE'; message: string };

const refusal = (code: ActivityRefusal['code'], message: string): ActivityRefusal => ({ code, message });

/** null when allowed; otherwise why not. Independent of the request's input, so `allowedActions` can use it. */
export function activityGuard(action: ActivityAction, a: Activity, signup: Signup | null, actor: Actor, now: Date): ActivityRefusal | null {
  const phase = phaseOf(a, now);
  const start = new Date(a.startAt).getTime();
  const end = new Date(a.endAt).getTime();
  const t = now.getTime();
  const mine = signup && signup.openid === actor.openid ? signup : null;
  switch (action) {
    case 'signUp':
      if (phase === 'cancelled' || phase === 'ended') return refusal('INVALID_STATE', `该活动${ACTIVITY_PHASE_LABEL[phase]}，不能报名`);
      if (mine && mine.status !== 'cancelled') return refusal('INVALID_STATE', '您已报名该活动');
      if (a.signedUp >= a.capacity) return refusal('INVALID_STATE', '该活动名额已满');
      return null;
    case 'cancelSignup':
      if (!mine || mine.status === 'cancelled') return refusal('INVALID_STATE', '您没有报名该活动');
      if (mine.status !== 'signedUp' || t >= start) return refusal('INVALID_STATE', '活动已开始或您已签到，不能取消报名');
      return null;
    case 'checkIn':
      if (!mine || mine.status === 'cancelled') return refusal('INVALID_STATE', '请先报名该活动');
      if (mine.status !== 'signedUp') return refusal('INVALID_STATE', '您已签到');
      if (phase === 'cancelled') return refusal('INVALID_STATE', '该活动已取消');
      if (t < start - CHECK_IN_EARLY_MS || t > end) return refusal('INVALID_STATE', '不在签到时间内（开始前 30 分钟至结束）');
      return null;
    case 'checkOut':
      if (!mine || mine.status !== 'checkedIn') return refusal('INVALID_STATE', '您还没有签到，或已签退');
      if (t > end + CHECK_OUT_LATE_MS) return refusal('INVALID_STATE', '签退时间已过，请联系活动组织者补录');
      return null;
    case 'cancel':
      if (!managesActivity(actor, a)) return refusal('FORBIDDEN', '只有本社区工作人员可以取消活动');
      if (phase !== 'upcoming' && phase !== 'ongoing') return refusal('INVALID_STATE', `该活动${ACTIVITY_PHASE_LABEL[phase]}，不能取消`);
      return null;
    case 'resolveCheckOut':
      if (!mayResolve(actor, a)) return refusal('FORBIDDEN', '只有活动组织者或本社区工作人员可以补录签退');
      if (phase !== 'ended') return refusal('INVALID_STATE', '活动结束后才能补录签退');
      return null;
    case 'approveHours':
      if (!managesActivity(actor, a)) return refusal('FORBIDDEN', '只有本社区工作人员可以核定时长');
      if (phase === 'cancelled' || phase === 'upcoming') return refusal('INVALID_STATE', '活动未开始或已取消，没有可核定的时长');
      return null;
  }
}

export const ACTIVITY_ACTIONS: ActivityAction[] = ['signUp', 'cancelSignup', 'checkIn', 'checkOut', 'cancel', 'resolveCheckOut', 'approveHours'];

export function activityActions(a: Activity, signup: Signup | null, actor: Actor, now: Date): ActivityAction[] {
  return ACTIVITY_ACTIONS.filter((x) => activityGuard(x, a, signup, actor, now) === null);
}

/** Why a person's checked-out hours may not be approved by this actor, or null. Nobody approves their own. */
export function approvalRefusal(signup: Signup, actor: Actor): string | null {
  if (signup.openid === actor.openid) return '不能核定自己的服务时长';
  if (signup.status !== 'checkedOut') return signup.status === 'approved' ? '该时长已核定' : '该报名者尚未签退';
  if ((signup.hours ?? 0) <= 0) return '服务时长为 0，无需核定';
  return null;
}

// ---- the activity itself: created, then cancelled or left to run -------------------------------

/** A new activity as the staff member asked for it (validated at the edge). */
export interface ActivityDraft {
  communityId?: string;
  title: string;
  description?: string;
  place: string;
  startAt: Date;
  endAt: Date;
  capacity: number;
  hoursRule: HoursRule;
  fixedHours?: number;
}

type Refused = { ok: false; code: 'FORBIDDEN' | 'INVALID_STATE' | 'INVALID_INPUT'; message: string };
const no = (code: Refused['code'], message: string): Refused => ({ ok: false, code, message });

/**
 * The activity a staff member publishes, in their own community (the only one, or the one they
 * name), with its check-in code; or why not. `_id` and `code` are made by the caller.
 */
export function newActivity(d: ActivityDraft, actor: Actor, now: Date, made: { _id: string; code: string }): { ok: true; activity: Activity } | Refused {
  const own = staffCommunities(actor.roles);
  const communityId = d.communityId ?? (own.length === 1 ? own[0] : undefined);
  if (!communityId) return own.length ? no('INVALID_INPUT', '请选择在哪个社区发布活动（communityId）') : no('FORBIDDEN', '只有社区工作人员可以发布志愿活动');
  if (!own.includes(communityId)) return no('FORBIDDEN', '只能在本社区发布志愿活动');
  if (d.endAt <= d.startAt) return no('INVALID_INPUT', '结束时间必须晚于开始时间');
  if (d.endAt <= now) return no('INVALID_INPUT', '结束时间已过');
  if (d.endAt.getTime() - d.startAt.getTime() > DAY) return no('INVALID_INPUT', '一次活动最长 24 小时');
  if (d.hoursRule === 'fixed' && d.fixedHours === undefined) return no('INVALID_INPUT', '固定时长的活动请填写时长（fixedHours）');
  const activity: Activity = {
    _id: made._id,
    communityId,
    title: d.title,
    description: d.description ?? '',
    place: d.place,
    startAt: d.startAt,
    endAt: d.endAt,
    capacity: d.capacity,
    signedUp: 0,
    hoursRule: d.hoursRule,
    fixedHours: d.hoursRule === 'fixed' ? d.fixedHours! : null,
    status: 'published',
    organiser: { openid: actor.openid, name: actor.name },
    code: made.code,
    createdAt: now,
    cancelledAt: null,
    cancelReason: null,
  };
  if (activity.fixedHours !== null && activity.fixedHours > durationHours(activity)) return no('INVALID_INPUT', '固定时长不能超过活动时长');
  return { ok: true, activity };
}

export type ActivityEvent = { event: 'cancel'; reason: string };

/** published → cancelled 已取消 (staff of its community, before it ends), with the reason. */
export function activityTransition(a: Activity, step: ActivityEvent, actor: Actor, now: Date): { ok: true; activity: Activity } | Refused {
  const refused = activityGuard(step.event, a, null, actor, now);
  if (refused) return no(refused.code, refused.message);
  return { ok: true, activity: { ...a, status: 'cancelled', cancelledAt: now, cancelReason: step.reason } };
}
