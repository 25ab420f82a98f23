/**
 * points: a person's place in a volunteer activity — sign up (never beyond the capacity) and
 * cancel, check in and out with the organiser's code, the organiser settling a missed check-out,
 * staff approving hours into the ledger. Each: load → signupTransition (core/points-signup.ts)
 * → save (activity-store.ts) → the detail.
 */
import { AWAITING_APPROVAL, signupTransition, type SignupEvent } from '../core/points-signup';
import { activityGuard, approvalRefusal } from '../core/points-activity';
import { AppError, refuse } from '../lib/errors';
import { loadRules } from '../lib/points-rules';
import type { Ctx, Handlers } from '../lib/router';
import { loadSignup, saveApproval, saveSignupCount, saveSignupStep, signupsToApprove } from './activity-store';
import { mustLoadActivity, showActivity } from './activities';
import { loadPeople } from './store';
import { approveInput, byId, codeInput, resolveInput } from './schemas';

type H = Handlers<'points'>;

/** Signing up and cancelling change the activity's count with the sign-up, in one transaction. */
function countStep(event: 'signUp' | 'cancelSignup'): H['signUp'] {
  return {
    input: byId,
    async run({ id }, ctx) {
      const me = ctx.actor.openid;
      const seen = await mustLoadActivity(id);
      if (event === 'signUp') {
        // A repeat answers at once and a full activity refuses at once, without contending.
        const first = signupTransition({ activity: seen, signup: await loadSignup(id, me) }, { event }, ctx.actor, ctx.now);
        if (!first.ok) throw new AppError(first.code, first.message);
        if (first.repeat) return showActivity(seen, ctx);
      }
      const a = await saveSignupCount(id, me, (activity, signup) => signupTransition({ activity, signup }, { event }, ctx.actor, ctx.now));
      return showActivity(a, ctx);
    },
  };
}

export const signUp = countStep('signUp');
export const cancelSignup = countStep('cancelSignup') as H['cancelSignup'];

/** Runs a step of one person's sign-up as a compare-and-set on its status. Repeats change nothing. */
async function signupStep(ctx: Ctx, id: string, openid: string, step: SignupEvent) {
  const a = await mustLoadActivity(id);
  const before = await loadSignup(id, openid);
  const r = signupTransition({ activity: a, signup: before }, step, ctx.actor, ctx.now);
  if (!r.ok) throw new AppError(r.code, r.message);
  if (!r.repeat && !(await saveSignupStep(before!, r.signup))) throw refuse.conflict();
  return showActivity(a, ctx);
}

export const activityCheckIn: H['activityCheckIn'] = {
  input: codeInput,
  run: ({ id, code }, ctx) => signupStep(ctx, id, ctx.actor.openid, { event: 'checkIn', code }),
};

export const activityCheckOut: H['activityCheckOut'] = {
  input: codeInput,
  run: ({ id, code }, ctx) => signupStep(ctx, id, ctx.actor.openid, { event: 'checkOut', code }),
};

export const resolveCheckOut: H['resolveCheckOut'] = {
  input: resolveInput,
  run: ({ id, openid, hours, note }, ctx) => signupStep(ctx, id, openid, { event: 'resolveCheckOut', hours, note }),
};

/**
 * Approves checked-out hours: each person's entry (`activity_<id>_<openid>`, once) and their
 * sign-up's status change in one transaction. Staff never approve their own hours.
 */
export const approveHours: H['approveHours'] = {
  input: approveInput,
  async run({ id, openids }, ctx) {
    const a = await mustLoadActivity(id);
    const actor = ctx.actor;
    const refused = activityGuard('approveHours', a, null, actor, ctx.now);
    if (refused) throw new AppError(refused.code, refused.message);
    if (openids?.includes(actor.openid)) throw refuse.forbidden('不能核定自己的服务时长');
    const signups = await signupsToApprove(id, openids, AWAITING_APPROVAL);
    if (openids) {
      const first = openids.map((o) => signups.find((s) => s.openid === o)).map((s) => (s ? approvalRefusal(s, actor) : '没有该报名记录')).find((r) => r !== null);
      if (first) throw new AppError('INVALID_STATE', first);
    }
    const todo = signups.filter((s) => approvalRefusal(s, actor) === null);
    if (!todo.length) throw new AppError('INVALID_STATE', '没有待核定的服务时长');
    const [rules, people] = await Promise.all([loadRules(), loadPeople(todo.map((s) => s.openid))]);
    let approved = 0;
    for (const s of todo) {
      const person = people.find((p) => p._id === s.openid);
      const home = { communityId: person?.communityId ?? null, unitId: person?.unitId ?? null };
      const decide = (signup: typeof s) => signupTransition({ activity: a, signup }, { event: 'approve', rules, home }, actor, ctx.now);
      if (await saveApproval(s._id, decide, ctx.now, rules)) approved++;
    }
    return { ...(await showActivity(a, ctx)), approved };
  },
};
