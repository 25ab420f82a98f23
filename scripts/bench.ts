/**
 * `npm run bench`: the figures the README keeps.
 * 1. weapp package sizes against budgets (main ≤ 512 KB, each subpackage ≤ 300 KB);
 * 2. database requests per action, counted by the local cloud, against per-action budgets;
 * 3. behaviour at a realistic volume: a county of 20,000 registered people — reads per call and
 *    milliseconds (median of repeated calls) for the actions whose cost could grow with data.
 * Exits non-zero when a budget is exceeded. Run from the repository root.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import collections from '../deploy/collections.json';
import * as dispatchFn from '../cloudfunctions/dispatch/index';
import * as org from '../cloudfunctions/org/index';
import * as scorecardsFn from '../cloudfunctions/scorecards/index';
import { LocalCloud, type FunctionModule, type RequestCounts } from '../local/runtime';
import { seedDemoCounty } from '../local/seed/seed';
import { BUDGET, packageSizes } from './check-weapp.mjs';
import { benchPoints } from './bench-points';
import { benchVisits } from './bench-visits';
import { benchImport } from './bench-import';

const failures: string[] = [];
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

function table(head: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

// ---- 1. package sizes ----------------------------------------------------------------------------
function sizes(): string {
  const s = packageSizes();
  const rows: (string | number)[][] = [['main package', kb(s.main), kb(BUDGET.main), s.main <= BUDGET.main ? 'ok' : 'OVER']];
  if (s.main > BUDGET.main) failures.push('main package over budget');
  for (const [sub, size] of Object.entries(s.subpackages)) {
    rows.push([`subpackage ${sub}`, kb(size), kb(BUDGET.subpackage), size <= BUDGET.subpackage ? 'ok' : 'OVER']);
    if (size > BUDGET.subpackage) failures.push(`subpackage ${sub} over budget`);
  }
  const fnDir = path.join('build', 'cloudfunctions');
  for (const fn of fs.existsSync(fnDir) ? fs.readdirSync(fnDir) : []) {
    rows.push([`cloud function ${fn} (index.js)`, kb(fs.statSync(path.join(fnDir, fn, 'index.js')).size), '—', '']);
  }
  return table(['package', 'size', 'budget', ''], rows);
}

// ---- 2. round trips per action -------------------------------------------------------------------
interface Case {
  fn: string;
  action: string;
  as: string;
  payload?: Record<string, unknown>;
  budget: { read: number; write: number };
}

const CASES: Case[] = [
  { fn: 'org', action: 'me', as: 'demo-staff-dongjie', budget: { read: 3, write: 0 } },
  { fn: 'org', action: 'register', as: 'bench-new-person', payload: { name: '新居民' }, budget: { read: 3, write: 1 } },
  { fn: 'org', action: 'regionTree', as: 'demo-resident-wang', budget: { read: 2, write: 0 } },
  { fn: 'org', action: 'regionTree', as: 'demo-resident-wang', payload: { rootId: 'c-dongjie' }, budget: { read: 3, write: 0 } },
  { fn: 'org', action: 'listUnits', as: 'demo-admin', budget: { read: 3, write: 0 } },
  { fn: 'org', action: 'pairUnit', as: 'demo-admin', payload: { unitId: 'unit-renshe', communityId: 'c-nanshan' }, budget: { read: 3, write: 1 } },
  { fn: 'org', action: 'unpairUnit', as: 'demo-admin', payload: { unitId: 'unit-renshe', communityId: 'c-nanshan' }, budget: { read: 1, write: 1 } },
  { fn: 'org', action: 'grantRole', as: 'demo-admin', payload: { openid: 'demo-resident-li', role: 'gridWorker', communityId: 'c-ximen' }, budget: { read: 3, write: 2 } },
  { fn: 'org', action: 'revokeRole', as: 'demo-admin', payload: { openid: 'demo-resident-li', role: 'gridWorker', communityId: 'c-ximen' }, budget: { read: 2, write: 2 } },
  { fn: 'org', action: 'listUsers', as: 'demo-staff-dongjie', payload: { pageSize: 20 }, budget: { read: 3, write: 0 } },
  { fn: 'org', action: 'bindBuilding', as: 'demo-resident-wang', payload: { buildingId: 'b-xingfu-2' }, budget: { read: 4, write: 1 } },
  { fn: 'org', action: 'setElderMode', as: 'demo-resident-wang', payload: { elderMode: true }, budget: { read: 3, write: 1 } },
];

const FUNCTIONS: Record<string, FunctionModule> = { org, dispatch: dispatchFn };

async function call(local: LocalCloud, c: Pick<Case, 'fn' | 'action' | 'as' | 'payload'>): Promise<RequestCounts> {
  const { result, counts } = await local.invoke(FUNCTIONS[c.fn], { action: c.action, ...(c.payload ?? {}) }, c.as);
  const env = result as { ok: boolean; error?: { code: string; message: string } };
  if (!env.ok) throw new Error(`${c.fn}.${c.action} as ${c.as} refused: ${env.error?.code} ${env.error?.message}`);
  return counts;
}

/** Dispatch actions in the order a demand lives through them; `{id}` is the demand of the run. */
const DISPATCH_BUDGET = { read: 2, write: 4 };
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex').toString('base64');

