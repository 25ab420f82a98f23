/**
 * points: volunteer activities — staff create and cancel them; people sign up (never beyond the
 * capacity: the count and the sign-up change in one transaction), check in and out with the
 * organiser's code; the organiser settles missed check-outs; staff approve hours into the ledger.
 */
import { makeCode, pointsFor } from '../core/points';
import { activityGuard, activityHours, approvalRefusal, durationHours } from '../core/points-activity';
import { staffCommunities } from '../core/actor';
import type { User } from '../../types/domain';
import type { Activity, ActivityAction, Signup } from '../../types/points';
import { _, db } from '../lib/cloud';
import { AppError, refuse } from '../lib/errors';
import { ledgerTransaction } from '../lib/ledger';
import { loadRules } from '../lib/points-rules';
import type { Ctx, Handlers } from '../lib/router';
import { ACTIVITIES, activityDetail, communityNames, loadActivity, SIGNUPS, signupId, toActivitySummary } from './activity-views';
import { newId, paged, secureRandom, skipOf } from './common';
import { approveInput, byId, cancelActivityInput, codeInput, createActivityInput, listActivitiesInput, resolveInput } from './schemas';

type H = Handlers<'points'>;
const DAY = 24 * 3600_000;

/** The activity, or NOT_FOUND. Activities are public: any registered user may see one. */
async function mustLoad(id: string): Promise<Activity> {
  const a = await loadActivity(id);
  if (!a) throw refuse.notFound('活动');
  return a;
}

function check(action: ActivityAction, a: Activity, signup: Signup | null, ctx: Ctx): void {
  const refused = activityGuard(action, a, signup, ctx.actor, ctx.now);
  if (refused) throw new AppError(refused.code, refused.message);
}

const loadSignup = async (activityId: string, openid: string) => (await db.collection(SIGNUPS).doc(signupId(activityId, openid)).get<Signup>()).data;

export const createActivity: H['createActivity'] = {
  input: createActivityInput,
  async run(input, ctx) {
    const own = staffCommunities(ctx.user.roles);
    const communityId = input.communityId ?? (own.length === 1 ? own[0] : undefined);
    if (!communityId) throw own.length ? refuse.invalid('请选择在哪个社区发布活动（communityId）') : refuse.forbidden('只有社区工作人员可以发布志愿活动');
    if (!own.includes(communityId)) throw refuse.forbidden('只能在本社区发布志愿活动');
    const startAt = new Date(input.startAt);
    const endAt = new Date(input.endAt);
    if (endAt <= startAt) throw refuse.invalid('结束时间必须晚于开始时间');
    if (endAt <= ctx.now) throw refuse.invalid('结束时间已过');
    if (endAt.getTime() - startAt.getTime() > DAY) throw refuse.invalid('一次活动最长 24 小时');
    if (input.hoursRule === 'fixed' && input.fixedHours === undefined) throw refuse.invalid('固定时长的活动请填写时长（fixedHours）');
    const activity: Activity = {
      _id: newId(),
      communityId,
      title: input.title,
      description: input.description ?? '',
      place: input.place,
      startAt,
      endAt,
      capacity: input.capacity,
      signedUp: 0,
      hoursRule: input.hoursRule,
      fixedHours: input.hoursRule === 'fixed' ? input.fixedHours! : null,
      status: 'published',
      organiser: { openid: ctx.user._id, name: ctx.user.name },
      code: makeCode(6, secureRandom),
      createdAt: ctx.now,
      cancelledAt: null,
      cancelReason: null,
    };
    if (activity.fixedHours !== null && activity.fixedHours > durationHours(activity)) throw refuse.invalid('固定时长不能超过活动时长');
    await db.collection(ACTIVITIES).add({ data: activity });
    return activityDetail(activity, ctx.actor, ctx.now);
  },
};

export const cancelActivity: H['cancelActivity'] = {
  input: cancelActivityInput,
  async run({ id, reason }, ctx) {
    const a = await mustLoad(id);
    check('cancel', a, null, ctx);
    const res = await db.collection(ACTIVITIES).where({ _id: id, status: 'published' }).update({ data: { status: 'cancelled', cancelledAt: ctx.now, cancelReason: reason } });
    if (res.stats.updated !== 1) throw refuse.conflict();
    return activityDetail({ ...a, status: 'cancelled', cancelledAt: ctx.now, cancelReason: reason }, ctx.actor, ctx.now);
  },
};

