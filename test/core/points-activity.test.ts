/** Table tests of activities: phases, hours from check-in/out, and every action × caller × moment. */
import type { Actor } from '../../cloudfunctions/core/actor';
import { activityActions, activityGuard, activityHours, activityTransition, approvalRefusal, durationHours, newActivity, phaseOf } from '../../cloudfunctions/core/points-activity';
import type { Activity, ActivityAction, Signup } from '../../types/points';
import { activity, person, signup, T } from './points.fixtures';

const staff = person('staff', [{ role: 'staff', communityId: 'c-dongjie' }]);
const otherStaff = person('other', [{ role: 'staff', communityId: 'c-ximen' }]);
const organiser = person('organiser'); // no longer staff: may still settle check-outs
const me = person('me');

test.each([
  ['07:00', 'upcoming'],
  ['09:00', 'ongoing'],
  ['11:00', 'ongoing'],
  ['11:01', 'ended'],
])('phase at %s is %s', (t, phase) => {
  expect(phaseOf(activity(), T(t))).toBe(phase);
  expect(phaseOf(activity({ status: 'cancelled' }), T(t))).toBe('cancelled');
});

test.each([
  ['actual: within the activity', '09:10', '10:50', 1.5],
  ['actual: early arrival counts from the start', '08:40', '10:00', 1],
  ['actual: a late check-out counts to the end', '09:00', '12:30', 2],
  ['actual: rounded down to half hours', '09:00', '09:59', 0.5],
  ['actual: under half an hour is nothing', '09:00', '09:20', 0],
])('%s', (_name, inAt, outAt, hours) => {
  expect(activityHours(activity(), T(inAt), T(outAt))).toBe(hours);
});

test('fixed hours whatever the times; duration is the most anyone earns', () => {
  expect(activityHours(activity({ hoursRule: 'fixed', fixedHours: 1.5 }), T('09:00'), T('09:05'))).toBe(1.5);
  expect(durationHours(activity())).toBe(2);
});

type Row = [string, ActivityAction, Actor, Signup | null, string, Partial<Activity>, 'ok' | 'FORBIDDEN' | 'INVALID_STATE'];
const rows: Row[] = [
  ['sign up before the start', 'signUp', me, null, '08:00', {}, 'ok'],
  ['sign up while it runs', 'signUp', me, null, '10:00', {}, 'ok'],
  ['sign up after the end', 'signUp', me, null, '11:30', {}, 'INVALID_STATE'],
  ['sign up when full', 'signUp', me, null, '08:00', { signedUp: 2 }, 'INVALID_STATE'],
  ['sign up twice', 'signUp', me, signup('me', 'signedUp'), '08:00', {}, 'INVALID_STATE'],
  ['sign up again after cancelling', 'signUp', me, signup('me', 'cancelled'), '08:00', {}, 'ok'],
  ['sign up to a cancelled activity', 'signUp', me, null, '08:00', { status: 'cancelled' }, 'INVALID_STATE'],
  ['cancel a sign-up before the start', 'cancelSignup', me, signup('me', 'signedUp'), '08:00', {}, 'ok'],
  ['cancel a sign-up after the start', 'cancelSignup', me, signup('me', 'signedUp'), '09:30', {}, 'INVALID_STATE'],
  ['cancel someone else’s sign-up', 'cancelSignup', me, signup('you', 'signedUp'), '08:00', {}, 'INVALID_STATE'],
  ['check in 30 min early', 'checkIn', me, signup('me', 'signedUp'), '08:30', {}, 'ok'],
  ['check in too early', 'checkIn', me, signup('me', 'signedUp'), '08:29', {}, 'INVALID_STATE'],
  ['check in after the end', 'checkIn', me, signup('me', 'signedUp'), '11:01', {}, 'INVALID_STATE'],
  ['check in without signing up', 'checkIn', me, null, '09:30', {}, 'INVALID_STATE'],
  ['check in to a cancelled activity', 'checkIn', me, signup('me', 'signedUp'), '09:30', { status: 'cancelled' }, 'INVALID_STATE'],
  ['check out after checking in', 'checkOut', me, signup('me', 'checkedIn'), '11:00', {}, 'ok'],
  ['check out up to 2 h after the end', 'checkOut', me, signup('me', 'checkedIn'), '13:00', {}, 'ok'],
  ['check out later than that', 'checkOut', me, signup('me', 'checkedIn'), '13:01', {}, 'INVALID_STATE'],
  ['check out without checking in', 'checkOut', me, signup('me', 'signedUp'), '10:00', {}, 'INVALID_STATE'],
  ['staff cancel it before it ends', 'cancel', staff, null, '10:00', {}, 'ok'],
  ['staff of another community cancel it', 'cancel', otherStaff, null, '10:00', {}, 'FORBIDDEN'],
  ['a resident cancels it', 'cancel', me, null, '08:00', {}, 'FORBIDDEN'],
  ['staff cancel it after it ended', 'cancel', staff, null, '12:00', {}, 'INVALID_STATE'],
  ['staff settle a check-out after the end', 'resolveCheckOut', staff, null, '12:00', {}, 'ok'],
  ['the organiser settles a check-out', 'resolveCheckOut', organiser, null, '12:00', {}, 'ok'],
  ['settle a check-out while it runs', 'resolveCheckOut', staff, null, '10:00', {}, 'INVALID_STATE'],
  ['another community settles a check-out', 'resolveCheckOut', otherStaff, null, '12:00', {}, 'FORBIDDEN'],
  ['staff approve hours while it runs', 'approveHours', staff, null, '10:00', {}, 'ok'],
  ['staff approve hours after it ended', 'approveHours', staff, null, '12:00', {}, 'ok'],
  ['approve before the start', 'approveHours', staff, null, '08:00', {}, 'INVALID_STATE'],
  ['the organiser (not staff) approves', 'approveHours', organiser, null, '12:00', {}, 'FORBIDDEN'],
  ['another community approves', 'approveHours', otherStaff, null, '12:00', {}, 'FORBIDDEN'],
];

