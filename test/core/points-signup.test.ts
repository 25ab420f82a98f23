/**
 * The sign-up lifecycle as a table: every state (none yet included) × event × role against a
 * spec written here, independently of the guards; then what each transition records.
 */
import type { Actor } from '../../cloudfunctions/core/actor';
import { DEFAULT_POINT_RULES as RULES } from '../../cloudfunctions/core/points';
import { activityActions } from '../../cloudfunctions/core/points-activity';
import {
  hasCheckedIn,
  hasCheckedOut,
  holdsPlace,
  SIGNUP_STATES,
  signupTransition,
  type SignupEvent,
} from '../../cloudfunctions/core/points-signup';
import type { ActivityAction, Signup, SignupStatus } from '../../types/points';
import { activity, person, signup, T } from './points.fixtures';

const ROLES = {
  resident: person('me'),
  staff: person('staff', [{ role: 'staff', communityId: 'c-dongjie' }]),
  gridWorker: person('grid', [{ role: 'gridWorker', communityId: 'c-dongjie' }]),
  otherStaff: person('other', [{ role: 'staff', communityId: 'c-ximen' }]),
  organiser: person('organiser'), // created it, no longer staff
  admin: person('admin', [{ role: 'admin' }]),
} satisfies Record<string, Actor>;
type Role = keyof typeof ROLES;
const ALL = Object.keys(ROLES) as Role[];

type State = SignupStatus | 'none';
const STATES: State[] = ['none', ...SIGNUP_STATES];
type Outcome = 'ok' | 'repeat' | 'FORBIDDEN' | 'INVALID_STATE' | 'NOT_FOUND';

/**
 * Each event at a moment its time window allows, with the right code. Self events act on the
 * actor's own sign-up; resolveCheckOut and approve on the resident's (2 hours served).
 */
const EVENTS: { name: string; step: SignupEvent; at: string; self: boolean }[] = [
  { name: 'signUp', step: { event: 'signUp' }, at: '08:00', self: true },
  { name: 'cancelSignup', step: { event: 'cancelSignup' }, at: '08:00', self: true },
  { name: 'checkIn', step: { event: 'checkIn', code: 'ABC234' }, at: '09:30', self: true },
  { name: 'checkOut', step: { event: 'checkOut', code: 'ABC234' }, at: '10:30', self: true },
  { name: 'resolveCheckOut', step: { event: 'resolveCheckOut', hours: 2, note: '忘记签退' }, at: '12:00', self: false },
  { name: 'approve', step: { event: 'approve', rules: RULES, home: { communityId: 'c-dongjie', unitId: 'unit-renshe' } }, at: '12:00', self: false },
];

const anyone = (outcome: Outcome) => Object.fromEntries(ALL.map((r) => [r, outcome])) as Record<Role, Outcome>;
const only = (who: Role[], yes: Outcome, no: Outcome) => Object.fromEntries(ALL.map((r) => [r, who.includes(r) ? yes : no])) as Record<Role, Outcome>;
const SETTLERS: Role[] = ['staff', 'gridWorker', 'organiser'];
const APPROVERS: Role[] = ['staff', 'gridWorker'];

/** The spec: event → state → role → outcome. */
const SPEC: Record<string, Record<State, Record<Role, Outcome>>> = {
  signUp: {
    none: anyone('ok'),
    cancelled: anyone('ok'),
    signedUp: anyone('repeat'),
    checkedIn: anyone('repeat'),
    checkedOut: anyone('repeat'),
    approved: anyone('repeat'),
  },
  cancelSignup: {
    none: anyone('INVALID_STATE'),
    signedUp: anyone('ok'),
    checkedIn: anyone('INVALID_STATE'),
    checkedOut: anyone('INVALID_STATE'),
    approved: anyone('INVALID_STATE'),
    cancelled: anyone('INVALID_STATE'),
  },
  checkIn: {
    none: anyone('INVALID_STATE'),
    signedUp: anyone('ok'),
    checkedIn: anyone('repeat'),
    checkedOut: anyone('repeat'),
    approved: anyone('repeat'),
    cancelled: anyone('INVALID_STATE'),
  },
  checkOut: {
    none: anyone('INVALID_STATE'),
    signedUp: anyone('INVALID_STATE'),
    checkedIn: anyone('ok'),
    checkedOut: anyone('repeat'),
    approved: anyone('repeat'),
    cancelled: anyone('INVALID_STATE'),
  },
  resolveCheckOut: {
    none: only(SETTLERS, 'NOT_FOUND', 'FORBIDDEN'),
    signedUp: only(SETTLERS, 'INVALID_STATE', 'FORBIDDEN'),
    checkedIn: only(SETTLERS, 'ok', 'FORBIDDEN'),
    checkedOut: only(SETTLERS, 'INVALID_STATE', 'FORBIDDEN'),
    approved: only(SETTLERS, 'INVALID_STATE', 'FORBIDDEN'),
    cancelled: only(SETTLERS, 'NOT_FOUND', 'FORBIDDEN'),
  },
  approve: {
    none: only(APPROVERS, 'INVALID_STATE', 'FORBIDDEN'),
    signedUp: only(APPROVERS, 'INVALID_STATE', 'FORBIDDEN'),
    checkedIn: only(APPROVERS, 'INVALID_STATE', 'FORBIDDEN'),
    checkedOut: only(APPROVERS, 'ok', 'FORBIDDEN'),
    approved: only(APPROVERS, 'INVALID_STATE', 'FORBIDDEN'),
    cancelled: only(APPROVERS, 'INVALID_STATE', 'FORBIDDEN'),
  },
};

