/**
 * Visits (Pillar 3) in the benchmark: database requests per visits action against budgets, and
 * proof that a coverage read costs the same requests (and about the same time) with 20,000 visits
 * as with a few: it reads one counter document and the community's key households, never the
 * visits. Called once from scripts/bench.ts, after the demo county (with its 敲门 data) is seeded.
 */
import * as visitsFn from '../cloudfunctions/visits/index';
import type { LocalCloud, RequestCounts } from '../local/runtime';
import { budgetHead, budgetRow, invoke, table, timed, type Budget, type Cell } from './bench-table';

const STAFF = 'demo-staff-dongjie';
const SECRETARY = 'demo-secretary-dongjie';
const MEMBER = 'demo-member-zhang';
const ADMIN = 'demo-admin';
const COMMUNITY = 'c-dongjie';

function call(local: LocalCloud, as: string, action: string, payload: Record<string, unknown> = {}): Promise<{ data: unknown; counts: RequestCounts }> {
  return invoke(local, visitsFn, 'visits', as, action, payload);
}

interface Case {
  as: string;
  action: string;
  payload: Record<string, unknown>;
  /** Reads and writes, transaction requests included (each get / add / set / update in one). */
  budget: Budget;
  note?: string;
}

const month = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
const visit = { method: 'door', outcome: 'contact', wellbeing: 'good' };

/** Household 和平小区3号楼 201: not key in the demo data, marked and used by the bench. */
const H = 'h-heping-3-201';

const CASES = (): Case[] => [
  { as: STAFF, action: 'buildingHouseholds', payload: { buildingId: 'b-heping-3' }, budget: { read: 4, write: 0 } },
  { as: STAFF, action: 'markKey', payload: { householdId: H, categories: ['livingAlone'], careLevel: 'weekly', contactName: '测试', contactPhone: '13900000000' }, budget: { read: 6, write: 3 }, note: 'household, building; one transaction: key household + care details; the detail it answers with; the read log' },
  { as: STAFF, action: 'updateKey', payload: { householdId: H, careLevel: 'fortnightly' }, budget: { read: 5, write: 3 } },
  { as: STAFF, action: 'visitorCandidates', payload: {}, budget: { read: 3, write: 0 } },
  { as: STAFF, action: 'pair', payload: { householdId: H, visitorOpenid: MEMBER }, budget: { read: 8, write: 3 }, note: 'then the detail it answers with (care, visits, pairings; logged)' },
  { as: MEMBER, action: 'list', payload: { scope: 'mine' }, budget: { read: 2, write: 0 } },
  { as: STAFF, action: 'list', payload: { scope: 'community', due: 'overdue' }, budget: { read: 2, write: 0 } },
  { as: MEMBER, action: 'detail', payload: { householdId: H }, budget: { read: 4, write: 1 }, note: 'household, care, visits; the read log' },
  { as: STAFF, action: 'detail', payload: { householdId: H }, budget: { read: 5, write: 1 }, note: '+ pairing changes for staff' },
  { as: MEMBER, action: 'recordVisit', payload: { householdId: H, ...visit }, budget: { read: 3, write: 3 }, note: 'one transaction: visit, household, coverage' },
  { as: MEMBER, action: 'recordVisit', payload: { householdId: H, ...visit, needs: [{ category: 'facilities', text: '水管漏水' }, { category: 'elderlyCare', text: '想申请助餐' }] }, budget: { read: 4, write: 7 }, note: '+ one demand per need and the household\'s phone for them, same transaction; then the demands\' queue counters applied once (lib/effects) and cleared' },
  { as: MEMBER, action: 'listVisits', payload: { householdId: H }, budget: { read: 3, write: 1 }, note: 'household, a page of visits; the read log' },
  { as: STAFF, action: 'unpair', payload: { householdId: H, visitorOpenid: MEMBER }, budget: { read: 7, write: 3 } },
  { as: STAFF, action: 'coverage', payload: { communityId: COMMUNITY, month: month() }, budget: { read: 3, write: 0 } },
  { as: SECRETARY, action: 'sensitiveReads', payload: { communityId: COMMUNITY }, budget: { read: 2, write: 0 } },
  { as: STAFF, action: 'unmarkKey', payload: { householdId: H, reason: '测试结束' }, budget: { read: 2, write: 3 } },
];

