/** The region tree's edit rules as tables: who may edit which level, adds, moves, archives. */
import type { Region, RegionLevel, RoleGrant } from '../../types/domain';
import {
  addRefusal,
  archiveRefusal,
  childLevel,
  communityOf,
  descendantPathPatch,
  mayEditHouseholds,
  mayEditRegion,
  moveRefusal,
  renameRefusal,
  rootRefusal,
} from '../../cloudfunctions/core/region-edits';

const r = (id: string, level: RegionLevel, path: string[], extra: Partial<Region> = {}): Region => ({
  _id: id,
  level,
  name: id,
  parentId: path.at(-1) ?? null,
  path,
  depth: path.length,
  ...extra,
});

const county = r('county', 'county', []);
const town = r('town', 'town', ['county']);
const town2 = r('town2', 'town', ['county']);
const dongjie = r('dongjie', 'community', ['county', 'town']);
const ximen = r('ximen', 'community', ['county', 'town']);
const xingfu = r('xingfu', 'estate', ['county', 'town', 'dongjie']);
const heping = r('heping', 'estate', ['county', 'town', 'dongjie']);
const shuxiang = r('shuxiang', 'estate', ['county', 'town', 'ximen']);
const b1 = r('b1', 'building', ['county', 'town', 'dongjie', 'xingfu']);

describe('levels', () => {
  test.each<[RegionLevel, RegionLevel | null]>([
    ['county', 'town'],
    ['town', 'community'],
    ['community', 'estate'],
    ['estate', 'building'],
    ['building', null],
  ])('a child of a %s is a %s', (level, child) => expect(childLevel(level)).toBe(child));

  test('communityOf', () => {
    expect([county, town, dongjie, xingfu, b1].map(communityOf)).toEqual([null, null, 'dongjie', 'dongjie', 'dongjie']);
  });
});

describe('mayEditRegion: caller × level × community', () => {
  const CALLERS: Record<string, RoleGrant[]> = {
    admin: [{ role: 'admin' }],
    secretary: [{ role: 'secretary', communityId: 'dongjie' }],
    staff: [{ role: 'staff', communityId: 'dongjie' }],
    liaison: [{ role: 'liaison', unitId: 'u' }],
    resident: [{ role: 'resident' }],
  };
  const ALLOWED: Record<string, RegionLevel[]> = { admin: ['county', 'town', 'community', 'estate', 'building'], secretary: ['estate', 'building'], staff: [], liaison: [], resident: [] };
  const rows = Object.keys(CALLERS).flatMap((caller) =>
    (['county', 'town', 'community', 'estate', 'building'] as RegionLevel[]).flatMap((level) => [
      [caller, level, 'dongjie', ALLOWED[caller].includes(level)] as const,
      [caller, level, 'ximen', caller === 'admin'] as const,
    ]),
  );
  test.each(rows)('%s editing a %s in %s → %s', (caller, level, community, expected) => {
    expect(mayEditRegion(CALLERS[caller], level, community)).toBe(expected);
  });

  test('households: admin, and the secretary of their community only', () => {
    expect(mayEditHouseholds(CALLERS.admin, 'ximen')).toBe(true);
    expect(mayEditHouseholds(CALLERS.secretary, 'dongjie')).toBe(true);
    expect(mayEditHouseholds(CALLERS.secretary, 'ximen')).toBe(false);
    expect(mayEditHouseholds(CALLERS.staff, 'dongjie')).toBe(false);
  });
});

describe('addRefusal', () => {
  test.each<[string, Region, string, Region[], { value: string; takenBy: string | null } | null, string | null]>([
    ['an estate under a community', dongjie, '新小区', [], null, null],
    ['a name an active sibling has', dongjie, 'xingfu', [xingfu], null, 'CONFLICT'],
    ['a name only an archived sibling has', dongjie, 'xingfu', [{ ...xingfu, archived: true }], null, null],
    ['anything under a building', b1, '子楼', [], null, 'INVALID_INPUT'],
    ['anything under an archived region', { ...xingfu, archived: true }, '新楼', [], null, 'INVALID_STATE'],
    ['a 区划代码 on an estate', dongjie, '新小区', [], { value: '350000000001', takenBy: null }, 'INVALID_INPUT'],
    ['a 区划代码 on a community, free', town, '新社区', [], { value: '350000000001', takenBy: null }, null],
    ['a 区划代码 on a community, taken', town, '新社区', [], { value: '350000000001', takenBy: 'ximen' }, 'CONFLICT'],
  ])('%s → %s', (_label, parent, name, siblings, code, expected) => {
    expect(addRefusal(parent, name, siblings, code)?.code ?? null).toBe(expected);
  });
});

