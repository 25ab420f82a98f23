/**
 * Editing the region tree (管理 · 地区): who may change which level, and whether an add, rename,
 * move or archive keeps the tree sound. Pure: the handler loads the node, its parent and siblings.
 *
 * - Five levels, county → town → community → estate → building; a household hangs under a
 *   building (collection `households`). A region's parent is always exactly one level up.
 * - Names are unique among active siblings (archived ones do not count).
 * - Nothing with history is deleted: it is archived, hidden from the tree unless asked, and takes
 *   no new children. A region is archived only when its children are.
 * - Moves keep each region's level (so depth never changes) and its community: a community may
 *   move to another town, a building to another estate of its community. Estates and households
 *   stay in their community because people, key households, demands and scorecards all carry a
 *   communityId; changing that is a re-import, not an edit.
 */
import type { Region, RegionLevel, RoleGrant } from '../../types/domain';
import type { ErrorCode } from '../../types/errors';
import { isAdmin, isSecretaryOf } from './actor';

export interface Refusal {
  code: ErrorCode;
  message: string;
}

export const LEVELS: readonly RegionLevel[] = ['county', 'town', 'community', 'estate', 'building'];

export const LEVEL_NAMES: Record<RegionLevel, string> = { county: '县', town: '镇（街道）', community: '社区', estate: '小区（网格）', building: '楼栋' };

/** The level a child of `level` has (null under a building: households are not regions). */
export function childLevel(level: RegionLevel): RegionLevel | null {
  return LEVELS[LEVELS.indexOf(level) + 1] ?? null;
}

/** The community a region is in (itself for a community; null above). */
export function communityOf(region: Pick<Region, '_id' | 'level' | 'path'>): string | null {
  if (region.level === 'community') return region._id;
  if (region.level === 'estate' || region.level === 'building') return region.path[2] ?? null;
  return null;
}

/** Levels that may carry a 统计用区划代码 (the county's own, and its towns' and communities'). */
export const hasDivisionCode = (level: RegionLevel): boolean => level === 'county' || level === 'town' || level === 'community';

/** Why the county (the tree's root, one per deploy) cannot be created; null when it can. */
export function rootRefusal(existingCounty: Pick<Region, 'name'> | null, codeTakenBy: string | null, code?: string): Refusal | null {
  if (existingCounty) return refusal('CONFLICT', `已有县「${existingCounty.name}」：一个部署只管理一个县`);
  if (codeTakenBy) return refusal('CONFLICT', `区划代码 ${code} 已被其他地区使用`);
  return null;
}

/**
 * May the caller add, rename, move or archive a region of `level` in `communityId`? Admin: every
 * level. Secretary: estates and buildings of their own community.
 */
export function mayEditRegion(roles: RoleGrant[], level: RegionLevel, communityId: string | null): boolean {
  if (isAdmin(roles)) return true;
  return (level === 'estate' || level === 'building') && isSecretaryOf(roles, communityId);
}

/** Households: the admin, and the secretary of their community. */
export const mayEditHouseholds = (roles: RoleGrant[], communityId: string | null): boolean => isAdmin(roles) || isSecretaryOf(roles, communityId);

const refusal = (code: ErrorCode, message: string): Refusal => ({ code, message });

/** Is `name` taken by an active sibling other than `exceptId`? */
export const nameTaken = (siblings: Pick<Region, '_id' | 'name' | 'archived'>[], name: string, exceptId?: string): boolean =>
  siblings.some((s) => !s.archived && s._id !== exceptId && s.name === name);

