/** org: finding people (管理 · 人员) by name or phone, with what the caller may do to their roles. */
import { isAdmin, liaisonUnits, staffCommunities } from '../core/actor';
import type { Data } from '../lib/database';
import { toPage } from '../lib/paging';
import type { Handlers } from '../lib/router';
import { searchPeopleInput } from './schemas';
import { scopeOrRefuse, scopeWhere } from './scope';
import { peopleWhere } from './store';
import { toPerson } from './views';

type H = Handlers<'org'>;

/** Typed text matched literally (a regex of it, with every special character escaped). */
export const literal = (s: string): RegExp => new RegExp(s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));

/**
 * The search condition for `q`: digits search phones, anything else names. The admin finds by any
 * part of a phone; others only by the whole number, so that searching cannot uncover the digits
 * their masked view hides.
 */
function matchOf(q: string, admin: boolean): Data {
  if (/^\d+$/.test(q)) return { phone: admin ? literal(q) : q };
  return { name: literal(q) };
}

/** Reads: the caller and one page. */
export const searchPeople: H['searchPeople'] = {
  input: searchPeopleInput,
  async run({ q, communityId, unitId, role, page = 1, pageSize = 20 }, { actor }) {
    const scope = scopeOrRefuse(
      actor.roles,
      { communityId, unitId },
      { communities: staffCommunities(actor.roles), units: liaisonUnits(actor.roles) },
      '您只能查找本社区或本单位的人员',
    );
    const conditions: Data[] = [scopeWhere(scope, { community: 'communityId', unit: 'unitId' })];
    if (role) conditions.push({ 'roles.role': role });
    if (q) conditions.push(matchOf(q, isAdmin(actor.roles)));
    return toPage(await peopleWhere(conditions, page, pageSize), page, pageSize, (u) => toPerson(u, actor));
  },
};
