/**
 * The export of 100,000 demands in the benchmark: generated demands of three communities and four
 * units (every state, full timelines) straight into a fresh local cloud's store, then the county
 * admin's export through the `exports` function in its default chunks (20 s each), as the app does:
 * start, continue until finished, download. Reports the calls, the total time, the slowest call
 * (it must stay within CloudBase's 60 s) and the memory the export took on top of the loaded store
 * (peak resident set and heap, sampled every 20 ms — the local cloud and the function share one
 * process, so the store's own size is measured first and subtracted).
 *
 * Run alone: `node deploy/run.mjs scripts/bench-exports.ts [rows]` — prints the table and writes
 * docs/exports-bench.md. scripts/bench.ts runs it too (its section of docs/benchmarks.md).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import collections from '../deploy/collections.json';
import * as exportsFn from '../cloudfunctions/exports/index';
import type { Demand, DemandStatus } from '../types/dispatch';
import type { ExportView } from '../types/exports';
import { LocalCloud } from '../local/runtime';
import { seedDemoCounty } from '../local/seed/seed';
import { table } from './bench-table';

const ADMIN = 'demo-admin';
const LIMIT_MS = 60_000;
const MB = 1024 * 1024;
const COMMUNITIES = ['c-dongjie', 'c-ximen', 'c-nanshan'];
const UNITS = ['unit-renshe', 'unit-weijian', 'unit-zhujian', 'unit-gongdian'];
const STATUSES: DemandStatus[] = ['submitted', 'dispatched', 'accepted', 'completed', 'verified', 'closed'];

/** One demand, created `i` minutes into the month before `month0`, through the states up to its status. */
function demand(i: number, month0: Date): Demand {
  const at = new Date(month0.getTime() + (i % 40_000) * 60_000);
  const plus = (h: number) => new Date(at.getTime() + h * 3_600_000);
  const status = STATUSES[i % STATUSES.length];
  const unit = UNITS[i % UNITS.length];
  const dispatched = status !== 'submitted';
  const timeline: Demand['timeline'] = [{ at, actor: 'demo-resident-wang', actorName: '王秀英', event: 'submit', from: null, to: 'submitted' }];
  if (dispatched) {
    timeline.push({ at: plus(1), actor: 'demo-staff-dongjie', actorName: '周芳', event: 'dispatch', from: 'submitted', to: 'dispatched' });
    if (status !== 'dispatched') timeline.push({ at: plus(2), actor: 'demo-liaison-renshe', actorName: '赵敏', event: 'accept', from: 'dispatched', to: 'accepted' });
    if (['completed', 'verified', 'closed'].includes(status)) timeline.push({ at: plus(8), actor: 'demo-member-zhang', actorName: '张伟', event: 'complete', from: 'accepted', to: 'completed' });
    if (['verified', 'closed'].includes(status)) timeline.push({ at: plus(20), actor: 'demo-staff-dongjie', actorName: '周芳', event: 'verify', from: 'completed', to: 'verified' });
    if (status === 'closed') timeline.push({ at: plus(30), actor: 'demo-resident-wang', actorName: '王秀英', event: 'rate', from: 'verified', to: 'closed', reason: '很满意' });
  }
  const accepted = dispatched && status !== 'dispatched';
  return {
    _id: `bench-export-${String(i).padStart(6, '0')}`,
    kind: 'demand',
    category: i % 3 ? 'facilities' : 'elderlyCare',
    text: `第${i}件：幸福小区${i % 9}号楼楼道灯坏了，晚上看不清楼梯`,
    photos: [],
    urgency: 'normal',
    anonymous: false,
    status,
    submitter: { openid: 'demo-resident-wang', name: '王秀英', phone: '13800001001' },
    onBehalfBy: null,
    communityId: COMMUNITIES[i % COMMUNITIES.length],
    townId: 'town-chengguan',
    buildingId: null,
    householdId: null,
    createdAt: at,
    dispatch: dispatched
      ? { unitId: accepted ? unit : null, offeredTo: [unit], slots: 1, expectedHours: 2, dispatchedAt: plus(1), month: '', acceptBy: plus(25), finishBy: plus(170), acceptedAt: accepted ? plus(2) : null, acceptedWithinSla: accepted ? true : null }
      : null,
    claims: accepted ? [{ openid: 'demo-member-zhang', name: '张伟', at: plus(3), by: 'self', done: status !== 'accepted', hours: status === 'accepted' ? null : 2 }] : [],
    claimedCount: accepted ? 1 : 0,
    openSlots: 0,
    completion: null,
    rating: status === 'closed' ? { value: 'satisfied', comment: '很满意', at: plus(30) } : null,
    reopenCount: 0,
    mergedInto: null,
    escalatedAt: null,
    returnVisits: [],
    resolvedAt: ['verified', 'closed'].includes(status) ? plus(20) : null,
    timeline,
    version: 1,
  };
}