const hoursOf = (s: State) => (s === 'checkedOut' || s === 'approved' ? 2 : null);
const caseOf = (state: State, holder: string) => ({ activity: activity(), signup: state === 'none' ? null : signup(holder, state, hoursOf(state)) });

const cases = EVENTS.flatMap((e) => STATES.flatMap((s) => ALL.map((r) => [e.name, s, r] as const)));

test.each(cases)('%s × %s × %s', (name, state, role) => {
  const e = EVENTS.find((x) => x.name === name)!;
  const actor = ROLES[role];
  const r = signupTransition(caseOf(state, e.self ? actor.openid : 'me'), e.step, actor, T(e.at));
  const outcome: Outcome = r.ok ? (r.repeat ? 'repeat' : 'ok') : (r.code as Outcome);
  expect(outcome).toBe(SPEC[name][state][role]);
  if (!r.ok) expect(r.message).toMatch(/[\u4e00-\u9fa5]/);
  if (r.ok && r.repeat) expect(r.facts).toEqual([]);
});

test('allowedActions offers a self step exactly when the transition takes it (not a repeat)', () => {
  const steps: [ActivityAction, SignupEvent, string][] = [
    ['signUp', { event: 'signUp' }, '08:00'],
    ['cancelSignup', { event: 'cancelSignup' }, '08:00'],
    ['checkIn', { event: 'checkIn', code: 'ABC234' }, '09:30'],
    ['checkOut', { event: 'checkOut', code: 'ABC234' }, '10:30'],
  ];
  for (const state of STATES) {
    for (const [action, step, at] of steps) {
      const c = caseOf(state, 'me');
      const r = signupTransition(c, step, ROLES.resident, T(at));
      expect([state, action, activityActions(c.activity, c.signup, ROLES.resident, T(at)).includes(action)]).toEqual([state, action, r.ok && !r.repeat]);
    }
  }
});

test('state groups', () => {
  expect(SIGNUP_STATES.filter((s) => holdsPlace({ status: s }))).toEqual(['signedUp', 'checkedIn', 'checkedOut', 'approved']);
  expect(SIGNUP_STATES.filter((s) => hasCheckedIn({ status: s }))).toEqual(['checkedIn', 'checkedOut', 'approved']);
  expect(SIGNUP_STATES.filter((s) => hasCheckedOut({ status: s }))).toEqual(['checkedOut', 'approved']);
  expect(holdsPlace(null)).toBe(false);
});

function run(c: { activity: ReturnType<typeof activity>; signup: Signup | null }, step: SignupEvent, actor: Actor, at: string) {
  const r = signupTransition(c, step, actor, T(at));
  if (!r.ok) throw new Error(`${step.event} refused: ${r.message}`);
  return r;
}

