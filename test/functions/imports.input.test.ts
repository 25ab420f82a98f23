/**
 * A workbook with bad rows: every bad row is reported with its sheet, row number, column and a
 * Chinese reason, and none of them is ever written; the good rows of the same file are. A file
 * that is not an xlsx is refused before anything reads it.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BadRow } from '../../types/imports';
import { openHarness, PEOPLE, type Harness } from './harness';
import { applyAll, dryRun, rawWorkbook, uploadBytes, writeWorkbook } from './imports.fixtures';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(() => h.close());

const store = () => h.local.db.store;
const find = (bad: BadRow[], sheet: BadRow['sheet'], row: number) => bad.find((b) => b.sheet === sheet && b.row === row);

describe('bad rows', () => {
  const BAD = {
    regions: [
      ['', '城关镇', '', '东街社区', '', '和平小区', '和平小区1号楼', '901'], // row 2: good
      ['', '城关镇', '', '东街社区', '', '和平小区', '和平小区1号楼', '901'], // row 3: the same household again
      ['', '城关镇', '3506221030', '东街社区', '', '', '', ''], // row 4: a code of 10 digits
      ['', '城关镇', '', '', '', '', '', ''], // row 5: no community
      ['', '城关镇', '', '东街社区', '', '', '和平小区9号楼', '101'], // row 6: a building without its estate
    ],
    units: [['县卫健局', '', '不存在社区']], // row 2: unknown community
    people: [
      ['赵新', '13900008001', '党员', '县不存在局', ''], // row 2: unknown unit
      ['钱新', '1390000', '网格员', '', '东街社区'], // row 3: bad phone
      ['孙新', '13900008003', '县长', '', ''], // row 4: unknown role
      ['李新', '13900008004', '社区工作者', '', ''], // row 5: staff without a community
      ['周新', '13900008005', '网格员', '', '东街社区'], // row 6: good
    ],
    keyHouseholds: [
      ['东街社区', '幸福小区', '幸福小区1号楼', '201', '糖尿病', '每周', '吴阿婆', '13912340002', '', ''], // row 2: a diagnosis as category
      ['东街社区', '幸福小区', '幸福小区1号楼', '202', '独居老人', '每周', '郑阿婆', '13912340003', '', '有高血压，按时吃药'], // row 3: diagnosis in notes
      ['东街社区', '幸福小区', '幸福小区1号楼', '999', '独居老人', '每周', '冯阿婆', '13912340004', '', ''], // row 4: no such household
      ['东街社区', '幸福小区', '幸福小区1号楼', '301', '独居老人', '每天', '陈阿婆', '13912340005', '', ''], // row 5: unknown care level
      ['东街社区', '幸福小区', '幸福小区1号楼', '302', '空巢老人', '每月', '褚阿婆', '13912340006', '13800001002', ''], // row 6: visitor from another community
      ['东街社区', '和平小区', '和平小区1号楼', '901', '困难户', '每两周', '卫阿婆', '13912340007', '', ''], // row 7: good (household of row 2 of 地区与住户)
    ],
  };

  let report: Awaited<ReturnType<typeof dryRun>>;
  beforeAll(async () => {
    report = await dryRun(h, await writeWorkbook(BAD));
  });

  it.each([
    ['regions', 3, '房号', /与第 2 行是同一户/],
    ['regions', 4, '镇街代码', /12 位数字/],
    ['regions', 5, '社区', /不能为空/],
    ['regions', 6, '小区', /写了楼栋，请同时写所在小区/],
    ['units', 2, '结对社区', /未找到社区「不存在社区」/],
    ['people', 2, '单位', /未找到单位「县不存在局」/],
    ['people', 3, '手机号', /11 位手机号/],
    ['people', 4, '角色', /角色「县长」无效/],
    ['people', 5, '社区', /社区工作者须填写所在社区/],
    ['keyHouseholds', 2, '关爱类别', /请勿填写病情或诊断（如「糖尿病」）/],
    ['keyHouseholds', 3, '备注', /请勿填写病情或诊断（如「高血压」）/],
    ['keyHouseholds', 4, '房号', /没有房号为 999 的住户/],
    ['keyHouseholds', 5, '走访频次', /走访频次「每天」无效/],
    ['keyHouseholds', 6, '包挂人手机号', /不能包挂/],
  ] as const)('%s row %i: column %s', (sheet, row, column, reason) => {
    const b = find(report.badRows, sheet, row);
    expect(b).toMatchObject({ column });
    expect(b!.reason).toMatch(reason);
  });

  it('counts the good rows and the bad ones per sheet', () => {
    expect(report.badRows).toHaveLength(14);
    expect(report.planned.regions).toMatchObject({ rows: 5, create: 1, bad: 4 });
    expect(report.planned.units).toMatchObject({ rows: 1, bad: 1 });
    expect(report.planned.people).toMatchObject({ rows: 5, create: 1, bad: 4 });
    expect(report.planned.keyHouseholds).toMatchObject({ rows: 6, create: 1, bad: 5 });
    expect(report.total).toBe(3);
  });

  it('apply writes the good rows and none of the refused ones', async () => {
    const last = (await applyAll(h, report.importId)).at(-1)!;
    expect(last).toMatchObject({ finished: true, done: 3, failures: [] });
    const households = store().all('households') as unknown as { buildingId: string; room: string }[];
    expect(households.filter((x) => x.buildingId === 'b-heping-1' && x.room === '901')).toHaveLength(1);
    expect(store().all('regions').some((r) => (r as unknown as { name: string }).name === '和平小区9号楼')).toBe(false);
    expect(store().get('pendingGrants', '13900008005')).not.toBeNull();
    for (const phone of ['13900008001', '13900008003', '13900008004']) expect(store().get('pendingGrants', phone)).toBeNull();
    expect(store().get('keyHouseholds', 'h-xingfu-1-201')).toBeNull();
    expect(store().get('keyHouseholds', 'h-xingfu-1-202')).toBeNull();
    expect(store().get('keyHouseholds', 'h-xingfu-1-302')).toBeNull();
    expect((store().all('householdCare') as unknown as { notes: string }[]).some((c) => /高血压/.test(c.notes))).toBe(false);
  });
});

describe('a sheet without a required column', () => {
  it('reports the missing column on the header row and refuses every row of that sheet', async () => {
    const bytes = await rawWorkbook({
      人员与角色: [
        ['姓名', '角色', '单位', '社区'],
        ['蒋新', '网格员', '', '东街社区'],
        ['沈新', '网格员', '', '东街社区'],
      ],
    });
    const r = await dryRun(h, bytes);
    expect(r.badRows[0]).toEqual({ sheet: 'people', row: 1, column: '手机号', reason: '缺少必填列「手机号」（请使用模板的表头）' });
    expect(r.badRows.filter((b) => b.row > 1).map((b) => b.row)).toEqual([2, 3]);
    expect(r.planned.people).toMatchObject({ rows: 2, bad: 2, create: 0 });
    expect(r.total).toBe(0);
  });

  it('a workbook without any known sheet is refused', async () => {
    const res = await h.call(PEOPLE.admin, 'imports', 'dryRun', { fileId: await uploadBytes(h, await rawWorkbook({ Sheet1: [['a'], ['b']] })) });
    expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(!res.ok && res.error.message).toMatch(/没有可导入的表/);
  });
});

describe('a file that is not an xlsx', () => {
  it('upload refuses it by its signature', async () => {
    const res = await h.call(PEOPLE.admin, 'imports', 'upload', { base64: Buffer.from('姓名,手机号\n张三,13800000000\n').toString('base64') });
    expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(!res.ok && res.error.message).toMatch(/不是 Excel 工作簿/);
  });

  it('dry run refuses one put in storage directly (WeChat uploads there), and a zip that is no workbook', async () => {
    const put = (name: string, bytes: Buffer) => {
      const file = h.local.filePath(`imports/${PEOPLE.admin}/${name}`);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, bytes);
      return `cloud://local/imports/${PEOPLE.admin}/${name}`;
    };
    const files: [string, Buffer][] = [
      ['not-xlsx-csv.xlsx', Buffer.from('姓名,手机号\n张三,13800000000\n')],
      ['not-xlsx-zip.xlsx', Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(64, 7)])],
    ];
    for (const [name, bytes] of files) {
      const res = await h.call(PEOPLE.admin, 'imports', 'dryRun', { fileId: put(name, bytes) });
      expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      expect(!res.ok && res.error.message).toMatch(/不是 Excel 工作簿/);
    }
    expect(store().all('imports').some((j) => /not-xlsx/.test((j as unknown as { fileId: string }).fileId))).toBe(false);
  });

  it('dry run answers NOT_FOUND for a file that is not there, and refuses a file outside imports/', async () => {
    expect(await h.call(PEOPLE.admin, 'imports', 'dryRun', { fileId: `cloud://local/imports/${PEOPLE.admin}/nothing.xlsx` })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await h.call(PEOPLE.admin, 'imports', 'dryRun', { fileId: 'cloud://local/demands/demo-admin/a.jpg' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});
