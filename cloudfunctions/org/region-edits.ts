/**
 * org: editing the region tree (管理 · 地区) — add, rename, move, archive. The rules are in
 * core/region-edits.ts; every change and its audit entry are one transaction (region-store.ts).
 */
import type { Region } from '../../types/domain';
import type { Actor } from '../core/actor';
import {
  addRefusal,
  archiveRefusal,
  childLevel,
  communityOf,
  descendantPathPatch,
  mayEditRegion,
  moveRefusal,
  pathUnder,
  renameRefusal,
  rootRefusal,
  type Refusal,
} from '../core/region-edits';
import { AppError, refuse } from '../lib/errors';
import { newId } from '../lib/ids';
import type { Handlers } from '../lib/router';
import { activeChildren, codeHolder, loadRegion, moveBelow, namesakes, saveRegion, theCounty } from './region-store';
import { addRegionInput, archiveRegionInput, moveRegionInput, renameRegionInput } from './schemas';

type H = Handlers<'org'>;

function refused(r: Refusal | null): void {
  if (r) throw new AppError(r.code, r.message);
}

function requireRights(actor: Actor, level: Region['level'], communityId: string | null): void {
  if (!mayEditRegion(actor.roles, level, communityId)) throw refuse.forbidden('您无权修改此地区（书记可维护本社区的小区和楼栋）');
}

/**
 * Reads: the caller, the parent, namesakes (+ the 区划代码's holder). Writes: the region, the
 * audit entry. Without a parent: the county itself, once (an empty deploy has no tree at all).
 */
export const addRegion: H['addRegion'] = {
  input: addRegionInput,
  async run({ parentId, name, divisionCode: code }, { actor, now }) {
    if (!parentId) return addCounty(actor, name, code, now);
    const parent = await loadRegion(parentId, '上级地区');
    const level = childLevel(parent.level);
    const region: Region = { _id: newId(), level: level ?? 'building', name, parentId, path: pathUnder(parent), depth: parent.depth + 1 };
    if (level) requireRights(actor, level, communityOf(region));
    else requireRights(actor, parent.level, communityOf(parent));
    const [siblings, holder] = await Promise.all([namesakes(parentId, name), code ? codeHolder(code) : null]);
    refused(addRefusal(parent, name, siblings, code ? { value: code, takenBy: holder } : null));
    if (code) region.divisionCode = code;
    return saveRegion(actor, 'addRegion', null, region, now);
  },
};

async function addCounty(actor: Actor, name: string, code: string | undefined, now: Date): Promise<Region> {
  requireRights(actor, 'county', null);
  const [county, holder] = await Promise.all([theCounty(), code ? codeHolder(code) : null]);
  refused(rootRefusal(county, holder, code));
  const root: Region = { _id: newId(), level: 'county', name, parentId: null, path: [], depth: 0, ...(code ? { divisionCode: code } : {}) };
  return saveRegion(actor, 'addRegion', null, root, now);
}

/** Reads: the caller, the region, namesakes (+ the 区划代码's holder). Writes: 2. */
export const renameRegion: H['renameRegion'] = {
  input: renameRegionInput,
  async run({ id: regionId, name, divisionCode: code }, { actor, now }) {
    const node = await loadRegion(regionId);
    requireRights(actor, node.level, communityOf(node));
    const [siblings, holder] = await Promise.all([
      name !== undefined && name !== node.name && node.parentId ? namesakes(node.parentId, name) : [],
      code ? codeHolder(code) : null,
    ]);
    refused(renameRefusal(node, name, siblings, code !== undefined ? { value: code, takenBy: holder } : null));
    const after: Region = { ...node, ...(name !== undefined ? { name } : {}) };
    if (code) after.divisionCode = code;
    if (code === null) delete after.divisionCode;
    if (JSON.stringify(after) === JSON.stringify(node)) return node;
    return saveRegion(actor, 'renameRegion', node, after, now);
  },
};

/**
 * A move rewrites the paths below the node: the cloud database cannot update many documents in a
 * transaction, so the subtree is updated first with one multi-document update that sets fixed
 * values (running it again changes nothing), and the node itself last, with its audit entry, in a
 * transaction. A move cut off in between leaves the node where it was: the same request again
 * finishes it. Moves never cross communities (core/region-edits.ts), so of the other collections
 * only households, which name their estate, change (a building's move).
 * Reads: the caller, the node and the new parent, namesakes. Writes: subtree, households, node, audit.
 */
export const moveRegion: H['moveRegion'] = {
  input: moveRegionInput,
  async run({ id: regionId, parentId }, { actor, now }) {
    const [node, parent] = await Promise.all([loadRegion(regionId), loadRegion(parentId, '目标上级')]);
    // Rights where the node is suffice: an estate or building never leaves its community.
    requireRights(actor, node.level, communityOf(node));
    const siblings = parent._id === node.parentId ? [] : await namesakes(parent._id, node.name);
    refused(moveRefusal(node, parent, siblings));
    if (parent._id === node.parentId) return node;
    const path = pathUnder(parent);
    await moveBelow(node, descendantPathPatch(node, path), parent._id);
    return saveRegion(actor, 'moveRegion', node, { ...node, parentId: parent._id, path }, now);
  },
};

/** Reads: the caller, the region, its active children (a count). Writes: 2. */
export const archiveRegion: H['archiveRegion'] = {
  input: archiveRegionInput,
  async run({ id: regionId }, { actor, now }) {
    const node = await loadRegion(regionId);
    requireRights(actor, node.level, communityOf(node));
    if (node.archived) return node;
    refused(archiveRefusal(node, await activeChildren(node)));
    return saveRegion(actor, 'archiveRegion', node, { ...node, archived: true }, now);
  },
};