test.each(rows)('%s', (_name, action, actor, s, at, over, expected) => {
  const refused = activityGuard(action, activity(over), s, actor, T(at));
  expect(refused === null ? 'ok' : refused.code).toBe(expected);
  expect(activityActions(activity(over), s, actor, T(at)).includes(action)).toBe(expected === 'ok');
});

test.each([
  ['own hours', signup('staff', 'checkedOut', 2), '不能核定自己的服务时长'],
  ['not checked out', signup('me', 'checkedIn'), '该报名者尚未签退'],
  ['already approved', signup('me', 'approved', 2), '该时长已核定'],
  ['zero hours', signup('me', 'checkedOut', 0), '服务时长为 0，无需核定'],
  ['approvable', signup('me', 'checkedOut', 2), null],
])('approvalRefusal: %s', (_name, s, why) => {
  expect(approvalRefusal(s, staff)).toBe(why);
});

describe('newActivity: staff publish in their own community', () => {
  const draft = { title: '义诊', place: '服务中心', startAt: T('09:00'), endAt: T('11:00'), capacity: 10, hoursRule: 'actual' as const };
  const made = { _id: 'new', code: 'XYZ234' };
  const twoCommunities = person('two', [{ role: 'staff', communityId: 'c-dongjie' }, { role: 'staff', communityId: 'c-ximen' }]);

  test('the only community is the default; the activity starts empty and published with its code', () => {
    const r = newActivity(draft, staff, T('08:00'), made);
    expect(r).toMatchObject({ ok: true, activity: { _id: 'new', communityId: 'c-dongjie', code: 'XYZ234', signedUp: 0, status: 'published', fixedHours: null, organiser: { openid: 'staff' } } });
  });

  test.each<[string, Parameters<typeof newActivity>[0], Actor, string, string]>([
    ['a resident', draft, me, 'FORBIDDEN', '只有社区工作人员可以发布志愿活动'],
    ['another community', { ...draft, communityId: 'c-dongjie' }, otherStaff, 'FORBIDDEN', '只能在本社区发布志愿活动'],
    ['staff of two communities without naming one', draft, twoCommunities, 'INVALID_INPUT', '请选择在哪个社区发布活动（communityId）'],
    ['the end before the start', { ...draft, endAt: T('08:30') }, staff, 'INVALID_INPUT', '结束时间必须晚于开始时间'],
    ['an end already past', { ...draft, startAt: T('06:00'), endAt: T('07:00') }, staff, 'INVALID_INPUT', '结束时间已过'],
    ['longer than a day', { ...draft, endAt: new Date(T('09:00').getTime() + 25 * 3600_000) }, staff, 'INVALID_INPUT', '一次活动最长 24 小时'],
    ['fixed hours not given', { ...draft, hoursRule: 'fixed' }, staff, 'INVALID_INPUT', '固定时长的活动请填写时长（fixedHours）'],
    ['fixed hours beyond its length', { ...draft, hoursRule: 'fixed', fixedHours: 3 }, staff, 'INVALID_INPUT', '固定时长不能超过活动时长'],
  ])('refused: %s', (_n, d, who, code, message) => {
    expect(newActivity(d, who, T('08:00'), made)).toEqual({ ok: false, code, message });
  });

  test('staff of two communities may name either', () => {
    expect(newActivity({ ...draft, communityId: 'c-ximen' }, twoCommunities, T('08:00'), made)).toMatchObject({ ok: true, activity: { communityId: 'c-ximen' } });
  });
});

describe('activityTransition: cancel', () => {
  test.each<[string, Actor, string, Partial<Activity>, 'ok' | 'FORBIDDEN' | 'INVALID_STATE']>([
    ['staff before the start', staff, '08:00', {}, 'ok'],
    ['staff while it runs', staff, '10:00', {}, 'ok'],
    ['staff after the end', staff, '12:00', {}, 'INVALID_STATE'],
    ['staff, already cancelled', staff, '08:00', { status: 'cancelled' }, 'INVALID_STATE'],
    ['the organiser who is no longer staff', organiser, '08:00', {}, 'FORBIDDEN'],
    ['staff of another community', otherStaff, '08:00', {}, 'FORBIDDEN'],
    ['a resident', me, '08:00', {}, 'FORBIDDEN'],
  ])('%s', (_n, who, at, over, expected) => {
    const r = activityTransition(activity(over), { event: 'cancel', reason: '下雨' }, who, T(at));
    expect(r.ok ? 'ok' : r.code).toBe(expected);
    if (r.ok) expect(r.activity).toMatchObject({ status: 'cancelled', cancelledAt: T(at), cancelReason: '下雨' });
  });
});
