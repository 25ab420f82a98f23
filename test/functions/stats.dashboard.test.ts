/**
 * The dashboards against hand-computed figures: a fixture across two communities, three units
 * and two months (September and October 2026, long past, so every open item is overdue now),
 * made step by step at its own China time. Rankings, marks, drill-downs and who may read what.
 */
import { dispatchAt } from '../../local/seed/as-of';
import type { Dashboard, FigureRow } from '../../types/stats';
import { openHarness, PEOPLE, type Harness } from './harness';

let h: Harness;
const ids: Record<string, string> = {};

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const LIAISON = { 'unit-renshe': 'demo-liaison-renshe', 'unit-weijian': 'demo-liaison-weijian' } as const;
const MEMBER = { 'unit-renshe': PEOPLE.member, 'unit-weijian': PEOPLE.memberWeijian } as const;
const PERSON = { 'c-dongjie': { resident: PEOPLE.resident, staff: PEOPLE.staff }, 'c-ximen': { resident: PEOPLE.residentXimen, staff: PEOPLE.staffXimen } } as const;

type Outcome = 'satisfied' | 'basic' | 'unsatisfied' | 'unrated' | 'lateOpen' | 'unaccepted';

beforeAll(async () => {
  h = await openHarness();
  const act = dispatchAt(h.local);
  /** One demand of `community` dispatched to `unit` at `t`, carried to its outcome within days. */
  const item = async (name: string, community: keyof typeof PERSON, unit: keyof typeof LIAISON, t: Date, outcome: Outcome, category = 'health') => {
    const { resident, staff } = PERSON[community];
    const at = (hours: number) => new Date(t.getTime() + hours * HOUR);
    const id = (await act(resident, 'submit', { category, text: `${name} 事项` }, at(0)))._id;
    ids[name] = id;
    await act(staff, 'dispatch', { id, unitId: unit, slots: 1, expectedHours: 1 }, at(1));
    if (outcome === 'unaccepted') return;
    await act(LIAISON[unit], 'accept', { id }, outcome === 'lateOpen' ? at(4 * 24) : at(2));
    if (outcome === 'lateOpen') return;
    await act(MEMBER[unit], 'claim', { id }, at(3));
    await act(MEMBER[unit], 'complete', { id, notes: '已上门', hours: 1 }, at(24));
    await act(staff, 'verify', { id }, at(26));
    if (outcome !== 'unrated') await act(resident, 'rate', { id, value: outcome }, at(48));
  };
  const sep = new Date('2026-09-03T09:00:00+08:00');
  const oct = new Date('2026-10-12T09:00:00+08:00');
  await item('A', 'c-dongjie', 'unit-renshe', sep, 'satisfied');
  await item('B', 'c-dongjie', 'unit-renshe', sep, 'unsatisfied');
  await item('C', 'c-dongjie', 'unit-renshe', sep, 'unaccepted');
  await item('D', 'c-dongjie', 'unit-weijian', sep, 'basic');
  await item('E', 'c-dongjie', 'unit-weijian', sep, 'lateOpen');
  await item('F', 'c-ximen', 'unit-weijian', sep, 'satisfied');
  await item('G', 'c-ximen', 'unit-weijian', sep, 'unrated');
  await item('H', 'c-dongjie', 'unit-weijian', oct, 'satisfied', 'facilities');
  await item('I', 'c-ximen', 'unit-weijian', oct, 'unaccepted');
  // 诉求量 only: submitted in October, never dispatched.
  ids.J = (await act(PEOPLE.resident, 'submit', { category: 'facilities', text: 'J 楼道灯' }, new Date(oct.getTime() + DAY)))._id;
  // A second town with a community, for the town official's refusals.
  h.local.db.store.commit([
    { coll: 'regions', id: 'town-other', doc: { _id: 'town-other', level: 'town', name: '其他镇', parentId: 'county-qingshan', path: ['county-qingshan'], depth: 1 } },
    { coll: 'regions', id: 'c-other', doc: { _id: 'c-other', level: 'community', name: '其他社区', parentId: 'town-other', path: ['county-qingshan', 'town-other'], depth: 2 } },
  ] as never);
}, 120_000);
afterAll(() => h.close());

