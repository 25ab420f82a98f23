/**
 * Exports to .xlsx: an export's rows are exactly the items the same caller may read (a community's
 * staff never receive another community's rows, a liaison only their unit's), the workbook opens
 * with exceljs and its cells hold dates as dates (China time) and numbers as numbers, a few
 * thousand demands export over several calls with progress, refusals by role and scope, bad input
 * is a typed error, every export is in the audit log, and the monthly report pack is written and
 * kept for whoever may read each workbook's scope.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { actorOf } from '../../cloudfunctions/core/actor';
import { canRead } from '../../cloudfunctions/core/demand';
import type { Demand, DemandStatus } from '../../types/dispatch';
import type { User } from '../../types/domain';
import type { ExportRequest, ExportView } from '../../types/exports';
import * as exportsFn from '../../cloudfunctions/exports/index';
import { openHarness, PEOPLE, type Harness } from './harness';

let h: Harness;
const COMMUNITIES = ['c-dongjie', 'c-ximen', 'c-nanshan'];
const UNITS: Record<string, string[]> = { 'c-dongjie': ['unit-renshe', 'unit-weijian'], 'c-ximen': ['unit-weijian', 'unit-zhujian'], 'c-nanshan': ['unit-zhujian', 'unit-gongdian'] };
const STATUSES: DemandStatus[] = ['submitted', 'dispatched', 'accepted', 'completed', 'verified', 'closed'];
const TOWN_OTHER = 'test-town-other';

/** A demand of community `c`, created `i` hours into November 2026 (China time), through the states up to `status`. */
function demandDoc(id: string, i: number, status: DemandStatus, c: string, offered: string[], accepted: boolean): Demand {
  const at = new Date(new Date('2026-11-01T08:00:00+08:00').getTime() + i * 3_600_000);
  const plus = (h: number) => new Date(at.getTime() + h * 3_600_000);
  const dispatched = status !== 'submitted';
  const unitId = dispatched && accepted ? offered[0] : null;
  const timeline: Demand['timeline'] = [{ at, actor: 'demo-resident-wang', actorName: '王秀英', event: 'submit', from: null, to: 'submitted' }];
  if (dispatched) timeline.push({ at: plus(1), actor: PEOPLE.staff, actorName: '周芳', event: 'dispatch', from: 'submitted', to: 'dispatched' });
  if (unitId) timeline.push({ at: plus(2), actor: PEOPLE.liaison, actorName: '赵敏', event: 'accept', from: 'dispatched', to: 'accepted' });
  if (['completed', 'verified', 'closed'].includes(status)) timeline.push({ at: plus(5), actor: PEOPLE.member, actorName: '张伟', event: 'complete', from: 'accepted', to: 'completed' });
  return {
    _id: id,
    kind: 'demand',
    category: i % 2 ? 'facilities' : 'elderlyCare',
    text: `第${i}件：楼道灯坏了`,
    photos: [],
    urgency: 'normal',
    anonymous: false,
    status: unitId || !dispatched ? status : 'dispatched',
    submitter: { openid: 'demo-resident-wang', name: '王秀英', phone: '13800001001' },
    onBehalfBy: null,
    communityId: c,
    townId: 'town-chengguan',
    buildingId: null,
    householdId: null,
    createdAt: at,
    dispatch: dispatched
      ? { unitId, offeredTo: unitId ? [unitId] : offered, slots: 2, expectedHours: 2, dispatchedAt: plus(1), month: '2026-11', acceptBy: plus(25), finishBy: plus(170), acceptedAt: unitId ? plus(2) : null, acceptedWithinSla: unitId ? true : null }
      : null,
    claims: unitId ? [{ openid: PEOPLE.member, name: '张伟', at: plus(3), by: 'self', done: status !== 'accepted', hours: status === 'accepted' ? null : 1.5 }] : [],
    claimedCount: unitId ? 1 : 0,
    openSlots: 0,
    completion: null,
    rating: null,
    reopenCount: 0,
    mergedInto: null,
    escalatedAt: null,
    returnVisits: [],
    resolvedAt: null,
    timeline,
    version: 1,
  };
}

