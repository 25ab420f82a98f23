/**
 * Every step of a wish: load → the pure transition (core/wish.ts) → save → messages → the view.
 * Approve, decline and fulfil change the wish alone: a compare-and-set on its version (lib/retry's
 * untilSaved). Claim and confirm also move 认领、完成 and (confirm) the ledger: one transaction.
 */
import { canSeeWish, wishGuard, wishTransition, type AssignedMember, type WishStepInput, type WishTransition } from '../core/wish';
import type { Wish, WishView } from '../../types/wishes';
import { AppError, refuse } from '../lib/errors';
import { loadRules } from '../lib/points-rules';
import { untilSaved } from '../lib/retry';
import type { Ctx, Handlers } from '../lib/router';
import { ownsPhoto } from '../lib/storage';
import { notify } from './notices';
import { byId, claimInput, declineInput, fulfilInput } from './schemas';
import { loadPerson, loadWish, loadWithPairings, saveInTransaction, saveWish } from './store';
import { showOne } from './views';

type H = Handlers<'wishes'>;

const notFound = () => refuse.notFound('心愿');

function decided(r: WishTransition): Extract<WishTransition, { ok: true }> {
  if (!r.ok) throw new AppError(r.code, r.message);
  return r;
}

/** A step on the wish alone, as a compare-and-set; a lost race decides again on fresh data. */
async function casStep(id: string, ctx: Ctx, step: (w: Wish) => Promise<WishStepInput> | WishStepInput, load: (id: string) => Promise<Wish | null> = loadWish): Promise<WishView> {
  const r = await untilSaved(async () => {
    const w = await load(id);
    if (!w || !canSeeWish(w, ctx.actor)) throw notFound();
    const t = decided(wishTransition(w, await step(w), ctx.actor, ctx.now));
    if (t.repeat) return t;
    return (await saveWish(w, t.wish)) ? t : undefined;
  });
  await notify(r.wish, r.facts);
  return showOne(r.wish, ctx.actor);
}

/** 审核通过: the wish goes on the wall with the units paired with its community then (one $lookup read). */
export const approve: H['approve'] = {
  input: byId,
  async run({ id }, ctx) {
    let paired: { id: string; name: string }[] = [];
    const load = async (wishId: string) => {
      const found = await loadWithPairings(wishId);
      paired = found?.pairedUnits ?? [];
      return found?.wish ?? null;
    };
    return casStep(id, ctx, () => ({ event: 'approve', pairedUnits: paired }), load);
  },
};

export const decline: H['decline'] = {
  input: declineInput,
  run: ({ id, reason }, ctx) => casStep(id, ctx, () => ({ event: 'decline', reason })),
};

export const fulfil: H['fulfil'] = {
  input: fulfilInput,
  run: ({ id, note, photos }, ctx) =>
    casStep(id, ctx, (w) => {
      // Who may first (the guard's refusal is the clearer answer), then whose photos.
      if (!wishGuard('fulfil', w, ctx.actor) && photos.some((p) => !ownsPhoto(p, ctx.actor.openid))) throw refuse.invalid('只能附上您自己上传的照片（JPG、PNG 或 WebP）');
      return { event: 'fulfil', note, photos };
    }),
};

/**
 * 认领: exactly one claimant, whatever the races (the transaction conflicts on the wish and the
 * loser finds it claimed). A liaison naming a member claims for the unit: that member's record is
 * read first (one more read: their name, phone and roles, to check they belong to the unit).
 */
export const claim: H['claim'] = {
  input: claimInput,
  async run({ id, memberOpenid }, ctx) {
    let member: AssignedMember | null = null;
    if (memberOpenid && memberOpenid !== ctx.actor.openid) {
      const user = await loadPerson(memberOpenid);
      if (!user) throw refuse.notFound('该党员');
      member = { openid: user._id, name: user.name, phone: user.phone, roles: user.roles, communityId: user.communityId, unitId: user.unitId };
    }
    const r = await saveInTransaction(id, (w) => seen(w, ctx, () => wishTransition(w, { event: 'claim', member }, ctx.actor, ctx.now)), ctx.now);
    await notify(r.wish, r.facts);
    return showOne(r.wish, ctx.actor);
  },
};

/** 退出认领: the wish back on the wall and 认领 counted down, in one transaction (as claim). */
export const withdraw: H['withdraw'] = {
  input: byId,
  async run({ id }, ctx) {
    const r = await saveInTransaction(id, (w) => seen(w, ctx, () => wishTransition(w, { event: 'withdraw' }, ctx.actor, ctx.now)), ctx.now);
    return showOne(r.wish, ctx.actor);
  },
};

/**
 * 确认收到: the wish, 完成 counts and the claimant's `perWish` points (ledger key `wish_<id>`) in one
 * transaction; confirming again is a repeat and credits nothing.
 */
export const confirm: H['confirm'] = {
  input: byId,
  async run({ id }, ctx) {
    const rules = await loadRules();
    const r = await saveInTransaction(
      id,
      (w) =>
        seen(w, ctx, () => wishTransition(w, { event: 'confirm', rules }, ctx.actor, ctx.now)),
      ctx.now,
      rules,
    );
    return showOne(r.wish, ctx.actor);
  },
};

/** A wish the caller may not see is not found, whatever they asked to do with it. */
function seen(w: Wish, ctx: Ctx, decide: () => WishTransition): WishTransition {
  if (!canSeeWish(w, ctx.actor)) throw notFound();
  return decide();
}