const row = (rows: FigureRow[], id: string) => rows.find((r) => r.id === id)!;
const figures = (r: FigureRow) => ({
  dispatched: r.dispatched,
  acceptedWithinSla: r.acceptedWithinSla,
  resolved: r.resolved,
  openOverdue: r.openOverdue,
  rated: r.rated,
  satisfiedOrBasic: r.satisfiedOrBasic,
  responseRate: r.responseRate,
  resolutionRate: r.resolutionRate,
  satisfactionRate: r.satisfactionRate,
});
const county = (period: string, sortBy?: 'responseRate' | 'resolutionRate' | 'satisfactionRate') =>
  h.ok(PEOPLE.admin, 'stats', 'dashboard', { scope: 'county', period, ...(sortBy ? { sortBy } : {}) }) as Promise<Dashboard>;

test('the county in September: every community and unit as counted by hand', async () => {
  const d = await county('2026-09');
  // 东街: A B C D E dispatched; A B D on time; A B D resolved; C (never accepted) and E (late, open) overdue; A B D rated, A D satisfied.
  expect(figures(row(d.communities, 'c-dongjie'))).toEqual({
    dispatched: 5, acceptedWithinSla: 3, resolved: 3, openOverdue: 2, rated: 3, satisfiedOrBasic: 2,
    responseRate: 0.6, resolutionRate: 0.6, satisfactionRate: 0.667,
  });
  expect(figures(row(d.communities, 'c-ximen'))).toEqual({
    dispatched: 2, acceptedWithinSla: 2, resolved: 2, openOverdue: 0, rated: 1, satisfiedOrBasic: 1,
    responseRate: 1, resolutionRate: 1, satisfactionRate: 1,
  });
  expect(figures(row(d.communities, 'c-nanshan'))).toMatchObject({ dispatched: 0, responseRate: null, resolutionRate: null, satisfactionRate: null });
  expect(figures(row(d.units, 'unit-renshe'))).toEqual({
    dispatched: 3, acceptedWithinSla: 2, resolved: 2, openOverdue: 1, rated: 2, satisfiedOrBasic: 1,
    responseRate: 0.667, resolutionRate: 0.667, satisfactionRate: 0.5,
  });
  expect(figures(row(d.units, 'unit-weijian'))).toEqual({
    dispatched: 4, acceptedWithinSla: 3, resolved: 3, openOverdue: 1, rated: 2, satisfiedOrBasic: 2,
    responseRate: 0.75, resolutionRate: 0.75, satisfactionRate: 1,
  });
  // The county and its one town: the sum of the communities.
  const total = { dispatched: 7, acceptedWithinSla: 5, resolved: 5, openOverdue: 2, rated: 4, satisfiedOrBasic: 3, responseRate: 0.714, resolutionRate: 0.714, satisfactionRate: 0.75 };
  expect(figures(d.total)).toEqual(total);
  expect(figures(row(d.towns, 'town-chengguan'))).toEqual(total);
  expect(d.target).toBe(1);
});