export interface ExportFigures {
  rows: number;
  calls: number;
  totalMs: number;
  slowestMs: number;
  bytes: number;
  peakRssMb: number;
  peakHeapMb: number;
}

/** Generates `n` demands into `local` and exports them as the admin; answers the figures. */
export async function measureExport(local: LocalCloud, n: number): Promise<ExportFigures> {
  const month0 = new Date('2026-10-01T00:00:00+08:00');
  for (let i = 0; i < n; i += 10_000) {
    const docs = Array.from({ length: Math.min(10_000, n - i) }, (_, k) => {
      const d = demand(i + k, month0);
      return { coll: 'demands', id: d._id, doc: d };
    });
    local.db.store.commit(docs as never); // setup, not measured
  }
  global.gc?.();
  const base = process.memoryUsage();
  let peakRss = base.rss;
  let peakHeap = base.heapUsed;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 20);
  const call = async (action: string, payload: Record<string, unknown>) => {
    const t = Date.now();
    const { result } = await local.invoke(exportsFn, { action, ...payload }, ADMIN);
    const env = result as { ok: boolean; data: ExportView & { url: string }; error?: { code: string; message: string } };
    if (!env.ok) throw new Error(`exports.${action}: ${env.error?.code} ${env.error?.message}`);
    return { data: env.data, ms: Date.now() - t };
  };
  const started = Date.now();
  const times: number[] = [];
  let v = await call('start', { kind: 'demands', from: '2026-10', to: '2026-11' });
  times.push(v.ms);
  while (v.data.status === 'running') {
    v = await call('continue', { id: v.data._id });
    times.push(v.ms);
  }
  const totalMs = Date.now() - started;
  clearInterval(sampler);
  const url = (await call('download', { id: v.data._id })).data.url;
  const bytes = fs.statSync(local.filePath(decodeURIComponent(url.replace(/^\/files\//, '')))).size;
  return {
    rows: v.data.done,
    calls: times.length,
    totalMs,
    slowestMs: Math.max(...times),
    bytes,
    peakRssMb: Math.round((peakRss - base.rss) / MB),
    peakHeapMb: Math.round((peakHeap - base.heapUsed) / MB),
  };
}

/** The section of the benchmark: a fresh cloud with the demo county and 100,000 demands. */
export async function benchExports(failures: string[], n = 100_000): Promise<string> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jinlin-bench-exports-'));
  const local = LocalCloud.open({ dataDir, collections: collections.collections as never });
  try {
    await seedDemoCounty(local, new Date('2026-11-01T09:00:00+08:00'), { withDemands: false });
    const f = await measureExport(local, n);
    if (f.slowestMs > LIMIT_MS) failures.push(`exports: a call took ${f.slowestMs} ms (limit ${LIMIT_MS})`);
    if (f.rows !== n) failures.push(`exports: ${f.rows} rows of ${n}`);
    return (
      `The county admin exports ${n.toLocaleString('en')} demands (诉求, two months, every state with its timeline) through ` +
      '`exports.start` and `exports.continue` in the default 20 s chunks, then downloads the workbook. Memory is what the ' +
      'export adds on top of the loaded local store (same process).\n\n' +
      table(
        ['rows', 'calls', 'total time', 'slowest call', 'limit', 'workbook', 'peak memory added (RSS)', 'peak heap added'],
        [[f.rows, f.calls, `${(f.totalMs / 1000).toFixed(1)} s`, `${(f.slowestMs / 1000).toFixed(1)} s`, `${LIMIT_MS / 1000} s`, `${(f.bytes / MB).toFixed(1)} MB`, `${f.peakRssMb} MB`, `${f.peakHeapMb} MB`]],
      )
    );
  } finally {
    local.close();
  }
}

async function main(): Promise<void> {
  const n = Number(process.argv[2]) || 100_000;
  const failures: string[] = [];
  const section = await benchExports(failures, n);
  const doc = `# Export benchmark\n\nMeasured by \`node deploy/run.mjs scripts/bench-exports.ts\` on ${os.cpus().length} cores (${os.cpus()[0]?.model ?? ''}), ${new Date().toISOString().slice(0, 10)}.\n\n${section}\n`;
  fs.writeFileSync(path.join('docs', 'exports-bench.md'), doc);
  console.log(section);
  if (failures.length) {
    console.error(failures.join('\n'));
    process.exit(1);
  }
}

if (/bench-exports\.(ts|cjs)$/.test(process.argv[1] ?? '')) void main();
