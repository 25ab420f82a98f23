/** visits: marking key households, listing them (never with sensitive fields), reading one (logged). */
import { canManage, canSeeHousehold } from '../core/visits-access';
import { refuse } from '../lib/errors';
import { toPage } from '../lib/paging';
import type { Handlers } from '../lib/router';
import { markKey as mark, unmarkKey as unmark, updateKey as update } from './key-households';
import { detailFor, staffCommunity, visitsPage } from './reading';
import { buildingRooms, loadKeyHousehold, loadRegion, readKeyHouseholds, type KeyHouseholdFilter } from './store';
import { toBuildingHousehold, toSummary } from './views';
import { buildingInput, householdInput, listInput, listVisitsInput, markKeyInput, unmarkKeyInput, updateKeyInput } from './schemas';

type H = Handlers<'visits'>;

export const markKey: H['markKey'] = {
  input: markKeyInput,
  async run(input, ctx) {
    const { h, care } = await mark(ctx.actor, input, ctx.now);
    return detailFor(h, ctx.actor, ctx.now, 'markKey', care);
  },
};

export const updateKey: H['updateKey'] = {
  input: updateKeyInput,
  async run(input, ctx) {
    const { h, care } = await update(ctx.actor, input, ctx.now);
    return detailFor(h, ctx.actor, ctx.now, 'updateKey', care);
  },
};

export const unmarkKey: H['unmarkKey'] = {
  input: unmarkKeyInput,
  async run(input, ctx) {
    await unmark(ctx.actor, input, ctx.now);
    return { householdId: input.householdId, active: false as const };
  },
};

export const detail: H['detail'] = {
  input: householdInput,
  async run({ householdId }, ctx) {
    const h = await loadKeyHousehold(householdId);
    if (!h || !canSeeHousehold(h, ctx.actor)) throw refuse.notFound('重点户');
    return detailFor(h, ctx.actor, ctx.now, 'detail');
  },
};

export const listVisits: H['listVisits'] = {
  input: listVisitsInput,
  async run({ householdId, page = 1, pageSize = 20 }, ctx) {
    const h = await loadKeyHousehold(householdId);
    if (!h || !canSeeHousehold(h, ctx.actor)) throw refuse.notFound('重点户');
    return visitsPage(h, ctx.actor, ctx.now, page, pageSize);
  },
};

export const list: H['list'] = {
  input: listInput,
  async run({ scope, communityId, due, visitorOpenid, unpaired, page = 1, pageSize = 20 }, ctx) {
    let filter: KeyHouseholdFilter;
    if (scope === 'mine') {
      if (communityId || visitorOpenid || unpaired) throw refuse.invalid('「我的包户」只按到期筛选');
      filter = { visitorOpenid: ctx.actor.openid, due };
    } else {
      if (visitorOpenid && unpaired) throw refuse.invalid('不能同时按走访人和「未包挂」筛选');
      filter = { communityId: staffCommunity(ctx.actor, communityId), visitorOpenid, unpaired, due };
    }
    const found = await readKeyHouseholds(filter, ctx.now, page, pageSize);
    return toPage(found, page, pageSize, (h) => toSummary(h, ctx.now));
  },
};

export const buildingHouseholds: H['buildingHouseholds'] = {
  input: buildingInput,
  async run({ buildingId }, ctx) {
    const building = await loadRegion(buildingId);
    if (!building || building.level !== 'building') throw refuse.notFound('楼栋');
    if (!canManage(ctx.actor.roles, building.path[2])) throw refuse.forbidden('只有本社区的工作人员可以标记重点户');
    const { households, keyIds } = await buildingRooms(buildingId);
    return households.map((h) => toBuildingHousehold(h, building.name, keyIds.has(h._id)));
  },
};
