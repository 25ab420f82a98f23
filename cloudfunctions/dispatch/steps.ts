/** dispatch: every step of the lifecycle — load, decide with the pure transition, save, effects. */
import type { Step } from '../core/demand';
import { canRead, creditOf, isRepeat, transition } from '../core/demand';
import type { Demand, DemandDetail, DemandEvent, Urgency } from '../../types/dispatch';
import type { UnitPairing, User } from '../../types/domain';
import { _, db } from '../lib/cloud';
import { toDemandDetail } from './views';
import { applyEffects, loadDemand, loadDemandJoined, saveTransition } from './store';
import { AppError, refuse } from '../lib/errors';
import { ownsPhoto } from '../lib/storage';
import type { Ctx, Handlers } from '../lib/router';
import { assignInput, byId, completeInput, dispatchInput, handleInput, mergeInput, noteInput, rateInput, withReason } from './schemas';

type H = Handlers<'dispatch'>;

/** Attempts before a step gives up under contention (each attempt reloads and decides again). */
const ATTEMPTS = 4;

/**
 * Runs one step: load the demand, let the pure transition decide, compare-and-set it with its
 * timeline event, then carry out its effects. A repeated request returns the current state and
 * writes nothing; a lost race reloads and decides again.
 */
async function runStep<D extends Demand = Demand>(
  ctx: Ctx,
  id: string,
  event: DemandEvent,
  build: (d: D) => Promise<Step> | Step,
  load: (id: string) => Promise<D | null> = loadDemand as (id: string) => Promise<D | null>,
): Promise<DemandDetail> {
  const actor = ctx.actor;
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const d = await load(id);
    if (!d || !canRead(d, actor)) throw refuse.notFound('诉求');
    if (isRepeat(d, event, actor, ctx.now)) {
      // A retried verify offers the hours again: if the first attempt saved the demand but failed
      // before the ledger, this completes it; otherwise the ledger's source keys make it a no-op.
      const credit = event === 'verify' ? creditOf(d) : null;
      if (credit) await applyEffects([credit], d, ctx.now);
      return toDemandDetail(d, actor, ctx.now);
    }
    const result = transition(strip(d), await build(d), actor, ctx.now);
    if (!result.ok) throw new AppError(result.code, result.message);
    // A claim only needs a free slot and no claim of the caller's: concurrent claims do not
    // have to retry one another, and the slots can never be exceeded.
    const condition =
      event === 'claim'
        ? { status: 'accepted', claimedCount: _.lt(d.dispatch!.slots), 'claims.openid': _.neq(actor.openid) }
        : undefined;
    const saved =
      event === 'claim'
        ? await saveClaim(strip(d), result.demand, condition!)
        : await saveTransition(strip(d), result.demand);
    if (saved) {
      await applyEffects(result.effects, result.demand, ctx.now);
      return toDemandDetail(result.demand, actor, ctx.now);
    }
  }
  throw refuse.conflict('该诉求正被他人处理，请刷新后重试');
}

/** The demand without what a join added to it. */
function strip(d: Demand & { pairings?: unknown; unitMembers?: unknown }): Demand {
  const { pairings: _p, unitMembers: _m, ...demand } = d;
  return demand;
}

async function saveClaim(before: Demand, after: Demand, condition: Record<string, unknown>): Promise<boolean> {
  const claim = after.claims[after.claims.length - 1];
  const res = await db
    .collection('demands')
    .where({ _id: before._id, ...condition })
    .update({
      data: {
        claims: _.push([claim]),
        claimedCount: _.inc(1),
        openSlots: _.inc(-1),
        timeline: _.push(after.timeline.slice(before.timeline.length)),
        version: _.inc(1),
      },
    });
  return res.stats.updated === 1;
}

const simple = (event: Exclude<DemandEvent, 'dispatch' | 'assign' | 'merge' | 'handle' | 'complete' | 'rate'>) =>
  ({
    input: byId,
    run: ({ id }: { id: string }, ctx: Ctx) => runStep(ctx, id, event, () => ({ event }) as Step),
  }) as const;