test('a year sums its months; the trend has twelve months with volume by category', async () => {
  const d = await county('2026');
  expect(figures(row(d.communities, 'c-dongjie'))).toEqual({
    dispatched: 6, acceptedWithinSla: 4, resolved: 4, openOverdue: 2, rated: 4, satisfiedOrBasic: 3,
    responseRate: 0.667, resolutionRate: 0.667, satisfactionRate: 0.75,
  });
  expect(figures(row(d.communities, 'c-ximen'))).toMatchObject({ dispatched: 3, acceptedWithinSla: 2, resolved: 2, openOverdue: 1, responseRate: 0.667, resolutionRate: 0.667 });
  expect(figures(row(d.units, 'unit-weijian'))).toMatchObject({ dispatched: 6, acceptedWithinSla: 4, resolved: 4, openOverdue: 2, rated: 3, satisfiedOrBasic: 3 });
  expect(d.trend.map((p) => p.month)).toEqual(Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`));
  const sep = d.trend[8];
  const oct = d.trend[9];
  expect(sep).toMatchObject({ dispatched: 7, volume: 7, byCategory: { health: 7 }, responseRate: 0.714, resolutionRate: 0.714, satisfactionRate: 0.75 });
  // October: H (on time, resolved, satisfied) and I (never accepted, overdue); J submitted only.
  expect(oct).toMatchObject({ dispatched: 2, volume: 3, byCategory: { facilities: 2, health: 1 }, responseRate: 0.5, resolutionRate: 0.5, satisfactionRate: 1 });
  expect(d.trend[0]).toMatchObject({ dispatched: 0, volume: 0, responseRate: null });

  // A month's trend: the twelve months ending with it.
  const m = await county('2026-10');
  expect(m.trend.map((p) => p.month)[0]).toBe('2025-11');
  expect(m.trend[11]).toMatchObject({ month: '2026-10', dispatched: 2 });
});

test('rankings: lowest first by the chosen rate, nothing to divide by last, below-target rates marked', async () => {
  const byResponse = await county('2026-09');
  expect(byResponse.communities.map((r) => r.id)).toEqual(['c-dongjie', 'c-ximen', 'c-nanshan', 'c-other']);
  expect(byResponse.units.slice(0, 2).map((r) => r.id)).toEqual(['unit-renshe', 'unit-weijian']);
  expect(byResponse.units.slice(2).every((r) => r.responseRate === null)).toBe(true);
  expect(row(byResponse.communities, 'c-dongjie').below).toEqual(['responseRate', 'resolutionRate', 'satisfactionRate']);
  expect(row(byResponse.communities, 'c-ximen').below).toEqual([]);
  expect(row(byResponse.communities, 'c-nanshan').below).toEqual([]);
  expect(row(byResponse.units, 'unit-weijian').below).toEqual(['responseRate', 'resolutionRate']);

  const bySatisfaction = await county('2026-09', 'satisfactionRate');
  expect(bySatisfaction.units.slice(0, 2).map((r) => r.id)).toEqual(['unit-renshe', 'unit-weijian']);
  const octResolution = await county('2026-10', 'resolutionRate');
  expect(octResolution.communities.map((r) => r.id).slice(0, 2)).toEqual(['c-ximen', 'c-dongjie']);

  // The target is configuration: at 70 % only the rates under 0.7 are marked.
  process.env.JINLIN_RATE_TARGET = '70';
  try {
    const d = await county('2026-09');
    expect(d.target).toBe(0.7);
    expect(row(d.communities, 'c-dongjie').below).toEqual(['responseRate', 'resolutionRate', 'satisfactionRate']);
    expect(row(d.units, 'unit-renshe').below).toEqual(['responseRate', 'resolutionRate', 'satisfactionRate']);
    expect(row(d.units, 'unit-weijian').below).toEqual([]);
  } finally {
    delete process.env.JINLIN_RATE_TARGET;
  }
});

test("a community's dashboard: its paired units counted on its own items", async () => {
  const d = (await h.ok(PEOPLE.staff, 'stats', 'dashboard', { scope: 'community', id: 'c-dongjie', period: '2026-09' })) as Dashboard;
  expect(figures(d.total)).toMatchObject({ dispatched: 5, responseRate: 0.6 });
  expect(d.units.map((u) => u.id).sort()).toEqual(['unit-gongdian', 'unit-renshe', 'unit-weijian']);
  // 县卫健局 in 东街 only: D (basic) and E (late, open) — not F, G of 西门.
  expect(figures(row(d.units, 'unit-weijian'))).toEqual({
    dispatched: 2, acceptedWithinSla: 1, resolved: 1, openOverdue: 1, rated: 1, satisfiedOrBasic: 1,
    responseRate: 0.5, resolutionRate: 0.5, satisfactionRate: 1,
  });
  expect(figures(row(d.units, 'unit-renshe'))).toMatchObject({ dispatched: 3, acceptedWithinSla: 2, resolved: 2, openOverdue: 1, rated: 2, satisfiedOrBasic: 1 });
  expect(d.units[0].id).toBe('unit-weijian');
  expect(d.trend[11]).toMatchObject({ month: '2026-09', volume: 5, dispatched: 5 });

  const town = (await h.ok('demo-town-chengguan', 'stats', 'dashboard', { scope: 'town', id: 'town-chengguan', period: '2026-09' })) as Dashboard;
  expect(town.communities.map((c) => c.id)).toEqual(['c-dongjie', 'c-ximen', 'c-nanshan']);
  expect(town.units).toEqual([]);
  expect(figures(town.total)).toMatchObject({ dispatched: 7, openOverdue: 2 });

  const unit = (await h.ok('demo-liaison-weijian', 'stats', 'dashboard', { scope: 'unit', id: 'unit-weijian', period: '2026-10' })) as Dashboard;
  expect(figures(unit.total)).toMatchObject({ dispatched: 2, acceptedWithinSla: 1, openOverdue: 1 });
});

test('drill-down lists exactly the items a figure counts', async () => {
  const drill = async (payload: Record<string, unknown>, as: string = PEOPLE.admin) => {
    const page = await h.ok(as, 'stats', 'items', payload as never);
    expect(page.total).toBe(page.items.length);
    return page.items.map((i) => i._id).sort();
  };
  const of = (...names: string[]) => names.map((n) => ids[n]).sort();
  expect(await drill({ scope: 'unit', id: 'unit-weijian', period: '2026-09', figure: 'openOverdue' })).toEqual(of('E'));
  expect(await drill({ scope: 'unit', id: 'unit-weijian', period: '2026', figure: 'openOverdue' })).toEqual(of('E', 'I'));
  expect(await drill({ scope: 'unit', id: 'unit-weijian', period: '2026-09', figure: 'dispatched' })).toEqual(of('D', 'E', 'F', 'G'));
  expect(await drill({ scope: 'unit', id: 'unit-renshe', period: '2026-09', figure: 'satisfiedOrBasic' })).toEqual(of('A'));
  expect(await drill({ scope: 'unit', id: 'unit-renshe', period: '2026-09', figure: 'rated' })).toEqual(of('A', 'B'));
  expect(await drill({ scope: 'community', id: 'c-dongjie', period: '2026-09', figure: 'acceptedWithinSla' })).toEqual(of('A', 'B', 'D'));
  expect(await drill({ scope: 'community', id: 'c-dongjie', period: '2026-09', figure: 'resolved' })).toEqual(of('A', 'B', 'D'));
  expect(await drill({ scope: 'community', id: 'c-dongjie', period: '2026-09', figure: 'openOverdue' }, PEOPLE.staff)).toEqual(of('C', 'E'));
  expect(await drill({ scope: 'community', id: 'c-dongjie', unitId: 'unit-weijian', period: '2026-09', figure: 'dispatched' }, PEOPLE.staff)).toEqual(of('D', 'E'));
  expect(await drill({ scope: 'community', id: 'c-dongjie', unitId: 'unit-weijian', period: '2026-09', figure: 'openOverdue' }, PEOPLE.staff)).toEqual(of('E'));
  expect(await drill({ scope: 'community', id: 'c-dongjie', period: '2026-10', figure: 'received' })).toEqual(of('H', 'J'));
  expect(await drill({ scope: 'community', id: 'c-dongjie', period: '2026-10', figure: 'received', category: 'health' })).toEqual([]);
  expect(await drill({ scope: 'community', id: 'c-ximen', period: '2026-10', figure: 'openOverdue' }, 'demo-town-chengguan')).toEqual(of('I'));

  // Each figure of the dashboard equals its drill-down's count.
  const d = await county('2026-09');
  for (const r of [...d.communities, ...d.units]) {
    for (const figure of ['dispatched', 'acceptedWithinSla', 'resolved', 'openOverdue', 'rated', 'satisfiedOrBasic'] as const) {
      const page = await h.ok(PEOPLE.admin, 'stats', 'items', { scope: r.scope as 'community' | 'unit', id: r.id, period: '2026-09', figure, pageSize: 50 });
      expect([r.id, figure, page.total]).toEqual([r.id, figure, r[figure]]);
    }
  }
  const items = await h.ok(PEOPLE.admin, 'stats', 'items', { scope: 'unit', id: 'unit-weijian', period: '2026-09', figure: 'openOverdue' });
  expect(items.items[0]).toMatchObject({ _id: ids.E, status: 'accepted', overdue: true, communityId: 'c-dongjie', unitId: 'unit-weijian' });
});

test('an offer to every paired unit counts for the unit that takes it, in its community too', async () => {
  const act = dispatchAt(h.local);
  const t = new Date('2026-11-04T09:00:00+08:00');
  const id = (await act(PEOPLE.residentXimen, 'submit', { category: 'safety', text: 'K 公开派单' }, t))._id;
  await act(PEOPLE.staffXimen, 'dispatch', { id, slots: 1, expectedHours: 1 }, new Date(t.getTime() + HOUR));
  await act('demo-liaison-weijian', 'accept', { id }, new Date(t.getTime() + 2 * HOUR));
  const d = (await h.ok(PEOPLE.staffXimen, 'stats', 'dashboard', { scope: 'community', id: 'c-ximen', period: '2026-11' })) as Dashboard;
  // Accepted on time, never finished: overdue now.
  expect(figures(row(d.units, 'unit-weijian'))).toMatchObject({ dispatched: 1, acceptedWithinSla: 1, openOverdue: 1, resolutionRate: 0 });
  expect(figures(row(d.units, 'unit-zhujian'))).toMatchObject({ dispatched: 0, openOverdue: 0 });
  const items = await h.ok(PEOPLE.staffXimen, 'stats', 'items', { scope: 'community', id: 'c-ximen', unitId: 'unit-weijian', period: '2026-11', figure: 'openOverdue' });
  expect(items.items.map((i) => i._id)).toEqual([id]);
  const unit = (await h.ok('demo-liaison-weijian', 'stats', 'dashboard', { scope: 'unit', id: 'unit-weijian', period: '2026-11' })) as Dashboard;
  expect(figures(unit.total)).toMatchObject({ dispatched: 1, acceptedWithinSla: 1, openOverdue: 1 });
});

test('who may read what: like a read of the same rows', async () => {
  const refused = async (as: string, action: 'dashboard' | 'items', payload: Record<string, unknown>) => {
    const res = await h.call(as, 'stats', action, payload);
    expect(res.ok ? 'ok' : res.error.code).toBe('FORBIDDEN');
  };
  const month = { period: '2026-09' };
  for (const as of [PEOPLE.staff, PEOPLE.secretary, 'demo-town-chengguan', 'demo-liaison-renshe', PEOPLE.resident, PEOPLE.member]) {
    await refused(as, 'dashboard', { scope: 'county', ...month });
  }
  await refused(PEOPLE.staff, 'dashboard', { scope: 'community', id: 'c-ximen', ...month });
  await refused(PEOPLE.staff, 'dashboard', { scope: 'town', id: 'town-chengguan', ...month });
  await refused(PEOPLE.staff, 'dashboard', { scope: 'unit', id: 'unit-renshe', ...month });
  await refused(PEOPLE.staff, 'items', { scope: 'community', id: 'c-ximen', figure: 'dispatched', ...month });
  await refused(PEOPLE.staff, 'items', { scope: 'unit', id: 'unit-weijian', figure: 'dispatched', ...month });
  await refused('demo-town-chengguan', 'dashboard', { scope: 'town', id: 'town-other', ...month });
  await refused('demo-town-chengguan', 'dashboard', { scope: 'community', id: 'c-other', ...month });
  await refused('demo-town-chengguan', 'items', { scope: 'community', id: 'c-other', figure: 'dispatched', ...month });
  await refused('demo-town-chengguan', 'items', { scope: 'unit', id: 'unit-weijian', figure: 'dispatched', ...month });
  await refused('demo-liaison-renshe', 'dashboard', { scope: 'unit', id: 'unit-weijian', ...month });
  await refused('demo-liaison-renshe', 'dashboard', { scope: 'community', id: 'c-dongjie', ...month });
  await refused('demo-liaison-renshe', 'items', { scope: 'unit', id: 'unit-weijian', figure: 'openOverdue', ...month });
  await refused('demo-liaison-renshe', 'items', { scope: 'community', id: 'c-dongjie', unitId: 'unit-renshe', figure: 'openOverdue', ...month });
  await refused(PEOPLE.resident, 'items', { scope: 'community', id: 'c-dongjie', figure: 'dispatched', ...month });

  // What each may read.
  await h.ok(PEOPLE.secretary, 'stats', 'dashboard', { scope: 'community', id: 'c-dongjie', ...month });
  await h.ok(PEOPLE.gridWorker, 'stats', 'items', { scope: 'community', id: 'c-dongjie', figure: 'openOverdue', ...month });
  await h.ok('demo-town-chengguan', 'stats', 'dashboard', { scope: 'community', id: 'c-nanshan', ...month });
  await h.ok('demo-liaison-renshe', 'stats', 'items', { scope: 'unit', id: 'unit-renshe', figure: 'openOverdue', ...month });
  await h.ok(PEOPLE.admin, 'stats', 'dashboard', { scope: 'town', id: 'town-other', ...month });

  const bad = await h.call(PEOPLE.admin, 'stats', 'dashboard', { scope: 'county', period: '2026-13' });
  expect(bad.ok ? 'ok' : bad.error.code).toBe('INVALID_INPUT');
  const missing = await h.call(PEOPLE.admin, 'stats', 'dashboard', { scope: 'community', id: 'c-none', period: '2026-09' });
  expect(missing.ok ? 'ok' : missing.error.code).toBe('NOT_FOUND');
});

test('reads: names and the twelve months’ documents, never demands; no writes', async () => {
  const reads = async (as: string, action: 'dashboard' | 'items', payload: Record<string, unknown>) => {
    const { result, counts } = await h.raw(as, 'stats', { action, ...payload });
    expect(result.ok).toBe(true);
    expect(counts.write).toBe(0);
    return counts.read;
  };
  await expect(reads(PEOPLE.admin, 'dashboard', { scope: 'county', period: '2026' })).resolves.toBeLessThanOrEqual(4);
  await expect(reads('demo-town-chengguan', 'dashboard', { scope: 'town', id: 'town-chengguan', period: '2026-09' })).resolves.toBeLessThanOrEqual(3);
  await expect(reads(PEOPLE.staff, 'dashboard', { scope: 'community', id: 'c-dongjie', period: '2026-09' })).resolves.toBeLessThanOrEqual(3);
  await expect(reads('demo-liaison-weijian', 'dashboard', { scope: 'unit', id: 'unit-weijian', period: '2026' })).resolves.toBeLessThanOrEqual(3);
  await expect(reads(PEOPLE.staff, 'items', { scope: 'community', id: 'c-dongjie', period: '2026-09', figure: 'openOverdue' })).resolves.toBeLessThanOrEqual(3);
  await expect(reads('demo-town-chengguan', 'items', { scope: 'community', id: 'c-dongjie', period: '2026-09', figure: 'openOverdue' })).resolves.toBeLessThanOrEqual(4);
});

test('the maintained figures cost no extra write on a step', async () => {
  // The month's documents are open (the nightly timer), as in production.
  await h.openScorecards();
  const act = dispatchAt(h.local);
  const id = (await act(PEOPLE.resident, 'submit', { category: 'health', text: '写入次数' }, new Date()))._id;
  const { counts } = await h.raw(PEOPLE.staff, 'dispatch', { action: 'dispatch', id, unitId: 'unit-weijian', slots: 1, expectedHours: 1 });
  // The demand (with its recorded effects), its community's and its unit's monthly documents, the
  // queues' counters (test/functions/effects.writes.test.ts), the queued messages and the clearing
  // of the applied effects (lib/effects): the figures add none.
  expect(counts.write).toBeLessThanOrEqual(7);
});
