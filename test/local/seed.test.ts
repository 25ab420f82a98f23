/** The demo county: complete, and idempotent without overwriting what people changed. */
import { db } from '../../cloudfunctions/lib/cloud';
import { DEMO_PEOPLE } from '../../local/seed/demo-county';
import { seedDemoCounty } from '../../local/seed/seed';
import { openTestCloud } from './helpers';

test('seeding twice inserts nothing the second time and keeps changes made in between', async () => {
  const local = openTestCloud();
  try {
    const first = await seedDemoCounty(local);
    expect(first.existing).toBe(0);
    expect(first.inserted).toBeGreaterThan(100);
    await local.invoke({ main: () => db.collection('users').doc('demo-resident-wang').update({ data: { elderMode: true } }) }, {}, 'x');

    const second = await seedDemoCounty(local);
    expect(second).toEqual({ inserted: 0, existing: first.inserted, demands: 0 });
    const { result } = await local.invoke({ main: () => db.collection('users').doc('demo-resident-wang').get() }, {}, 'x');
    expect((result as { data: { elderMode: boolean } }).data.elderMode).toBe(true);
  } finally {
    local.close();
  }
});

test('the demo county has every role, three communities and four paired units', async () => {
  const roles = new Set(DEMO_PEOPLE.flatMap((p) => p.roles.map((r) => r.role)));
  expect([...roles].sort()).toEqual(['admin', 'gridWorker', 'liaison', 'member', 'resident', 'secretary', 'staff', 'town']);
  const local = openTestCloud();
  try {
    await seedDemoCounty(local);
    const store = local.db.store;
    expect(store.all('regions').filter((r) => r.level === 'community')).toHaveLength(3);
    expect(store.all('units')).toHaveLength(4);
    expect(new Set(store.all('pairings').map((p) => p.unitId)).size).toBe(4);
    expect(store.all('households').length).toBeGreaterThanOrEqual(100);
  } finally {
    local.close();
  }
});

test('the demo demands cover every state, some overdue, across communities and units', async () => {
  const local = openTestCloud();
  try {
    const report = await seedDemoCounty(local);
    expect(report.demands).toBeGreaterThanOrEqual(12);
    const demands = local.db.store.all('demands') as unknown as { status: string; communityId: string; dispatch: { unitId: string | null; finishBy: Date } | null }[];
    const states = new Set(demands.map((d) => d.status));
    for (const s of ['submitted', 'handling', 'dispatched', 'accepted', 'completed', 'verified', 'closed', 'declined', 'merged', 'escalated']) expect(states).toContain(s);
    expect(new Set(demands.map((d) => d.communityId)).size).toBeGreaterThan(1);
    expect(new Set(demands.map((d) => d.dispatch?.unitId).filter(Boolean)).size).toBeGreaterThan(1);
    expect(demands.filter((d) => d.dispatch && new Date(d.dispatch.finishBy) < new Date()).length).toBeGreaterThanOrEqual(2);
    // The scorecards see the overdue items too (东街's 解决率 must not read 100 %).
    const cards = local.db.store.all('scorecards').filter((c) => c.scope === 'community' && c.id === 'c-dongjie');
    const overdue = cards.flatMap((c) => Object.values((c.open ?? {}) as Record<string, Date>)).filter((t) => new Date(t) < new Date());
    expect(overdue.length).toBeGreaterThanOrEqual(2);
  } finally {
    local.close();
  }
});

test('the demo wishes cover every state of the wall, in two communities, and the points reconcile', async () => {
  const local = openTestCloud();
  try {
    await seedDemoCounty(local);
    const wishes = local.db.store.all('wishes') as unknown as { status: string; communityId: string }[];
    expect(new Set(wishes.map((w) => w.status))).toEqual(new Set(['pending', 'approved', 'declined', 'claimed', 'fulfilled', 'confirmed']));
    expect(new Set(wishes.map((w) => w.communityId))).toEqual(new Set(['c-dongjie', 'c-ximen']));
    expect(local.db.store.all('pointLedger').filter((e) => (e.source as { type: string }).type === 'wish')).toHaveLength(1);
    expect(local.db.store.all('wishCounts').find((c) => c._id === 'community_c-dongjie')).toMatchObject({ claimed: 3, confirmed: 1 });
  } finally {
    local.close();
  }
});

test('the demo projects cover every state but 已撤回, each timeline in order, and the counts agree with the projects', async () => {
  const local = openTestCloud();
  try {
    await seedDemoCounty(local);
    type P = { status: string; communityId: string; pairingId: string | null; year: string; timeline: { at: Date }[]; createdAt: Date; period: { from: string } };
    const projects = local.db.store.all('projects') as unknown as P[];
    expect(new Set(projects.map((p) => p.status))).toEqual(new Set(['open', 'requested', 'declined', 'active', 'completed', 'rated']));
    for (const p of projects) {
      const times = p.timeline.map((s) => new Date(s.at).getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(new Date(times.at(-1)!).getTime()).toBeLessThanOrEqual(Date.now());
    }
    const counts = local.db.store.all('projectCounts') as unknown as { pairingId: string; year: string; claimed: number; completed: number; rated: number }[];
    for (const c of counts) {
      const mine = projects.filter((p) => p.pairingId === c.pairingId && p.year === c.year);
      expect([c.claimed, c.completed, c.rated]).toEqual([
        mine.filter((p) => ['active', 'completed', 'rated'].includes(p.status)).length,
        mine.filter((p) => ['completed', 'rated'].includes(p.status)).length,
        mine.filter((p) => p.status === 'rated').length,
      ]);
    }
    expect(local.db.store.all('services')).toHaveLength(3);
  } finally {
    local.close();
  }
});

test('the demo posts, pledges and duties: every log and pledge state, verified hours in the ledger once each, dated no later than today', async () => {
  const local = openTestCloud();
  try {
    await seedDemoCounty(local);
    const logs = local.db.store.all('postLogs') as unknown as { status: string; workedOn: string; createdAt: Date | string }[];
    expect(new Set(logs.map((l) => l.status))).toEqual(new Set(['verified', 'pending']));
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    for (const l of logs) expect(l.workedOn <= today).toBe(true);
    expect(local.db.store.all('pointLedger').filter((e) => (e.source as { type: string }).type === 'post')).toHaveLength(2);
    const pledges = local.db.store.all('pledges') as unknown as { status: string }[];
    expect(new Set(pledges.map((p) => p.status))).toEqual(new Set(['pledged', 'fulfilled', 'rated']));
    expect(local.db.store.all('dutyCounts').find((c) => c.openid === 'demo-member-liu')).toMatchObject({ surveys: 1, problems: 1 });
  } finally {
    local.close();
  }
});
