/**
 * The people and households a dashboard's scope covers, after its access check (access.ts): its
 * name, its communities (named), the units to list, and which members (党员) are in it — the
 * county: all; a town: those living in its communities; a community: those living in it; a unit:
 * those working in it. One request for the names (two for the county: regions and units).
 */
import type { DashboardScope } from '../../types/stats';
import { refuse } from '../lib/errors';
import type { RoleGrant } from '../../types/domain';
import { mayReadCommunity, mayReadCounty, mayReadTown, mayReadUnit } from './access';
import { allUnits, countyRegions, loadRegion, loadUnit, townRegions } from './store';

export interface ScopeOf {
  scope: DashboardScope;
  id: string;
  name: string;
  /** Named communities of the scope (a unit: none). */
  communities: { _id: string; name: string }[];
  /** The units listed whatever their members: the county's all; elsewhere those of the roster (named later). */
  units: { _id: string; name: string }[] | null;
  /** Which members: by where they live, or by unit. */
  members: { communityIds?: string[]; unitId?: string };
}

/** `withUnits`: the county's units too (the 党员 figures list every unit; coverage has none). */
export async function scopeOf(roles: RoleGrant[], scope: DashboardScope, id: string | undefined, withUnits = true): Promise<ScopeOf> {
  if (scope === 'county') {
    mayReadCounty(roles);
    const [regions, units] = await Promise.all([countyRegions(), withUnits ? allUnits() : []]);
    const county = regions.find((r) => r.level === 'county');
    const communities = regions.filter((r) => r.level === 'community');
    return { scope, id: county?._id ?? '', name: county?.name ?? '全县', communities, units, members: {} };
  }
  if (!id) throw refuse.invalid('请指明要看哪个镇街、社区或单位');
  if (scope === 'town') {
    mayReadTown(roles, id);
    const regions = await townRegions(id);
    const town = regions.find((r) => r._id === id && r.level === 'town');
    if (!town) throw refuse.notFound('镇街');
    const communities = regions.filter((r) => r.level === 'community');
    return { scope, id, name: town.name, communities, units: null, members: { communityIds: communities.map((c) => c._id) } };
  }
  if (scope === 'community') {
    const region = await loadRegion(id);
    await mayReadCommunity(roles, id, region);
    if (!region || region.level !== 'community') throw refuse.notFound('社区');
    return { scope, id, name: region.name, communities: [{ _id: id, name: region.name }], units: null, members: { communityIds: [id] } };
  }
  mayReadUnit(roles, id);
  const unit = await loadUnit(id);
  if (!unit) throw refuse.notFound('单位');
  return { scope, id, name: unit.name, communities: [], units: [unit], members: { unitId: id } };
}