export const listActivities: H['listActivities'] = {
  input: listActivitiesInput,
  async run({ scope, page = 1, pageSize = 20 }, ctx) {
    const me = ctx.user._id;
    const skip = skipOf(page, pageSize);
    let found: Activity[];
    let mine: Signup[];
    if (scope === 'mine') {
      mine = (await db.collection(SIGNUPS).where({ openid: me, status: _.neq('cancelled') }).orderBy('signedUpAt', 'desc').skip(skip).limit(pageSize + 1).get<Signup>()).data;
      const ids = mine.map((s) => s.activityId);
      const acts = ids.length ? (await db.collection(ACTIVITIES).where({ _id: _.in(ids) }).limit(ids.length).get<Activity>()).data : [];
      found = ids.map((i) => acts.find((a) => a._id === i)).filter((a): a is Activity => !!a);
    } else {
      const own = staffCommunities(ctx.user.roles);
      if (scope === 'managed' && !own.length) throw refuse.forbidden('只有社区工作人员可以管理志愿活动');
      const where = scope === 'open' ? { status: 'published', endAt: _.gt(ctx.now) } : { communityId: _.in(own) };
      found = (await db.collection(ACTIVITIES).where(where).orderBy('startAt', scope === 'open' ? 'asc' : 'desc').skip(skip).limit(pageSize + 1).get<Activity>()).data;
      const ids = found.slice(0, pageSize).map((a) => a._id);
      mine = ids.length ? (await db.collection(SIGNUPS).where({ _id: _.in(ids.map((i) => signupId(i, me))) }).limit(ids.length).get<Signup>()).data : [];
    }
    const names = await communityNames(found.map((a) => a.communityId));
    return paged(found, page, pageSize, (a) => toActivitySummary(a, mine.find((s) => s.activityId === a._id) ?? null, names, ctx.now));
  },
};

export const detail: H['activityDetail'] = {
  input: byId,
  async run({ id }, ctx) {
    return activityDetail(await mustLoad(id), ctx.actor, ctx.now);
  },
};

/** Sign-up and its cancellation: the sign-up and the count change in one transaction, so the count never passes the capacity. */
export const signUp: H['signUp'] = {
  input: byId,
  async run({ id }, ctx) {
    const me = ctx.user._id;
    const seen = await mustLoad(id);
    const already = await loadSignup(id, me);
    if (already && already.status !== 'cancelled') return activityDetail(seen, ctx.actor, ctx.now);
    check('signUp', seen, already, ctx); // a full activity refuses at once, without contending
    const a = await ledgerTransaction(ctx.now, async ({ t }) => {
      const act = (await t.collection(ACTIVITIES).doc(id).get<Activity>()).data!;
      const signup = (await t.collection(SIGNUPS).doc(signupId(id, me)).get<Signup>()).data;
      if (signup && signup.status !== 'cancelled') return act;
      check('signUp', act, signup, ctx);
      await t.collection(ACTIVITIES).doc(id).update({ data: { signedUp: act.signedUp + 1 } });
      const fresh: Omit<Signup, '_id'> = {
        activityId: id,
        communityId: act.communityId,
        openid: me,
        name: ctx.user.name,
        status: 'signedUp',
        signedUpAt: ctx.now,
        checkInAt: null,
        checkOutAt: null,
        hours: null,
        resolvedBy: null,
        resolveNote: null,
        approvedBy: null,
        approvedAt: null,
        entryId: null,
      };
      await t.collection(SIGNUPS).doc(signupId(id, me)).set({ data: fresh });
      return { ...act, signedUp: act.signedUp + 1 };
    });
    return activityDetail(a, ctx.actor, ctx.now);
  },
};

export const cancelSignup: H['cancelSignup'] = {
  input: byId,
  async run({ id }, ctx) {
    const me = ctx.user._id;
    await mustLoad(id);
    const a = await ledgerTransaction(ctx.now, async ({ t }) => {
      const act = (await t.collection(ACTIVITIES).doc(id).get<Activity>()).data!;
      const signup = (await t.collection(SIGNUPS).doc(signupId(id, me)).get<Signup>()).data;
      check('cancelSignup', act, signup, ctx);
      await t.collection(ACTIVITIES).doc(id).update({ data: { signedUp: act.signedUp - 1 } });
      await t.collection(SIGNUPS).doc(signupId(id, me)).update({ data: { status: 'cancelled' } });
      return { ...act, signedUp: act.signedUp - 1 };
    });
    return activityDetail(a, ctx.actor, ctx.now);
  },
};