describe('renameRefusal', () => {
  test.each<[string, Region, string | undefined, Region[], { value: string | null; takenBy: string | null } | null, string | null]>([
    ['to a free name', xingfu, '幸福家园', [], null, null],
    ['to a sibling’s name', xingfu, 'heping', [heping], null, 'CONFLICT'],
    ['an archived region', { ...xingfu, archived: true }, '新名', [], null, 'INVALID_STATE'],
    ['a community keeping its own 区划代码', { ...dongjie, divisionCode: '350000000001' }, undefined, [], { value: '350000000001', takenBy: 'dongjie' }, null],
    ['a community to a code another has', dongjie, undefined, [], { value: '350000000002', takenBy: 'ximen' }, 'CONFLICT'],
    ['an estate to any code', xingfu, undefined, [], { value: '350000000002', takenBy: null }, 'INVALID_INPUT'],
  ])('%s → %s', (_label, node, name, siblings, code, expected) => {
    expect(renameRefusal(node, name, siblings, code)?.code ?? null).toBe(expected);
  });
});

describe('moveRefusal', () => {
  test.each<[string, Region, Region, Region[], string | null]>([
    ['a building to another estate of its community', b1, heping, [], null],
    ['a building to its own estate (nothing to do)', b1, xingfu, [], null],
    ['a building to an estate of another community', b1, shuxiang, [], 'INVALID_STATE'],
    ['a building under a community (a level skipped)', b1, dongjie, [], 'INVALID_INPUT'],
    ['an estate to another community', xingfu, ximen, [], 'INVALID_STATE'],
    ['a community to another town', dongjie, town2, [], null],
    ['a community to a town with a namesake', dongjie, town2, [r('dongjie2', 'community', ['county', 'town2'], { name: 'dongjie' })], 'CONFLICT'],
    ['a community under itself', dongjie, dongjie, [], 'INVALID_INPUT'],
    ['a town under its own community', town, dongjie, [], 'INVALID_INPUT'],
    ['the county', county, town, [], 'INVALID_INPUT'],
    ['an archived building', { ...b1, archived: true }, heping, [], 'INVALID_STATE'],
    ['a building under an archived estate', b1, { ...heping, archived: true }, [], 'INVALID_STATE'],
  ])('%s → %s', (_label, node, parent, siblings, expected) => {
    expect(moveRefusal(node, parent, siblings)?.code ?? null).toBe(expected);
  });

  test('the subtree’s path patch sets only the entries that change', () => {
    expect(descendantPathPatch(dongjie, ['county', 'town2'])).toEqual({ 'path.1': 'town2' });
    expect(descendantPathPatch(b1, ['county', 'town', 'dongjie', 'heping'])).toEqual({ 'path.3': 'heping' });
    expect(descendantPathPatch(b1, b1.path)).toEqual({});
  });
});

describe('archiveRefusal', () => {
  test.each<[string, Region, number, string | null]>([
    ['an estate without active children', xingfu, 0, null],
    ['an estate with active buildings', xingfu, 2, 'INVALID_STATE'],
    ['a building with active households', b1, 6, 'INVALID_STATE'],
    ['the county', county, 0, 'INVALID_INPUT'],
  ])('%s → %s', (_label, node, active, expected) => {
    expect(archiveRefusal(node, active)?.code ?? null).toBe(expected);
  });
});

describe('rootRefusal: one county per deploy', () => {
  test('the first county may be created; a second, or one with a taken code, may not', () => {
    expect(rootRefusal(null, null)).toBeNull();
    expect(rootRefusal(county, null)?.code).toBe('CONFLICT');
    expect(rootRefusal(null, 'town', '350000000001')?.code).toBe('CONFLICT');
  });
});
