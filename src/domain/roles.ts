import type { Me, Role, RoleGrant } from '@/types/domain'

/** Roles in the field's words (GLOSSARY.md). */
export const ROLE_LABEL: Record<Role, string> = {
  resident: '居民',
  member: '党员',
  liaison: '单位联络员',
  staff: '社区工作者',
  gridWorker: '网格员',
  secretary: '书记',
  admin: '县委组织部',
  town: '镇街干部',
}

/** Most responsible first: the order roles are listed and empty states are chosen in. */
export const ROLE_ORDER: Role[] = ['admin', 'town', 'secretary', 'staff', 'gridWorker', 'liaison', 'member', 'resident']

/** The caller's roles, most responsible first; a registered person with none is a resident. */
export function rolesOf(me: Me): Role[] {
  const held = new Set(me.roles.map((g) => g.role))
  const roles = ROLE_ORDER.filter((r) => held.has(r))
  return roles.length ? roles : ['resident']
}

export function hasAnyRole(me: Me, ...roles: Role[]): boolean {
  const held = rolesOf(me)
  return roles.some((r) => held.includes(r))
}

/** Names of communities and units by id, for showing a role's scope. */
export interface ScopeNames {
  communities: Record<string, string>
  units: Record<string, string>
  /** Towns (镇街), for the 镇街干部 role. */
  towns?: Record<string, string>
}

/** "社区工作者 · 东街社区", "党员 · 县卫健局", or just the role when the scope is unknown. */
export function roleText(grant: RoleGrant, names: ScopeNames): string {
  const scope =
    (grant.communityId && names.communities[grant.communityId]) ||
    (grant.unitId && names.units[grant.unitId]) ||
    (grant.townId && names.towns?.[grant.townId]) ||
    ''
  return scope ? `${ROLE_LABEL[grant.role]} · ${scope}` : ROLE_LABEL[grant.role]
}

/** Role grants sorted most responsible first. */
export function sortGrants(grants: RoleGrant[]): RoleGrant[] {
  return [...grants].sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role))
}
