/**
 * Who acts, in one vocabulary for every pillar: the `Actor` a handler builds once from the
 * caller's user record, and the predicates over role grants that every rule uses ("staff of",
 * "liaison of", "member of", "secretary of", "admin"). Pure: no I/O.
 *
 * Predicates take the grants (`roles`), so the same one answers for the caller (`actor.roles`)
 * and for anyone else a rule looks at (a target person's `user.roles`).
 */
import type { RoleGrant, User } from '../../types/domain';

export interface Actor {
  openid: string;
  name: string;
  /** Stored in full; a response masks it (core/mask.ts). */
  phone: string;
  roles: RoleGrant[];
  /** Where they live (居住社区), from their building; null until bound. */
  communityId: string | null;
  /** Where they work (在职单位), for members and liaisons. */
  unitId: string | null;
}

/** The caller as the rules see them, from their user record (roles come from the database). */
export function actorOf(user: User): Actor {
  return { openid: user._id, name: user.name, phone: user.phone, roles: user.roles, communityId: user.communityId, unitId: user.unitId };
}

export type CommunityRole = 'staff' | 'gridWorker' | 'secretary';

export const isAdmin = (roles: RoleGrant[]): boolean => roles.some((g) => g.role === 'admin');

export const isMember = (roles: RoleGrant[]): boolean => roles.some((g) => g.role === 'member');

/** Communities where the person works as staff, grid worker or secretary. */
export function staffCommunities(roles: RoleGrant[]): string[] {
  return roles.filter((g) => (g.role === 'staff' || g.role === 'gridWorker' || g.role === 'secretary') && g.communityId).map((g) => g.communityId!);
}

/** Staff, grid worker or secretary of `communityId`. */
export const isStaffOf = (roles: RoleGrant[], communityId: string | null | undefined): boolean =>
  !!communityId && staffCommunities(roles).includes(communityId);

export const isSecretaryOf = (roles: RoleGrant[], communityId: string | null | undefined): boolean =>
  !!communityId && roles.some((g) => g.role === 'secretary' && g.communityId === communityId);

/** The strongest community role in `communityId` (secretary > staff > gridWorker), or null. */
export function communityRole(roles: RoleGrant[], communityId: string): CommunityRole | null {
  for (const role of ['secretary', 'staff', 'gridWorker'] as const) {
    if (roles.some((g) => g.role === role && g.communityId === communityId)) return role;
  }
  return null;
}

/** Units the person is the liaison of. */
export const liaisonUnits = (roles: RoleGrant[]): string[] => roles.filter((g) => g.role === 'liaison' && g.unitId).map((g) => g.unitId!);

/** Units the person is a member of. */
export const memberUnits = (roles: RoleGrant[]): string[] => roles.filter((g) => g.role === 'member' && g.unitId).map((g) => g.unitId!);

export const isLiaisonOf = (roles: RoleGrant[], unitId: string | null | undefined): boolean => !!unitId && liaisonUnits(roles).includes(unitId);

export const isMemberOf = (roles: RoleGrant[], unitId: string | null | undefined): boolean => !!unitId && memberUnits(roles).includes(unitId);

/** Towns (镇街) the person is an official of (镇街干部). */
export const townsOf = (roles: RoleGrant[]): string[] => roles.filter((g) => g.role === 'town' && g.townId).map((g) => g.townId!);

/** A town official (镇街干部) of `townId`: sees and acts on its communities' overdue and escalated items. */
export const isTownOf = (roles: RoleGrant[], townId: string | null | undefined): boolean => !!townId && townsOf(roles).includes(townId);
