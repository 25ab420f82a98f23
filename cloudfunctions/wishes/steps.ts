/**
 * Every step of a wish: load → the pure transition (core/wish.ts) → save → the view, in ONE
 * transaction that writes the wish, 认领、完成 counts, (confirm) the ledger and the step's
 * messages as a job for the notify timer (lib/outbox): all of it, or nothing (#10).
 */
import { canSeeWish, wishGuard, wishTransition, type AssignedMember, type WishStepInput, type WishTransition } from '../core/wish';
import type { PointRules } from '../../types/points';
import type { Wish, WishView } from '../../types/wishes';
import { refuse } from '../lib/errors';
import { loadRules } from '../lib/points-rules';
import type { Ctx, Handlers } from '../lib/router';
import { ownsPhoto } from '../lib/storage';
import { byId, claimInput, declineInput, fulfilInput } from './schemas';
import { loadPerson, loadWithPairings, saveInTransaction } from './store';
import { showOne } from './views';

type H = Handlers<'wishes'>;

const notFound = () => refuse.notFound('心愿');

/** A step in one transaction with its facts and its messages (store.saveInTransaction). */
async function txStep(id: string, ctx: Ctx, step: (w: Wish) => WishStepInput, rules?: PointRules): Promise<WishView> {
  const r = await saveInTransaction(id, (w) => seen(w, ctx, () => wishTransition(w, step(w), ctx.actor, ctx.now)), ctx.now, rules);
  return showOne(r.wish, ctx.actor);
}

/** 审核通过: the wish goes on the wall with the units paired with its community then (one $lookup read). */
export const approve: H['approve'] = {
  input: byId,
  async run({ id }, ctx) {
    // The community's pairings in one $lookup read (a query, which a transaction cannot make); the
    // wish is read again in the step's transaction.
    const found = await loadWithPairings(id);
    if (!found || !canSeeWish(found.wish, ctx.actor)) throw notFound();
    return txStep(id, ctx, () => ({ event: 'approve', pairedUnits: found.pairedUnits }));
  },
};

export const decline: H['decline'] = {
  input: declineInput,
  run: ({ id, reason }, ctx) => txStep(id, ctx, () => ({ event: 'decline', reason })),
};

export const fulfil: H['fulfil'] = {
  input: fulfilInput,
  run: ({ id, note, photos }, ctx) =>
    txStep(id, ctx, (w) => {
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
    return txStep(id, ctx, () => ({ event: 'claim', member }));
  },
};

/** 退出认领: the wish back on the wall and 认领 counted down, in one transaction (as claim). */
export const withdraw: H['withdraw'] = {
  input: byId,
  async run({ id }, ctx) {
    return txStep(id, ctx, () => ({ event: 'withdraw' }));
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
    return txStep(id, ctx, () => ({ event: 'confirm', rules }), rules);
  },
};

/** A wish the caller may not see is not found, whatever they asked to do with it. */
function seen(w: Wish, ctx: Ctx, decide: () => WishTransition): WishTransition {
  if (!canSeeWish(w, ctx.actor)) throw notFound();
  return decide();
}
