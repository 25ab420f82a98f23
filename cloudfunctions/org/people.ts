/** org: finding people (管理 · 人员) by name or phone, with what the caller may do to their roles. */
import type { PersonResult } from '../../types/admin';
import type { Role, User } from '../../types/domain';
import { isAdmin, liaisonUnits, staffCommunities, type Actor } from '../core/actor';
import { roleActions } from '../core/grants';
import { maskPhone } from '../core/mask';
import { ROLES } from '../core/roles';
import { _, db } from '../lib/cloud';
import type { Data } from '../lib/database';
import { readPage, toPage } from '../lib/paging';
import type { Handlers } from '../lib/router';
import { id, paging, text, z } from '../lib/validate';
import { scopeOrRefuse, scopeWhere } from './scope';

type H = Handlers<'org'>;

/** Typed text matched literally (a regex of it, with every special character escaped). */
export const literal = (s: string): RegExp => new RegExp(s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));

/**
 * The search condition for `q`: digits search phones, anything else names. The admin finds by any
 * part of a phone; others only by the whole number, so that searching cannot uncover the digits
 * their masked view hides.
 */
function matchOf(q: string, admin: boolean): Record<string, unknown> {
  if (/^\d+$/.test(q)) return { phone: admin ? literal(q) : q };
  return { name: literal(q) };
}

export function toPerson(user: User, caller: Actor): PersonResult {
  return {
    openid: user._id,
    name: user.name,
    phone: isAdmin(caller.roles) ? user.phone : maskPhone(user.phone),
    roles: user.roles,
    communityId: user.communityId,
    buildingId: user.buildingId,
    unitId: user.unitId,
    allowedActions: roleActions(caller, { openid: user._id, roles: user.roles }),
  };
}

/** Reads: the caller and one page. */
export const searchPeople: H['searchPeople'] = {
  input: z.strictObject({
    q: text(20).optional(),
    communityId: id().optional(),
    unitId: id().optional(),
    role: z.enum(ROLES as [Role, ...Role[]]).optional(),
    ...paging,
  }),
  async run({ q, communityId, unitId, role, page = 1, pageSize = 20 }, { actor }) {
    const scope = scopeOrRefuse(
      actor.roles,
      { communityId, unitId },
      { communities: staffCommunities(actor.roles), units: liaisonUnits(actor.roles) },
      '您只能查找本社区或本单位的人员',
    );
    const conditions: Record<string, unknown>[] = [scopeWhere(scope, { community: 'communityId', unit: 'unitId' })];
    if (role) conditions.push({ 'roles.role': role });
    if (q) conditions.push(matchOf(q, isAdmin(actor.roles)));
    const found = await readPage<User>(db.collection('users').where(_.and(conditions) as Data).orderBy('name', 'asc'), page, pageSize);
    return toPage(found, page, pageSize, (u) => toPerson(u, actor));
  },
};