async function dispatchCases(local: LocalCloud): Promise<Case[]> {
  const b = DISPATCH_BUDGET;
  const submit = async (): Promise<string> => {
    const { result } = await local.invoke(dispatchFn, { action: 'submit', category: 'facilities', text: '楼道灯坏了' }, 'demo-resident-wang');
    return (result as { data: { _id: string } }).data._id;
  };
  const [a, m, d2, h] = [await submit(), await submit(), await submit(), await submit()];
  const cases: Case[] = [
    { fn: 'dispatch', action: 'submit', as: 'demo-resident-wang', payload: { category: 'facilities', text: '楼道灯坏了' }, budget: b },
    { fn: 'dispatch', action: 'uploadPhoto', as: 'demo-resident-wang', payload: { contentType: 'image/png', base64: PNG }, budget: b },
    { fn: 'dispatch', action: 'list', as: 'demo-staff-dongjie', payload: { scope: 'triage' }, budget: b },
    { fn: 'dispatch', action: 'detail', as: 'demo-staff-dongjie', payload: { id: a }, budget: b },
    { fn: 'dispatch', action: 'dispatch', as: 'demo-staff-dongjie', payload: { id: a, unitId: 'unit-renshe', slots: 2, expectedHours: 2 }, budget: b },
    { fn: 'dispatch', action: 'accept', as: 'demo-liaison-renshe', payload: { id: a }, budget: b },
    { fn: 'dispatch', action: 'list', as: 'demo-member-zhang', payload: { scope: 'claimable' }, budget: b },
    { fn: 'dispatch', action: 'claim', as: 'demo-member-zhang', payload: { id: a }, budget: b },
    { fn: 'dispatch', action: 'withdraw', as: 'demo-member-zhang', payload: { id: a }, budget: b },
    { fn: 'dispatch', action: 'assign', as: 'demo-liaison-renshe', payload: { id: a, memberOpenids: ['demo-member-zhang'] }, budget: b },
    { fn: 'dispatch', action: 'complete', as: 'demo-member-zhang', payload: { id: a, notes: '已修好', hours: 1 }, budget: b },
    { fn: 'dispatch', action: 'sendBack', as: 'demo-staff-dongjie', payload: { id: a, reason: '灯仍不亮' }, budget: b },
    { fn: 'dispatch', action: 'complete', as: 'demo-member-zhang', payload: { id: a, notes: '换了镇流器', hours: 1 }, budget: b },
    // verify also credits the ledger (points): rules, demand, people, then per member one transaction (entry, account read; entry, account, 4 tallies written)
    { fn: 'dispatch', action: 'verify', as: 'demo-staff-dongjie', payload: { id: a }, budget: { read: b.read + 5, write: b.write + 6 } },
    { fn: 'dispatch', action: 'rate', as: 'demo-resident-wang', payload: { id: a, value: 'satisfied' }, budget: b },
    { fn: 'dispatch', action: 'returnVisit', as: 'demo-staff-dongjie', payload: { id: a, note: '电话回访' }, budget: b },
    { fn: 'dispatch', action: 'merge', as: 'demo-staff-dongjie', payload: { id: m, intoId: d2 }, budget: b },
    { fn: 'dispatch', action: 'dispatch', as: 'demo-staff-dongjie', payload: { id: d2, slots: 1, expectedHours: 1 }, budget: b },
    { fn: 'dispatch', action: 'reject', as: 'demo-liaison-renshe', payload: { id: d2, reason: '不属于本单位' }, budget: b },
    { fn: 'dispatch', action: 'decline', as: 'demo-staff-dongjie', payload: { id: d2, reason: '不属于社区职责' }, budget: b },
    { fn: 'dispatch', action: 'handle', as: 'demo-grid-dongjie', payload: { id: h, note: '网格员处理' }, budget: b },
    { fn: 'dispatch', action: 'scorecard', as: 'demo-staff-dongjie', payload: { scope: 'community', id: 'c-dongjie', month: new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7) }, budget: b },
  ];
  return cases;
}

