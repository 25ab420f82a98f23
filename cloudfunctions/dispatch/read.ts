/** dispatch: reading demands — the lists of each role, and one demand's detail. */
import { liaisonUnits, memberUnits, staffCommunities } from '../core/actor';
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
    const loaded = await loadDemand(id);
    if (!loaded || !canRead(loaded.demand, ctx.actor)) throw refuse.notFound('诉求');
    return toDemandDetail(loaded, ctx.actor, ctx.now);
  },
};

export const list: H['list'] = {
  input: listInput,
  async run({ scope, status, urgency, overdue, page = 1, pageSize = 20 }, ctx) {
    const roles = ctx.user.roles;
    const filter: DemandFilter = { status, urgency, overdueAt: overdue ? ctx.now : undefined };
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
        break;
      }
      case 'unit': {
        const units = liaisonUnits(roles);
        if (!units.length) throw refuse.forbidden('只有单位联络员可以查看单位派单');
        filter.offeredToAny = units;
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
    }
    const found = await listDemands(filter, page, pageSize);
    return toPage(found, page, pageSize, (d) => toDemandSummary(d, ctx.actor, ctx.now));
  },
};
