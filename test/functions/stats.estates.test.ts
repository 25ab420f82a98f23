/**
 * A community's figures by 小区（网格）: demands of 东街社区 from 幸福小区, 和平小区 and a resident
 * with no building (「未关联小区」), over two months long past (every open item overdue now),
 * carried through 派单 / 接单 / 办结 / 验收 / 评价 at their own China time. The per-estate figures
 * against a hand count, their drill-downs, a month written before estates were counted, and who
 * may read them.
 */
import { dispatchAt } from '../../local/seed/as-of';
import type { Dashboard, FigureRow } from '../../types/stats';
import { openHarness, PEOPLE, type Harness } from './harness';

let h: Harness;
const ids: Record<string, string> = {};

const HOUR = 3600_000;
const LIAISON = { 'unit-renshe': 'demo-liaison-renshe', 'unit-weijian': 'demo-liaison-weijian' } as const;
const MEMBER = { 'unit-renshe': PEOPLE.member, 'unit-weijian': PEOPLE.memberWeijian } as const;
/** 王秀英 lives in 幸福小区1号楼, the secretary in 和平小区3号楼; this resident has bound no building. */
const NO_BUILDING = 't-resident-nobuilding';
const FROM = { xingfu: PEOPLE.resident, heping: PEOPLE.secretary, none: NO_BUILDING } as const;

type Outcome = 'satisfied' | 'basic' | 'unsatisfied' | 'unaccepted' | 'lateOpen' | 'submitted';

beforeAll(async () => {
  h = await openHarness();
  h.local.db.store.commit([
    {
      coll: 'users',
      id: NO_BUILDING,
      doc: { _id: NO_BUILDING, name: '赵大爷', phone: '13800009999', roles: [{ role: 'resident' }], communityId: 'c-dongjie', buildingId: null, unitId: null, elderMode: null, createdAt: new Date() },
    },
    // August's document, written before estates were counted: counters only.
    {
      coll: 'scorecards',
      id: 'community_c-dongjie_2026-08',
      doc: { _id: 'community_c-dongjie_2026-08', scope: 'community', id: 'c-dongjie', month: '2026-08', dispatched: 4, acceptedWithinSla: 4, resolved: 4, rated: 2, satisfiedOrBasic: 2, received: 4, open: {} },
    },
  ] as never);
  const act = dispatchAt(h.local);
  const item = async (name: string, from: keyof typeof FROM, unit: keyof typeof LIAISON, t: Date, outcome: Outcome) => {
    const at = (hours: number) => new Date(t.getTime() + hours * HOUR);
    const resident = FROM[from];
    const id = (await act(resident, 'submit', { category: 'health', text: `${name} 事项` }, at(0)))._id;
    ids[name] = id;
    if (outcome === 'submitted') return;
    await act(PEOPLE.staff, 'dispatch', { id, unitId: unit, slots: 1, expectedHours: 1 }, at(1));
    if (outcome === 'unaccepted') return;
    await act(LIAISON[unit], 'accept', { id }, outcome === 'lateOpen' ? at(4 * 24) : at(2));
    if (outcome === 'lateOpen') return;
    await act(MEMBER[unit], 'claim', { id }, at(3));
    await act(MEMBER[unit], 'complete', { id, notes: '已上门', hours: 1 }, at(24));
    await act(PEOPLE.staff, 'verify', { id }, at(26));
    await act(resident, 'rate', { id, value: outcome }, at(48));
  };
  const sep = new Date('2026-09-03T09:00:00+08:00');
  const oct = new Date('2026-10-12T09:00:00+08:00');
  await item('A', 'xingfu', 'unit-renshe', sep, 'satisfied');
  await item('B', 'xingfu', 'unit-weijian', sep, 'unsatisfied');
  await item('C', 'heping', 'unit-renshe', sep, 'unaccepted');
  await item('D', 'none', 'unit-weijian', sep, 'basic');
  await item('E', 'heping', 'unit-weijian', sep, 'lateOpen');
  await item('F', 'xingfu', 'unit-renshe', oct, 'satisfied');
  await item('G', 'none', 'unit-weijian', oct, 'unaccepted');
  await item('H', 'heping', 'unit-renshe', oct, 'submitted');
}, 120_000);
afterAll(() => h.close());