function generate(n: number, prefix: string): Demand[] {
  return Array.from({ length: n }, (_, i) => {
    const c = COMMUNITIES[i % 3];
    return demandDoc(`${prefix}-${String(i).padStart(5, '0')}`, i % 700, STATUSES[i % STATUSES.length], c, i % 4 === 1 ? UNITS[c] : [UNITS[c][i % 2]], i % 4 !== 1);
  });
}

function insert(coll: string, docs: { _id: string }[]): void {
  h.local.db.store.commit(docs.map((d) => ({ coll, id: d._id, doc: d })) as never);
}

/** Starts an export and continues it until it is no longer running; answers every view seen. */
async function runExport(as: string, req: ExportRequest): Promise<ExportView[]> {
  const seen = [await h.ok(as, 'exports', 'start', req)];
  while (seen[seen.length - 1].status === 'running') seen.push(await h.ok(as, 'exports', 'continue', { id: seen[0]._id }));
  return seen;
}

async function workbookOf(as: string, id: string): Promise<ExcelJS.Workbook> {
  const { url, fileName } = await h.ok(as, 'exports', 'download', { id });
  expect(fileName).toMatch(/\.xlsx$/);
  const cloudPath = decodeURIComponent(/^\/files\/(.+)$/.exec(url)![1]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync(h.local.filePath(cloudPath)) as unknown as ArrayBuffer);
  return wb;
}

/** The first column (编号) of a sheet's data rows. */
function ids(ws: ExcelJS.Worksheet): string[] {
  const out: string[] = [];
  ws.eachRow((r, n) => {
    if (n > 1) out.push(String(r.getCell(1).value));
  });
  return out.sort();
}

const header = (ws: ExcelJS.Worksheet): string[] => (ws.getRow(1).values as string[]).slice(1);

function readable(openid: string, demands: Demand[]): string[] {
  const user = h.local.db.store.get('users', openid) as unknown as User;
  return demands.filter((d) => canRead(d, actorOf(user))).map((d) => d._id).sort();
}

const NOVEMBER: ExportRequest = { kind: 'demands', from: '2026-11', to: '2026-11' };
let demands: Demand[] = [];

beforeAll(async () => {
  h = await openHarness();
  demands = generate(90, 'x');
  insert('demands', demands);
  insert('users', [{ _id: TOWN_OTHER, name: '何平', phone: '13800007009', roles: [{ role: 'resident' }, { role: 'town', townId: 't-elsewhere' }], communityId: null, buildingId: null, unitId: null, elderMode: false, createdAt: new Date() } as never]);
});
afterAll(() => {
  delete process.env.EXPORT_CHUNK_MS;
  h.close();
});

describe('rows equal what the caller may read', () => {
  it.each([
    ['community staff (东街)', PEOPLE.staff],
    ['other community staff (西门)', PEOPLE.staffXimen],
    ['a unit liaison (人社局)', PEOPLE.liaison],
    ['the town official (城关镇)', 'demo-town-chengguan'],
    ['the county admin', PEOPLE.admin],
  ])('%s', async (_who, openid) => {
    const views = await runExport(openid, NOVEMBER);
    const last = views[views.length - 1];
    expect(last).toMatchObject({ status: 'finished' });
    const wb = await workbookOf(openid, last._id);
    const got = ids(wb.getWorksheet('诉求')!);
    expect(got).toEqual(readable(openid, demands));
    expect(last.done).toBe(got.length);
  });

  it("a community's staff never receive another community's rows; a liaison only their unit's", async () => {
    const staff = ids((await workbookOf(PEOPLE.staff, (await runExport(PEOPLE.staff, NOVEMBER)).at(-1)!._id)).getWorksheet('诉求')!);
    expect(staff.length).toBeGreaterThan(0);
    expect(staff.every((id) => demands.find((d) => d._id === id)!.communityId === 'c-dongjie')).toBe(true);
    const liaison = ids((await workbookOf(PEOPLE.liaison, (await runExport(PEOPLE.liaison, NOVEMBER)).at(-1)!._id)).getWorksheet('诉求')!);
    expect(liaison.length).toBeGreaterThan(0);
    for (const id of liaison) {
      const d = demands.find((x) => x._id === id)!;
      expect(d.dispatch!.unitId ? [d.dispatch!.unitId] : d.dispatch!.offeredTo).toContain('unit-renshe');
    }
  });

  it('filters narrow within the scope: status, category, unit', async () => {
    const req: ExportRequest = { kind: 'demands', from: '2026-11', to: '2026-11', status: 'accepted', category: 'facilities', unitId: 'unit-weijian' };
    const got = ids((await workbookOf(PEOPLE.admin, (await runExport(PEOPLE.admin, req)).at(-1)!._id)).getWorksheet('诉求')!);
    const want = demands.filter((d) => d.status === 'accepted' && d.category === 'facilities' && (d.dispatch?.unitId ? [d.dispatch.unitId] : (d.dispatch?.offeredTo ?? [])).includes('unit-weijian'));
    expect(got).toEqual(want.map((d) => d._id).sort());
  });
});

