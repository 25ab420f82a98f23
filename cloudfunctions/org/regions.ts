/** org: reading the region tree and the units with their pairings (edits: region-edits.ts, units.ts). */
import type { Region, Unit, UnitPairing } from '../../types/domain';
import { buildTree } from '../core/regions';
import { _, db } from '../lib/cloud';
import { refuse } from '../lib/errors';
import type { Handlers } from '../lib/router';
import { id, z } from '../lib/validate';

type H = Handlers<'org'>;

/** Regions served in one answer at the most (the cloud database's read cap). */
const TREE_LIMIT = 1000;

export const regionTree: H['regionTree'] = {
  input: z.strictObject({ rootId: id().optional(), depth: z.number().int().min(1).max(5).optional(), includeArchived: z.boolean().optional() }),
  async run({ rootId, depth = 5, includeArchived = false }) {
    // Archived regions are left out here; buildTree then drops whatever hung under them.
    const shown = (regions: Region[]) => (includeArchived ? regions : regions.filter((r) => !r.archived));
    if (!rootId) {
      const regions = (await db.collection('regions').where({ depth: _.lt(depth) }).limit(TREE_LIMIT).get<Region>()).data;
      return buildTree(shown(regions), null);
    }
    const root = (await db.collection('regions').doc(rootId).get<Region>()).data;
    if (!root || (root.archived && !includeArchived)) throw refuse.notFound('地区');
    const below = (await db.collection('regions').where({ path: rootId, depth: _.lt(root.depth + depth) }).limit(TREE_LIMIT).get<Region>())
      .data;
    return buildTree(shown([root, ...below]), root.parentId);
  },
};

export const listUnits: H['listUnits'] = {
  input: z.strictObject({ includeArchived: z.boolean().optional() }),
  async run({ includeArchived = false }) {
    const [units, pairings] = await Promise.all([
      db.collection('units').orderBy('name', 'asc').limit(1000).get<Unit>().then((r) => r.data),
      db.collection('pairings').limit(1000).get<UnitPairing>().then((r) => r.data),
    ]);
    return units
      .filter((u) => includeArchived || !u.archived)
      .map((u) => ({
      _id: u._id,
      name: u.name,
      description: u.description,
      ...(u.archived ? { archived: true } : {}),
      communityIds: pairings.filter((p) => p.unitId === u._id).map((p) => p.communityId),
    }));
  },
};
