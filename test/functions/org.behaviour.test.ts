/**
 * What the org actions answer: the region tree's shape, units with their pairings, pages of people
 * with masked phones, and the cost of `me`. Read-only tests first; the few that write come last.
 */
import type { RegionNode, User, UserSummary } from '../../types/domain';
import { DEMO_PAIRINGS, DEMO_UNITS } from '../../local/seed/demo-county';
import { DEMO_PEOPLE, openHarness, PEOPLE, snapshot, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(() => h.close());

const count = (nodes: RegionNode[]): number => nodes.reduce((s, n) => s + 1 + count(n.children), 0);
const maxDepth = (nodes: RegionNode[]): number => (nodes.length ? 1 + Math.max(...nodes.map((n) => maxDepth(n.children))) : 0);
const userDoc = (openid: string) => (h.local.db.store.all('users') as unknown as User[]).find((u) => u._id === openid)!;
const MASKED = /^1\d{2}\*{4}\d{4}$/;

describe('regionTree', () => {
  test('default: county → town → 3 communities → 2 estates each → 3 buildings each', async () => {
    const tree = await h.ok(PEOPLE.resident, 'org', 'regionTree', {});
    expect(tree).toHaveLength(1);
    const [county] = tree;
    expect(county).toMatchObject({ _id: 'county-qingshan', level: 'county', name: '青山县', parentId: null, depth: 0 });
    expect(county.children.map((t) => [t._id, t.level])).toEqual([['town-chengguan', 'town']]);
    const communities = county.children[0].children;
    expect(communities.map((c) => c.name)).toEqual(['东街社区', '南山社区', '西门社区']);
    for (const c of communities) {
      expect(c.level).toBe('community');
      expect(c.children).toHaveLength(2);
      for (const e of c.children) {
        expect(e).toMatchObject({ level: 'estate', parentId: c._id, depth: 3 });
        expect(e.children).toHaveLength(3);
        for (const b of e.children) {
          expect(b).toMatchObject({ level: 'building', parentId: e._id, depth: 4, children: [] });
          expect(b.path).toEqual(['county-qingshan', 'town-chengguan', c._id, e._id]);
        }
      }
    }
    expect(count(tree)).toBe(1 + 1 + 3 + 6 + 18);
  });

  test.each([
    [1, 1, 1],
    [2, 2, 2],
    [3, 3, 5],
    [4, 4, 11],
    [5, 5, 29],
  ])('depth %i from the county: %i levels, %i regions', async (depth, levels, regions) => {
    const tree = await h.ok(PEOPLE.resident, 'org', 'regionTree', { depth });
    expect(maxDepth(tree)).toBe(levels);
    expect(count(tree)).toBe(regions);
  });

  test('rootId: the subtree of one community, the root included', async () => {
    const tree = await h.ok(PEOPLE.resident, 'org', 'regionTree', { rootId: 'c-ximen' });
    expect(tree.map((n) => n._id)).toEqual(['c-ximen']);
    expect(tree[0].children.map((e) => e.name)).toEqual(['书香苑', '西门花园']);
    expect(tree[0].children[0].children.map((b) => b._id)).toEqual(['b-shuxiangyuan-1', 'b-shuxiangyuan-2', 'b-shuxiangyuan-3']);
    expect(count(tree)).toBe(1 + 2 + 6);
    // Nothing from another community leaks in.
    expect(JSON.stringify(tree)).not.toContain('c-dongjie');
  });

  test.each<[string, number, number, number]>([
    ['c-dongjie', 1, 1, 1],
    ['c-dongjie', 2, 2, 3],
    ['c-dongjie', 3, 3, 9],
    ['town-chengguan', 2, 2, 4],
    ['e-heping', 5, 2, 4],
    ['b-heping-2', 5, 1, 1],
  ])('rootId %s, depth %i: %i levels, %i regions', async (rootId, depth, levels, regions) => {
    const tree = await h.ok(PEOPLE.resident, 'org', 'regionTree', { rootId, depth });
    expect(tree.map((n) => n._id)).toEqual([rootId]);
    expect(maxDepth(tree)).toBe(levels);
    expect(count(tree)).toBe(regions);
  });

  test('an unknown rootId → NOT_FOUND', async () => {
    const res = await h.call(PEOPLE.resident, 'org', 'regionTree', { rootId: 'c-nowhere' });
    expect(res).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('listUnits', () => {
  test('every unit with the communities it is paired with, per the seed', async () => {
    const units = await h.ok(PEOPLE.resident, 'org', 'listUnits', {});
    expect(units).toHaveLength(DEMO_UNITS.length);
    for (const seeded of DEMO_UNITS) {
      const unit = units.find((u) => u._id === seeded._id)!;
      expect(unit).toMatchObject({ name: seeded.name, description: seeded.description });
      const expected = DEMO_PAIRINGS.filter(([u]) => u === seeded._id).map(([, c]) => c);
      expect([...unit.communityIds].sort()).toEqual([...expected].sort());
    }
    expect(units.find((u) => u._id === 'unit-renshe')!.communityIds).toEqual(['c-dongjie']);
    expect([...units.find((u) => u._id === 'unit-gongdian')!.communityIds].sort()).toEqual(['c-dongjie', 'c-nanshan']);
  });

  test('ordered by name', async () => {
    const names = (await h.ok(PEOPLE.member, 'org', 'listUnits', {})).map((u) => u.name);
    expect(names).toEqual([...names].sort());
  });
});

describe('listUsers', () => {
  const everyone = DEMO_PEOPLE.length;

  test('admin sees everyone; pages of 5 are distinct, ordered by name, and together complete', async () => {
    const pages = [];
    for (const page of [1, 2, 3]) pages.push(await h.ok(PEOPLE.admin, 'org', 'listUsers', { page, pageSize: 5 }));
    for (const [i, p] of pages.entries()) expect(p).toMatchObject({ total: everyone, page: i + 1, pageSize: 5 });
    expect(pages.map((p) => p.items.length)).toEqual([5, 5, everyone - 10]);
    const ids = pages.flatMap((p) => p.items.map((u) => u.openid));
    expect(new Set(ids).size).toBe(everyone);
    expect(new Set(ids)).toEqual(new Set(DEMO_PEOPLE.map((p) => p.openid)));
    expect(pages[1].items.map((u) => u.openid)).not.toEqual(pages[0].items.map((u) => u.openid));
    const names = pages.flatMap((p) => p.items.map((u) => u.name));
    expect(names).toEqual([...names].sort());
  });

  test('a page past the end is empty but still counts the total', async () => {
    expect(await h.ok(PEOPLE.admin, 'org', 'listUsers', { page: 4, pageSize: 5 })).toEqual({ items: [], total: everyone, page: 4, pageSize: 5 });
  });

  test('defaults: page 1 of 20', async () => {
    expect(await h.ok(PEOPLE.admin, 'org', 'listUsers', {})).toMatchObject({ total: everyone, page: 1, pageSize: 20 });
  });

  test.each<[string, string, Record<string, unknown>, (p: (typeof DEMO_PEOPLE)[number]) => boolean]>([
    ['admin, role member', PEOPLE.admin, { role: 'member' }, (p) => p.roles.some((g) => g.role === 'member')],
    ['admin, role admin', PEOPLE.admin, { role: 'admin' }, (p) => p.roles.some((g) => g.role === 'admin')],
    ['admin, role staff', PEOPLE.admin, { role: 'staff' }, (p) => p.roles.some((g) => g.role === 'staff')],
    ['admin, community 西门', PEOPLE.admin, { communityId: 'c-ximen' }, (p) => p.communityId === 'c-ximen'],
    ['admin, 西门 liaisons', PEOPLE.admin, { communityId: 'c-ximen', role: 'liaison' }, (p) => p.communityId === 'c-ximen' && p.roles.some((g) => g.role === 'liaison')],
    ['staff of 东街, no community named', PEOPLE.staff, {}, (p) => p.communityId === 'c-dongjie'],
    ['staff of 东街, members', PEOPLE.staff, { role: 'member' }, (p) => p.communityId === 'c-dongjie' && p.roles.some((g) => g.role === 'member')],
    ['grid worker of 东街', PEOPLE.gridWorker, {}, (p) => p.communityId === 'c-dongjie'],
    ['secretary of 东街, own community named', PEOPLE.secretary, { communityId: 'c-dongjie' }, (p) => p.communityId === 'c-dongjie'],
    ['staff of 西门', PEOPLE.staffXimen, {}, (p) => p.communityId === 'c-ximen'],
  ])('%s: exactly the matching people', async (_label, caller, filter, match) => {
    const page = await h.ok(caller, 'org', 'listUsers', { ...filter, pageSize: 50 });
    const expected = DEMO_PEOPLE.filter(match).map((p) => p.openid);
    expect(expected.length).toBeGreaterThan(0);
    expect(page.total).toBe(expected.length);
    expect(page.items.map((u) => u.openid).sort()).toEqual([...expected].sort());
  });

  test('phones are always masked and summaries carry no preferences', async () => {
    const all: UserSummary[] = [
      ...(await h.ok(PEOPLE.admin, 'org', 'listUsers', { pageSize: 50 })).items,
      ...(await h.ok(PEOPLE.staff, 'org', 'listUsers', { pageSize: 50 })).items,
    ];
    const fullPhones = DEMO_PEOPLE.map((p) => p.phone);
    for (const u of all) {
      expect(u.phone).toMatch(MASKED);
      expect(fullPhones).not.toContain(u.phone);
      expect(Object.keys(u).sort()).toEqual(['communityId', 'name', 'openid', 'phone', 'roles', 'unitId']);
    }
    expect(JSON.stringify(all)).not.toMatch(/1\d{10}/);
  });
});

describe('me', () => {
  test('resolves community, building and unit names; phone masked', async () => {
    expect(await h.ok(PEOPLE.member, 'org', 'me')).toEqual({
      openid: PEOPLE.member,
      name: '张伟',
      phone: '138****2001',
      roles: [{ role: 'resident' }, { role: 'member', unitId: 'unit-renshe' }],
      community: { _id: 'c-dongjie', name: '东街社区' },
      building: { _id: 'b-heping-1', name: '和平小区1号楼' },
      unit: { _id: 'unit-renshe', name: '县人社局', communities: [{ _id: 'c-dongjie', name: '东街社区' }] },
      elderMode: null,
    });
    expect(await h.ok(PEOPLE.admin, 'org', 'me')).toMatchObject({ community: null, building: null, unit: null, roles: [{ role: 'admin' }] });
  });

  test.each(Object.entries(PEOPLE))('as %s: at most 3 reads, no writes', async (_role, openid) => {
    const before = snapshot(h.local);
    const { result, counts } = await h.raw(openid, 'org', { action: 'me' });
    expect(result).toMatchObject({ ok: true, data: { openid } });
    expect(counts.read).toBeLessThanOrEqual(3);
    expect(counts.write).toBe(0);
    expect(counts.transaction).toBe(0);
    expect(snapshot(h.local)).toBe(before);
  });
});

// Tests below write; they come last so that the counts above see the seed as it was.
describe('role changes that write', () => {
  // Regression: a conflicting write inside the transaction (-501001) is not retried by CloudBase;
  // changeRole retries it itself, so concurrent changes never answer INTERNAL.
  test('concurrent grants to one person: each succeeds or answers CONFLICT (never INTERNAL), none is lost', async () => {
    const openid = PEOPLE.residentXimen;
    // The router logs the unexpected error; keep the test output quiet.
    const log = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const results = await Promise.all([
      h.call(PEOPLE.admin, 'org', 'grantRole', { openid, role: 'staff', communityId: 'c-dongjie' }),
      h.call(PEOPLE.admin, 'org', 'grantRole', { openid, role: 'gridWorker', communityId: 'c-dongjie' }),
      h.call(PEOPLE.admin, 'org', 'grantRole', { openid, role: 'staff', communityId: 'c-dongjie' }),
    ]).finally(() => log.mockRestore());
    // Each either succeeds or asks to retry; what succeeded is stored.
    expect(results.map((r) => (r.ok ? 'ok' : r.error.code)).filter((c) => c !== 'ok' && c !== 'CONFLICT')).toEqual([]);
    const grants = [
      { role: 'staff', communityId: 'c-dongjie' },
      { role: 'gridWorker', communityId: 'c-dongjie' },
      { role: 'staff', communityId: 'c-dongjie' },
    ];
    const stored = userDoc(openid).roles;
    results.forEach((r, i) => {
      if (r.ok) expect(stored).toContainEqual(grants[i]);
    });
    expect(stored.filter((g) => g.role === 'staff')).toHaveLength(results[0].ok || results[2].ok ? 1 : 0);
  });

  // Regression: the work unit follows the unit grants, on revoke too.
  test('revoking the member grant clears the work unit it set', async () => {
    const openid = 'behaviour-member';
    await h.ok(openid, 'org', 'register', { name: '临时党员' });
    await h.ok(PEOPLE.admin, 'org', 'grantRole', { openid, role: 'member', unitId: 'unit-zhujian' });
    expect((await h.ok(openid, 'org', 'me')).unit).toMatchObject({ _id: 'unit-zhujian', name: '县住建局' });
    await h.ok(PEOPLE.admin, 'org', 'revokeRole', { openid, role: 'member', unitId: 'unit-zhujian' });
    const me = await h.ok(openid, 'org', 'me');
    expect(me.roles).toEqual([{ role: 'resident' }]);
    expect(me.unit).toBeNull();
  });
});

describe('listUsers by unit (a liaison choosing members to assign)', () => {
  test('a liaison lists the people of their own unit, not of another; staff cannot list by unit', async () => {
    const own = await h.ok(PEOPLE.liaison, 'org', 'listUsers', { unitId: 'unit-renshe', role: 'member' });
    expect(own.items.map((u) => u.name).sort()).toEqual(['张伟', '赵敏', '陈静'].sort());
    expect(own.items.every((u) => u.phone === '' || u.phone.includes('****'))).toBe(true);
    expect(await h.call(PEOPLE.liaison, 'org', 'listUsers', { unitId: 'unit-weijian' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await h.call(PEOPLE.staff, 'org', 'listUsers', { unitId: 'unit-renshe' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await h.call(PEOPLE.admin, 'org', 'listUsers', { unitId: 'unit-renshe', communityId: 'c-dongjie' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });
});
