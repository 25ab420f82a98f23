/**
 * Every step of a project: load → the pure transition (core/project.ts) → save → messages → the
 * view. Steps on the project alone (withdraw, decline, join, progress) are a compare-and-set on its
 * version; steps that move its pairing's 认领、完成、评实效 (claim, accept, complete, rate) are one
 * transaction with the count. Either way: the caller, the project, ≤ 3 writes.
 */
import { canSeeProject, projectGuard, projectTransition, type ProjectStepInput, type ProjectTransition } from '../core/project';
import type { Project, ProjectView } from '../../types/projects';
import { AppError, refuse } from '../lib/errors';
import { untilSaved } from '../lib/retry';
import type { Ctx, Handlers } from '../lib/router';
import { ownsPhoto } from '../lib/storage';
import { notify } from './notices';
import { byId, claimInput, completeInput, progressInput, rateInput, reasonInput } from './schemas';
import { loadProject, saveInTransaction, saveProject } from './store';
import { showOne } from './views';

type H = Handlers<'projects'>;

const notFound = () => refuse.notFound('共建项目');

function decided(r: ProjectTransition): Extract<ProjectTransition, { ok: true }> {
  if (!r.ok) throw new AppError(r.code, r.message);
  return r;
}

/** A project the caller may not see is not found, whatever they asked to do with it. */
function seen(p: Project | null, ctx: Ctx): Project {
  if (!p || !canSeeProject(p, ctx.actor)) throw notFound();
  return p;
}

/** A step on the project alone, as a compare-and-set; a lost race decides again on fresh data. */
async function casStep(id: string, ctx: Ctx, step: (p: Project) => ProjectStepInput): Promise<ProjectView> {
  const r = await untilSaved(async () => {
    const p = seen(await loadProject(id), ctx);
    const t = decided(projectTransition(p, step(p), ctx.actor, ctx.now));
    if (t.repeat) return t;
    return (await saveProject(p, t.project)) ? t : undefined;
  });
  await notify(r.project, r.facts);
  return showOne(r.project, ctx.actor);
}

/** A step that moves the pairing's count: one transaction. */
async function txStep(id: string, ctx: Ctx, step: ProjectStepInput): Promise<ProjectView> {
  const r = await saveInTransaction(id, (p) => projectTransition(seen(p, ctx), step, ctx.actor, ctx.now));
  await notify(r.project, r.facts);
  return showOne(r.project, ctx.actor);
}

/** 认领: a paired unit's liaison takes an open need; exactly one unit, whatever the races. */
export const claim: H['claim'] = { input: claimInput, run: ({ id, unitId }, ctx) => txStep(id, ctx, { event: 'claim', unitId }) };
export const accept: H['accept'] = { input: byId, run: ({ id }, ctx) => txStep(id, ctx, { event: 'accept' }) };
export const complete: H['complete'] = { input: completeInput, run: ({ id, note }, ctx) => txStep(id, ctx, { event: 'complete', note }) };
export const rate: H['rate'] = { input: rateInput, run: ({ id, value, comment }, ctx) => txStep(id, ctx, { event: 'rate', value, comment }) };

export const withdraw: H['withdraw'] = { input: reasonInput, run: ({ id, reason }, ctx) => casStep(id, ctx, () => ({ event: 'withdraw', reason })) };
export const decline: H['decline'] = { input: reasonInput, run: ({ id, reason }, ctx) => casStep(id, ctx, () => ({ event: 'decline', reason })) };
export const join: H['join'] = { input: byId, run: ({ id }, ctx) => casStep(id, ctx, () => ({ event: 'join' })) };

/** 登记进展: text and photos — the poster's own uploads (dispatch.uploadPhoto checks type and content). */
export const progress: H['progress'] = {
  input: progressInput,
  run: ({ id, text, photos = [] }, ctx) =>
    casStep(id, ctx, (p) => {
      // Who may first (the guard's refusal is the clearer answer), then whose photos.
      if (!projectGuard('progress', p, ctx.actor) && photos.some((f) => !ownsPhoto(f, ctx.actor.openid))) throw refuse.invalid('只能附上您自己上传的照片（JPG、PNG 或 WebP）');
      return { event: 'progress', text, photos };
    }),
};
