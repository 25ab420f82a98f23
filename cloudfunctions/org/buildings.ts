/** org: 楼栋码 — the poster sheet of a community's buildings, and the page a scanned code opens. */
import { isAdmin, isStaffOf } from '../core/actor';
import { refuse } from '../lib/errors';
import type { Handlers } from '../lib/router';
import { activeBelow, findRegion, loadRegion, twoRegions } from './region-store';
import { buildingPosterInput, previewBuildingInput } from './schemas';
import { toBuildingPreview, toBuildingSheet } from './views';

type H = Handlers<'org'>;

/** Admin; staff, grid workers and the secretary of the community. Reads: caller, community, its subtree. */
export const buildingPoster: H['buildingPoster'] = {
  input: buildingPosterInput,
  async run({ communityId }, { actor }) {
    if (!isAdmin(actor.roles) && !isStaffOf(actor.roles, communityId)) throw refuse.forbidden('您只能打印本社区的楼栋码');
    const community = await loadRegion(communityId, '社区');
    if (community.level !== 'community' || community.archived) throw refuse.notFound('社区');
    return toBuildingSheet(community, await activeBelow(communityId));
  },
};

/** Anyone identified: names only. Reads: the building, its estate and community. */
export const previewBuilding: H['previewBuilding'] = {
  caller: 'openid',
  input: previewBuildingInput,
  async run({ buildingId }) {
    const building = await findRegion(buildingId);
    if (!building || building.level !== 'building' || building.archived) throw refuse.notFound('楼栋');
    return toBuildingPreview(building, await twoRegions([building.path[2], building.path[3]]));
  },
};