describe('what each step records', () => {
  const me = ROLES.resident;

  test('signing up takes a place: a fresh sign-up and the count +1', () => {
    const r = run({ activity: activity(), signup: null }, { event: 'signUp' }, me, '08:00');
    expect(r.signup).toMatchObject({ _id: 'a1_me', activityId: 'a1', communityId: 'c-dongjie', openid: 'me', status: 'signedUp', signedUpAt: T('08:00'), hours: null });
    expect(r.activity.signedUp).toBe(2);
    expect(r.facts).toEqual([{ kind: 'count', by: 1 }]);
  });

  test('a full activity refuses; signing up again after cancelling starts afresh', () => {
    expect(signupTransition({ activity: activity({ signedUp: 2 }), signup: null }, { event: 'signUp' }, me, T('08:00'))).toMatchObject({ ok: false, code: 'INVALID_STATE', message: '该活动名额已满' });
    const again = run({ activity: activity(), signup: { ...signup('me', 'cancelled'), resolveNote: 'x' } }, { event: 'signUp' }, me, '08:00');
    expect(again.signup).toMatchObject({ status: 'signedUp', resolveNote: null });
  });

  test('cancelling gives the place back', () => {
    const r = run({ activity: activity(), signup: signup('me', 'signedUp') }, { event: 'cancelSignup' }, me, '08:00');
    expect(r.signup.status).toBe('cancelled');
    expect(r.activity.signedUp).toBe(0);
    expect(r.facts).toEqual([{ kind: 'count', by: -1 }]);
  });

  test('a wrong code is refused as input', () => {
    expect(signupTransition({ activity: activity(), signup: signup('me', 'signedUp') }, { event: 'checkIn', code: 'WRONG2' }, me, T('09:30'))).toEqual({ ok: false, code: 'INVALID_INPUT', message: '签到码不正确' });
    expect(signupTransition({ activity: activity(), signup: signup('me', 'checkedIn') }, { event: 'checkOut', code: 'WRONG2' }, me, T('10:30'))).toEqual({ ok: false, code: 'INVALID_INPUT', message: '签退码不正确' });
  });

  test('check-in is dated; check-out works the hours out', () => {
    expect(run({ activity: activity(), signup: signup('me', 'signedUp') }, { event: 'checkIn', code: 'ABC234' }, me, '09:30').signup).toMatchObject({ status: 'checkedIn', checkInAt: T('09:30') });
    const out = run({ activity: activity(), signup: signup('me', 'checkedIn') }, { event: 'checkOut', code: 'ABC234' }, me, '10:30');
    expect(out.signup).toMatchObject({ status: 'checkedOut', checkOutAt: T('10:30'), hours: 1.5 });
    expect(out.facts).toEqual([]);
  });

  test('settling a missed check-out: the hours given (at most the fixed figure), who and why; never beyond the activity', () => {
    const staff = ROLES.staff;
    const r = run({ activity: activity(), signup: signup('me', 'checkedIn') }, { event: 'resolveCheckOut', hours: 1.5, note: '忘记签退' }, staff, '12:00');
    expect(r.signup).toMatchObject({ status: 'checkedOut', hours: 1.5, resolvedBy: 'staff', resolveNote: '忘记签退' });
    const fixed = run({ activity: activity({ hoursRule: 'fixed', fixedHours: 1 }), signup: signup('me', 'checkedIn') }, { event: 'resolveCheckOut', hours: 2, note: '忘记签退' }, staff, '12:00');
    expect(fixed.signup.hours).toBe(1);
    expect(signupTransition({ activity: activity(), signup: signup('me', 'checkedIn') }, { event: 'resolveCheckOut', hours: 2.5, note: 'x' }, staff, T('12:00'))).toEqual({
      ok: false,
      code: 'INVALID_INPUT',
      message: '时长不能超过活动时长（2 小时）',
    });
  });

  test('approval records the ledger entry once per person and activity, counted where the person works', () => {
    const r = run({ activity: activity(), signup: signup('me', 'checkedOut', 2) }, { event: 'approve', rules: RULES, home: { communityId: 'c-dongjie', unitId: 'unit-renshe' } }, ROLES.staff, '12:00');
    expect(r.signup).toMatchObject({ status: 'approved', approvedBy: 'staff', approvedAt: T('12:00'), entryId: 'activity_a1_me' });
    expect(r.facts).toEqual([
      {
        kind: 'credit',
        entry: {
          key: 'activity_a1_me',
          openid: 'me',
          name: 'me',
          points: 2 * RULES.perActivityHour,
          hours: 2,
          source: { type: 'activity', id: 'a1', label: '社区义诊' },
          reason: '志愿活动「社区义诊」服务 2 小时',
          actor: 'staff',
          actorName: 'staff',
          communityId: 'c-dongjie',
          unitId: 'unit-renshe',
          home: { communityId: 'c-dongjie', unitId: 'unit-renshe' },
        },
      },
    ]);
  });

  test('nobody approves their own hours, nor hours of 0', () => {
    const own = signupTransition({ activity: activity(), signup: signup('staff', 'checkedOut', 2) }, { event: 'approve', rules: RULES, home: { communityId: null, unitId: null } }, ROLES.staff, T('12:00'));
    expect(own).toEqual({ ok: false, code: 'INVALID_STATE', message: '不能核定自己的服务时长' });
    const zero = signupTransition({ activity: activity(), signup: signup('me', 'checkedOut', 0) }, { event: 'approve', rules: RULES, home: { communityId: null, unitId: null } }, ROLES.staff, T('12:00'));
    expect(zero).toMatchObject({ ok: false, message: '服务时长为 0，无需核定' });
  });

  test('the transition changes nothing it was given', () => {
    const c = { activity: activity(), signup: signup('me', 'signedUp') };
    const copy = structuredClone(c);
    run(c, { event: 'checkIn', code: 'ABC234' }, me, '09:30');
    run(c, { event: 'cancelSignup' }, me, '08:00');
    expect(c).toEqual(copy);
  });
});