describe('the workbook', () => {
  it('opens with exceljs: Chinese headers, dates as dates in China time, numbers as numbers', async () => {
    const last = (await runExport(PEOPLE.admin, NOVEMBER)).at(-1)!;
    const ws = (await workbookOf(PEOPLE.admin, last._id)).getWorksheet('诉求')!;
    const head = header(ws);
    expect(head.slice(0, 9)).toEqual(['编号', '类型', '类别', '紧急程度', '状态', '社区', '承办单位', '诉求内容', '提交时间']);
    const col = (name: string) => head.indexOf(name) + 1;
    let row: ExcelJS.Row | null = null;
    ws.eachRow((r, n) => {
      if (n > 1 && r.getCell(1).value === 'x-00002') row = r;
    });
    const r = row as unknown as ExcelJS.Row;
    const d = demands.find((x) => x._id === 'x-00002')!; // accepted: submit 10:00, dispatch 11:00, accept 12:00 China time
    const submitted = r.getCell(col('提交时间')).value as Date;
    expect(submitted).toBeInstanceOf(Date);
    // Excel shows wall-clock time: the cell reads 2026-11-01 10:00 (China time of 02:00 UTC).
    expect(submitted.toISOString()).toBe('2026-11-01T10:00:00.000Z');
    expect(new Date(d.createdAt).toISOString()).toBe('2026-11-01T02:00:00.000Z');
    expect((r.getCell(col('接单时间')).value as Date).toISOString()).toBe('2026-11-01T12:00:00.000Z');
    expect(r.getCell(col('提交时间')).numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(r.getCell(col('认领人数')).value).toBe(1);
    expect(typeof r.getCell(col('延期次数')).value).toBe('number');
    expect(r.getCell(col('状态')).value).toBe('已接单');
    expect(r.getCell(col('社区')).value).toBe('南山社区');
    expect(String(r.getCell(col('状态变化')).value)).toContain('2026-11-01 12:00 接单 → 已接单');
    expect(r.getCell(col('社区自办时间')).value).toBeNull();
  });

  it('三率 of every community and unit for the admin (rates as numbers), only its own for a community', async () => {
    const month = '2026-11';
    insert('scorecards', [
      { _id: `community_c-dongjie_${month}`, scope: 'community', id: 'c-dongjie', month, dispatched: 4, acceptedWithinSla: 3, resolved: 2, rated: 2, satisfiedOrBasic: 2, open: {} },
      { _id: `community_c-ximen_${month}`, scope: 'community', id: 'c-ximen', month, dispatched: 2, acceptedWithinSla: 2, resolved: 0, rated: 0, satisfiedOrBasic: 0, open: { dz: new Date('2026-11-02T00:00:00Z') } },
      { _id: `unit_unit-renshe_${month}`, scope: 'unit', id: 'unit-renshe', month, dispatched: 1, acceptedWithinSla: 1, resolved: 1, rated: 1, satisfiedOrBasic: 0, open: {} },
    ] as never);
    const all = (await workbookOf(PEOPLE.admin, (await runExport(PEOPLE.admin, { kind: 'scorecards', month })).at(-1)!._id)).getWorksheet('三率')!;
    const rows: Record<string, ExcelJS.CellValue[]> = {};
    all.eachRow((r, n) => {
      if (n > 1) rows[String(r.getCell(2).value)] = (r.values as ExcelJS.CellValue[]).slice(1);
    });
    expect(header(all)).toContain('响应率');
    expect(rows['东街社区'].slice(0, 9)).toEqual(['社区', '东街社区', month, 4, 3, 0.75, 2, 0, 1]);
    // An open overdue item counts against 解决率: 0 ÷ (0 + 1).
    expect(rows['西门社区'][8]).toBe(0);
    expect(rows['西门社区'][7]).toBe(1);
    expect(rows['县人社局'][11]).toBe(0);
    // No rating: an empty cell, never 0 %.
    expect(rows['西门社区'][11] ?? null).toBeNull();
    const own = (await workbookOf(PEOPLE.staff, (await runExport(PEOPLE.staff, { kind: 'scorecards', month })).at(-1)!._id)).getWorksheet('三率')!;
    expect(own.rowCount).toBe(2);
    expect(own.getRow(2).getCell(2).value).toBe('东街社区');
    const unit = (await workbookOf(PEOPLE.liaison, (await runExport(PEOPLE.liaison, { kind: 'scorecards', month })).at(-1)!._id)).getWorksheet('三率')!;
    expect(unit.rowCount).toBe(2);
    expect(unit.getRow(2).getCell(2).value).toBe('县人社局');
  });

  it('hours against the 20 h target, by year, from the point accounts', async () => {
    insert('pointAccounts', [
      { _id: 'acc-a', name: '甲', communityId: 'c-dongjie', unitId: 'unit-renshe', balance: 30, earned: 40, hours: 22, years: { 2026: { points: 40, hours: 22 } }, months: {}, capDays: {}, capMonths: {}, redeemed: {}, entries: 3, updatedAt: new Date() },
      { _id: 'acc-b', name: '乙', communityId: 'c-ximen', unitId: 'unit-weijian', balance: 5, earned: 5, hours: 3.5, years: { 2026: { points: 5, hours: 3.5 } }, months: {}, capDays: {}, capMonths: {}, redeemed: {}, entries: 1, updatedAt: new Date() },
    ] as never);
    const ws = (await workbookOf(PEOPLE.liaison, (await runExport(PEOPLE.liaison, { kind: 'hours', year: '2026' })).at(-1)!._id)).getWorksheet('服务时长与积分')!;
    const names: string[] = [];
    ws.eachRow((r, n) => {
      if (n > 1) names.push(String(r.getCell(1).value));
    });
    expect(names).toContain('甲');
    expect(names).not.toContain('乙');
    let a: ExcelJS.CellValue[] = [];
    ws.eachRow((r) => {
      if (r.getCell(1).value === '甲') a = (r.values as ExcelJS.CellValue[]).slice(1);
    });
    expect(a).toEqual(['甲', '东街社区', '县人社局', '2026', 22, 20, '是', 0, 40, 30]);
  });

  it('双报到 by month: one row per check-in of the year, in time order, a liaison only their unit’s, a community’s staff only their residents’', async () => {
    const ci = (id: string, name: string, communityId: string, unitId: string, month: string, at: string) => ({ _id: id, openid: id, name, communityId, unitId, month, at: new Date(`${at}+08:00`), note: '', points: 5 });
    insert('checkIns', [
      ci('ci-1', '丙', 'c-dongjie', 'unit-renshe', '2025-10', '2025-10-02T09:00:00'),
      ci('ci-2', '丁', 'c-ximen', 'unit-weijian', '2025-10', '2025-10-03T09:00:00'),
      ci('ci-3', '丙', 'c-dongjie', 'unit-renshe', '2025-11', '2025-11-01T09:00:00'),
      ci('ci-4', '丙', 'c-dongjie', 'unit-renshe', '2024-12', '2024-12-01T09:00:00'),
    ] as never);
    const rows = async (as: string) => {
      const ws = (await workbookOf(as, (await runExport(as, { kind: 'checkIns', year: '2025' })).at(-1)!._id)).getWorksheet('双报到')!;
      const out: ExcelJS.CellValue[][] = [];
      ws.eachRow((r, n) => {
        if (n > 1) out.push((r.values as ExcelJS.CellValue[]).slice(1));
      });
      return out;
    };
    const all = await rows(PEOPLE.admin);
    expect(all.map((r) => [r[0], r[1], r[2], r[3]])).toEqual([
      ['2025-10', '丙', '东街社区', '县人社局'],
      ['2025-10', '丁', '西门社区', '县卫健局'],
      ['2025-11', '丙', '东街社区', '县人社局'],
    ]);
    expect(all[0][4]).toBeInstanceOf(Date);
    expect(all[0][5]).toBe(5);
    expect((await rows(PEOPLE.liaison)).map((r) => r[1])).toEqual(['丙', '丙']);
    expect((await rows(PEOPLE.staffXimen)).map((r) => r[1])).toEqual(['丁']);
  });
});

describe('large exports in chunks', () => {
  it('a few thousand demands complete over several calls, with progress, each row once', async () => {
    const many = generate(3200, 'big').map((d) => ({ ...d, createdAt: new Date(new Date(d.createdAt).getTime() + 31 * 86_400_000) })); // December
    insert('demands', many);
    process.env.EXPORT_CHUNK_MS = '1'; // one page (1,000 rows) a call
    try {
      const views = await runExport(PEOPLE.admin, { kind: 'demands', from: '2026-12', to: '2026-12' });
      expect(views.length).toBeGreaterThanOrEqual(4);
      expect(views[0]).toMatchObject({ status: 'running', done: 1000, total: 3200 });
      const dones = views.map((v) => v.done);
      expect(dones).toEqual([...dones].sort((a, b) => a - b));
      expect(views.at(-1)).toMatchObject({ status: 'finished', done: 3200, total: 3200 });
      const got = ids((await workbookOf(PEOPLE.admin, views[0]._id)).getWorksheet('诉求')!);
      expect(got).toEqual(many.map((d) => d._id).sort());
    } finally {
      delete process.env.EXPORT_CHUNK_MS;
    }
  }, 180_000);

  it('a call that finds the job held by another answers busy and changes nothing', async () => {
    process.env.EXPORT_CHUNK_MS = '1';
    try {
      const first = await h.ok(PEOPLE.admin, 'exports', 'start', { kind: 'demands', from: '2026-12', to: '2026-12' });
      const doc = h.local.db.store.get('exports', first._id)!;
      h.local.db.store.commit([{ coll: 'exports', id: first._id, doc: { ...doc, lease: 'other', leaseUntil: Date.now() + 60_000 } }] as never);
      const busy = await h.ok(PEOPLE.admin, 'exports', 'continue', { id: first._id });
      expect(busy).toMatchObject({ busy: true, done: 1000, status: 'running' });
    } finally {
      delete process.env.EXPORT_CHUNK_MS;
    }
  });
});

describe('refusals', () => {
  it.each([
    ['a resident', PEOPLE.resident, NOVEMBER, 'FORBIDDEN'],
    ['a member', PEOPLE.memberWeijian, NOVEMBER, 'FORBIDDEN'],
    ['staff asking for another community', PEOPLE.staff, { ...NOVEMBER, communityId: 'c-ximen' }, 'FORBIDDEN'],
    ['staff asking for another community’s ledger', PEOPLE.staff, { kind: 'ledger', communityId: 'c-ximen', from: '2026-11', to: '2026-11' }, 'FORBIDDEN'],
    ['a liaison asking for visits', PEOPLE.liaison, { kind: 'visits', month: '2026-11' }, 'FORBIDDEN'],
    ['a town official of a town with no communities', TOWN_OTHER, NOVEMBER, 'FORBIDDEN'],
    ['the admin naming no such community', PEOPLE.admin, { ...NOVEMBER, communityId: 'c-nosuch' }, 'NOT_FOUND'],
  ] as [string, string, ExportRequest, string][])('%s', async (_who, openid, req, code) => {
    const before = h.local.db.store.all('exports').length;
    expect(await h.call(openid, 'exports', 'start', req)).toMatchObject({ ok: false, error: { code } });
    expect(h.local.db.store.all('exports').length).toBe(before);
  });

  it('another person’s export can be neither continued nor downloaded', async () => {
    const mine = (await runExport(PEOPLE.staff, NOVEMBER)).at(-1)!;
    expect(await h.call(PEOPLE.staffXimen, 'exports', 'continue', { id: mine._id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await h.call(PEOPLE.staffXimen, 'exports', 'download', { id: mine._id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await h.call(PEOPLE.admin, 'exports', 'download', { id: mine._id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it.each([
    ['a month that does not exist', { kind: 'demands', from: '2026-13', to: '2026-13' }],
    ['a period backwards', { kind: 'demands', from: '2026-12', to: '2026-11' }],
    ['a period over 24 months', { kind: 'demands', from: '2023-01', to: '2026-11' }],
    ['an unknown kind', { kind: 'everything' }],
    ['an unknown field', { ...NOVEMBER, openid: PEOPLE.admin }],
    ['an unknown status', { ...NOVEMBER, status: 'lost' }],
    ['a year as a number', { kind: 'hours', year: 2026 }],
  ])('bad input: %s → INVALID_INPUT', async (_what, req) => {
    expect(await h.call(PEOPLE.admin, 'exports', 'start', req as never)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('only the county admin runs the monthly pack', async () => {
    expect(await h.call(PEOPLE.staff, 'exports', 'runPack', { month: '2026-11' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('logged and listed', () => {
  it('every finished export is in the audit log: who, what, how many rows', async () => {
    const last = (await runExport(PEOPLE.staff, { kind: 'scorecards', month: '2026-11' })).at(-1)!;
    const entry = h.local.db.store.all('auditLog').find((e) => (e as unknown as { target: { id: string } }).target.id === last._id) as unknown as {
      actor: { openid: string };
      action: string;
      after: { kind: string; rows: number };
    };
    expect(entry).toMatchObject({ actor: { openid: PEOPLE.staff }, action: 'export', after: { kind: 'scorecards', rows: 1 } });
  });

  it('the list shows the caller’s own exports, newest first, with progress', async () => {
    const { mine } = await h.ok(PEOPLE.staff, 'exports', 'list', {});
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((v) => v.status === 'finished' && v.done === v.total)).toBe(true);
    const others = await h.ok(PEOPLE.staffXimen, 'exports', 'list', {});
    expect(others.mine.map((v) => v._id)).not.toContain(mine[0]._id);
  });
});

describe('the monthly report pack', () => {
  it('one workbook per community, unit, town and the county, kept for those who may read each', async () => {
    let p = await h.ok(PEOPLE.admin, 'exports', 'runPack', { month: '2026-11' });
    while (!p.finished) p = await h.ok(PEOPLE.admin, 'exports', 'runPack', { month: '2026-11' });
    // 1 county + 1 town + 3 communities + 4 units.
    expect(p).toMatchObject({ total: 9, done: 9, finished: true });
    const admin = await h.ok(PEOPLE.admin, 'exports', 'list', {});
    expect(admin.packs).toHaveLength(9);
    const staff = await h.ok(PEOPLE.staff, 'exports', 'list', {});
    expect(staff.packs.map((v) => v.pack)).toEqual([{ month: '2026-11', level: 'community' }]);
    const wb = await workbookOf(PEOPLE.staff, staff.packs[0]._id);
    expect(wb.getWorksheet('三率')!.getRow(2).getCell(2).value).toBe('东街社区');
    expect(wb.getWorksheet('走访覆盖率')).toBeTruthy();
    const town = await h.ok('demo-town-chengguan', 'exports', 'list', {});
    expect(town.packs.map((v) => v.pack?.level)).toEqual(['town']);
    const county = admin.packs.find((v) => v.pack?.level === 'county')!;
    expect(await h.call(PEOPLE.staff, 'exports', 'download', { id: county._id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    // Run again: nothing new is written.
    expect(await h.ok(PEOPLE.admin, 'exports', 'runPack', { month: '2026-11' })).toMatchObject({ total: 9, finished: true });
  });

  it('the timer goes on with the month just ended and stops once its pack is written', async () => {
    const { result } = await h.local.trigger(exportsFn, 'exports-timer');
    expect(result).toMatchObject({ ok: true });
  });
});
