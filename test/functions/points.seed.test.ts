/** The demo county's points: every kind of source in the ledger, activities in each phase, and a reconcile with nothing to report. */
import type { ActivitySummary } from '../../types/points';
import { seedDemoCounty } from '../../local/seed/seed';
import { openTestCloud } from '../local/helpers';
import * as pointsFn from '../../cloudfunctions/points/index';

test('the seeded demo points reconcile with 0 differences and cover every source and phase', async () => {
  const local = openTestCloud();
  try {
    await seedDemoCounty(local);
    const call = async <T>(openid: string, action: string, payload: Record<string, unknown> = {}) => {
      const { result } = await local.invoke(pointsFn, { action, ...payload }, openid);
      const env = result as { ok: boolean; data: T; error?: { message: string } };
      if (!env.ok) throw new Error(env.error?.message);
      return env.data;
    };
    const report = await call<{ entries: number; differences: unknown[] }>('demo-admin', 'reconcile');
    expect(report.differences).toEqual([]);
    // The earlier months' 双报到 are posted before anything of the last weeks, and today's posts
    // last (the store keeps insertion order). The demands' service credits of the last weeks come
    // demand by demand, each at its own 验收 time: the caps are kept by each entry's own day and
    // month, so no day or month passes its cap whatever the order.
    const posted = local.db.store.all('pointLedger').map((e) => ({ at: new Date(e.at as string).getTime(), type: (e.source as { type: string }).type }));
    const firstService = posted.findIndex((p) => p.type === 'service');
    const past = posted.slice(0, firstService);
    expect(past.length).toBeGreaterThan(0);
    expect(past.map((p) => p.at)).toEqual(past.map((p) => p.at).sort((a, b) => a - b));
    const before = Math.min(...posted.slice(firstService).map((p) => p.at));
    expect(Math.max(...past.map((p) => p.at))).toBeLessThan(before);
    for (const a of local.db.store.all('pointAccounts')) {
      for (const points of Object.values(a.capDays as Record<string, number>)) expect(points).toBeLessThanOrEqual(100);
      for (const points of Object.values(a.capMonths as Record<string, number>)) expect(points).toBeLessThanOrEqual(500);
    }
    const types = new Set(local.db.store.all('pointLedger').map((e) => (e.source as { type: string }).type));
    for (const t of ['service', 'activity', 'checkIn', 'award', 'redeem']) expect(types).toContain(t);
    const managed = await call<{ items: ActivitySummary[] }>('demo-staff-dongjie', 'listActivities', { scope: 'managed' });
    expect(new Set(managed.items.map((a) => a.phase))).toEqual(new Set(['upcoming', 'ongoing', 'ended']));
    const redemptions = local.db.store.all('redemptions').map((r) => r.status);
    expect(redemptions.sort()).toEqual(['fulfilled', 'pending']);
    const owners = new Set(local.db.store.all('catalogueItems').map((i) => (i.owner as { name: string }).name));
    expect(owners).toEqual(new Set(['东街社区', '县人社局']));
    const zhang = await call<{ balance: number; checkIn: { at: unknown } }>('demo-member-zhang', 'account');
    expect(zhang.balance).toBeGreaterThan(0);
    expect(zhang.checkIn.at).not.toBeNull();
    const second = await seedDemoCounty(local);
    expect(second.demands).toBe(0);
    expect((await call<{ differences: unknown[] }>('demo-admin', 'reconcile')).differences).toEqual([]);
  } finally {
    local.close();
  }
});
