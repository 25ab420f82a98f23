/**
 * Every step of a project: load → the pure transition (core/project.ts) → save → the view, in ONE
 * transaction that writes the project, its pairing's 认领、完成、评实效 count (claim, accept,
 * complete, rate) and the step's messages as a job for the notify timer (lib/outbox): all of it or
 * nothing (#10). The caller, the project, ≤ 3 writes.
 */
import { canSeeProject, projectGuard, projectTransition, type ProjectStepInput } from '../core/project';
import type { Project, ProjectView } from '../../types/projects';
import { refuse } from '../lib/errors';
import type { Ctx, Handlers } from '../lib/router';
import { ownsPhoto } from '../lib/storage';
import { byId, claimInput, completeInput, progressInput, rateInput, reasonInput } from './schemas';
import { saveInTransaction } from './store';
import { showOne } from './views';

type H = Handlers<'projects'>;

const notFound = () => refuse.notFound('共建项目');

/** A project the caller may not see is not found, whatever they asked to do with it. */
function seen(p: Project | null, ctx: Ctx): Project {
  if (!p || !canSeeProject(p, ctx.actor)) throw notFound();
  return p;
}

/** A step in one transaction: the project, its pairing's count, its messages (store.saveInTransaction). */
async function txStep(id: string, ctx: Ctx, step: ProjectStepInput | ((p: Project) => ProjectStepInput)): Promise<ProjectView> {
  const r = await saveInTransaction(id, (p) => projectTransition(seen(p, ctx), typeof step === 'function' ? step(p) : step, ctx.actor, ctx.now), ctx.now);
  return showOne(r.project, ctx.actor);
}

/** 认领: a paired unit's liaison takes an open need; exactly one unit, whatever the races. */
export const claim: H['claim'] = { input: claimInput, run: ({ id, unitId }, ctx) => txStep(id, ctx, { event: 'claim', unitId }) };
export const accept: H['accept'] = { input: byId, run: ({ id }, ctx) => txStep(id, ctx, { event: 'accept' }) };
export const complete: H['complete'] = { input: completeInput, run: ({ id, note }, ctx) => txStep(id, ctx, { event: 'complete', note }) };
export const rate: H['rate'] = { input: rateInput, run: ({ id, value, comment }, ctx) => txStep(id, ctx, { event: 'rate', value, comment }) };

export const withdraw: H['withdraw'] = { input: reasonInput, run: ({ id, reason }, ctx) => txStep(id, ctx, { event: 'withdraw', reason }) };
export const decline: H['decline'] = { input: reasonInput, run: ({ id, reason }, ctx) => txStep(id, ctx, { event: 'decline', reason }) };
export const join: H['join'] = { input: byId, run: ({ id }, ctx) => txStep(id, ctx, { event: 'join' }) };

/** 登记进展: text and photos — the poster's own uploads (dispatch.uploadPhoto checks type and content). */
export const progress: H['progress'] = {
  input: progressInput,
  run: ({ id, text, photos = [] }, ctx) =>
    txStep(id, ctx, (p) => {
      // Who may first (the guard's refusal is the clearer answer), then whose photos.
      if (!projectGuard('progress', p, ctx.actor) && photos.some((f) => !ownsPhoto(f, ctx.actor.openid))) throw refuse.invalid('只能附上您自己上传的照片（JPG、PNG 或 WebP）');
      return { event: 'progress', text, photos };
    }),
};
