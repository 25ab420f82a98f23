/**
 * org: reads and writes of the region tree (collection `regions`) — a region loaded, its
 * namesakes and 区划代码 holder, a change saved with its audit entry in one transaction, a move's
 * subtree rewrite, the tree and a community's buildings for reading.
 */
import type { Region } from '../../types/domain';
import type { Actor } from '../core/actor';
import { _, db } from '../lib/cloud';
import { refuse } from '../lib/errors';
import { regionDraft } from './audit-drafts';
import { setAudited } from './audited-write';

const REGIONS = 'regions';

/** Regions served in one answer at the most (the cloud database's read cap). */
const TREE_LIMIT = 1000;

export async function findRegion(regionId: string): Promise<Region | null> {
  return (await db.collection(REGIONS).doc(regionId).get<Region>()).data;
}

/** The region, or NOT_FOUND naming `what`. */
export async function loadRegion(regionId: string, what = '地区'): Promise<Region> {
  const region = await findRegion(regionId);
  if (!region) throw refuse.notFound(what);
  return region;
}

/** Active siblings named `name` under `parentId` (one read; archived ones do not count). */
export const namesakes = (parentId: string, name: string) => db.collection(REGIONS).where({ parentId, name }).limit(100).get<Region>().then((r) => r.data);

/** Who holds a 区划代码 (one read), null when nobody. */
export async function codeHolder(code: string): Promise<string | null> {
  const found = (await db.collection(REGIONS).where({ divisionCode: code }).limit(1).field({ _id: true }).get<{ _id: string }>()).data;
  return found[0]?._id ?? null;
}

/** The county, the tree's root, if there is one (one read). */
export const theCounty = () => db.collection(REGIONS).where({ level: 'county' }).limit(1).get<Region>().then((r) => r.data[0] ?? null);

/** Saves `after` (new or changed) and its audit entry in one transaction. */
export const saveRegion = (actor: Actor, action: string, before: Region | null, after: Region, now: Date): Promise<Region> =>
  setAudited(REGIONS, after, regionDraft(actor, action, before, after), now);

/**
 * The first half of a move: the paths below the node (one multi-document update of fixed values,
 * so running it again changes nothing), and for a building the estate its households name.
 */
export async function moveBelow(node: Region, pathPatch: Record<string, unknown>, parentId: string): Promise<void> {
  if (Object.keys(pathPatch).length) await db.collection(REGIONS).where({ path: node._id }).update({ data: pathPatch });
  if (node.level === 'building') await db.collection('households').where({ buildingId: node._id }).update({ data: { estateId: parentId } });
}

/** How many active children the node has: households for a building, regions for the rest (a count). */
export async function activeChildren(node: Region): Promise<number> {
  const active =
    node.level === 'building'
      ? await db.collection('households').where({ buildingId: node._id, archived: _.neq(true) }).count()
      : await db.collection(REGIONS).where({ parentId: node._id, archived: _.neq(true) }).count();
  return active.total;
}

/** The whole tree down to `depth` (one read). */
export const treeTo = (depth: number) => db.collection(REGIONS).where({ depth: _.lt(depth) }).limit(TREE_LIMIT).get<Region>().then((r) => r.data);

/** Everything below `root`, `depth` levels down (one read). */
export const subtreeOf = (root: Region, depth: number) =>
  db.collection(REGIONS).where({ path: root._id, depth: _.lt(root.depth + depth) }).limit(TREE_LIMIT).get<Region>().then((r) => r.data);

/** A community's estates and buildings, archived ones left out (one read). */
export const activeBelow = async (communityId: string) =>
  (await db.collection(REGIONS).where({ path: communityId }).limit(1000).get<Region>()).data.filter((r) => !r.archived);

/** Two regions by id (one read): a building's estate and community. */
export const twoRegions = (ids: [string, string]) => db.collection(REGIONS).where({ _id: _.in(ids) }).limit(2).get<Region>().then((r) => r.data);
