/**
 * points: the catalogue and redeeming. Redeeming holds the points with a ledger entry
 * (`redeem_<redemptionId>`) and takes one from the stock IN ONE TRANSACTION that reads the item and
 * the account: stock never goes below 0 and a balance never below 0, however many redeem at once.
 */
import type { Actor } from '../core/actor';
import { makeCode } from '../core/points';
import { managesOwner, redemptionActions, unavailableReason } from '../core/points-access';
import { isAdmin, staffCommunities } from '../core/actor';
import type { RoleGrant } from '../../types/domain';
import type { CatalogueItem, CatalogueItemView, PointAccount, Redemption, RedemptionView } from '../../types/points';
import { _, db } from '../lib/cloud';
import type { Data } from '../lib/database';
import { AppError, refuse } from '../lib/errors';
import { ACCOUNTS, ledgerTransaction } from '../lib/ledger';
import type { Handlers } from '../lib/router';
import { newId, paged, secureRandom, skipOf } from './common';
import { createItemInput, listItemsInput, redeemInput, updateItemInput } from './schemas';

type H = Handlers<'points'>;
export const ITEMS = 'catalogueItems';
export const REDEMPTIONS = 'redemptions';

export function toItemView(item: CatalogueItem, account: PointAccount | null, actor: Actor, now: Date): CatalogueItemView {
  const mine = account?.redeemed?.[item._id] ?? 0;
  return { ...item, mine, unavailableReason: unavailableReason(item, account, mine, now), manageable: managesOwner(actor, item.owner) };
}

export const toRedemptionView = (r: Redemption, actor: Actor): RedemptionView => ({ ...r, allowedActions: redemptionActions(r, actor) });

/**
 * The condition "owned by what the caller manages" (owner.scope / owner.id), {} for the admin, or
 * null when the caller manages nothing.
 */
export function managedOwners(roles: RoleGrant[]): Data | null {
  if (isAdmin(roles)) return {};
  const communities = staffCommunities(roles);
  const units = roles.filter((g) => g.role === 'liaison' && g.unitId).map((g) => g.unitId!);
  const either: Data[] = [];
  if (communities.length) either.push({ 'owner.scope': 'community', 'owner.id': _.in(communities) });
  if (units.length) either.push({ 'owner.scope': 'unit', 'owner.id': _.in(units) });
  if (!either.length) return null;
  return either.length === 1 ? either[0] : (_.or(either) as Data);
}

const loadAccount = async (openid: string) => (await db.collection(ACCOUNTS).doc(openid).get<PointAccount>()).data;

export const createItem: H['createItem'] = {
  input: createItemInput,
  async run(input, ctx) {
    const actor = ctx.actor;
    const owner = { scope: input.ownerScope, id: input.ownerId };
    if (!managesOwner(actor, owner)) throw refuse.forbidden(input.ownerScope === 'community' ? '只能为本社区上架兑换物品' : '只能为本单位上架兑换物品');
    const named = (await db.collection(input.ownerScope === 'unit' ? 'units' : 'regions').doc(input.ownerId).get<{ name: string; level?: string }>()).data;
    if (!named || (input.ownerScope === 'community' && named.level !== 'community')) throw refuse.notFound(input.ownerScope === 'unit' ? '单位' : '社区');
    if (new Date(input.validUntil) <= new Date(input.validFrom)) throw refuse.invalid('兑换截止时间必须晚于开始时间');
    const item: CatalogueItem = {
      _id: newId(),
      owner: { ...owner, name: named.name },
      title: input.title,
      description: input.description ?? '',
      cost: input.cost,
      stock: input.stock,
      perPersonLimit: input.perPersonLimit,
      validFrom: new Date(input.validFrom),
      validUntil: new Date(input.validUntil),
      active: true,
      createdBy: ctx.user._id,
      createdAt: ctx.now,
    };
    await db.collection(ITEMS).add({ data: item });
    return toItemView(item, await loadAccount(ctx.user._id), actor, ctx.now);
  },
};

