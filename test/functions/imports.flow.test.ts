/**
 * The workbook import end to end: template → upload → dry run → apply, against the local cloud.
 * The same workbook twice changes nothing the second time.
 */
import fs from 'node:fs';
import type { ImportedRegion } from '../../types/imports';
import { readWorkbook } from '../../cloudfunctions/imports/workbook';
import { LocalCloud } from '../../local/runtime';
import { openHarness, PEOPLE, snapshot, type Harness } from './harness';
import { applyAll, COUNTY, dryRun, writeWorkbook } from './imports.fixtures';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(() => h.close());

const doc = <T>(coll: string, id: string) => h.local.db.store.get(coll, id) as T | null;
const all = <T>(coll: string) => h.local.db.store.all(coll) as T[];

describe('imports.template', () => {
  it('hands out a workbook with the notes sheet and one example row per sheet', async () => {
    const t = await h.ok(PEOPLE.admin, 'imports', 'template', {});
    expect(t.url).toMatch(/^\/files\/imports\/template\//);
    const sheets = await readWorkbook(fs.readFileSync(h.local.filePath(LocalCloud.cloudPathOf(t.fileID))));
    expect(sheets.map((s) => s.sheet)).toEqual(['regions', 'units', 'people', 'keyHouseholds']);
    for (const s of sheets) expect(s.rows).toHaveLength(1);
    expect(sheets[0].headers).toEqual(['县', '镇街', '镇街代码', '社区', '社区代码', '小区', '楼栋', '房号']);
    expect(sheets[0].rows[0].cells['社区代码']).toBe('350622103001');
  });
});

describe('an import', () => {
  let firstImport = '';

  it('dry run: counts per sheet, no bad rows, and nothing written but the job', async () => {
    const before = snapshot(h.local);
    const r = await dryRun(h, await writeWorkbook(COUNTY));
    expect(r.badRows).toEqual([]);
    expect(r.planned.regions).toEqual({ rows: 5, create: 4, change: 0, unchanged: 1, bad: 0 });
    expect(r.planned.units).toEqual({ rows: 3, create: 3, change: 0, unchanged: 0, bad: 0 });
    // 王秀英 is in the app (a grant: change); 陈新 is not (a pending grant: create, then change).
    expect(r.planned.people).toEqual({ rows: 3, create: 1, change: 2, unchanged: 0, bad: 0 });
    expect(r.planned.keyHouseholds).toEqual({ rows: 1, create: 1, change: 0, unchanged: 0, bad: 0 });
    expect(r.total).toBe(12);
    const after = JSON.parse(snapshot(h.local)) as [string, unknown[]][];
    const was = JSON.parse(before) as [string, unknown[]][];
    for (const [coll, docs] of after) if (coll !== 'imports') expect([coll, docs]).toEqual(was.find(([c]) => c === coll));
    firstImport = r.importId;
  });

  it('apply: writes regions in the seed\'s shape with their division codes, units, pairings, roles and the key household', async () => {
    const progress = await applyAll(h, firstImport);
    const last = progress.at(-1)!;
    expect(last).toMatchObject({ finished: true, done: 12, total: 12, failures: [] });
    expect(last.applied.regions).toMatchObject({ create: 4, unchanged: 1 });

    const street = doc<ImportedRegion>('regions', 'rg-350622104000')!;
    expect(street).toEqual({ _id: 'rg-350622104000', level: 'town', name: '城南街道', parentId: 'county-qingshan', path: ['county-qingshan'], depth: 1, divisionCode: '350622104000' });
    const nanmen = doc<ImportedRegion>('regions', 'rg-350622104001')!;
    expect(nanmen).toMatchObject({ level: 'community', name: '南门社区', parentId: street._id, path: ['county-qingshan', street._id], depth: 2, divisionCode: '350622104001' });
    const building = all<ImportedRegion>('regions').find((r) => r.name === '南门小区1号楼')!;
    expect(building).toMatchObject({ level: 'building', depth: 4, path: ['county-qingshan', street._id, nanmen._id, building.parentId] });
    expect(building.divisionCode).toBeUndefined();
    const rooms = all<{ buildingId: string; room: string; communityId: string }>('households').filter((x) => x.buildingId === building._id);
    expect(rooms.map((x) => x.room).sort()).toEqual(['101', '102']);
    expect(rooms[0].communityId).toBe(nanmen._id);

    const unit = all<{ _id: string; name: string; description: string }>('units').find((u) => u.name === '县民政局')!;
    expect(unit.description).toBe('社会救助、养老服务');
    expect(doc('pairings', `${unit._id}_${nanmen._id}`)).toMatchObject({ unitId: unit._id, communityId: nanmen._id, createdBy: PEOPLE.admin });
    expect(doc('pairings', `unit-renshe_${nanmen._id}`)).not.toBeNull();

    const wang = doc<{ roles: unknown[] }>('users', PEOPLE.resident)!;
    expect(wang.roles).toContainEqual({ role: 'gridWorker', communityId: 'c-dongjie' });
    const pending = doc<{ grants: unknown[]; communityId: string; claimedBy: null; name: string }>('pendingGrants', '13900009001')!;
    expect(pending).toMatchObject({ name: '陈新', communityId: nanmen._id, claimedBy: null });
    expect(pending.grants).toEqual([{ role: 'member', unitId: unit._id }, { role: 'liaison', unitId: unit._id }]);

    const hh = all<{ _id: string; buildingId: string; room: string }>('households').find((x) => x.buildingId === 'b-xingfu-1' && x.room === '401')!;
    const key = doc<{ active: boolean; careLevel: string; contactPhoneMasked: string; visitors: { openid: string; kind: string }[]; address: string }>('keyHouseholds', hh._id)!;
    expect(key).toMatchObject({ active: true, careLevel: 'weekly', contactPhoneMasked: '139****0001', address: '幸福小区1号楼 401' });
    expect(key.visitors.map((v) => [v.openid, v.kind])).toEqual([[PEOPLE.gridWorker, 'gridWorker']]);
    expect(doc('householdCare', hh._id)).toMatchObject({ categories: ['livingAlone', 'disabled'], contactPhone: '13912340001', notes: '耳背，请多敲几下' });

    const audits = all<{ action: string; target: { id: string }; after: { total: number } }>('auditLog').filter((a) => a.action === 'applyImport');
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ target: { id: firstImport }, after: { total: 12 } });
  });

  it('the same workbook twice: the second dry run and apply create and change nothing', async () => {
    const r = await dryRun(h, await writeWorkbook(COUNTY));
    for (const s of Object.values(r.planned)) expect([s.create, s.change, s.bad]).toEqual([0, 0, 0]);
    expect(r.total).toBe(12);
    const before = JSON.parse(snapshot(h.local)) as [string, unknown[]][];
    const progress = await applyAll(h, r.importId);
    for (const s of Object.values(progress.at(-1)!.applied)) expect([s.create, s.change]).toEqual([0, 0]);
    const after = JSON.parse(snapshot(h.local)) as [string, unknown[]][];
    // Only the job and its audit entry are new.
    for (const [coll, docs] of after) if (coll !== 'imports' && coll !== 'auditLog') expect([coll, docs]).toEqual(before.find(([c]) => c === coll));
  });

  it('status answers the report and progress; a finished import answers finished again', async () => {
    const s = await h.ok(PEOPLE.admin, 'imports', 'status', { importId: firstImport });
    expect(s).toMatchObject({ status: 'finished', done: 12, total: 12, calls: 1 });
    const again = await h.ok(PEOPLE.admin, 'imports', 'apply', { importId: firstImport });
    expect(again).toMatchObject({ finished: true, calls: 1 });
  });
});
