/**
 * What the caller may see of people (masked phones, what they may do to someone's roles), of
 * their own profile, of invitations, units and the 楼栋码 sheet.
 */
import type { BuildingCode, Invitation, InvitationView, PersonResult } from '../../types/admin';
import type { Me, Region, Unit, UnitPairing, User, UserSummary } from '../../types/domain';
import { isAdmin, type Actor } from '../core/actor';
import { roleActions } from '../core/grants';
import { BUILDING_PAGE, INVITATION_PAGE, statusOf } from '../core/invitations';
import { maskPhone } from '../core/mask';
import type { ProfileNames } from './store';

/** The caller's own view, with the names of their community, building and unit. */
export function toMe(user: User, { regions, unit }: ProfileNames): Me {
  const named = (id: string | null) => {
    const r = regions.find((x) => x._id === id);
    return r ? { _id: r._id, name: r.name } : null;
  };
  return {
    openid: user._id,
    name: user.name,
    phone: maskPhone(user.phone),
    roles: user.roles,
    community: named(user.communityId),
    building: named(user.buildingId),
    unit: unit ? { _id: unit._id, name: unit.name, communities: unit.communities } : null,
    elderMode: user.elderMode ?? null,
  };
}

export function toSummary(user: User): UserSummary {
  return {
    openid: user._id,
    name: user.name,
    phone: maskPhone(user.phone),
    roles: user.roles,
    communityId: user.communityId,
    unitId: user.unitId,
  };
}

/** A person found in 管理 · 人员: the whole phone for the admin only, and what the caller may do to their roles. */
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

export function toInvitationView(inv: Invitation, now: Date): InvitationView {
  return {
    code: inv._id,
    grant: inv.grant,
    scopeName: inv.scopeName,
    createdBy: inv.createdBy,
    createdAt: inv.createdAt,
    expiresAt: inv.expiresAt,
    maxUses: inv.maxUses,
    uses: inv.uses,
    status: statusOf(inv, now),
    page: INVITATION_PAGE,
    scene: inv._id,
  };
}

/** What the invitation page shows before anyone registers: no code, no counts. */
export const toInvitationPreview = (inv: Invitation, now: Date) => ({
  role: inv.grant.role,
  scopeName: inv.scopeName,
  inviter: inv.createdBy.name,
  expiresAt: inv.expiresAt,
  status: statusOf(inv, now),
});

/** The units (archived ones only when asked for), each with the communities it is paired with. */
export const toUnitList = (units: Unit[], pairings: UnitPairing[], includeArchived: boolean) =>
  units
    .filter((u) => includeArchived || !u.archived)
    .map((u) => ({
      _id: u._id,
      name: u.name,
      description: u.description,
      ...(u.archived ? { archived: true } : {}),
      communityIds: pairings.filter((p) => p.unitId === u._id).map((p) => p.communityId),
    }));

const byName = (a: string, b: string) => a.localeCompare(b, 'zh-CN', { numeric: true });

/** A community's 楼栋码 sheet: each active building under an active estate, by estate then building. */
export function toBuildingSheet(community: Region, below: Region[]) {
  const estates = new Map(below.filter((r) => r.level === 'estate').map((e) => [e._id, e.name]));
  const buildings: BuildingCode[] = below
    .filter((b) => b.level === 'building' && estates.has(b.path[3]))
    .map((b) => ({ buildingId: b._id, name: b.name, estateName: estates.get(b.path[3])!, page: BUILDING_PAGE, scene: b._id }))
    .sort((a, b) => byName(a.estateName, b.estateName) || byName(a.name, b.name));
  return { community: { _id: community._id, name: community.name }, buildings };
}

/** The page a scanned 楼栋码 opens: the building's, its estate's and its community's names. */
export function toBuildingPreview(building: Region, above: Region[]) {
  const name = (regionId: string) => above.find((r) => r._id === regionId)?.name ?? '';
  return { buildingId: building._id, building: building.name, estate: name(building.path[3]), community: name(building.path[2]) };
}
