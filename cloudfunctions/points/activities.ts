/**
 * points: volunteer activities — staff publish and cancel them; anyone lists and opens them.
 * Sign-ups and their steps are in ./signups.ts.
 */
import { makeCode } from '../core/points';
import { activityTransition, newActivity } from '../core/points-activity';
import { staffCommunities } from '../core/actor';
import type { Activity, ActivityDetail, Signup } from '../../types/points';
import { AppError, refuse } from '../lib/errors';
import { newId, secureRandom } from '../lib/ids';
import { toPage } from '../lib/paging';
import type { Ctx, Handlers } from '../lib/router';
import { addActivity, communityActivities, communityNames, detailParts, loadActivity, openActivities, saveCancelled, signedUpActivities, signupsTo } from './activity-store';
import { runsActivity, toActivityDetail, toActivitySummary } from './activity-views';
import { byId, cancelActivityInput, createActivityInput, listActivitiesInput } from './schemas';

type H = Handlers<'points'>;

/** The activity, or NOT_FOUND. Activities are public: any registered user may see one. */
export async function mustLoadActivity(id: string): Promise<Activity> {
  const a = await loadActivity(id);
  if (!a) throw refuse.notFound('活动');
  return a;
}

/** The detail as this caller sees it. */
export async function showActivity(a: Activity, ctx: Ctx): Promise<ActivityDetail> {
  return toActivityDetail(a, await detailParts(a, ctx.actor.openid, runsActivity(ctx.actor, a)), ctx.actor, ctx.now);
}

export const createActivity: H['createActivity'] = {
  input: createActivityInput,
  async run(input, ctx) {
    const made = newActivity({ ...input, startAt: new Date(input.startAt), endAt: new Date(input.endAt) }, ctx.actor, ctx.now, { _id: newId(), code: makeCode(6, secureRandom) });
    if (!made.ok) throw new AppError(made.code, made.message);
    await addActivity(made.activity);
    return showActivity(made.activity, ctx);
  },
};

export const cancelActivity: H['cancelActivity'] = {
  input: cancelActivityInput,
  async run({ id, reason }, ctx) {
    const r = activityTransition(await mustLoadActivity(id), { event: 'cancel', reason }, ctx.actor, ctx.now);
    if (!r.ok) throw new AppError(r.code, r.message);
    if (!(await saveCancelled(r.activity))) throw refuse.conflict();
    return showActivity(r.activity, ctx);
  },
};

export const listActivities: H['listActivities'] = {
  input: listActivitiesInput,
  async run({ scope, page = 1, pageSize = 20 }, ctx) {
    const me = ctx.actor.openid;
    let found: Activity[];
    let mine: Signup[];
    if (scope === 'mine') {
      ({ found, mine } = await signedUpActivities(me, page, pageSize));
    } else {
      const own = staffCommunities(ctx.actor.roles);
      if (scope === 'managed' && !own.length) throw refuse.forbidden('只有社区工作人员可以管理志愿活动');
      found = scope === 'open' ? await openActivities(ctx.now, page, pageSize) : await communityActivities(own, page, pageSize);
      mine = await signupsTo(found.slice(0, pageSize).map((a) => a._id), me);
    }
    const names = await communityNames(found.map((a) => a.communityId));
    return toPage(found, page, pageSize, (a) => toActivitySummary(a, mine.find((s) => s.activityId === a._id) ?? null, names, ctx.now));
  },
};

export const detail: H['activityDetail'] = {
  input: byId,
  async run({ id }, ctx) {
    return showActivity(await mustLoadActivity(id), ctx);
  },
};
