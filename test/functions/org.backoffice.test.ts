/**
 * The back office against the demo county: editing the region tree and households (levels,
 * sibling names, moves, archiving), units, people search with allowedActions, the 楼栋码 sheet and
 * the audit log's scopes. Each change leaves one audit entry with before → after.
 */
import type { AuditEntry, HouseholdRecord } from '../../types/admin';
import type { ActionName } from '../../types/api';
import type { Region, RegionNode } from '../../types/domain';
import { openHarness, PEOPLE, snapshot, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(() => h.close());

const region = (id: string) => h.local.db.store.get('regions', id) as unknown as Region;
const household = (id: string) => h.local.db.store.get('households', id) as unknown as HouseholdRecord;
const audit = () => h.local.db.store.all('auditLog') as unknown as AuditEntry[];
const lastAudit = () => audit().sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime()).at(-1)!;
const find = (nodes: RegionNode[], id: string): RegionNode | undefined => {
  for (const n of nodes) {
    if (n._id === id) return n;
    const below = find(n.children, id);
    if (below) return below;
  }
  return undefined;
};

async function refusedWith(openid: string, action: ActionName<'org'>, payload: Record<string, unknown>, code: string) {
  const before = snapshot(h.local);
  const res = await h.call(openid, 'org', action, payload);
  expect(res).toMatchObject({ ok: false, error: { code } });
  if (!res.ok) expect(res.error.message).toMatch(/[\u4e00-\u9fa5]/);
  expect(snapshot(h.local)).toBe(before);
}

