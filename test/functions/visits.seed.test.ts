/** The demo county's 敲门 data: what a person trying the app should find as each role. */
import type { KeyHousehold, VisitRecord } from '../../types/visits';
import { seedDemoVisits } from '../../local/seed/demo-visits';
import { seedDemoCounty } from '../../local/seed/seed';
import { openTestCloud } from '../local/helpers';
import * as visitsFn from '../../cloudfunctions/visits/index';
import * as dispatchFn from '../../cloudfunctions/dispatch/index';
import type { LocalCloud } from '../../local/runtime';

let local: LocalCloud;
beforeAll(async () => {
  local = openTestCloud();
  await seedDemoCounty(local);
});
afterAll(() => local.close());

const call = async (openid: string, fn: typeof visitsFn | typeof dispatchFn, event: Record<string, unknown>) => {
  const { result } = await local.invoke(fn, event, openid);
  const env = result as { ok: boolean; data: never; error?: { message: string } };
  if (!env.ok) throw new Error(env.error?.message);
  return env.data as Record<string, unknown> & { items: Record<string, unknown>[] };
};

test('20 key households, most in 东街, with visitors, overdue ones, a 书记敲门 and a return visit due', async () => {
  const keys = local.db.store.all('keyHouseholds') as unknown as KeyHousehold[];
  expect(keys).toHaveLength(20);
  expect(keys.filter((k) => k.communityId === 'c-dongjie')).toHaveLength(14);
  const now = Date.now();
  expect(keys.filter((k) => new Date(k.nextDueBy).getTime() < now).length).toBeGreaterThanOrEqual(3);
  expect(keys.filter((k) => k.returnsDue.length)).toHaveLength(1);
  const visits = local.db.store.all('visits') as unknown as VisitRecord[];
  expect(visits.length).toBeGreaterThanOrEqual(40);
  expect(visits.filter((v) => v.secretaryVisit).map((v) => v.visitor.openid)).toEqual(['demo-secretary-dongjie']);
  expect(visits.some((v) => v.outcome === 'noContact')).toBe(true);
});

test('张伟 finds 我的包户 with something due; 周芳 finds the need in triage and the overview', async () => {
  const mine = await call('demo-member-zhang', visitsFn, { action: 'list', scope: 'mine' });
  expect(mine.items.length).toBeGreaterThanOrEqual(4);
  expect(mine.items.some((i) => i.dueStatus !== 'notDue')).toBe(true);
  const triage = await call('demo-staff-dongjie', dispatchFn, { action: 'list', scope: 'triage' });
  expect(triage.items.map((i) => i.text)).toContain('希望帮忙申请社区助餐服务');
  const liu = await call('demo-member-liu', visitsFn, { action: 'list', scope: 'mine', due: 'due' });
  expect(liu.items.some((i) => (i.returnsDue as unknown[]).length === 1)).toBe(true);
  const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
  const cov = await call('demo-staff-dongjie', visitsFn, { action: 'coverage', communityId: 'c-dongjie', month });
  expect(cov.keyHouseholds).toBe(14);
});

test('seeding again adds nothing', async () => {
  expect(await seedDemoVisits(local)).toBe(0);
  expect(local.db.store.all('keyHouseholds')).toHaveLength(20);
});