/** Why `name` (and `divisionCode`) cannot be added under `parent`; null when it can. */
export function addRefusal(
  parent: Region,
  name: string,
  siblings: Region[],
  divisionCode: { value: string; takenBy: string | null } | null,
): Refusal | null {
  const level = childLevel(parent.level);
  if (!level) return refusal('INVALID_INPUT', '楼栋下不能再添加地区，住户请用「添加住户」');
  if (parent.archived) return refusal('INVALID_STATE', `「${parent.name}」已归档，不能再添加下级`);
  if (divisionCode && !hasDivisionCode(level)) return refusal('INVALID_INPUT', '只有县、镇（街道）和社区有统计用区划代码');
  if (nameTaken(siblings, name)) return refusal('CONFLICT', `「${parent.name}」下已有名为「${name}」的${LEVEL_NAMES[level]}`);
  if (divisionCode?.takenBy) return refusal('CONFLICT', `区划代码 ${divisionCode.value} 已被其他地区使用`);
  return null;
}

/** Why `node` cannot be renamed to `name` / given `divisionCode`; null when it can. */
export function renameRefusal(
  node: Region,
  name: string | undefined,
  siblings: Region[],
  divisionCode: { value: string | null; takenBy: string | null } | null,
): Refusal | null {
  if (node.archived) return refusal('INVALID_STATE', `「${node.name}」已归档，不能修改`);
  if (divisionCode && !hasDivisionCode(node.level)) return refusal('INVALID_INPUT', '只有县、镇（街道）和社区有统计用区划代码');
  if (name !== undefined && nameTaken(siblings, name, node._id)) return refusal('CONFLICT', `同一上级下已有名为「${name}」的${LEVEL_NAMES[node.level]}`);
  if (divisionCode?.takenBy && divisionCode.takenBy !== node._id) return refusal('CONFLICT', `区划代码 ${divisionCode.value} 已被其他地区使用`);
  return null;
}

/** Why `node` cannot move under `parent`; null when it can (a move to its own parent changes nothing). */
export function moveRefusal(node: Region, parent: Region, siblings: Region[]): Refusal | null {
  if (parent._id === node._id || parent.path.includes(node._id)) return refusal('INVALID_INPUT', '不能把地区移到它自身或其下级之下');
  if (node.level === 'county') return refusal('INVALID_INPUT', '县是地区树的根，不能移动');
  if (childLevel(parent.level) !== node.level) {
    return refusal('INVALID_INPUT', `${LEVEL_NAMES[node.level]}只能放在${LEVEL_NAMES[LEVELS[LEVELS.indexOf(node.level) - 1]]}之下`);
  }
  if (node.archived) return refusal('INVALID_STATE', `「${node.name}」已归档，不能移动`);
  if (parent._id === node.parentId) return null;
  if (parent.archived) return refusal('INVALID_STATE', `「${parent.name}」已归档，不能再添加下级`);
  const from = communityOf(node);
  if ((node.level === 'estate' || node.level === 'building') && from !== communityOf(parent)) {
    return refusal('INVALID_STATE', '不能跨社区移动：住户、重点户和诉求都属于原社区，请通过导入调整');
  }
  if (nameTaken(siblings, node.name, node._id)) return refusal('CONFLICT', `「${parent.name}」下已有名为「${node.name}」的${LEVEL_NAMES[node.level]}`);
  return null;
}

/** The path `node` has under `parent` (its depth is unchanged: a parent is one level up). */
export const pathUnder = (parent: Region): string[] => [...parent.path, parent._id];

/**
 * The fields a move sets on every region below `node`: the first `node.depth` entries of their
 * paths become the node's new path (`path.0`, `path.1` …), only those that change.
 */
export function descendantPathPatch(node: Region, newPath: string[]): Record<string, string> {
  const patch: Record<string, string> = {};
  newPath.forEach((id, i) => {
    if (node.path[i] !== id) patch[`path.${i}`] = id;
  });
  return patch;
}

/** Why `node` cannot be archived (`activeChildren`: regions or households still active); null when it can. */
export function archiveRefusal(node: Region, activeChildren: number): Refusal | null {
  if (node.level === 'county') return refusal('INVALID_INPUT', '县不能归档');
  if (activeChildren > 0) return refusal('INVALID_STATE', `「${node.name}」下还有未归档的${node.level === 'building' ? '住户' : '下级地区'}，请先归档它们`);
  return null;
}