describe('the region tree', () => {
  test('admin adds a town and a community with a 区划代码; the level follows the parent', async () => {
    const town = await h.ok(PEOPLE.admin, 'org', 'addRegion', { parentId: 'county-qingshan', name: '河西街道', divisionCode: '350000000001' });
    expect(town).toMatchObject({ level: 'town', parentId: 'county-qingshan', path: ['county-qingshan'], depth: 1, divisionCode: '350000000001' });
    const community = await h.ok(PEOPLE.admin, 'org', 'addRegion', { parentId: town._id, name: '河西社区', divisionCode: '350000000002' });
    expect(community).toMatchObject({ level: 'community', path: ['county-qingshan', town._id], depth: 2 });
    expect(lastAudit()).toMatchObject({ action: 'addRegion', actor: { openid: PEOPLE.admin }, target: { kind: 'region', id: community._id }, before: null, scope: { communityId: community._id } });
    expect(find(await h.ok(PEOPLE.resident, 'org', 'regionTree', {}), community._id)).toBeDefined();
  });

  test.each<[string, Record<string, unknown>, string]>([
    ['a name its siblings have', { parentId: 'c-dongjie', name: '幸福小区' }, 'CONFLICT'],
    ['a 区划代码 another region has', { parentId: 'county-qingshan', name: '另一街道', divisionCode: '350000000001' }, 'CONFLICT'],
    ['a 区划代码 on an estate', { parentId: 'c-dongjie', name: '代码小区', divisionCode: '350000000009' }, 'INVALID_INPUT'],
    ['a region under a building', { parentId: 'b-xingfu-1', name: '不存在的层级' }, 'INVALID_INPUT'],
    ['an unknown parent', { parentId: 'nowhere', name: '无处' }, 'NOT_FOUND'],
  ])('adding %s → %s, nothing changed', async (_label, payload, code) => {
    await refusedWith(PEOPLE.admin, 'addRegion', payload, code);
  });

  test('the secretary adds an estate and a building in 东街, but not a community or anything in 西门', async () => {
    const estate = await h.ok(PEOPLE.secretary, 'org', 'addRegion', { parentId: 'c-dongjie', name: '新建小区' });
    const building = await h.ok(PEOPLE.secretary, 'org', 'addRegion', { parentId: estate._id, name: '新建小区1号楼' });
    expect(building).toMatchObject({ level: 'building', path: ['county-qingshan', 'town-chengguan', 'c-dongjie', estate._id], depth: 4 });
    await refusedWith(PEOPLE.secretary, 'addRegion', { parentId: 'town-chengguan', name: '书记的社区' }, 'FORBIDDEN');
    await refusedWith(PEOPLE.secretary, 'addRegion', { parentId: 'c-ximen', name: '越界小区' }, 'FORBIDDEN');
    await refusedWith(PEOPLE.secretary, 'renameRegion', { id: 'c-dongjie', name: '东街新社区' }, 'FORBIDDEN');
    await refusedWith(PEOPLE.staff, 'addRegion', { parentId: 'c-dongjie', name: '社工的小区' }, 'FORBIDDEN');
  });

  test('rename: unique among active siblings; the audit entry has before → after', async () => {
    const renamed = await h.ok(PEOPLE.secretary, 'org', 'renameRegion', { id: 'e-heping', name: '和平家园' });
    expect(renamed.name).toBe('和平家园');
    expect(lastAudit()).toMatchObject({ action: 'renameRegion', before: { name: '和平小区' }, after: { name: '和平家园' }, scope: { communityId: 'c-dongjie' } });
    await refusedWith(PEOPLE.secretary, 'renameRegion', { id: 'e-heping', name: '幸福小区' }, 'CONFLICT');
  });

  test('move a building to another estate of its community: path and households follow', async () => {
    const moved = await h.ok(PEOPLE.secretary, 'org', 'moveRegion', { id: 'b-xingfu-3', parentId: 'e-heping' });
    expect(moved).toMatchObject({ parentId: 'e-heping', path: ['county-qingshan', 'town-chengguan', 'c-dongjie', 'e-heping'], depth: 4 });
    expect(household('h-xingfu-3-101')).toMatchObject({ buildingId: 'b-xingfu-3', estateId: 'e-heping', communityId: 'c-dongjie' });
    expect(lastAudit()).toMatchObject({ action: 'moveRegion', before: { parentId: 'e-xingfu' }, after: { parentId: 'e-heping' } });
  });

  test('move a community to another town: the whole subtree’s paths follow, depth unchanged', async () => {
    const town = await h.ok(PEOPLE.admin, 'org', 'addRegion', { parentId: 'county-qingshan', name: '城东街道' });
    await h.ok(PEOPLE.admin, 'org', 'moveRegion', { id: 'c-nanshan', parentId: town._id });
    expect(region('c-nanshan')).toMatchObject({ parentId: town._id, path: ['county-qingshan', town._id], depth: 2 });
    expect(region('e-nanshanxincun')).toMatchObject({ path: ['county-qingshan', town._id, 'c-nanshan'], depth: 3 });
    expect(region('b-nanshanxincun-2')).toMatchObject({ path: ['county-qingshan', town._id, 'c-nanshan', 'e-nanshanxincun'], depth: 4 });
    const tree = await h.ok(PEOPLE.resident, 'org', 'regionTree', { rootId: town._id });
    expect(find(tree, 'b-jinxiujiayuan-1')).toBeDefined();
    // The secretary may not move communities.
    await refusedWith(PEOPLE.secretary, 'moveRegion', { id: 'c-dongjie', parentId: town._id }, 'FORBIDDEN');
  });

  test.each<[string, Record<string, unknown>, string]>([
    ['a building under a community (skipping a level)', { id: 'b-xingfu-1', parentId: 'c-dongjie' }, 'INVALID_INPUT'],
    ['a building to an estate of another community', { id: 'b-xingfu-1', parentId: 'e-shuxiangyuan' }, 'INVALID_STATE'],
    ['an estate to another community', { id: 'e-xingfu', parentId: 'c-ximen' }, 'INVALID_STATE'],
    ['a community under itself', { id: 'c-dongjie', parentId: 'c-dongjie' }, 'INVALID_INPUT'],
    ['a town under its own building', { id: 'town-chengguan', parentId: 'b-xingfu-1' }, 'INVALID_INPUT'],
    ['the county', { id: 'county-qingshan', parentId: 'town-chengguan' }, 'INVALID_INPUT'],
  ])('moving %s → %s, nothing changed', async (_label, payload, code) => {
    await refusedWith(PEOPLE.admin, 'moveRegion', payload, code);
  });

  test('archive: refused while children are active; an archived region is hidden, takes no children, keeps its id', async () => {
    await refusedWith(PEOPLE.admin, 'archiveRegion', { id: 'e-shuxiangyuan' }, 'INVALID_STATE');
    const estate = await h.ok(PEOPLE.secretary, 'org', 'addRegion', { parentId: 'c-dongjie', name: '旧小区' });
    const archived = await h.ok(PEOPLE.secretary, 'org', 'archiveRegion', { id: estate._id });
    expect(archived.archived).toBe(true);
    expect(region(estate._id)).toMatchObject({ archived: true, name: '旧小区' });
    expect(find(await h.ok(PEOPLE.resident, 'org', 'regionTree', {}), estate._id)).toBeUndefined();
    expect(find(await h.ok(PEOPLE.resident, 'org', 'regionTree', { includeArchived: true }), estate._id)).toBeDefined();
    await refusedWith(PEOPLE.secretary, 'addRegion', { parentId: estate._id, name: '旧小区1号楼' }, 'INVALID_STATE');
    // Its name is free again among the active siblings.
    expect(await h.ok(PEOPLE.secretary, 'org', 'addRegion', { parentId: 'c-dongjie', name: '旧小区' })).toMatchObject({ name: '旧小区' });
  });
});