const withWhy = (event: 'decline' | 'reject' | 'sendBack' | 'escalate') =>
  ({
    input: withReason,
    run: ({ id, reason }: { id: string; reason: string }, ctx: Ctx) => runStep(ctx, id, event, () => ({ event, reason })),
  }) as const;

export const handle: H['handle'] = {
  input: handleInput,
  run: ({ id, note }, ctx) => runStep(ctx, id, 'handle', () => ({ event: 'handle', note })),
};

export const dispatch: H['dispatch'] = {
  input: dispatchInput,
  run: ({ id, unitId, slots, expectedHours, urgency, deadline }, ctx) =>
    runStep<Demand & { pairings: UnitPairing[] }>(
      ctx,
      id,
      'dispatch',
      (d) => ({
        event: 'dispatch',
        unitId: unitId ?? null,
        pairedUnitIds: d.pairings.map((p) => p.unitId),
        slots,
        expectedHours,
        urgency: (urgency ?? d.urgency) as Urgency,
        deadline: deadline ? new Date(deadline) : null,
      }),
      (demandId) => loadDemandJoined<'pairings', UnitPairing>(demandId, { from: 'pairings', localField: 'communityId', foreignField: 'communityId', as: 'pairings' }),
    ),
};

export const merge: H['merge'] = {
  input: mergeInput,
  run: ({ id, intoId }, ctx) => {
    let into: Demand | undefined;
    return runStep(
      ctx,
      id,
      'merge',
      (d) => {
        if (!into || into.communityId !== d.communityId) throw refuse.notFound('要合并到的诉求');
        return { event: 'merge', intoId };
      },
      // Both demands in one request.
      async (demandId) => {
        const both = (await db.collection('demands').where({ _id: _.in([demandId, intoId]) }).limit(2).get<Demand>()).data;
        into = both.find((x) => x._id === intoId);
        return both.find((x) => x._id === demandId) ?? null;
      },
    );
  },
};

export const decline = withWhy('decline') as H['decline'];
export const accept = simple('accept') as H['accept'];
export const reject = withWhy('reject') as H['reject'];

export const assign: H['assign'] = {
  input: assignInput,
  run: ({ id, memberOpenids }, ctx) =>
    runStep<Demand & { unitMembers: User[] }>(
      ctx,
      id,
      'assign',
      (d) => {
        const unitId = d.dispatch?.unitId;
        const wanted = new Set(memberOpenids);
        const members = d.unitMembers.filter((u) => wanted.has(u._id) && u.roles.some((g) => g.role === 'member' && g.unitId === unitId));
        if (members.length !== wanted.size) throw refuse.invalid('只能指派本单位的党员');
        return { event: 'assign', members: members.map((u) => ({ openid: u._id, name: u.name })) };
      },
      // The unit's people (whose work unit it is) come with the demand, in one request.
      (demandId) => loadDemandJoined<'unitMembers', User>(demandId, { from: 'users', localField: 'dispatch.unitId', foreignField: 'unitId', as: 'unitMembers' }),
    ),
};

export const claim = simple('claim') as H['claim'];
export const withdraw = simple('withdraw') as H['withdraw'];

export const complete: H['complete'] = {
  input: completeInput,
  run: ({ id, notes, photos = [], hours }, ctx) =>
    runStep(ctx, id, 'complete', () => {
      if (photos.some((p) => !ownsPhoto(p, ctx.openid))) throw refuse.invalid('只能使用您自己上传的照片');
      return { event: 'complete', notes, photos, hours: hours ?? null };
    }),
};

export const verify = simple('verify') as H['verify'];
export const sendBack = withWhy('sendBack') as H['sendBack'];

export const rate: H['rate'] = {
  input: rateInput,
  run: ({ id, value, comment }, ctx) => runStep(ctx, id, 'rate', () => ({ event: 'rate', value, comment: comment ?? '' })),
};

export const returnVisit: H['returnVisit'] = {
  input: noteInput,
  run: ({ id, note }, ctx) => runStep(ctx, id, 'returnVisit', () => ({ event: 'returnVisit', note })),
};

export const escalate = withWhy('escalate') as H['escalate'];

export const close: H['close'] = {
  input: noteInput,
  run: ({ id, note }, ctx) => runStep(ctx, id, 'close', () => ({ event: 'close', note })),
};