async function roundTrips(local: LocalCloud): Promise<string> {
  const rows: (string | number)[][] = [];
  for (const c of [...CASES, ...(await dispatchCases(local))]) {
    const n = await call(local, c);
    const over = n.read > c.budget.read || n.write > c.budget.write;
    if (over) failures.push(`${c.fn}.${c.action} made ${n.read} reads / ${n.write} writes`);
    const what = c.payload ? `${c.action} ${JSON.stringify(c.payload).replace(/"id":"\w+",?/, '').slice(0, 40)}` : c.action;
    rows.push([`${c.fn}.${what}`, n.read, n.write, n.transaction, `≤ ${c.budget.read} / ≤ ${c.budget.write}`, over ? 'OVER' : 'ok']);
  }
  return table(['action', 'reads', 'writes', 'transaction requests', 'budget (reads / writes)', ''], rows);
}

// ---- 3. volume -----------------------------------------------------------------------------------
const PEOPLE = 20_000;
const DEMANDS = 20_000;

/** A county's year of demands across the three communities and every state, straight into the store. */
function seedDemands(local: LocalCloud, n: number): string[] {
  const statuses = ['submitted', 'dispatched', 'accepted', 'completed', 'verified', 'closed'] as const;
  const communities = ['c-dongjie', 'c-ximen', 'c-nanshan'];
  const now = Date.now();
  const docs = Array.from({ length: n }, (_x, i) => {
    const status = statuses[i % statuses.length];
    const dispatched = status !== 'submitted';
    const at = new Date(now - (n - i) * 60_000);
    return {
      coll: 'demands',
      id: `bench-demand-${i}`,
      doc: {
        _id: `bench-demand-${i}`, kind: 'demand', category: 'facilities', text: `第 ${i} 条诉求`, photos: [], urgency: 'normal', anonymous: false,
        status, submitter: { openid: i % 50 === 0 ? 'demo-resident-wang' : `bench-${i % PEOPLE}`, name: '居民', phone: '' }, onBehalfBy: null,
        communityId: communities[i % 3], buildingId: null, householdId: null, createdAt: at,
        dispatch: dispatched ? { unitId: 'unit-renshe', offeredTo: ['unit-renshe'], slots: 2, expectedHours: 2, dispatchedAt: at, month: '2026-01', acceptBy: at, finishBy: new Date(at.getTime() + 7 * 86400_000), acceptedAt: at, acceptedWithinSla: true } : null,
        claims: [], claimedCount: 0, openSlots: status === 'accepted' ? 2 : 0, completion: null, rating: null, reopenCount: 0, mergedInto: null,
        escalatedAt: null, returnVisits: [], resolvedAt: null,
        timeline: [{ at, actor: 'x', actorName: '居民', event: 'submit', from: null, to: 'submitted' }], version: 1,
      },
    };
  });
  local.db.store.commit(docs as never);
  return docs.map((d) => d.id);
}

