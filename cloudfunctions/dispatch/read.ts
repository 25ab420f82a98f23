/** dispatch: reading demands — the lists of each role, and one demand's detail. */
import { isAdmin, liaisonUnits, memberUnits, staffCommunities, townsOf } from '../core/actor';
import { canRead } from '../core/demand';
import { refuse } from '../lib/errors';
import { toPage } from '../lib/paging';
import type { Handlers } from '../lib/router';
import { byId, listInput } from './schemas';
import { listDemands, loadDemand, type DemandFilter } from './store';
import { toDemandDetail, toDemandSummary } from './views';

type H = Handlers<'dispatch'>;

export const detail: H['detail'] = {
  input: byId,
  async run({ id }, ctx) {
    const found = await loadDemand(id);
    // Its town from its community's region when not stored yet (as the steps see it).
    const loaded = found && { ...found, demand: { ...found.demand, townId: found.demand.townId ?? found.townId ?? null } };
    if (!loaded || !canRead(loaded.demand, ctx.actor)) throw refuse.notFound('诉求');
    return toDemandDetail(loaded, ctx.actor, ctx.now);
  },
};

export const list: H['list'] = {
  input: listInput,
  async run({ scope, status, urgency, overdue, flag, queue, page = 1, pageSize = 20 }, ctx) {
    const roles = ctx.user.roles;
    const filter: DemandFilter = { status, urgency, overdueAt: overdue ? ctx.now : undefined, flag };
    switch (scope) {
      case 'mine':
        filter.submitter = ctx.openid;
        break;
      case 'triage':
      case 'community': {
        const communities = staffCommunities(roles);
        if (!communities.length) throw refuse.forbidden('只有社区工作人员可以查看社区诉求');
        filter.communities = communities;
        if (scope === 'triage') filter.status = status ?? 'submitted';
        // The staff queues (core/queues.ts counts the same items).
        if (queue === 'working') filter.statuses = ['handling', 'dispatched', 'accepted'];
        if (queue === 'verify') filter.status = 'completed';
        if (queue === 'returnVisit') filter.owesReturnVisit = true;
        break;
      }
      case 'unit': {
        const units = liaisonUnits(roles);
        if (!units.length) throw refuse.forbidden('只有单位联络员可以查看单位派单');
        filter.offeredToAny = units;
        // The liaison's queues (core/queues.ts counts the same items).
        if (queue === 'toAccept') filter.status = 'dispatched';
        if (queue === 'toAssign' || queue === 'inProgress') filter.heldBy = { units, free: queue === 'toAssign' };
        break;
      }
      case 'claimable': {
        const units = memberUnits(roles);
        if (!units.length) throw refuse.forbidden('只有在职党员可以认领任务');
        filter.claimableBy = { units, openid: ctx.openid };
        break;
      }
      case 'myTasks':
        filter.claimant = ctx.openid;
        break;
      case 'supervision': {
        // 督办 queue: the town's communities (镇街干部) or the whole county (县委组织部) — overdue,
        // 已吹哨 or 督办 items until they are resolved; `overdue` / `flag` narrow it to one segment.
        const towns = townsOf(roles);
        if (!towns.length && !isAdmin(roles)) throw refuse.forbidden('只有镇街干部和县委组织部可以查看督办事项');
        if (!isAdmin(roles)) filter.towns = towns;
        if (!overdue && !flag) filter.supervision = ctx.now;
        break;
      }
    }
    const found = await listDemands(filter, page, pageSize);
    return toPage(found, page, pageSize, (d) => toDemandSummary(d, ctx.actor, ctx.now));
  },
};
