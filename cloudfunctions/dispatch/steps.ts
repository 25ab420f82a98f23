/** dispatch: every step of the lifecycle — validate, load, decide with the pure transition, save with effects, view. */
import type { Step } from '../core/demand';
import { canRead, creditOf, isRepeat } from '../core/demand';
import { queueEffects } from '../core/queues';
import { figureEffects } from '../core/stats';
import { endOfChinaDay, isSupervisionEvent, step, type AnyStep } from '../core/supervision';
import type { DemandDetail, DemandEvent, Urgency } from '../../types/dispatch';
import { AppError, refuse } from '../lib/errors';
import { untilSaved } from '../lib/retry';
import { slaRules } from '../lib/sla';
import type { Ctx, Handlers } from '../lib/router';
import { ownsPhoto } from '../lib/storage';
import { assignInput, byId, completeInput, dispatchInput, extendInput, handleInput, mergeInput, noteInput, rateInput, redispatchInput, urgeInput, withReason } from './schemas';
import { applyPending, clearPending, finishLeftovers, pendingOf } from '../lib/effects';
import { loadDemand, loadForAssign, loadForDispatch, loadForMerge, saveClaim, saveTransition, type Loaded } from './store';
import { toDemandDetail } from './views';

type H = Handlers<'dispatch'>;

/**
 * Runs one step: load the demand (with what the step needs), finish any effects an earlier request
 * left recorded on it (a crash between its writes: lib/effects.ts), let the pure transition
 * decide, compare-and-set it with its timeline event and its effects in ONE write, then apply
 * those effects and remove them. A repeated request returns the current state (having finished
 * what the first left); a lost race reloads and decides again (lib/retry untilSaved).
 */
async function runStep<L extends Loaded = Loaded>(
  ctx: Ctx,
  id: string,
  event: DemandEvent,
  build: (l: L) => Promise<AnyStep> | AnyStep,
  load: (id: string) => Promise<L | null> = loadDemand as (id: string) => Promise<L | null>,
): Promise<DemandDetail> {
  const actor = ctx.actor;
  return untilSaved(
    async () => {
      const found = await load(id);
      if (!found) throw refuse.notFound('诉求');
      // What a request that died left to do is done first, in its order, whoever asks next.
      if (await finishLeftovers(found.demand, ctx.now)) found.demand = { ...found.demand, pendingEffects: {}, effectsDue: null };
      // Its town, stored on the first step that finds it missing (the town's queue reads it).
      const stored = found.demand;
      const loaded = { ...found, demand: { ...stored, townId: stored.townId ?? found.townId ?? null } };
      if (!canRead(loaded.demand, actor)) throw refuse.notFound('诉求');
      const d = loaded.demand;
      // A supervision step repeated is refused with its reason (催办 once a day, 督办 once).
      if ((!isSupervisionEvent(event) || event === 'redispatch') && isRepeat(d, event, actor, ctx.now)) {
        // A retried verify offers the hours again, for a demand verified before steps recorded their
        // effects (the ledger's source keys make it a no-op when they were credited).
        const credit = event === 'verify' ? creditOf(d) : null;
        if (credit) await applyPending({ key: `credit_${d._id}_${d.reopenCount}`, at: ctx.now, effects: [credit] }, d, ctx.now);
        return toDemandDetail(loaded, actor, ctx.now);
      }
      const result = step(d, await build(loaded), actor, ctx.now);
      if (!result.ok) throw new AppError(result.code, result.message);
      // The maintained figures of the dashboards ride on the same scorecard documents, once per step.
      // The queues' counters move by what the demand as stored counted and what it counts now.
      const effects = [...result.effects, ...figureEffects(result.effects, result.demand), ...queueEffects(stored, result.demand)];
      const pending = pendingOf(effects, ctx.now);
      const saved = event === 'claim' ? await saveClaim(stored, result.demand, actor.openid, pending) : await saveTransition(stored, result.demand, pending);
      if (!saved) return undefined;
      if (pending) {
        await applyPending(pending, result.demand, ctx.now);
        await clearPending(id, [pending.key], pending.key);
      }
      const { pendingEffects: _p, effectsDue: _e, ...after } = result.demand;
      return toDemandDetail({ ...loaded, demand: after }, actor, ctx.now);
    },
    { conflictMessage: '该诉求正被他人处理，请刷新后重试' },
  );
}

const simple = (event: 'accept' | 'claim' | 'withdraw' | 'verify' | 'approveExtension') =>
  ({
    input: byId,
    run: ({ id }: { id: string }, ctx: Ctx) => runStep(ctx, id, event, () => ({ event }) as Step),
  }) as const;

const withWhy = (event: 'decline' | 'reject' | 'sendBack' | 'escalate' | 'refuseExtension' | 'supervise') =>
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
    runStep(
      ctx,
      id,
      'dispatch',
      (l) => ({
        event: 'dispatch',
        unitId: unitId ?? null,
        pairedUnitIds: l.pairedUnitIds,
        slots,
        expectedHours,
        urgency: (urgency ?? l.demand.urgency) as Urgency,
        deadline: deadline ? new Date(deadline) : null,
        sla: slaRules(),
      }),
      loadForDispatch,
    ),
};

export const merge: H['merge'] = {
  input: mergeInput,
  run: ({ id, intoId }, ctx) =>
    runStep(
      ctx,
      id,
      'merge',
      (l) => {
        if (!l.into || l.into.communityId !== l.demand.communityId) throw refuse.notFound('要合并到的诉求');
        return { event: 'merge', intoId };
      },
      // Both demands in one request.
      (demandId: string) => loadForMerge(demandId, intoId),
    ),
};

export const decline = withWhy('decline') as H['decline'];
export const accept = simple('accept') as H['accept'];
export const reject = withWhy('reject') as H['reject'];

export const assign: H['assign'] = {
  input: assignInput,
  run: ({ id, memberOpenids }, ctx) =>
    runStep(
      ctx,
      id,
      'assign',
      (l) => {
        const unitId = l.demand.dispatch?.unitId;
        const wanted = new Set(memberOpenids);
        const members = l.unitMembers.filter((u) => wanted.has(u._id) && u.roles.some((g) => g.role === 'member' && g.unitId === unitId));
        if (members.length !== wanted.size) throw refuse.invalid('只能指派本单位的党员');
        return { event: 'assign', members: members.map((u) => ({ openid: u._id, name: u.name })) };
      },
      // The unit's people (whose work unit it is) come with the demand, in one request.
      loadForAssign,
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

// ---- supervision: 延期, 催办, 督办 (core/supervision.ts) -------------------------------------------

export const extend: H['extend'] = {
  input: extendInput,
  run: ({ id, until, reason }, ctx) => runStep(ctx, id, 'extend', () => ({ event: 'extend', until: endOfChinaDay(until), reason })),
};

export const approveExtension = simple('approveExtension') as H['approveExtension'];
export const refuseExtension = withWhy('refuseExtension') as H['refuseExtension'];

export const urge: H['urge'] = {
  input: urgeInput,
  run: ({ id, note }, ctx) => runStep(ctx, id, 'urge', () => ({ event: 'urge', note })),
};

export const supervise = withWhy('supervise') as H['supervise'];

/** 改派: to another unit paired with the community (the pairings come with the demand, one request). */
export const redispatch: H['redispatch'] = {
  input: redispatchInput,
  run: ({ id, unitId, reason }, ctx) =>
    runStep(ctx, id, 'redispatch', (l) => ({ event: 'redispatch', unitId, pairedUnitIds: l.pairedUnitIds, reason, sla: slaRules() }), loadForDispatch),
};
