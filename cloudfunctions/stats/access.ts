/**
 * Who may read which dashboard and figure: like a read of the same rows. The county's admin reads
 * everything; a town official their own town and its communities; community staff (社区工作者,
 * 网格员, 书记) their own community; a unit's liaison their own unit.
 */
import { isAdmin, isLiaisonOf, isTownOf, staffCommunities } from '../core/actor';
import type { RoleGrant } from '../../types/domain';
import { refuse } from '../lib/errors';
import { loadRegion, type Named } from './store';

export function mayReadCounty(roles: RoleGrant[]): void {
  if (!isAdmin(roles)) throw refuse.forbidden('全县统计只对县委组织部开放');
}

export function mayReadTown(roles: RoleGrant[], townId: string): void {
  if (!isAdmin(roles) && !isTownOf(roles, townId)) throw refuse.forbidden('您只能查看本镇街的统计');
}

export function mayReadUnit(roles: RoleGrant[], unitId: string): void {
  if (!isAdmin(roles) && !isLiaisonOf(roles, unitId)) throw refuse.forbidden('您只能查看本单位的统计');
}

/**
 * A community: its staff and the admin by role alone; a town official by the community's town,
 * which costs one read (`known` when the caller already read the community).
 */
export async function mayReadCommunity(roles: RoleGrant[], communityId: string, known?: Named | null): Promise<void> {
  if (isAdmin(roles) || staffCommunities(roles).includes(communityId)) return;
  if (roles.some((g) => g.role === 'town')) {
    const region = known === undefined ? await loadRegion(communityId) : known;
    if (region?.level === 'community' && isTownOf(roles, region.parentId)) return;
  }
  throw refuse.forbidden('您只能查看本社区的统计');
}