/** Check-in and check-out: the organiser's code, then a compare-and-set on the sign-up's status. Repeats change nothing. */
function codeStep(step: 'checkIn' | 'checkOut'): H['activityCheckIn'] {
  return {
    input: codeInput,
    async run({ id, code }, ctx) {
      const a = await mustLoad(id);
      const signup = await loadSignup(id, ctx.user._id);
      const done = step === 'checkIn' ? ['checkedIn', 'checkedOut', 'approved'] : ['checkedOut', 'approved'];
      if (signup && done.includes(signup.status)) return activityDetail(a, ctx.actor, ctx.now);
      check(step, a, signup, ctx);
      if (code !== a.code) throw refuse.invalid(step === 'checkIn' ? '签到码不正确' : '签退码不正确');
      const data =
        step === 'checkIn'
          ? { status: 'checkedIn', checkInAt: ctx.now }
          : { status: 'checkedOut', checkOutAt: ctx.now, hours: activityHours(a, new Date(signup!.checkInAt!), ctx.now) };
      const from = step === 'checkIn' ? 'signedUp' : 'checkedIn';
      const res = await db.collection(SIGNUPS).where({ _id: signupId(id, ctx.user._id), status: from }).update({ data });
      if (res.stats.updated !== 1) throw refuse.conflict();
      return activityDetail(a, ctx.actor, ctx.now);
    },
  };
}

export const activityCheckIn = codeStep('checkIn');
export const activityCheckOut = codeStep('checkOut');

export const resolveCheckOut: H['resolveCheckOut'] = {
  input: resolveInput,
  async run({ id, openid, hours, note }, ctx) {
    const a = await mustLoad(id);
    check('resolveCheckOut', a, null, ctx);
    const signup = await loadSignup(id, openid);
    if (!signup || signup.status === 'cancelled') throw refuse.notFound('报名记录');
    if (signup.status !== 'checkedIn') throw new AppError('INVALID_STATE', '只有已签到、未签退的报名可以补录签退');
    if (hours > durationHours(a)) throw refuse.invalid(`时长不能超过活动时长（${durationHours(a)} 小时）`);
    const res = await db
      .collection(SIGNUPS)
      .where({ _id: signup._id, status: 'checkedIn' })
      .update({ data: { status: 'checkedOut', hours: a.hoursRule === 'fixed' ? Math.min(hours, a.fixedHours ?? hours) : hours, resolvedBy: ctx.user._id, resolveNote: note } });
    if (res.stats.updated !== 1) throw refuse.conflict();
    return activityDetail(a, ctx.actor, ctx.now);
  },
};

/**
 * Approves checked-out hours: each person's entry (`activity_<id>_<openid>`, once) and their
 * sign-up's status change in one transaction. Staff never approve their own hours.
 */
export const approveHours: H['approveHours'] = {
  input: approveInput,
  async run({ id, openids }, ctx) {
    const a = await mustLoad(id);
    check('approveHours', a, null, ctx);
    const actor = ctx.actor;
    if (openids?.includes(actor.openid)) throw refuse.forbidden('不能核定自己的服务时长');
    const where = openids ? { activityId: id, openid: _.in(openids) } : { activityId: id, status: 'checkedOut' };
    const signups = (await db.collection(SIGNUPS).where(where).limit(500).get<Signup>()).data;
    if (openids) {
      const refused = openids.map((o) => signups.find((s) => s.openid === o)).map((s) => (s ? approvalRefusal(s, actor) : '没有该报名记录'));
      const first = refused.find((r) => r !== null);
      if (first) throw new AppError('INVALID_STATE', first);
    }
    const todo = signups.filter((s) => approvalRefusal(s, actor) === null);
    if (!todo.length) throw new AppError('INVALID_STATE', '没有待核定的服务时长');
    const [rules, people] = await Promise.all([
      loadRules(),
      db.collection('users').where({ _id: _.in(todo.map((s) => s.openid)) }).limit(todo.length).get<User>().then((r) => r.data),
    ]);
    let approved = 0;
    for (const s of todo) {
      const person = people.find((p) => p._id === s.openid);
      const key = `activity_${id}_${s.openid}`;
      const done = await ledgerTransaction(ctx.now, async (tx) => {
        const current = (await tx.t.collection(SIGNUPS).doc(s._id).get<Signup>()).data;
        if (current?.status !== 'checkedOut') return false;
        await tx.post({
          key,
          openid: s.openid,
          name: s.name,
          points: pointsFor('activity', s.hours ?? 0, rules),
          hours: s.hours ?? 0,
          source: { type: 'activity', id, label: a.title.slice(0, 20) },
          reason: `志愿活动「${a.title}」服务 ${s.hours} 小时`,
          actor: actor.openid,
          actorName: actor.name,
          communityId: a.communityId,
          unitId: person?.unitId ?? null,
          home: { communityId: person?.communityId ?? null, unitId: person?.unitId ?? null },
        });
        await tx.t.collection(SIGNUPS).doc(s._id).update({ data: { status: 'approved', approvedBy: actor.openid, approvedAt: ctx.now, entryId: key } });
        return true;
      }, rules);
      if (done) approved++;
    }
    return { ...(await activityDetail(a, actor, ctx.now)), approved };
  },
};
