/** visits: marking key households, listing them (never with sensitive fields), reading one (logged). */
import { allowedActions, canManage, canSeeHousehold, canSeePairingChanges, careAccess, type Caller } from '../core/visits-access';
import { staffCommunities } from '../core/actor';
import type { Region } from '../../types/domain';
import type { BuildingHousehold, HouseholdCare, KeyHousehold, KeyHouseholdDetail, SensitiveRead } from '../../types/visits';
import { _, db } from '../lib/cloud';
import type { Data } from '../lib/database';
import { refuse } from '../lib/errors';
import type { Ctx, Handlers } from '../lib/router';
import { markKey as mark, unmarkKey as unmark, updateKey as update } from './key-households';
import { KEY, loadCare, loadKeyHousehold, logSensitiveRead, pairingChanges, recentVisits, toSummary, toVisitViews } from './store';
import { buildingInput, householdInput, listInput, listVisitsInput, markKeyInput, unmarkKeyInput, updateKeyInput } from './schemas';

type H = Handlers<'visits'>;


/**
 * A household's detail for this reader. Permitted readers get the care details and recent visits,
 * and the read is logged first; the admin gets the schedule only; `care` is passed in when the
 * caller just wrote it (mark, update), so it is not read again.
 */
export async function detailFor(h: KeyHousehold, ctx: Ctx, action: SensitiveRead['action'], written?: HouseholdCare): Promise<KeyHouseholdDetail> {
  const caller: Caller = { openid: ctx.openid, roles: ctx.user.roles };
  const access = careAccess(h, caller);
  const base = { ...toSummary(h, ctx.now), active: h.active, allowedActions: allowedActions(h, caller) };
  if (!access || !h.active) {
    // The admin sees that a household is key and how it is scheduled, never what it is; an
    // unmarked household's details are deleted.
    return { ...base, care: null, recentVisits: [], pairingChanges: canSeePairingChanges(ctx.user.roles, h.communityId) ? await pairingChanges(h._id) : [] };
  }
  const [care, visits, changes] = await Promise.all([
    written ? Promise.resolve(written) : loadCare(h._id),
    recentVisits(h._id, 0, 10),
    canSeePairingChanges(ctx.user.roles, h.communityId) ? pairingChanges(h._id) : Promise.resolve([]),
  ]);
  await logSensitiveRead(h, { openid: ctx.openid, name: ctx.user.name }, access, action, ctx.now);
  return {
    ...base,
    care: care ? { categories: care.categories, contactPhone: care.contactPhone, notes: care.notes } : null,
    recentVisits: await toVisitViews(visits),
    pairingChanges: changes,
  };
}

export const markKey: H['markKey'] = {
  input: markKeyInput,
  async run(input, ctx) {
    const { h, care } = await mark(ctx.actor, input, ctx.now);
    return detailFor(h, ctx, 'markKey', care);
  },
};

export const updateKey: H['updateKey'] = {
  input: updateKeyInput,
  async run(input, ctx) {
    const { h, care } = await update(ctx.actor, input, ctx.now);
    return detailFor(h, ctx, 'updateKey', care);
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
    if (!h || !canSeeHousehold(h, { openid: ctx.openid, roles: ctx.user.roles })) throw refuse.notFound('重点户');
    return detailFor(h, ctx, 'detail');
  },
};

export const listVisits: H['listVisits'] = {
  input: listVisitsInput,
  async run({ householdId, page = 1, pageSize = 20 }, ctx) {
    const h = await loadKeyHousehold(householdId);
    const caller = { openid: ctx.openid, roles: ctx.user.roles };
    if (!h || !canSeeHousehold(h, caller)) throw refuse.notFound('重点户');
    const access = careAccess(h, caller);
    if (!access) throw refuse.forbidden('走访记录只有包户走访人和本社区工作人员可以查看');
    const found = await recentVisits(h._id, (page - 1) * pageSize, pageSize + 1);
    await logSensitiveRead(h, { openid: ctx.openid, name: ctx.user.name }, access, 'listVisits', ctx.now);
    return { items: await toVisitViews(found.slice(0, pageSize)), page, pageSize, hasMore: found.length > pageSize };
  },
};

/** Which community a staff list is about: the one asked for (if theirs), or their only one. */
export function staffCommunity(ctx: Ctx, requested: string | undefined): string {
  const own = staffCommunities(ctx.user.roles);
  if (requested ? !own.includes(requested) : own.length !== 1) {
    throw requested || !own.length ? refuse.forbidden('只有本社区的工作人员可以查看') : refuse.invalid('请选择社区（communityId）');
  }
  return requested ?? own[0];
}

export const list: H['list'] = {
  input: listInput,
  async run({ scope, communityId, due, visitorOpenid, unpaired, page = 1, pageSize = 20 }, ctx) {
    const conditions: Data[] = [{ active: true }];
    if (scope === 'mine') {
      if (communityId || visitorOpenid || unpaired) throw refuse.invalid('「我的包户」只按到期筛选');
      conditions.push({ 'visitors.openid': ctx.openid });
    } else {
      conditions.push({ communityId: staffCommunity(ctx, communityId) });
      if (visitorOpenid && unpaired) throw refuse.invalid('不能同时按走访人和「未包挂」筛选');
      if (visitorOpenid) conditions.push({ 'visitors.openid': visitorOpenid });
      if (unpaired) conditions.push({ 'visitors.openid': _.exists(false) });
    }
    if (due === 'due') conditions.push({ nextDueFrom: _.lte(ctx.now) });
    if (due === 'overdue') conditions.push({ nextDueBy: _.lt(ctx.now) });
    // Due first: the earliest end of window at the top; one item more tells whether there is more.
    const found = (
      await db
        .collection(KEY)
        .where(_.and(conditions) as Data)
        .orderBy('nextDueBy', 'asc')
        .orderBy('_id', 'asc')
        .skip((page - 1) * pageSize)
        .limit(pageSize + 1)
        .get<KeyHousehold>()
    ).data;
    return { items: found.slice(0, pageSize).map((h) => toSummary(h, ctx.now)), page, pageSize, hasMore: found.length > pageSize };
  },
};

export const buildingHouseholds: H['buildingHouseholds'] = {
  input: buildingInput,
  async run({ buildingId }, ctx) {
    const building = (await db.collection('regions').doc(buildingId).get<Region>()).data;
    if (!building || building.level !== 'building') throw refuse.notFound('楼栋');
    if (!canManage(ctx.user.roles, building.path[2])) throw refuse.forbidden('只有本社区的工作人员可以标记重点户');
    const [households, keys] = await Promise.all([
      db.collection('households').where({ buildingId }).orderBy('room', 'asc').limit(200).get<{ _id: string; room: string }>(),
      db.collection(KEY).where({ buildingId, active: true }).field({ _id: true }).limit(200).get<{ _id: string }>(),
    ]);
    const isKey = new Set(keys.data.map((k) => k._id));
    return households.data.map((h): BuildingHousehold => ({ householdId: h._id, room: h.room, address: `${building.name} ${h.room}`, isKey: isKey.has(h._id) }));
  },
};
