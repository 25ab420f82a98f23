/** org: 楼栋码 — the poster sheet of a community's buildings, and the page a scanned code opens. */
import type { BuildingCode } from '../../types/admin';
import type { Region } from '../../types/domain';
import { isAdmin, isStaffOf } from '../core/actor';
import { BUILDING_PAGE } from '../core/invitations';
import { _, db } from '../lib/cloud';
import { refuse } from '../lib/errors';
import type { Handlers } from '../lib/router';
import { id, z } from '../lib/validate';
import { loadRegion } from './region-edits';

type H = Handlers<'org'>;

const byName = (a: string, b: string) => a.localeCompare(b, 'zh-CN', { numeric: true });

/** Admin; staff, grid workers and the secretary of the community. Reads: caller, community, its subtree. */
export const buildingPoster: H['buildingPoster'] = {
  input: z.strictObject({ communityId: id() }),
  async run({ communityId }, { actor }) {
    if (!isAdmin(actor.roles) && !isStaffOf(actor.roles, communityId)) throw refuse.forbidden('您只能打印本社区的楼栋码');
    const community = await loadRegion(communityId, '社区');
    if (community.level !== 'community' || community.archived) throw refuse.notFound('社区');
    const below = (await db.collection('regions').where({ path: communityId }).limit(1000).get<Region>()).data.filter((r) => !r.archived);
    const estates = new Map(below.filter((r) => r.level === 'estate').map((e) => [e._id, e.name]));
    const buildings: BuildingCode[] = below
      .filter((b) => b.level === 'building' && estates.has(b.path[3]))
      .map((b) => ({ buildingId: b._id, name: b.name, estateName: estates.get(b.path[3])!, page: BUILDING_PAGE, scene: b._id }))
      .sort((a, b) => byName(a.estateName, b.estateName) || byName(a.name, b.name));
    return { community: { _id: community._id, name: community.name }, buildings };
  },
};

/** Anyone identified: names only. Reads: the building, its estate and community. */
export const previewBuilding: H['previewBuilding'] = {
  caller: 'openid',
  input: z.strictObject({ buildingId: id() }),
  async run({ buildingId }) {
    const building = (await db.collection('regions').doc(buildingId).get<Region>()).data;
    if (!building || building.level !== 'building' || building.archived) throw refuse.notFound('楼栋');
    const above = (await db.collection('regions').where({ _id: _.in([building.path[2], building.path[3]]) }).limit(2).get<Region>()).data;
    const name = (regionId: string) => above.find((r) => r._id === regionId)?.name ?? '';
    return { buildingId, building: building.name, estate: name(building.path[3]), community: name(building.path[2]) };
  },
};
