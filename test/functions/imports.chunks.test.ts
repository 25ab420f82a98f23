/**
 * Imports larger than one call: a sheet of 10,000 good rows is applied in several chunks with
 * progress (a small time budget forces them), a chunk redone after a crash changes nothing, a
 * call finds the job held by another call and waits, and a file changed since the dry run is
 * refused.
 */
import fs from 'node:fs';
import { db } from '../../cloudfunctions/lib/cloud';
import type { ImportJob } from '../../types/imports';
import { LocalCloud } from '../../local/runtime';
import { openHarness, PEOPLE, type Harness } from './harness';
import { applyAll, COUNTY, dryRun, writeWorkbook } from './imports.fixtures';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(() => {
  delete process.env.IMPORT_CHUNK_MS;
  h.close();
});

/** Changes a job as a crashed or concurrent call would have left it. */
async function patchJob(id: string, data: Partial<ImportJob>): Promise<void> {
  await h.local.invoke({ main: () => db.collection('imports').doc(id).update({ data }) }, {}, 'test');
}

const job = (id: string) => h.local.db.store.get('imports', id) as unknown as ImportJob;

/** 10,000 households: 1 street, 4 communities, 5 estates each, 10 buildings each, 50 rooms each. */
function tenThousand(): string[][] {
  const rows: string[][] = [];
  for (let c = 1; c <= 4; c++)
    for (let e = 1; e <= 5; e++)
      for (let b = 1; b <= 10; b++)
        for (let r = 1; r <= 50; r++) {
          const code = `35062210500${c}`;
          rows.push(['', '滨江街道', '350622105000', `滨江${c}社区`, code, `滨江${c}-${e}小区`, `滨江${c}-${e}小区${b}号楼`, String(100 + r)]);
        }
  return rows;
}

describe('resuming and holding', () => {
  let importId = '';
  beforeAll(async () => {
    importId = (await dryRun(h, await writeWorkbook(COUNTY))).importId;
  });

  it('a call that finds the job held by another answers busy and changes nothing', async () => {
    await patchJob(importId, { lease: 'other-call', leaseUntil: Date.now() + 60_000 });
    const p = await h.ok(PEOPLE.admin, 'imports', 'apply', { importId });
    expect(p).toMatchObject({ busy: true, finished: false, done: 0 });
    expect(h.local.db.store.get('pendingGrants', '13900009001')).toBeNull();
    // The holder died: once its lease has run out, the next call takes over.
    await patchJob(importId, { leaseUntil: Date.now() - 1 });
  });

  it('a chunk redone after a crash (written, but its progress not saved) changes nothing', async () => {
    const first = (await applyAll(h, importId)).at(-1)!;
    expect(first).toMatchObject({ finished: true, done: 12 });
    const counts = (coll: string) => h.local.db.store.all(coll).length;
    const before = ['regions', 'households', 'units', 'pairings', 'pendingGrants', 'keyHouseholds', 'visitPairings', 'roleEvents'].map(counts);
    // As if the call had died after writing every row but before saving where it was.
    const empty = job(importId).planned;
    await patchJob(importId, { status: 'applying', done: 0, applied: Object.fromEntries(Object.keys(empty).map((s) => [s, { rows: 0, create: 0, change: 0, unchanged: 0, bad: 0 }])) as ImportJob['applied'] });
    const redo = (await applyAll(h, importId)).at(-1)!;
    expect(redo).toMatchObject({ finished: true, done: 12, failures: [] });
    for (const s of Object.values(redo.applied)) expect([s.create, s.change]).toEqual([0, 0]);
    expect(['regions', 'households', 'units', 'pairings', 'pendingGrants', 'keyHouseholds', 'visitPairings', 'roleEvents'].map(counts)).toEqual(before);
  });

  it('a file changed since its dry run is refused', async () => {
    const r = await dryRun(h, await writeWorkbook({ units: [['县文旅局', '文化、旅游', '']] }));
    const file = h.local.filePath(LocalCloud.cloudPathOf(job(r.importId).fileId));
    fs.writeFileSync(file, await writeWorkbook({ units: [['县文旅局', '文化、旅游、体育', '']] }));
    const res = await h.call(PEOPLE.admin, 'imports', 'apply', { importId: r.importId });
    expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    expect(!res.ok && res.error.message).toMatch(/改动过，请重新预检/);
    expect(h.local.db.store.all('units').some((u) => u.name === '县文旅局')).toBe(false);
    // The refused call let go of the job.
    expect(job(r.importId)).toMatchObject({ lease: null, leaseUntil: 0, done: 0 });
  });
});

describe('a sheet of 10,000 rows', () => {
  it('is not refused, and applies in chunks with progress up to the final counts', async () => {
    const r = await dryRun(h, await writeWorkbook({ regions: tenThousand() }));
    expect(r.badRows).toEqual([]);
    expect(r.planned.regions).toMatchObject({ rows: 10_000, create: 10_000, bad: 0 });
    expect(r.total).toBe(10_000);

    process.env.IMPORT_CHUNK_MS = '300';
    const progress = await applyAll(h, r.importId);
    delete process.env.IMPORT_CHUNK_MS;
    expect(progress.length).toBeGreaterThan(1);
    const done = progress.map((p) => p.done);
    for (let i = 1; i < done.length; i++) expect(done[i]).toBeGreaterThan(done[i - 1]);
    expect(progress.slice(0, -1).every((p) => !p.finished && p.total === 10_000)).toBe(true);
    const last = progress.at(-1)!;
    expect(last).toMatchObject({ finished: true, done: 10_000, total: 10_000, calls: progress.length, failures: [] });
    expect(last.applied.regions).toMatchObject({ rows: 10_000, create: 10_000, change: 0, unchanged: 0, bad: 0 });
    const streetHouseholds = h.local.db.store.all('households').filter((x) => String(x.communityId).startsWith('rg-35062210500'));
    expect(streetHouseholds).toHaveLength(10_000);
  }, 120_000);
});
