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
    // Posted in date order (the store keeps insertion order), and no day or month past its cap.
    const posted = local.db.store.all('pointLedger').map((e) => new Date(e.at as string).getTime());
    expect(posted).toEqual([...posted].sort((a, b) => a - b));
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
