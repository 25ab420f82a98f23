/**
 * Who may do what with roles and people: pure rules over role grants, no I/O.
 * Scope: staff, gridWorker and secretary act in one community; liaison and member belong to a unit.
 */
import type { RoleChange } from '../../types/api';
import type { Role, RoleGrant } from '../../types/domain';
import { isAdmin, isLiaisonOf, staffCommunities } from './actor';

/** Every role once; a Record so that adding a Role to the type without listing it fails to compile. */
const ALL_ROLES: Record<Role, true> = {
  resident: true,
  member: true,
  liaison: true,
  staff: true,
  gridWorker: true,
  secretary: true,
  admin: true,
  town: true,
};

/** Every role (their Chinese labels belong to the app: src/domain/roles.ts). */
export const ROLES = Object.keys(ALL_ROLES) as Role[];

/** Which scope a role needs when granted. */
export function scopeOf(role: Role): 'community' | 'unit' | 'town' | null {
  if (role === 'staff' || role === 'gridWorker' || role === 'secretary') return 'community';
  if (role === 'liaison' || role === 'member') return 'unit';
  if (role === 'town') return 'town';
  return null;
}

/** A grant in canonical form: only the scope field its role uses. */
export function normalizeGrant(change: Pick<RoleChange, 'role' | 'communityId' | 'unitId' | 'townId'>): RoleGrant {
  const scope = scopeOf(change.role);
  if (scope === 'community') return { role: change.role, communityId: change.communityId };
  if (scope === 'unit') return { role: change.role, unitId: change.unitId };
  if (scope === 'town') return { role: change.role, townId: change.townId };
  return { role: change.role };
}

export function sameGrant(a: RoleGrant, b: RoleGrant): boolean {
  return a.role === b.role && (a.communityId ?? null) === (b.communityId ?? null) && (a.unitId ?? null) === (b.unitId ?? null) && (a.townId ?? null) === (b.townId ?? null);
}

/**
 * Which community's people the caller may list: admin any (or all, with null); staff, grid
 * workers and secretaries their own only. Returns undefined when refused.
 */
export function listableCommunity(grants: RoleGrant[], requested: string | undefined): string | null | undefined {
  if (isAdmin(grants)) return requested ?? null;
  const own = staffCommunities(grants);
  if (requested) return own.includes(requested) ? requested : undefined;
  return own.length === 1 ? own[0] : undefined;
}

/** May the caller list the people who work in `unitId`? Its liaison (to assign members), and admins. */
export function canListUnit(grants: RoleGrant[], unitId: string): boolean {
  return isAdmin(grants) || isLiaisonOf(grants, unitId);
}

/** A person's unit is where they work: it follows their unit grants (member, liaison), else null. */
export function workUnit(current: string | null, roles: RoleGrant[]): string | null {
  const units = roles.filter((g) => scopeOf(g.role) === 'unit' && g.unitId).map((g) => g.unitId!);
  if (current && units.includes(current)) return current;
  return units.at(-1) ?? null;
}