const board = (period: string, as: string = PEOPLE.staff) => h.ok(as, 'stats', 'dashboard', { scope: 'community', id: 'c-dongjie', period }) as Promise<Dashboard>;
const row = (rows: FigureRow[], id: string) => rows.find((r) => r.id === id)!;
const figures = (r: FigureRow) => ({
  received: r.received,
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

test('September by estate, as counted by hand; lowest first, below-target marked', async () => {
  const d = await board('2026-09');
  // 幸福: A, B on time, resolved, rated; A satisfied, B not.
  expect(figures(row(d.estates, 'e-xingfu'))).toEqual({
    received: 2, dispatched: 2, acceptedWithinSla: 2, resolved: 2, openOverdue: 0, rated: 2, satisfiedOrBasic: 1,
    responseRate: 1, resolutionRate: 1, satisfactionRate: 0.5,
  });
  // 和平: C never accepted, E accepted late and open — both overdue.
  expect(figures(row(d.estates, 'e-heping'))).toEqual({
    received: 2, dispatched: 2, acceptedWithinSla: 0, resolved: 0, openOverdue: 2, rated: 0, satisfiedOrBasic: 0,
    responseRate: 0, resolutionRate: 0, satisfactionRate: null,
  });
  // 未关联小区: D, basic.
  expect(figures(row(d.estates, '_none'))).toEqual({
    received: 1, dispatched: 1, acceptedWithinSla: 1, resolved: 1, openOverdue: 0, rated: 1, satisfiedOrBasic: 1,
    responseRate: 1, resolutionRate: 1, satisfactionRate: 1,
  });
  expect(row(d.estates, '_none').name).toBe('未关联小区');
  expect(row(d.estates, 'e-heping')).toMatchObject({ scope: 'estate', name: '和平小区', below: ['responseRate', 'resolutionRate'] });
  expect(row(d.estates, 'e-xingfu').below).toEqual(['satisfactionRate']);
  expect(row(d.estates, '_none').below).toEqual([]);
  // The estates add up to the community.
  const sum = (k: 'received' | 'dispatched' | 'acceptedWithinSla' | 'resolved' | 'openOverdue' | 'rated' | 'satisfiedOrBasic') => d.estates.reduce((a, r) => a + r[k], 0);
  expect([sum('dispatched'), sum('acceptedWithinSla'), sum('resolved'), sum('openOverdue'), sum('rated'), sum('satisfiedOrBasic'), sum('received')]).toEqual([
    d.total.dispatched, d.total.acceptedWithinSla, d.total.resolved, d.total.openOverdue, d.total.rated, d.total.satisfiedOrBasic, d.total.received,
  ]);
  expect(d.estates[0].id).toBe('e-heping');
  const bySatisfaction = await h.ok(PEOPLE.staff, 'stats', 'dashboard', { scope: 'community', id: 'c-dongjie', period: '2026-09', sortBy: 'satisfactionRate' });
  // 幸福 0.5, 未关联 1, then 和平 with nothing rated.
  expect(bySatisfaction.estates.map((r) => r.id)).toEqual(['e-xingfu', '_none', 'e-heping']);
});

test('October and the year; a month before the estate counters adds nothing to them', async () => {
  const oct = await board('2026-10');
  expect(figures(row(oct.estates, 'e-xingfu'))).toMatchObject({ received: 1, dispatched: 1, acceptedWithinSla: 1, resolved: 1, rated: 1, satisfiedOrBasic: 1 });
  expect(figures(row(oct.estates, 'e-heping'))).toMatchObject({ received: 1, dispatched: 0, responseRate: null, resolutionRate: null, satisfactionRate: null });
  expect(figures(row(oct.estates, '_none'))).toMatchObject({ received: 1, dispatched: 1, acceptedWithinSla: 0, openOverdue: 1, responseRate: 0, resolutionRate: 0 });

  // August (no estate counters) renders: its total is there, and no estate row but the community's own.
  const aug = await board('2026-08');
  expect(aug.total).toMatchObject({ dispatched: 4, received: 4 });
  expect(aug.estates.map((r) => r.id).sort()).toEqual(['e-heping', 'e-xingfu']);
  expect(aug.estates.every((r) => r.dispatched === 0 && r.received === 0 && r.responseRate === null)).toBe(true);

  const year = await board('2026');
  expect(year.total).toMatchObject({ dispatched: 11, received: 12 });
  expect(figures(row(year.estates, 'e-xingfu'))).toEqual({
    received: 3, dispatched: 3, acceptedWithinSla: 3, resolved: 3, openOverdue: 0, rated: 3, satisfiedOrBasic: 2,
    responseRate: 1, resolutionRate: 1, satisfactionRate: 0.667,
  });
  expect(figures(row(year.estates, 'e-heping'))).toMatchObject({ received: 3, dispatched: 2, acceptedWithinSla: 0, openOverdue: 2 });
  expect(figures(row(year.estates, '_none'))).toEqual({
    received: 2, dispatched: 2, acceptedWithinSla: 1, resolved: 1, openOverdue: 1, rated: 1, satisfiedOrBasic: 1,
    responseRate: 0.5, resolutionRate: 0.5, satisfactionRate: 1,
  });
});

test("an estate's figure drills down to exactly the items it counts", async () => {
  const drill = async (payload: Record<string, unknown>, as: string = PEOPLE.staff) => {
    const page = await h.ok(as, 'stats', 'items', { scope: 'community', id: 'c-dongjie', pageSize: 50, ...payload } as never);
    expect(page.total).toBe(page.items.length);
    return page.items.map((i) => i._id).sort();
  };
  const of = (...names: string[]) => names.map((n) => ids[n]).sort();
  expect(await drill({ estateId: 'e-heping', period: '2026-09', figure: 'openOverdue' })).toEqual(of('C', 'E'));
  expect(await drill({ estateId: 'e-heping', period: '2026', figure: 'received' })).toEqual(of('C', 'E', 'H'));
  expect(await drill({ estateId: 'e-xingfu', period: '2026-09', figure: 'satisfiedOrBasic' })).toEqual(of('A'));
  expect(await drill({ estateId: 'e-xingfu', period: '2026', figure: 'resolved' })).toEqual(of('A', 'B', 'F'));
  expect(await drill({ estateId: '_none', period: '2026', figure: 'dispatched' })).toEqual(of('D', 'G'));
  expect(await drill({ estateId: '_none', period: '2026-10', figure: 'openOverdue' }, 'demo-town-chengguan')).toEqual(of('G'));
  expect(await drill({ estateId: 'e-heping', unitId: 'unit-weijian', period: '2026-09', figure: 'dispatched' })).toEqual(of('E'));
  // An estate of another community names nothing here.
  expect(await drill({ estateId: 'e-ximenhuayuan', period: '2026', figure: 'received' })).toEqual([]);

  // Every figure of every estate row equals its drill-down's count.
  for (const period of ['2026-09', '2026-10', '2026']) {
    const d = await board(period);
    for (const r of d.estates) {
      for (const figure of ['received', 'dispatched', 'acceptedWithinSla', 'resolved', 'openOverdue', 'rated', 'satisfiedOrBasic'] as const) {
        const page = await h.ok(PEOPLE.staff, 'stats', 'items', { scope: 'community', id: 'c-dongjie', estateId: r.id, period, figure, pageSize: 50 });
        expect([period, r.id, figure, page.total]).toEqual([period, r.id, figure, r[figure]]);
      }
    }
  }
});

test("a community's staff cannot read another community's estates; the town and the county can", async () => {
  const refused = async (as: string, action: 'dashboard' | 'items', payload: Record<string, unknown>) => {
    const res = await h.call(as, 'stats', action, { period: '2026-09', ...payload });
    expect(res.ok ? 'ok' : res.error.code).toBe('FORBIDDEN');
  };
  await refused(PEOPLE.staffXimen, 'dashboard', { scope: 'community', id: 'c-dongjie' });
  await refused(PEOPLE.staffXimen, 'items', { scope: 'community', id: 'c-dongjie', estateId: 'e-heping', figure: 'openOverdue' });
  await refused(PEOPLE.staff, 'items', { scope: 'community', id: 'c-ximen', estateId: 'e-ximenhuayuan', figure: 'dispatched' });
  await refused('demo-liaison-renshe', 'items', { scope: 'community', id: 'c-dongjie', estateId: 'e-xingfu', figure: 'dispatched' });
  await refused(PEOPLE.resident, 'items', { scope: 'community', id: 'c-dongjie', estateId: 'e-xingfu', figure: 'dispatched' });
  expect((await board('2026-09', 'demo-town-chengguan')).estates).toHaveLength(3);
  expect((await board('2026-09', PEOPLE.admin)).estates).toHaveLength(3);
  // Another community's dashboard: its own estates only.
  const ximen = (await h.ok(PEOPLE.staffXimen, 'stats', 'dashboard', { scope: 'community', id: 'c-ximen', period: '2026-09' })) as Dashboard;
  expect(ximen.estates.map((r) => r.id).sort()).toEqual(['e-shuxiangyuan', 'e-ximenhuayuan']);
  // The county's and a town's dashboards carry no estates.
  expect((await h.ok(PEOPLE.admin, 'stats', 'dashboard', { scope: 'county', period: '2026-09' })).estates).toEqual([]);
});

test('reads: the estates come with the names already read', async () => {
  const { result, counts } = await h.raw(PEOPLE.staff, 'stats', { action: 'dashboard', scope: 'community', id: 'c-dongjie', period: '2026' });
  expect(result.ok).toBe(true);
  expect(counts.read).toBeLessThanOrEqual(3);
  expect(counts.write).toBe(0);
});