describe('households', () => {
  test('add, relabel, move within the community, archive — each audited; a taken room is a CONFLICT', async () => {
    const added = await h.ok(PEOPLE.secretary, 'org', 'addHousehold', { buildingId: 'b-xingfu-1', room: '401', label: '王' });
    expect(added).toMatchObject({ buildingId: 'b-xingfu-1', estateId: 'e-xingfu', communityId: 'c-dongjie', room: '401', label: '王' });
    await refusedWith(PEOPLE.secretary, 'addHousehold', { buildingId: 'b-xingfu-1', room: '101' }, 'CONFLICT');
    const edited = await h.ok(PEOPLE.secretary, 'org', 'editHousehold', { id: added._id, room: '402' });
    expect(edited.room).toBe('402');
    expect(lastAudit()).toMatchObject({ action: 'editHousehold', before: { room: '401' }, after: { room: '402' }, scope: { communityId: 'c-dongjie' } });
    const moved = await h.ok(PEOPLE.admin, 'org', 'moveHousehold', { id: added._id, buildingId: 'b-heping-1' });
    expect(moved).toMatchObject({ buildingId: 'b-heping-1', estateId: 'e-heping' });
    await refusedWith(PEOPLE.admin, 'moveHousehold', { id: added._id, buildingId: 'b-shuxiangyuan-1' }, 'INVALID_STATE');
    const archived = await h.ok(PEOPLE.secretary, 'org', 'archiveHousehold', { id: added._id });
    expect(archived.archived).toBe(true);
    await refusedWith(PEOPLE.secretary, 'editHousehold', { id: added._id, label: '李' }, 'INVALID_STATE');
  });

  test('a building is archived only once its households are', async () => {
    const b = await h.ok(PEOPLE.secretary, 'org', 'addRegion', { parentId: 'e-xingfu', name: '临时楼' });
    const hh = await h.ok(PEOPLE.secretary, 'org', 'addHousehold', { buildingId: b._id, room: '101' });
    await refusedWith(PEOPLE.secretary, 'archiveRegion', { id: b._id }, 'INVALID_STATE');
    await h.ok(PEOPLE.secretary, 'org', 'archiveHousehold', { id: hh._id });
    expect((await h.ok(PEOPLE.secretary, 'org', 'archiveRegion', { id: b._id })).archived).toBe(true);
    // Nobody binds to an archived building.
    await refusedWith(PEOPLE.resident, 'bindBuilding', { buildingId: b._id }, 'NOT_FOUND');
    await refusedWith(PEOPLE.resident, 'previewBuilding', { buildingId: b._id }, 'NOT_FOUND');
  });

  test("a building's households are listed by room, a page at a time; the archived apart", async () => {
    const b = await h.ok(PEOPLE.secretary, 'org', 'addRegion', { parentId: 'e-xingfu', name: '新建楼' });
    for (const room of ['302', '101', '201', '102']) await h.ok(PEOPLE.secretary, 'org', 'addHousehold', { buildingId: b._id, room });
    const gone = await h.ok(PEOPLE.secretary, 'org', 'addHousehold', { buildingId: b._id, room: '103' });
    await h.ok(PEOPLE.secretary, 'org', 'archiveHousehold', { id: gone._id });
    const first = await h.ok(PEOPLE.secretary, 'org', 'listHouseholds', { buildingId: b._id, pageSize: 3 });
    expect(first.items.map((x) => x.room)).toEqual(['101', '102', '201']);
    expect(first.hasMore).toBe(true);
    const second = await h.ok(PEOPLE.admin, 'org', 'listHouseholds', { buildingId: b._id, pageSize: 3, page: 2 });
    expect({ rooms: second.items.map((x) => x.room), hasMore: second.hasMore }).toEqual({ rooms: ['302'], hasMore: false });
    const archived = await h.ok(PEOPLE.secretary, 'org', 'listHouseholds', { buildingId: b._id, archived: true });
    expect(archived.items.map((x) => [x.room, x.archived])).toEqual([['103', true]]);
    await refusedWith(PEOPLE.secretary, 'listHouseholds', { buildingId: 'e-xingfu' }, 'NOT_FOUND');
    await refusedWith(PEOPLE.staffXimen, 'listHouseholds', { buildingId: b._id }, 'FORBIDDEN');
  });

  test('staff and secretaries of other communities may not edit 东街 households', async () => {
    await refusedWith(PEOPLE.staffXimen, 'addHousehold', { buildingId: 'b-xingfu-2', room: '999' }, 'FORBIDDEN');
    await refusedWith(PEOPLE.staff, 'editHousehold', { id: 'h-xingfu-2-101', label: '改' }, 'FORBIDDEN');
  });
});