const VISITS = 20_000;

/** 20,000 visits of 东街's key households over a year, written straight into the store (setup, not measured). */
function seedVisits(local: LocalCloud): void {
  const keys = local.db.store.all('keyHouseholds').filter((k) => k.communityId === COMMUNITY) as { _id: string; visitors: { openid: string; name: string }[] }[];
  const start = Date.now() - 365 * 86_400_000;
  const docs = Array.from({ length: VISITS }, (_x, i) => {
    const k = keys[i % keys.length];
    const at = new Date(start + i * ((365 * 86_400_000) / VISITS));
    const v = k.visitors[0] ?? { openid: STAFF, name: '周芳' };
    return {
      coll: 'visits',
      id: `bench-visit-${i}`,
      doc: {
        _id: `bench-visit-${i}`, householdId: k._id, communityId: COMMUNITY, at, recordedAt: at,
        month: new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 7), visitor: { openid: v.openid, name: v.name },
        method: 'door', outcome: i % 7 ? 'contact' : 'noContact', wellbeing: i % 7 ? 'good' : null, notes: '', needs: [], photos: [],
        secretaryVisit: false, returnForDemandId: null, onTime: i % 7 ? true : null,
      },
    };
  });
  local.db.store.commit(docs as never);
}

async function timedCall(local: LocalCloud, as: string, action: string, payload: Record<string, unknown>): Promise<{ counts: RequestCounts; median: number }> {
  const { last: counts, median } = await timed(15, async () => (await call(local, as, action, payload)).counts);
  return { counts, median };
}

export async function benchVisits(local: LocalCloud, failures: string[]): Promise<string> {
  const rows: Cell[][] = [];
  for (const c of CASES()) {
    const { counts: n } = await call(local, c.as, c.action, c.payload);
    const what = `${c.action} ${JSON.stringify(c.payload).replace(/"householdId":"[\w-]+",?/, '').slice(0, 40)}`;
    rows.push(budgetRow(failures, `visits.${c.action}`, `visits.${what}`, n, c.budget, c.note));
  }

  const reads: [string, string, Record<string, unknown>][] = [
    [STAFF, 'coverage', { communityId: COMMUNITY, month: month() }],
    [ADMIN, 'coverage', { communityId: COMMUNITY, month: month() }],
    [MEMBER, 'list', { scope: 'mine' }],
    [STAFF, 'list', { scope: 'community', due: 'due' }],
  ];
  const before = [];
  for (const [as, action, payload] of reads) before.push(await timedCall(local, as, action, payload));
  const visitsBefore = local.db.store.all('visits').length;
  seedVisits(local);
  const volume: Cell[][] = [];
  for (const [i, [as, action, payload]] of reads.entries()) {
    const after = await timedCall(local, as, action, payload);
    if (action === 'coverage' && JSON.stringify(after.counts) !== JSON.stringify(before[i].counts)) {
      failures.push(`visits.coverage made ${before[i].counts.read} reads with ${visitsBefore} visits but ${after.counts.read} with ${visitsBefore + VISITS}`);
    }
    volume.push([`visits.${action} ${JSON.stringify(payload)} as ${as}`, before[i].counts.read, after.counts.read, `${before[i].median.toFixed(1)} ms`, `${after.median.toFixed(1)} ms`]);
  }
  return (
    table(budgetHead('what'), rows) +
    `\n\nReads that must not grow with the visits: ${visitsBefore} visits, then ${(visitsBefore + VISITS).toLocaleString('en')} ` +
    '(coverage reads one counter document and the key households; lists read key households only):\n\n' +
    table(['action', `reads (${visitsBefore} visits)`, `reads (${(visitsBefore + VISITS).toLocaleString('en')})`, 'median before', 'median after'], volume)
  );
}
