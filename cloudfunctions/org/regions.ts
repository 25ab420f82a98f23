/** org: the region tree, units and their pairings with communities (结对共建). */
import type { Region, Unit, UnitPairing } from '../../types/domain';
import { isAdmin } from '../core/actor';
import { buildTree } from '../core/regions';
import { _, db, isDuplicateWrite } from '../lib/cloud';
import { refuse } from '../lib/errors';
import type { Handlers } from '../lib/router';
import { id, z } from '../lib/validate';

type H = Handlers<'org'>;

/** Regions served in one answer at the most (the cloud database's read cap). */
const TREE_LIMIT = 1000;

export const regionTree: H['regionTree'] = {
  input: z.strictObject({ rootId: id().optional(), depth: z.number().int().min(1).max(5).optional() }),
  async run({ rootId, depth = 5 }) {
    if (!rootId) {
      const regions = (await db.collection('regions').where({ depth: _.lt(depth) }).limit(TREE_LIMIT).get<Region>()).data;
      return buildTree(regions, null);
    }
    const root = (await db.collection('regions').doc(rootId).get<Region>()).data;
    if (!root) throw refuse.notFound('地区');
    const below = (await db.collection('regions').where({ path: rootId, depth: _.lt(root.depth + depth) }).limit(TREE_LIMIT).get<Region>())
      .data;
    return buildTree([root, ...below], root.parentId);
  },
};

export const listUnits: H['listUnits'] = {
  input: z.strictObject({}),
  async run() {
    const [units, pairings] = await Promise.all([
      db.collection('units').orderBy('name', 'asc').limit(1000).get<Unit>().then((r) => r.data),
      db.collection('pairings').limit(1000).get<UnitPairing>().then((r) => r.data),
    ]);
    return units.map((u) => ({
      _id: u._id,
      name: u.name,
      description: u.description,
      communityIds: pairings.filter((p) => p.unitId === u._id).map((p) => p.communityId),
    }));
  },
};

const pairingInput = z.strictObject({ unitId: id(), communityId: id() });

export const pairUnit: H['pairUnit'] = {
  input: pairingInput,
  async run({ unitId, communityId }, { user, now }) {
    if (!isAdmin(user.roles)) throw refuse.forbidden('只有县委组织部可以设置结对共建');
    const [unit, community] = await Promise.all([
      db.collection('units').doc(unitId).get<Unit>().then((r) => r.data),
      db.collection('regions').doc(communityId).get<Region>().then((r) => r.data),
    ]);
    if (!unit) throw refuse.notFound('单位');
    if (!community || community.level !== 'community') throw refuse.notFound('社区');
    const pairing: UnitPairing = { _id: `${unitId}_${communityId}`, unitId, communityId, createdAt: now, createdBy: user._id };
    try {
      await db.collection('pairings').add({ data: pairing });
      return pairing;
    } catch (e) {
      if (!isDuplicateWrite(e)) throw e;
      return (await db.collection('pairings').doc(pairing._id).get<UnitPairing>()).data!;
    }
  },
};

export const unpairUnit: H['unpairUnit'] = {
  input: pairingInput,
  async run({ unitId, communityId }, { user }) {
    if (!isAdmin(user.roles)) throw refuse.forbidden('只有县委组织部可以解除结对共建');
    const res = await db.collection('pairings').doc(`${unitId}_${communityId}`).remove();
    return { removed: res.stats.removed === 1 };
  },
};