export const updateItem: H['updateItem'] = {
  input: updateItemInput,
  async run({ id, addStock, validUntil, active }, ctx) {
    const actor = ctx.actor;
    const item = (await db.collection(ITEMS).doc(id).get<CatalogueItem>()).data;
    if (!item) throw refuse.notFound('兑换物品');
    if (!managesOwner(actor, item.owner)) throw refuse.forbidden('您无权管理该兑换物品');
    if (addStock === undefined && validUntil === undefined && active === undefined) throw refuse.invalid('请至少修改一项');
    if (validUntil && new Date(validUntil) <= new Date(item.validFrom)) throw refuse.invalid('兑换截止时间必须晚于开始时间');
    const data: Data = { updatedAt: ctx.now };
    // Stock is added with $inc: a redemption committing meanwhile is detected by its transaction and retried.
    if (addStock) data.stock = _.inc(addStock);
    if (validUntil) data.validUntil = new Date(validUntil);
    if (active !== undefined) data.active = active;
    await db.collection(ITEMS).doc(id).update({ data });
    const [fresh, account] = await Promise.all([db.collection(ITEMS).doc(id).get<CatalogueItem>(), loadAccount(ctx.user._id)]);
    return toItemView(fresh.data!, account, actor, ctx.now);
  },
};

export const listItems: H['listItems'] = {
  input: listItemsInput,
  async run({ scope, page = 1, pageSize = 20 }, ctx) {
    const actor = ctx.actor;
    let where: Data;
    if (scope === 'available') {
      where = { active: true, stock: _.gt(0), validFrom: _.lte(ctx.now), validUntil: _.gt(ctx.now) };
    } else {
      const owners = managedOwners(ctx.user.roles);
      if (!owners) throw refuse.forbidden('只有社区工作人员、单位联络员可以管理兑换物品');
      where = owners;
    }
    const [found, account] = await Promise.all([
      db.collection(ITEMS).where(where).orderBy(scope === 'available' ? 'cost' : 'createdAt', scope === 'available' ? 'asc' : 'desc').skip(skipOf(page, pageSize)).limit(pageSize + 1).get<CatalogueItem>(),
      loadAccount(ctx.user._id),
    ]);
    return paged(found.data, page, pageSize, (i) => toItemView(i, account, actor, ctx.now));
  },
};

export const redeem: H['redeem'] = {
  input: redeemInput,
  async run({ itemId }, ctx) {
    const actor = ctx.actor;
    const me = ctx.user;
    const seen = (await db.collection(ITEMS).doc(itemId).get<CatalogueItem>()).data;
    if (!seen) throw refuse.notFound('兑换物品');
    if (seen.stock <= 0) throw new AppError('INVALID_STATE', '已兑完'); // refused at once, without contending
    const redemption = await ledgerTransaction(ctx.now, async (tx) => {
      const item = (await tx.t.collection(ITEMS).doc(itemId).get<CatalogueItem>()).data!;
      const account = await tx.account(me._id);
      const held = account?.redeemed?.[itemId] ?? 0;
      const why = unavailableReason(item, account, held, ctx.now);
      if (why) throw new AppError('INVALID_STATE', why);
      const id = newId();
      await tx.post(
        {
          key: `redeem_${id}`,
          openid: me._id,
          name: me.name,
          points: -item.cost,
          hours: 0,
          source: { type: 'redeem', id, label: item.title.slice(0, 20) },
          reason: `兑换「${item.title}」`,
          actor: me._id,
          actorName: me.name,
          communityId: null,
          unitId: null,
          home: { communityId: me.communityId, unitId: me.unitId },
        },
        (a) => ({ ...a, redeemed: { ...a.redeemed, [itemId]: held + 1 } }),
      );
      await tx.t.collection(ITEMS).doc(itemId).update({ data: { stock: item.stock - 1 } });
      const r: Redemption = {
        _id: id,
        itemId,
        itemTitle: item.title,
        owner: item.owner,
        openid: me._id,
        name: me.name,
        cost: item.cost,
        code: makeCode(8, secureRandom),
        status: 'pending',
        createdAt: ctx.now,
        fulfilledAt: null,
        fulfilledBy: null,
        cancelledAt: null,
        cancelledBy: null,
        cancelReason: null,
      };
      await tx.t.collection(REDEMPTIONS).add({ data: r });
      return r;
    });
    return toRedemptionView(redemption, actor);
  },
};
