/** org: reading the region tree and the units with their pairings (edits: region-edits.ts, units.ts). */
import type { Region } from '../../types/domain';
import { buildTree } from '../core/regions';
import { refuse } from '../lib/errors';
import type { Handlers } from '../lib/router';
import { findRegion, subtreeOf, treeTo } from './region-store';
import { listUnitsInput, regionTreeInput } from './schemas';
import { unitsAndPairings } from './unit-store';
import { toUnitList } from './views';

type H = Handlers<'org'>;

export const regionTree: H['regionTree'] = {
  input: regionTreeInput,
  async run({ rootId, depth = 5, includeArchived = false }) {
    // Archived regions are left out here; buildTree then drops whatever hung under them.
    const shown = (regions: Region[]) => (includeArchived ? regions : regions.filter((r) => !r.archived));
    if (!rootId) return buildTree(shown(await treeTo(depth)), null);
    const root = await findRegion(rootId);
    if (!root || (root.archived && !includeArchived)) throw refuse.notFound('地区');
    return buildTree(shown([root, ...(await subtreeOf(root, depth))]), root.parentId);
  },
};

export const listUnits: H['listUnits'] = {
  input: listUnitsInput,
  async run({ includeArchived = false }) {
    const [units, pairings] = await unitsAndPairings();
    return toUnitList(units, pairings, includeArchived);
  },
};
