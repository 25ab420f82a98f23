/**
 * The queues on the demo county (made step by step through the functions): every counter equals a
 * recount of the demands (dispatch.reconcileQueues finds nothing), and each demo person's counts
 * (dispatch.queueCounts) equal the totals of the lists they open — read in at most 2 reads.
 * Then 改派 × every role: refused where not permitted, nothing changed.
 */
import * as dispatchFn from '../../cloudfunctions/dispatch/index';
import { isOverdue } from '../../cloudfunctions/core/demand';
import { seedDemoCounty } from '../../local/seed/seed';
import type { LocalCloud } from '../../local/runtime';
import type { Demand, DemandListRequest, DemandPage, QueueCounts, QueueReconcileReport } from '../../types/dispatch';
import { DEMO_PEOPLE } from '../../local/seed/demo-county';
import { openTestCloud } from '../local/helpers';
import { snapshot } from './harness';

const NOW = new Date();
let local: LocalCloud;
beforeAll(async () => {
  local = openTestCloud();
  await seedDemoCounty(local, NOW);
});
afterAll(() => local.close());

async function call<T>(openid: string, action: string, payload: Record<string, unknown> = {}): Promise<{ ok: boolean; data?: T; error?: { code: string } ; reads: number }> {
  const { result, counts } = await local.invoke(dispatchFn, { action, ...payload }, openid);
  return { ...(result as { ok: boolean; data?: T; error?: { code: string } }), reads: counts.read };
}

async function total(openid: string, req: Omit<DemandListRequest, 'page' | 'pageSize'>): Promise<number> {
  let n = 0;
  for (let page = 1; ; page++) {
    const res = await call<DemandPage>(openid, 'list', { ...req, page, pageSize: 50 });
    if (!res.ok) throw new Error(`list ${JSON.stringify(req)} as ${openid}: ${res.error?.code}`);
    n += res.data!.items.length;
    if (!res.data!.hasMore) return n;
  }
}

test('every queue counter equals a recount of the demands', async () => {
  const res = await call<QueueReconcileReport>('demo-admin', 'reconcileQueues');
  expect(res.ok).toBe(true);
  expect(res.data!.demands).toBeGreaterThan(5);
  expect(res.data!.differences).toEqual([]);
});

test('reconcileQueues is the admin\'s', async () => {
  expect((await call('demo-staff-dongjie', 'reconcileQueues')).error?.code).toBe('FORBIDDEN');
});

test.each(DEMO_PEOPLE.map((p) => p.openid))('%s: each queue count equals its list total, in at most 2 reads', async (openid) => {
  const res = await call<QueueCounts>(openid, 'queueCounts');
  expect(res.ok).toBe(true);
  expect(res.reads).toBeLessThanOrEqual(2);
  const c = res.data!;
  if (c.staff) {
    expect(c.staff).toEqual({
      triage: await total(openid, { scope: 'triage' }),
      working: await total(openid, { scope: 'community', queue: 'working' }),
      verify: await total(openid, { scope: 'community', queue: 'verify' }),
      overdue: await total(openid, { scope: 'community', overdue: true }),
      returnVisit: await total(openid, { scope: 'community', queue: 'returnVisit' }),
    });
  }
  if (c.liaison) {
    expect(c.liaison).toEqual({
      toAccept: await total(openid, { scope: 'unit', queue: 'toAccept' }),
      toAssign: await total(openid, { scope: 'unit', queue: 'toAssign' }),
      inProgress: await total(openid, { scope: 'unit', queue: 'inProgress' }),
      overdue: await total(openid, { scope: 'unit', overdue: true }),
    });
  }
  if (c.member) {
    expect(c.member).toEqual({ claimable: await total(openid, { scope: 'claimable' }), myTasks: await total(openid, { scope: 'myTasks' }) });
  }
  if (c.supervision) {
    expect(c.supervision).toEqual({
      overdue: await total(openid, { scope: 'supervision', overdue: true }),
      escalated: await total(openid, { scope: 'supervision', flag: 'escalated' }),
      supervised: await total(openid, { scope: 'supervision', flag: 'supervised' }),
    });
  }
});

describe('改派 × every role', () => {
  let overdue: Demand;
  beforeAll(() => {
    const all = local.db.store.all('demands') as unknown as Demand[];
    overdue = all.find((d) => (d.status === 'dispatched' || d.status === 'accepted') && d.dispatch?.unitId && isOverdue(d, new Date()) && d.claims.every((c) => !c.done))!;
    expect(overdue).toBeDefined();
  });

  test.each(DEMO_PEOPLE.map((p) => p.openid))('%s', async (openid) => {
    const person = DEMO_PEOPLE.find((p) => p.openid === openid)!;
    const staffHere = person.roles.some((g) => ['staff', 'gridWorker', 'secretary'].includes(g.role) && 'communityId' in g && g.communityId === overdue.communityId);
    const other = local.db.store.all('pairings').map((p) => p.unitId as string).find((u) => u !== overdue.dispatch!.unitId && local.db.store.all('pairings').some((p) => p.unitId === u && p.communityId === overdue.communityId));
    if (staffHere) return; // the permitted one is taken last, below
    const before = snapshot(local);
    const res = await call(openid, 'redispatch', { id: overdue._id, unitId: other, reason: '原单位逾期未办' });
    expect(res.ok).toBe(false);
    expect(['FORBIDDEN', 'NOT_FOUND']).toContain(res.error!.code);
    expect(snapshot(local)).toBe(before);
  });

  test('the community\'s staff: moved to the other unit, counters still equal a recount', async () => {
    const other = local.db.store.all('pairings').find((p) => p.communityId === overdue.communityId && p.unitId !== overdue.dispatch!.unitId)!.unitId as string;
    const res = await call<{ status: string }>('demo-staff-dongjie', 'redispatch', { id: overdue._id, unitId: other, reason: '原单位逾期未办' });
    expect(res).toMatchObject({ ok: true, data: { status: 'dispatched' } });
    expect((await call<QueueReconcileReport>('demo-admin', 'reconcileQueues')).data!.differences).toEqual([]);
  });
});