describe('units', () => {
  test('admin adds, renames, archives (once unpaired); names are unique; each audited', async () => {
    const unit = await h.ok(PEOPLE.admin, 'org', 'addUnit', { name: '县民政局', description: '社会救助' });
    await refusedWith(PEOPLE.admin, 'addUnit', { name: '县民政局', description: '重复' }, 'CONFLICT');
    expect((await h.ok(PEOPLE.admin, 'org', 'editUnit', { unitId: unit._id, name: '青山县民政局' })).name).toBe('青山县民政局');
    await h.ok(PEOPLE.admin, 'org', 'pairUnit', { unitId: unit._id, communityId: 'c-ximen' });
    expect(lastAudit()).toMatchObject({ action: 'pairUnit', target: { kind: 'pairing' }, before: null, scope: { unitId: unit._id, communityId: 'c-ximen' } });
    await refusedWith(PEOPLE.admin, 'archiveUnit', { unitId: unit._id }, 'INVALID_STATE');
    await h.ok(PEOPLE.admin, 'org', 'unpairUnit', { unitId: unit._id, communityId: 'c-ximen' });
    expect(lastAudit()).toMatchObject({ action: 'unpairUnit', after: null });
    expect((await h.ok(PEOPLE.admin, 'org', 'archiveUnit', { unitId: unit._id })).archived).toBe(true);
    expect((await h.ok(PEOPLE.resident, 'org', 'listUnits', {})).map((u) => u._id)).not.toContain(unit._id);
    expect((await h.ok(PEOPLE.resident, 'org', 'listUnits', { includeArchived: true })).map((u) => u._id)).toContain(unit._id);
    await refusedWith(PEOPLE.admin, 'pairUnit', { unitId: unit._id, communityId: 'c-ximen' }, 'INVALID_STATE');
  });

  test('the liaison edits their own unit’s description, not its name, not another unit', async () => {
    const unit = await h.ok(PEOPLE.liaison, 'org', 'editUnit', { unitId: 'unit-renshe', description: '就业、社保、劳动维权、技能培训' });
    expect(unit.description).toBe('就业、社保、劳动维权、技能培训');
    expect(lastAudit()).toMatchObject({ action: 'editUnit', actor: { openid: PEOPLE.liaison }, scope: { unitId: 'unit-renshe' } });
    await refusedWith(PEOPLE.liaison, 'editUnit', { unitId: 'unit-renshe', name: '人社局' }, 'FORBIDDEN');
    await refusedWith(PEOPLE.liaison, 'editUnit', { unitId: 'unit-weijian', description: '越权' }, 'FORBIDDEN');
  });
});