async function volume(local: LocalCloud): Promise<string> {
  const communities = ['c-dongjie', 'c-ximen', 'c-nanshan'];
  const batch = Array.from({ length: PEOPLE }, (_x, i) => ({
    coll: 'users',
    id: `bench-${i}`,
    doc: {
      _id: `bench-${i}`,
      name: `居民${String(i).padStart(5, '0')}`,
      phone: `139${String(i).padStart(8, '0')}`,
      roles: [{ role: 'resident' }],
      communityId: communities[i % 3],
      buildingId: null,
      unitId: null,
      elderMode: null,
      createdAt: new Date(),
    },
  }));
  local.db.store.commit(batch as never); // setup only: written straight into the store, not measured
  const demandIds = seedDemands(local, DEMANDS);
  const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
  const cases: Pick<Case, 'fn' | 'action' | 'as' | 'payload'>[] = [
    { fn: 'dispatch', action: 'list', as: 'demo-staff-dongjie', payload: { scope: 'triage' } },
    { fn: 'dispatch', action: 'list', as: 'demo-staff-dongjie', payload: { scope: 'community', overdue: true } },
    { fn: 'dispatch', action: 'list', as: 'demo-member-zhang', payload: { scope: 'claimable' } },
    { fn: 'dispatch', action: 'list', as: 'demo-resident-wang', payload: { scope: 'mine', page: 20 } },
    // one of 东街's
    { fn: 'dispatch', action: 'detail', as: 'demo-staff-dongjie', payload: { id: demandIds[DEMANDS - 2] } },
    { fn: 'dispatch', action: 'scorecard', as: 'demo-staff-dongjie', payload: { scope: 'community', id: 'c-dongjie', month } },
    { fn: 'org', action: 'me', as: 'bench-777' },
    { fn: 'org', action: 'listUsers', as: 'demo-staff-dongjie', payload: { page: 1, pageSize: 20 } },
    { fn: 'org', action: 'listUsers', as: 'demo-admin', payload: { page: 500, pageSize: 20 } },
    { fn: 'org', action: 'regionTree', as: 'demo-admin' },
  ];
  const rows: (string | number)[][] = [];
  for (const c of cases) {
    const times: number[] = [];
    let counts: RequestCounts = { read: 0, write: 0, transaction: 0 };
    for (let i = 0; i < 15; i++) {
      const t0 = performance.now();
      counts = await call(local, c);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    rows.push([`${c.fn}.${c.action} ${c.payload ? JSON.stringify(c.payload) : ''}`, counts.read, `${times[7].toFixed(1)} ms`]);
  }
  return (
    `${PEOPLE.toLocaleString('en')} registered people and ${DEMANDS.toLocaleString('en')} demands in the local cloud ` +
    '(the local store scans a collection per query; CloudBase answers these from the indexes in deploy/collections.json):\n\n' +
    table(['action', 'reads', 'median time (local cloud)'], rows)
  );
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jinlin-bench-'));
  const local = LocalCloud.open({ dataDir, collections: collections.collections as never });
  try {
    await seedDemoCounty(local);
    // As in production, the nightly timer has opened the month's 三率 documents before the first dispatch.
    await local.invoke(scorecardsFn, { Type: 'Timer' }, null);
    const out = [
      '### Package sizes\n\n' + sizes(),
      '### Database requests per action\n\n' + (await roundTrips(local)),
      '### Points: database requests per action, and the ledger at volume\n\n' + (await benchPoints(local, failures)),
      '### Visits: database requests per action, and coverage at volume\n\n' + (await benchVisits(local, failures)),
      '### At volume\n\n' + (await volume(local)),
      '### Import of a county workbook\n\n' + (await benchImport(local, failures)),
    ].join('\n\n');
    console.log(out);
    fs.mkdirSync('.tmp', { recursive: true });
    fs.writeFileSync(path.join('.tmp', 'bench.md'), out + '\n');
  } finally {
    local.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  if (failures.length) {
    console.error(`\nover budget:\n- ${failures.join('\n- ')}`);
    process.exit(1);
  }
}

main();
