/**
 * Persistence of demands: load, compare-and-set a transition together with its timeline event in
 * one single-document write, and carry out the transition's effects (scorecard counters,
 * subscribe messages). Shaping for responses lives in ./demand-views.ts.
 */
import type { Effect, NotifyTemplate, Recipient } from '../core/demand';
import type { Demand } from '../../types/dispatch';
import type { User } from '../../types/domain';
import { _, cloud, db, isDuplicateWrite } from './cloud';
import type { Data } from './database';

export async function loadDemand(id: string): Promise<Demand | null> {
  return (await db.collection('demands').doc(id).get<Demand>()).data;
}

/**
 * Writes `after` over `before` only if nobody changed the demand in between (its version), and
 * appends the new timeline events with $push so the timeline is never rewritten. Returns false
 * when another request won the race; the caller reloads and decides again.
 */
export async function saveTransition(before: Demand, after: Demand, condition: Data = { version: before.version }): Promise<boolean> {
  const data: Data = {};
  for (const key of Object.keys(after) as (keyof Demand)[]) {
    if (key === '_id' || key === 'timeline') continue;
    if (JSON.stringify(after[key]) !== JSON.stringify(before[key])) data[key] = _.set(after[key] as never);
  }
  data.timeline = _.push(after.timeline.slice(before.timeline.length));
  const res = await db.collection('demands').where({ _id: before._id, ...condition }).update({ data });
  return res.stats.updated === 1;
}

/** Scorecard counters: one document per scope, id and month, created on its first count. */
async function addToScorecard(scope: string, id: string, month: string, incs: Record<string, number>): Promise<void> {
  const docId = `${scope}_${id}_${month}`;
  const data = Object.fromEntries(Object.entries(incs).map(([k, v]) => [k, _.inc(v)]));
  for (let attempt = 0; attempt < 3; attempt++) {
    if ((await db.collection('scorecards').doc(docId).update({ data })).stats.updated === 1) return;
    try {
      await db.collection('scorecards').add({ data: { _id: docId, scope, id, month, ...incs } });
      return;
    } catch (e) {
      if (!isDuplicateWrite(e)) throw e; // created by a concurrent request: add to it instead
    }
  }
}

/** Subscribe-message templates: ids come from the environment in production. */
const TEMPLATES: Record<NotifyTemplate, { id: string; title: string; page: string }> = {
  newDispatch: { id: 'TPL_NEW_DISPATCH', title: '新派单待接单', page: 'packages/dispatch/detail/index' },
  accepted: { id: 'TPL_ACCEPTED', title: '派单已被接单', page: 'packages/dispatch/detail/index' },
  rejected: { id: 'TPL_REJECTED', title: '派单被退回', page: 'packages/dispatch/detail/index' },
  claimConfirmed: { id: 'TPL_CLAIM', title: '认领成功', page: 'packages/dispatch/detail/index' },
  sentBack: { id: 'TPL_SENT_BACK', title: '任务被退回重办', page: 'packages/dispatch/detail/index' },
  pleaseRate: { id: 'TPL_PLEASE_RATE', title: '请评价办理结果', page: 'packages/dispatch/detail/index' },
  escalated: { id: 'TPL_ESCALATED', title: '诉求已吹哨上报', page: 'packages/dispatch/detail/index' },
};

async function recipients(to: Recipient): Promise<string[]> {
  if ('openid' in to) return [to.openid];
  let where: Data;
  if ('liaisonsOf' in to) where = { roles: _.elemMatch({ role: 'liaison', unitId: _.in(to.liaisonsOf) }) };
  else if ('staffOf' in to) where = { roles: _.elemMatch({ role: _.in(['staff', 'secretary']), communityId: to.staffOf }) };
  else where = { 'roles.role': 'admin' };
  const users = (await db.collection('users').where(where).field({ _id: true }).limit(100).get<Pick<User, '_id'>>()).data;
  return users.map((u) => u._id);
}

/**
 * Carries out a transition's effects after it is saved. A failed subscribe message never undoes
 * the step (the person may not have subscribed); it is logged.
 */
export async function applyEffects(effects: Effect[], demand: Demand): Promise<void> {
  const scores = new Map<string, { scope: string; id: string; month: string; incs: Record<string, number> }>();
  for (const e of effects) {
    if (e.kind !== 'score') continue;
    const key = `${e.scope}_${e.id}_${e.month}`;
    const entry = scores.get(key) ?? { scope: e.scope, id: e.id, month: e.month, incs: {} };
    entry.incs[e.field] = (entry.incs[e.field] ?? 0) + e.by;
    scores.set(key, entry);
  }
  const sends = effects.filter((e): e is Extract<Effect, { kind: 'notify' }> => e.kind === 'notify');
  await Promise.all([
    ...[...scores.values()].map((s) => addToScorecard(s.scope, s.id, s.month, s.incs)),
    ...sends.map(async (e) => {
      const tpl = TEMPLATES[e.template];
      for (const touser of await recipients(e.to)) {
        try {
          await cloud.openapi.subscribeMessage.send({
            touser,
            templateId: tpl.id,
            page: `${tpl.page}?id=${demand._id}`,
            data: { thing1: { value: tpl.title }, thing2: { value: demand.text.slice(0, 20) } },
          } as never);
        } catch (err) {
          console.warn(`[notify] ${e.template} → ${touser} not sent`, err);
        }
      }
    }),
  ]);
}