describe('searchPeople', () => {
  test('by name: admin sees full phones and what they may grant; staff see masked phones in their community', async () => {
    const admin = await h.ok(PEOPLE.admin, 'org', 'searchPeople', { q: '张' });
    const zhang = admin.items.find((p) => p.openid === PEOPLE.member)!;
    expect(zhang.phone).toMatch(/^1\d{10}$/);
    expect(zhang.allowedActions.grant.map((g) => g.role)).toContain('liaison');
    expect(zhang.allowedActions.revoke).toContainEqual({ role: 'member', unitId: 'unit-renshe' });

    const staff = await h.ok(PEOPLE.staff, 'org', 'searchPeople', { q: '张' });
    expect(staff.items.map((p) => p.openid)).toEqual([PEOPLE.member]);
    expect(staff.items[0].phone).toMatch(/^1\d{2}\*{4}\d{4}$/);
    expect(staff.items[0].allowedActions).toEqual({ grant: [], revoke: [] });
  });

  test('the secretary is offered staff and grid worker of 东街; the liaison member of 县人社局', async () => {
    const sec = await h.ok(PEOPLE.secretary, 'org', 'searchPeople', { q: '王秀英' });
    expect(sec.items[0].allowedActions.grant).toEqual([{ role: 'staff', communityId: 'c-dongjie' }, { role: 'gridWorker', communityId: 'c-dongjie' }]);
    const li = await h.ok(PEOPLE.liaison, 'org', 'searchPeople', { q: '陈' });
    expect(li.items.map((p) => p.openid)).toEqual(['demo-member-chen']);
    expect(li.items[0].allowedActions.revoke).toEqual([{ role: 'member', unitId: 'unit-renshe' }]);
  });

  test('by phone: the admin by any part of it; others only by the whole number', async () => {
    const full = (h.local.db.store.get('users', PEOPLE.resident) as unknown as { phone: string }).phone;
    expect((await h.ok(PEOPLE.admin, 'org', 'searchPeople', { q: full.slice(3, 7) })).items.map((p) => p.openid)).toContain(PEOPLE.resident);
    expect((await h.ok(PEOPLE.staff, 'org', 'searchPeople', { q: full.slice(3, 7) })).items).toEqual([]);
    expect((await h.ok(PEOPLE.staff, 'org', 'searchPeople', { q: full })).items.map((p) => p.openid)).toEqual([PEOPLE.resident]);
  });

  test('typed characters are literal, not a pattern', async () => {
    expect((await h.ok(PEOPLE.admin, 'org', 'searchPeople', { q: '.*' })).items).toEqual([]);
  });

  test('outside one’s scope → FORBIDDEN; residents and members may not search', async () => {
    await refusedWith(PEOPLE.staff, 'searchPeople', { q: '李', communityId: 'c-ximen' }, 'FORBIDDEN');
    await refusedWith(PEOPLE.liaison, 'searchPeople', { unitId: 'unit-weijian' }, 'FORBIDDEN');
    await refusedWith(PEOPLE.member, 'searchPeople', { q: '张' }, 'FORBIDDEN');
  });

  test('paged: one more read than asked tells whether there is more', async () => {
    const first = await h.ok(PEOPLE.admin, 'org', 'searchPeople', { pageSize: 5 });
    expect(first.items).toHaveLength(5);
    expect(first.hasMore).toBe(true);
  });
});

