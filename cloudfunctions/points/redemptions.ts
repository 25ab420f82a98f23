/**
 * points: redemptions after the redeeming — look up and fulfil by code (核销: the owner's staff or
 * liaison, never their own), cancel with a refund by a reversing entry (`refund_<redemptionId>`,
 * with the stock given back, in one transaction), and the lists. Each step: load →
 * redemptionTransition (core/points-redemption.ts) → save (catalogue-store.ts) → the view.
 */
import { canSeeRedemption } from '../core/points-access';
import { redemptionTransition } from '../core/points-redemption';
import type { Redemption } from '../../types/points';
import { AppError, refuse } from '../lib/errors';
import { toPage } from '../lib/paging';
import type { Ctx, Handlers } from '../lib/router';
import { loadRedemption, managedOwners, redemptionByCode, redemptionsWhere, saveCancelledRedemption, saveFulfilled } from './catalogue-store';
import { byCode, cancelRedemptionInput, listRedemptionsInput } from './schemas';
import { toRedemptionView } from './views';

type H = Handlers<'points'>;

/** A redemption by code that the caller may see (its holder, whoever manages its item), or NOT_FOUND. */
async function byCodeFor(code: string, ctx: Ctx): Promise<Redemption> {
  const found = await redemptionByCode(code);
  if (!found || !canSeeRedemption(ctx.actor, found)) throw refuse.notFound('兑换码对应的兑换');
  return found;
}

export const lookupRedemption: H['lookupRedemption'] = {
  input: byCode,
  async run({ code }, ctx) {
    return toRedemptionView(await byCodeFor(code, ctx), ctx.actor);
  },
};

export const fulfil: H['fulfil'] = {
  input: byCode,
  async run({ code }, ctx) {
    const r = redemptionTransition(await byCodeFor(code, ctx), { event: 'fulfil' }, ctx.actor, ctx.now);
    if (!r.ok) throw new AppError(r.code, r.message);
    if (!r.repeat && !(await saveFulfilled(r.redemption))) throw refuse.conflict('该兑换刚被他人处理，请刷新后重试');
    return toRedemptionView(r.redemption, ctx.actor);
  },
};

export const cancelRedemption: H['cancelRedemption'] = {
  input: cancelRedemptionInput,
  async run({ id, reason = '' }, ctx) {
    const actor = ctx.actor;
    const seen = await loadRedemption(id);
    if (!seen || !canSeeRedemption(actor, seen)) throw refuse.notFound('兑换');
    const decide = (r: Redemption) => redemptionTransition(r, { event: 'cancel', reason }, actor, ctx.now);
    // A repeat or a refusal answers at once, without a transaction.
    const first = decide(seen);
    if (!first.ok) throw new AppError(first.code, first.message);
    if (first.repeat) return toRedemptionView(seen, actor);
    return toRedemptionView(await saveCancelledRedemption(id, ctx.now, decide), actor);
  },
};

export const listRedemptions: H['listRedemptions'] = {
  input: listRedemptionsInput,
  async run({ scope, status, page = 1, pageSize = 20 }, ctx) {
    const actor = ctx.actor;
    const where = scope === 'mine' ? { openid: actor.openid } : managedOwners(actor.roles);
    if (!where) throw refuse.forbidden('只有社区工作人员、单位联络员可以查看兑换记录');
    return toPage(await redemptionsWhere(where, status, page, pageSize), page, pageSize, (r) => toRedemptionView(r, actor));
  },
};
