/**
 * The workbook import in the benchmark: a generated county of 50,000 households (10 streets,
 * 100 communities with their division codes, 500 estates, 5,000 buildings), 200 units paired with
 * communities, 5,000 people with roles and 1,000 key households — uploaded, dry-run and applied
 * through the `imports` function in its default chunks, as the app would. Reports the total time
 * in the local cloud, the number of calls (chunks) and the slowest call, which must stay within
 * CloudBase's 60 s. Then the same file again, which must change nothing.
 */
import * as importsFn from '../cloudfunctions/imports/index';
import { writeWorkbook } from '../cloudfunctions/imports/workbook';
import type { ImportProgress, ImportReport } from '../types/imports';
import type { LocalCloud } from '../local/runtime';
import { table } from './bench-table';

const ADMIN = 'demo-admin';
const LIMIT_MS = 60_000;
const ROLES = ['党员', '党员', '党员', '单位联络员', '网格员', '社区工作者'];

function county() {
  const regions: string[][] = [];
  const communities: { name: string; code: string }[] = [];
  const keyHouseholds: string[][] = [];
  for (let t = 1; t <= 10; t++) {
    const town = `第${t}街道`;
    const townCode = `350622${String(200 + t)}000`;
    for (let c = 1; c <= 10; c++) {
      const name = `${town}${c}社区`;
      const code = `${townCode.slice(0, 9)}${String(c).padStart(3, '0')}`;
      communities.push({ name, code });
      for (let e = 1; e <= 5; e++)
        for (let b = 1; b <= 10; b++)
          for (let r = 1; r <= 10; r++) {
            const estate = `${name}${e}小区`;
            const building = `${estate}${b}号楼`;
            const room = `${Math.ceil(r / 2)}0${(r % 2) + 1}`;
            regions.push(['', town, townCode, name, code, estate, building, room]);
            if (b === 1 && r <= 2) keyHouseholds.push([code, estate, building, room, '独居老人', '每周', '联系人', `0596-${String(regions.length).padStart(7, '0')}`, '', '']);
          }
    }
  }
  const units = Array.from({ length: 200 }, (_x, u) => [`第${u + 1}局`, `第 ${u + 1} 个县直单位`, communities[u % communities.length].code]);
  const people = Array.from({ length: 5000 }, (_x, p) => {
    const role = p < 100 ? '书记' : ROLES[p % ROLES.length];
    const byUnit = role === '党员' || role === '单位联络员';
    return [`人员${p}`, `137${String(p).padStart(8, '0')}`, role, byUnit ? `第${(p % 200) + 1}局` : '', byUnit ? '' : communities[p % communities.length].code];
  });
  return { regions, units, people, keyHouseholds };
}

async function call<T>(local: LocalCloud, action: string, payload: Record<string, unknown>): Promise<{ data: T; ms: number }> {
  const t0 = performance.now();
  const { result } = await local.invoke(importsFn, { action, ...payload }, ADMIN);
  const ms = performance.now() - t0;
  const env = result as { ok: boolean; data: T; error?: { code: string; message: string } };
  if (!env.ok) throw new Error(`imports.${action} refused: ${env.error?.code} ${env.error?.message}`);
  return { data: env.data, ms };
}

async function run(local: LocalCloud, bytes: Buffer) {
  const up = await call<{ fileID: string }>(local, 'upload', { base64: bytes.toString('base64') });
  const dry = await call<ImportReport>(local, 'dryRun', { fileId: up.data.fileID });
  const applies: number[] = [];
  let last: ImportProgress | null = null;
  while (!last?.finished) {
    const a = await call<ImportProgress>(local, 'apply', { importId: dry.data.importId });
    applies.push(a.ms);
    last = a.data;
  }
  return { upload: up.ms, dry, applies, last };
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export async function benchImport(local: LocalCloud, failures: string[]): Promise<string> {
  const data = county();
  const t0 = performance.now();
  const bytes = await writeWorkbook(data);
  const written = performance.now() - t0;
  const rows: (string | number)[][] = [];
  for (const label of ['first import', 'same file again']) {
    const r = await run(local, bytes);
    const slowest = Math.max(r.upload, r.dry.ms, ...r.applies);
    if (slowest > LIMIT_MS) failures.push(`import (${label}): a call took ${s(slowest)}, over CloudBase's 60 s`);
    const applied = Object.values(r.last!.applied);
    const created = applied.reduce((n, c) => n + c.create, 0);
    const changed = applied.reduce((n, c) => n + c.change, 0);
    if (label === 'same file again' && created + changed > 0) failures.push(`import: the same file again created ${created} and changed ${changed}`);
    const bad = applied.reduce((n, c) => n + c.bad, 0) + r.dry.data.badRows.length;
    if (bad) failures.push(`import (${label}): ${bad} bad rows in a generated county`);
    const total = r.upload + r.dry.ms + r.applies.reduce((n, x) => n + x, 0);
    rows.push([label, r.dry.data.total.toLocaleString('en'), `${created} / ${changed}`, s(r.dry.ms), r.applies.length, s(Math.max(...r.applies)), s(total)]);
  }
  return (
    `A generated county — ${data.regions.length.toLocaleString('en')} households, 200 units, 5,000 people, ${data.keyHouseholds.length.toLocaleString('en')} key households — ` +
    `in one workbook of ${(bytes.length / 1024 / 1024).toFixed(1)} MB (written in ${s(written)}); apply in its default 20 s chunks:\n\n` +
    table(['run', 'rows', 'created / changed', 'dry run', 'apply calls (chunks)', 'slowest apply call', 'total (upload + dry run + apply)'], rows)
  );
}