describe('grantRole and revokeRole write the audit log', () => {
  test('a liaison grants 县人社局 党员 (the rule table allows it), audited with the unit as scope', async () => {
    await h.ok('bo-new', 'org', 'register', { name: '新党员' });
    await h.ok(PEOPLE.liaison, 'org', 'grantRole', { openid: 'bo-new', role: 'member', unitId: 'unit-renshe' });
    expect(lastAudit()).toMatchObject({ action: 'grantRole', actor: { openid: PEOPLE.liaison }, target: { kind: 'role', id: 'bo-new' }, before: { roles: [{ role: 'resident' }] }, scope: { unitId: 'unit-renshe' } });
    await h.ok(PEOPLE.liaison, 'org', 'revokeRole', { openid: 'bo-new', role: 'member', unitId: 'unit-renshe' });
    expect(lastAudit()).toMatchObject({ action: 'revokeRole', after: { roles: [{ role: 'resident' }] } });
    await refusedWith(PEOPLE.liaison, 'grantRole', { openid: 'bo-new', role: 'member', unitId: 'unit-weijian' }, 'FORBIDDEN');
  });
});

describe('楼栋码', () => {
  test('the poster sheet lists every active building of the community with page and scene', async () => {
    await refusedWith(PEOPLE.staff, 'buildingPoster', { communityId: 'c-ximen' }, 'FORBIDDEN');
    const own = await h.ok(PEOPLE.gridWorker, 'org', 'buildingPoster', { communityId: 'c-dongjie' });
    expect(own.community).toEqual({ _id: 'c-dongjie', name: '东街社区' });
    const ids = own.buildings.map((b) => b.buildingId);
    expect(ids).toContain('b-xingfu-1');
    expect(own.buildings.every((b) => b.page && b.scene === b.buildingId && b.scene.length <= 32 && b.estateName)).toBe(true);
    expect(own.buildings.find((b) => b.buildingId === 'b-xingfu-1')).toMatchObject({ name: '幸福小区1号楼', estateName: '幸福小区' });
  });

  test('previewBuilding names the building, estate and community', async () => {
    expect(await h.ok(PEOPLE.resident, 'org', 'previewBuilding', { buildingId: 'b-xingfu-2' })).toEqual({
      buildingId: 'b-xingfu-2',
      building: '幸福小区2号楼',
      estate: '幸福小区',
      community: '东街社区',
    });
  });
});

describe('auditLog', () => {
  test('admin reads all, newest first; filters by action and kind', async () => {
    const all = await h.ok(PEOPLE.admin, 'org', 'auditLog', { pageSize: 50 });
    expect(all.items.length).toBeGreaterThan(10);
    const times = all.items.map((e) => new Date(e.at).getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const renames = await h.ok(PEOPLE.admin, 'org', 'auditLog', { act: 'renameRegion' });
    expect(renames.items.length).toBeGreaterThan(0);
    expect(renames.items.every((e) => e.action === 'renameRegion')).toBe(true);
    const units = await h.ok(PEOPLE.admin, 'org', 'auditLog', { kind: 'unit' });
    expect(units.items.every((e) => e.target.kind === 'unit')).toBe(true);
    expect((await h.ok(PEOPLE.admin, 'org', 'auditLog', { since: '2099-01-01' })).items).toEqual([]);
  });

  test('the secretary reads their community’s entries; the liaison their unit’s; others nothing', async () => {
    const sec = await h.ok(PEOPLE.secretary, 'org', 'auditLog', { pageSize: 50 });
    expect(sec.items.length).toBeGreaterThan(0);
    expect(sec.items.every((e) => e.scope.communityId === 'c-dongjie')).toBe(true);
    const li = await h.ok(PEOPLE.liaison, 'org', 'auditLog', { pageSize: 50 });
    expect(li.items.length).toBeGreaterThan(0);
    expect(li.items.every((e) => e.scope.unitId === 'unit-renshe')).toBe(true);
    await refusedWith(PEOPLE.secretary, 'auditLog', { communityId: 'c-ximen' }, 'FORBIDDEN');
    await refusedWith(PEOPLE.staff, 'auditLog', {}, 'FORBIDDEN');
  });
});
