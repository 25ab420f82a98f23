/**
 * points: redemptions after the redeeming — look up and fulfil by code (核销: the owner's staff or
 * liaison, never their own), cancel with a refund by a reversing entry (`refund_<redemptionId>`,
 * with the stock given back, in one transaction), and the lists.
 */
import { canSeeRedemption, mayFulfil, redemptionActions } from '../core/points-access';
import type { CatalogueItem, Redemption } from '../../types/points';
import { _, db } from '../lib/cloud';
import type { Data } from '../lib/database';
import { AppError, refuse } from '../lib/errors';
import { ledgerTransaction } from '../lib/ledger';
import type { Ctx, Handlers } from '../lib/router';
import { ITEMS, managedOwners, REDEMPTIONS, toRedemptionView } from './catalogue';
import { paged, skipOf } from './common';
import { byCode, cancelRedemptionInput, listRedemptionsInput } from './schemas';

type H = Handlers<'points'>;

/** A redemption by code that the caller may see (its holder, whoever manages its item), or NOT_FOUND. */
async function byCodeFor(code: string, ctx: Ctx): Promise<Redemption> {
  const found = (await db.collection(REDEMPTIONS).where({ code }).limit(1).get<Redemption>()).data[0];
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
    const actor = ctx.actor;
    const r = await byCodeFor(code, ctx);
    if (r.openid === actor.openid) throw refuse.forbidden('不能核销自己的兑换');
    if (!mayFulfil(actor, r)) throw refuse.forbidden('只有提供该物品的社区工作人员或单位联络员可以核销');
    if (r.status === 'fulfilled') return toRedemptionView(r, actor); // a repeated scan
    if (r.status !== 'pending') throw new AppError('INVALID_STATE', '该兑换已取消，不能核销');
    const res = await db.collection(REDEMPTIONS).where({ _id: r._id, status: 'pending' }).update({ data: { status: 'fulfilled', fulfilledAt: ctx.now, fulfilledBy: actor.openid } });
    if (res.stats.updated !== 1) throw refuse.conflict('该兑换刚被他人处理，请刷新后重试');
    return toRedemptionView({ ...r, status: 'fulfilled', fulfilledAt: ctx.now, fulfilledBy: actor.openid }, actor);
  },
};

export const cancelRedemption: H['cancelRedemption'] = {
  input: cancelRedemptionInput,
  async run({ id, reason = '' }, ctx) {
    const actor = ctx.actor;
    const seen = (await db.collection(REDEMPTIONS).doc(id).get<Redemption>()).data;
    if (!seen || !canSeeRedemption(actor, seen)) throw refuse.notFound('兑换');
    if (seen.status === 'cancelled') return toRedemptionView(seen, actor); // a repeat
    if (seen.status !== 'pending') throw new AppError('INVALID_STATE', '已核销的兑换不能取消');
    if (!redemptionActions(seen, actor).includes('cancel')) throw refuse.forbidden('您无权取消该兑换');
    const done = await ledgerTransaction(ctx.now, async (tx) => {
      const r = (await tx.t.collection(REDEMPTIONS).doc(id).get<Redemption>()).data!;
      if (r.status === 'cancelled') return r;
      if (r.status !== 'pending') throw new AppError('INVALID_STATE', '已核销的兑换不能取消');
      const item = (await tx.t.collection(ITEMS).doc(r.itemId).get<CatalogueItem>()).data;
      await tx.post(
        {
          key: `refund_${r._id}`,
          openid: r.openid,
          name: r.name,
          points: r.cost,
          hours: 0,
          source: { type: 'refund', id: r._id, label: r.itemTitle.slice(0, 20) },
          reason: reason || `取消兑换「${r.itemTitle}」，退还积分`,
          actor: actor.openid,
          actorName: actor.name,
          communityId: null,
          unitId: null,
        },
        (a) => ({ ...a, redeemed: { ...a.redeemed, [r.itemId]: Math.max(0, (a.redeemed?.[r.itemId] ?? 1) - 1) } }),
      );
      if (item) await tx.t.collection(ITEMS).doc(r.itemId).update({ data: { stock: item.stock + 1 } });
      const patch = { status: 'cancelled' as const, cancelledAt: ctx.now, cancelledBy: actor.openid, cancelReason: reason || null };
      await tx.t.collection(REDEMPTIONS).doc(id).update({ data: patch });
      return { ...r, ...patch };
    });
    return toRedemptionView(done, actor);
  },
};

export const listRedemptions: H['listRedemptions'] = {
  input: listRedemptionsInput,
  async run({ scope, status, page = 1, pageSize = 20 }, ctx) {
    const actor = ctx.actor;
    let where: Data;
    if (scope === 'mine') where = { openid: ctx.user._id };
    else {
      const owners = managedOwners(ctx.user.roles);
      if (!owners) throw refuse.forbidden('只有社区工作人员、单位联络员可以查看兑换记录');
      where = owners;
    }
    if (status) where = Object.keys(where).length ? (_.and([where, { status }]) as Data) : { status };
    const found = await db.collection(REDEMPTIONS).where(where).orderBy('createdAt', 'desc').skip(skipOf(page, pageSize)).limit(pageSize + 1).get<Redemption>();
    return paged(found.data, page, pageSize, (r) => toRedemptionView(r, actor));
  },
};
