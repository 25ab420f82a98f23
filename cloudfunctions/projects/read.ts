/**
 * projects: reading — one project, the lists (a community's, a unit's, the needs the caller's units
 * may claim, 我参与的, a pairing's 共建计划), the service lists and 计划与完成. Each is the caller
 * (read by the router) and one query.
 */
import { canSeeProject, IN_PLAN, pairingIdOf } from '../core/project';
import { isAdmin, isLiaisonOf, isMemberOf, isStaffOf, liaisonUnits, memberUnits, staffCommunities } from '../core/actor';
import type { ProjectStatus } from '../../types/projects';
import type { Data } from '../lib/database';
import { refuse } from '../lib/errors';
import { toPage } from '../lib/paging';
import type { Handlers } from '../lib/router';
import { byId, countsInput, listInput, servicesInput } from './schemas';
import { _, listProjects, listServices, loadCounts, loadPairedServices, loadProject } from './store';
import { photoUrls, showOne, showProject, showService } from './views';

type H = Handlers<'projects'>;

/** What anyone registered sees of a community's or unit's projects: open needs and the plan's work. */
const PUBLIC: ProjectStatus[] = ['open', ...IN_PLAN];

export const detail: H['detail'] = {
  input: byId,
  async run({ id }, { actor }) {
    const p = await loadProject(id);
    if (!p || !canSeeProject(p, actor)) throw refuse.notFound('共建项目');
    return showOne(p, actor);
  },
};

export const list: H['list'] = {
  input: listInput,
  async run({ scope, communityId, unitId, year, status, page = 1, pageSize = 10 }, { actor }) {
    /** The status filter, kept within what this caller may see. */
    const within = (all: boolean): Data => {
      if (all) return status ? { status } : {};
      if (status && !PUBLIC.includes(status)) return { status: _.in([]) };
      return { status: status ?? _.in(PUBLIC) };
    };
    let where: Data;
    switch (scope) {
      case 'community': {
        const community = communityId ?? staffCommunities(actor.roles)[0] ?? actor.communityId;
        if (!community) throw refuse.invalid('请选择社区');
        where = { communityId: community, ...within(isStaffOf(actor.roles, community) || isAdmin(actor.roles)) };
        break;
      }
      case 'unit': {
        const unit = unitId ?? liaisonUnits(actor.roles)[0] ?? memberUnits(actor.roles)[0];
        if (!unit) throw refuse.invalid('请选择单位');
        where = { unitId: unit, ...within(isLiaisonOf(actor.roles, unit) || isMemberOf(actor.roles, unit) || isAdmin(actor.roles)) };
        break;
      }
      case 'claimable': {
        const units = [...new Set([...liaisonUnits(actor.roles), ...memberUnits(actor.roles)])];
        if (!units.length) throw refuse.forbidden('只有结对共建单位的联络员和党员可以查看可认领的项目');
        where = { status: 'open', pairedUnitIds: _.in(units) };
        break;
      }
      case 'mine':
        where = { memberIds: actor.openid, ...within(true) };
        break;
      case 'plan': {
        if (!unitId || !communityId || !year) throw refuse.invalid('请选择结对的单位、社区和年度');
        where = { pairingId: pairingIdOf(unitId, communityId), year, status: status && IN_PLAN.includes(status) ? status : _.in(IN_PLAN) };
        break;
      }
    }
    const found = await listProjects(where, page, pageSize);
    const urls = await photoUrls(found.slice(0, pageSize));
    return toPage(found, page, pageSize, (p) => showProject(p, actor, urls));
  },
};

export const services: H['services'] = {
  input: servicesInput,
  async run({ unitId, communityId, page = 1, pageSize = 10 }, { actor }) {
    if (!!unitId === !!communityId) throw refuse.invalid('请选择一个单位或一个社区');
    if (unitId) {
      const found = await listServices({ unitId, withdrawn: false }, page, pageSize);
      return toPage(found, page, pageSize, (s) => showService(s, actor, []));
    }
    // A community's few pairings, each unit's few offers: one $lookup, paged here.
    const all = (await loadPairedServices(communityId!)).sort((a, b) => new Date(b.createdAt).getTime() - new Date(a.createdAt).getTime());
    const start = (page - 1) * pageSize;
    return toPage(all.slice(start, start + pageSize + 1), page, pageSize, (s) => showService(s, actor, [communityId!]));
  },
};

export const counts: H['counts'] = {
  input: countsInput,
  async run({ scope, id, year }) {
    const pairings = await loadCounts(scope, id, year);
    const sum = (f: 'claimed' | 'completed' | 'rated') => pairings.reduce((n, c) => n + c[f], 0);
    return { scope, id, year, claimed: sum('claimed'), completed: sum('completed'), rated: sum('rated'), pairings };
  },
};
