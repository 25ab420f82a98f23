/**
 * Who may hand out which role, as one table (管理 · 角色): the server checks `grantRole`,
 * `revokeRole` and invitations with it, and people results show the same answer as
 * `allowedActions`. Pure: no I/O.
 *
 * | granter              | may grant / revoke     | where                    |
 * | -------------------- | ---------------------- | ------------------------ |
 * | admin 县委组织部      | every role (town 镇街干部 too) | anywhere          |
 * | secretary 书记 of C  | staff, gridWorker      | community C only         |
 * | liaison 联络员 of U  | member                 | unit U only              |
 * | anyone               | —                      | never their own roles    |
 */
import type { RoleActions } from '../../types/admin';
import type { Role, RoleGrant } from '../../types/domain';
import { isAdmin, isSecretaryOf, isLiaisonOf } from './actor';
import { ROLES, sameGrant, scopeOf } from './roles';

/** One row of the table: a role the granter holds lets them hand out `roles` in that role's scope. */
interface GrantRule {
  granter: Role;
  roles: readonly Role[];
  /** The granted role's scope must be the granter's own (community or unit); admin: any. */
  scope: 'any' | 'own';
}

export const GRANT_RULES: readonly GrantRule[] = [
  { granter: 'admin', roles: ROLES, scope: 'any' },
  { granter: 'secretary', roles: ['staff', 'gridWorker'], scope: 'own' },
  { granter: 'liaison', roles: ['member'], scope: 'own' },
];

/** A grant to hand out, for someone (`openid`) — the target of grantRole, revokeRole or an invitation. */
export interface GrantRequest {
  openid?: string;
  role: Role;
  communityId?: string;
  unitId?: string;
  townId?: string;
}

/**
 * May `caller` grant or revoke `change` (for a person, or — without openid — by invitation)?
 * Nobody changes their own roles: no self-promotion, no locking the county out by revoking the
 * last admin from oneself.
 */
export function mayGrant(caller: { openid: string; roles: RoleGrant[] }, change: GrantRequest): boolean {
  if (change.openid !== undefined && change.openid === caller.openid) return false;
  return GRANT_RULES.some((rule) => rule.roles.includes(change.role) && holds(caller.roles, rule, change));
}

function holds(roles: RoleGrant[], rule: GrantRule, change: GrantRequest): boolean {
  if (rule.granter === 'admin') return isAdmin(roles);
  if (rule.granter === 'secretary') return !!change.communityId && isSecretaryOf(roles, change.communityId);
  if (rule.granter === 'liaison') return !!change.unitId && isLiaisonOf(roles, change.unitId);
  return false;
}

/**
 * What the caller may do to `target`'s roles (allowedActions of a people result): the grants they
 * may add and the held grants they may take away. A scoped grant without its id (admin only)
 * means "in any community / unit — choose one".
 */
export function roleActions(caller: { openid: string; roles: RoleGrant[] }, target: { openid: string; roles: RoleGrant[] }): RoleActions {
  if (caller.openid === target.openid) return { grant: [], revoke: [] };
  const offers: RoleGrant[] = [];
  if (isAdmin(caller.roles)) {
    for (const role of ROLES) if (role !== 'resident') offers.push({ role });
  } else {
    for (const g of caller.roles) {
      if (g.role === 'secretary' && g.communityId) offers.push({ role: 'staff', communityId: g.communityId }, { role: 'gridWorker', communityId: g.communityId });
      if (g.role === 'liaison' && g.unitId) offers.push({ role: 'member', unitId: g.unitId });
    }
  }
  // A scoped role offered without its id (admin: choose where) is always on offer; any other offer
  // only when the person does not hold that grant yet.
  const grant = offers.filter((o) => {
    const choose = scopeOf(o.role) !== null && !o.communityId && !o.unitId && !o.townId;
    return choose || !target.roles.some((g) => sameGrant(g, o));
  });
  const revoke = target.roles.filter((g) => g.role !== 'resident' && mayGrant(caller, { ...g, openid: target.openid }));
  return { grant, revoke };
}

/** grantRole / revokeRole's check (the name the rules have always had). */
export const canChangeRole = (caller: { openid: string; roles: RoleGrant[] }, change: GrantRequest & { openid: string }): boolean => mayGrant(caller, change);
