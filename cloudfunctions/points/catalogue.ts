/**
 * points: the catalogue and redeeming. Redeeming holds the points with a ledger entry
 * (`redeem_<redemptionId>`) and takes one from the stock IN ONE TRANSACTION that reads the item and
 * the account (catalogue-store.ts): stock never goes below 0 and a balance never below 0, however
 * many redeem at once. What may be redeemed, and what it records: core/points-redemption.ts.
 */
import { makeCode } from '../core/points';
import { managesOwner } from '../core/points-access';
import { redeemItem } from '../core/points-redemption';
import type { CatalogueItem } from '../../types/points';
import { AppError, refuse } from '../lib/errors';
import { idFor, newId, secureRandom } from '../lib/ids';
import { toPage } from '../lib/paging';
import type { Handlers } from '../lib/router';
import { addItem, availableItems, changeItem, loadItem, managedOwners, ownedItems, saveRedeemed } from './catalogue-store';
import { createItemInput, listItemsInput, redeemInput, updateItemInput } from './schemas';
import { loadAccount, loadScope } from './store';
import { toItemView, toRedemptionView } from './views';

type H = Handlers<'points'>;

export const createItem: H['createItem'] = {
  input: createItemInput,
  async run(input, ctx) {
    const actor = ctx.actor;
    const owner = { scope: input.ownerScope, id: input.ownerId };
    if (!managesOwner(actor, owner)) throw refuse.forbidden(input.ownerScope === 'community' ? '只能为本社区上架兑换物品' : '只能为本单位上架兑换物品');
    const named = await loadScope(input.ownerScope, input.ownerId);
    if (!named) throw refuse.notFound(input.ownerScope === 'unit' ? '单位' : '社区');
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
      createdBy: actor.openid,
      createdAt: ctx.now,
    };
    await addItem(item);
    return toItemView(item, await loadAccount(actor.openid), actor, ctx.now);
  },
};

export const updateItem: H['updateItem'] = {
  input: updateItemInput,
  async run({ id, addStock, validUntil, active }, ctx) {
    const actor = ctx.actor;
    const item = await loadItem(id);
    if (!item) throw refuse.notFound('兑换物品');
    if (!managesOwner(actor, item.owner)) throw refuse.forbidden('您无权管理该兑换物品');
    if (addStock === undefined && validUntil === undefined && active === undefined) throw refuse.invalid('请至少修改一项');
    if (validUntil && new Date(validUntil) <= new Date(item.validFrom)) throw refuse.invalid('兑换截止时间必须晚于开始时间');
    const [fresh, account] = await Promise.all([changeItem(id, { addStock, validUntil: validUntil ? new Date(validUntil) : undefined, active }, ctx.now), loadAccount(actor.openid)]);
    return toItemView(fresh, account, actor, ctx.now);
  },
};

export const listItems: H['listItems'] = {
  input: listItemsInput,
  async run({ scope, page = 1, pageSize = 20 }, ctx) {
    const actor = ctx.actor;
    const owners = scope === 'managed' ? managedOwners(actor.roles) : null;
    if (scope === 'managed' && !owners) throw refuse.forbidden('只有社区工作人员、单位联络员可以管理兑换物品');
    const [found, account] = await Promise.all([owners ? ownedItems(owners, page, pageSize) : availableItems(ctx.now, page, pageSize), loadAccount(actor.openid)]);
    return toPage(found, page, pageSize, (i) => toItemView(i, account, actor, ctx.now));
  },
};

export const redeem: H['redeem'] = {
  input: redeemInput,
  async run({ itemId, requestId }, ctx) {
    const actor = ctx.actor;
    const seen = await loadItem(itemId);
    if (!seen) throw refuse.notFound('兑换物品');
    if (seen.stock <= 0) throw new AppError('INVALID_STATE', '已兑完'); // refused at once, without contending
    // With the client's request id, a retry finds the first redemption (its id comes from the key).
    const id = idFor(actor.openid, 'points.redeem', requestId);
    const redemption = await saveRedeemed(itemId, actor.openid, ctx.now, (item, account) => redeemItem(item, account, actor, ctx.now, { _id: id, code: makeCode(8, secureRandom) }), requestId ? id : null);
    return toRedemptionView(redemption, actor);
  },
};
