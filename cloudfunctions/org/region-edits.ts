/**
 * org: editing the region tree (管理 · 地区) — add, rename, move, archive. The rules are in
 * core/region-edits.ts; every change and its audit entry are one transaction.
 */
import type { AuditDraft } from '../lib/audit';
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
import { auditIn } from '../lib/audit';
import { _, db } from '../lib/cloud';
import { AppError, refuse } from '../lib/errors';
import { newId } from '../lib/ids';
import { inTransaction } from '../lib/retry';
import type { Handlers } from '../lib/router';
import { id, text, z } from '../lib/validate';

type H = Handlers<'org'>;

const divisionCode = () => z.string().regex(/^\d{12}$/, '区划代码应为 12 位数字');
const regionName = () => text(30);

const REGIONS = 'regions';

export async function loadRegion(regionId: string, what = '地区'): Promise<Region> {
  const region = (await db.collection(REGIONS).doc(regionId).get<Region>()).data;
  if (!region) throw refuse.notFound(what);
  return region;
}

function refused(r: Refusal | null): void {
  if (r) throw new AppError(r.code, r.message);
}

function requireRights(actor: Actor, level: Region['level'], communityId: string | null): void {
  if (!mayEditRegion(actor.roles, level, communityId)) throw refuse.forbidden('您无权修改此地区（书记可维护本社区的小区和楼栋）');
}

/** Active siblings named `name` under `parentId` (one read; archived ones do not count). */
const namesakes = (parentId: string, name: string) => db.collection(REGIONS).where({ parentId, name }).limit(100).get<Region>().then((r) => r.data);

/** Who holds a 区划代码 (one read), null when nobody. */
async function codeHolder(code: string): Promise<string | null> {
  const found = (await db.collection(REGIONS).where({ divisionCode: code }).limit(1).field({ _id: true }).get<{ _id: string }>()).data;
  return found[0]?._id ?? null;
}

const snapshotOf = (r: Region) => ({ name: r.name, parentId: r.parentId, path: r.path, divisionCode: r.divisionCode ?? null, archived: !!r.archived });

function draft(actor: Actor, action: string, before: Region | null, after: Region): AuditDraft {
  const communityId = communityOf(after);
  return {
    actor: { openid: actor.openid, name: actor.name },
    action,
    target: { kind: 'region', id: after._id, name: after.name },
    before: before && snapshotOf(before),
    after: snapshotOf(after),
    scope: communityId ? { communityId } : {},
  };
}

/** Saves `after` (new or changed) and its audit entry in one transaction. */
async function save(actor: Actor, action: string, before: Region | null, after: Region, now: Date): Promise<Region> {
  await inTransaction(async (t) => {
    const { _id, ...data } = after;
    await t.collection(REGIONS).doc(_id).set({ data });
    await auditIn(t, draft(actor, action, before, after), now);
  });
  return after;
}

/**
 * Reads: the caller, the parent, namesakes (+ the 区划代码's holder). Writes: the region, the
 * audit entry. Without a parent: the county itself, once (an empty deploy has no tree at all).
 */
export const addRegion: H['addRegion'] = {
  input: z.strictObject({ parentId: id().optional(), name: regionName(), divisionCode: divisionCode().optional() }),
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
    return save(actor, 'addRegion', null, region, now);
  },
};

async function addCounty(actor: Actor, name: string, code: string | undefined, now: Date): Promise<Region> {
  requireRights(actor, 'county', null);
  const [counties, holder] = await Promise.all([
    db.collection(REGIONS).where({ level: 'county' }).limit(1).get<Region>().then((r) => r.data),
    code ? codeHolder(code) : null,
  ]);
  refused(rootRefusal(counties[0] ?? null, holder, code));
  const county: Region = { _id: newId(), level: 'county', name, parentId: null, path: [], depth: 0, ...(code ? { divisionCode: code } : {}) };
  return save(actor, 'addRegion', null, county, now);
}

/** Reads: the caller, the region, namesakes (+ the 区划代码's holder). Writes: 2. */
export const renameRegion: H['renameRegion'] = {
  input: z
    .strictObject({ id: id(), name: regionName().optional(), divisionCode: divisionCode().nullable().optional() })
    .refine((x) => x.name !== undefined || x.divisionCode !== undefined, '请填写新名称或区划代码'),
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
    return save(actor, 'renameRegion', node, after, now);
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
  input: z.strictObject({ id: id(), parentId: id() }),
  async run({ id: regionId, parentId }, { actor, now }) {
    const [node, parent] = await Promise.all([loadRegion(regionId), loadRegion(parentId, '目标上级')]);
    // Rights where the node is suffice: an estate or building never leaves its community.
    requireRights(actor, node.level, communityOf(node));
    const siblings = parent._id === node.parentId ? [] : await namesakes(parent._id, node.name);
    refused(moveRefusal(node, parent, siblings));
    if (parent._id === node.parentId) return node;
    const path = pathUnder(parent);
    const patch = descendantPathPatch(node, path);
    if (Object.keys(patch).length) await db.collection(REGIONS).where({ path: node._id }).update({ data: patch });
    if (node.level === 'building') await db.collection('households').where({ buildingId: node._id }).update({ data: { estateId: parent._id } });
    return save(actor, 'moveRegion', node, { ...node, parentId: parent._id, path }, now);
  },
};

/** Reads: the caller, the region, its active children (a count). Writes: 2. */
export const archiveRegion: H['archiveRegion'] = {
  input: z.strictObject({ id: id() }),
  async run({ id: regionId }, { actor, now }) {
    const node = await loadRegion(regionId);
    requireRights(actor, node.level, communityOf(node));
    if (node.archived) return node;
    const active =
      node.level === 'building'
        ? await db.collection('households').where({ buildingId: node._id, archived: _.neq(true) }).count()
        : await db.collection(REGIONS).where({ parentId: node._id, archived: _.neq(true) }).count();
    refused(archiveRefusal(node, active.total));
    return save(actor, 'archiveRegion', node, { ...node, archived: true }, now);
  },
};
