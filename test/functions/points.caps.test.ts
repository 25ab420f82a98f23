/**
 * The daily and monthly caps against postings out of date order: the cap counters follow each
 * entry's own day and month, so a back-dated entry posted after today's never frees today's room;
 * reconcile recomputes the counters and names a tampered one.
 */
import { db } from '../../cloudfunctions/lib/cloud';
import { postEntry } from '../../cloudfunctions/lib/ledger';
import { periodsOf } from '../../cloudfunctions/core/calendar';
import type { EntryDraft } from '../../cloudfunctions/core/points';
import type { PointAccount } from '../../types/points';
import { openHarness, PEOPLE, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(() => h.close());

const DAY = 24 * 3600_000;
const PERSON = 'demo-member-chen';
let seq = 0;

/** Posts `points` of verified service (capped) for PERSON dated `at`, as the ledger would at that time; answers the points granted. */
async function serve(points: number, at: Date): Promise<number> {
  seq += 1;
  const draft: EntryDraft = {
    key: `demand_caps-${seq}_${PERSON}`,
    openid: PERSON,
    name: '陈静',
    points,
    hours: points / 10,
    source: { type: 'service', id: `caps-${seq}`, label: '测试服务' },
    reason: '派单任务验收通过',
    actor: 'system',
    actorName: '验收自动计入',
    communityId: 'c-ximen',
    unitId: 'unit-renshe',
  };
  const { result } = await h.local.invoke({ main: () => postEntry(draft, at) }, {}, 'test');
  return (result as { entry: { points: number } }).entry.points;
}

const account = async () => (await h.local.invoke({ main: async () => (await db.collection('pointAccounts').doc(PERSON).get()).data }, {}, 'test')).result as PointAccount;
const reconcile = () => h.ok(PEOPLE.admin, 'points', 'reconcile');

test('postings out of date order never take a day or a month past its cap', async () => {
  const today = new Date(Date.now() - 3600_000);
  const lastMonth = new Date(today.getTime() - 31 * DAY);
  const yesterday = new Date(today.getTime() - DAY);
  expect(await serve(60, today)).toBe(60);
  expect(await serve(40, today)).toBe(40); // today is full
  // Back-dated entries after today's (as the demo seed once posted its 双报到): each on its own day.
  expect(await serve(30, lastMonth)).toBe(30);
  expect(await serve(90, yesterday)).toBe(90);
  // Today is still full, whatever was posted in between; yesterday has 10 left.
  expect(await serve(25, today)).toBe(0);
  expect(await serve(25, yesterday)).toBe(10);
  const a = await account();
  const [d0, d1, dm] = [today, yesterday, lastMonth].map((t) => periodsOf(t).day);
  expect(a.capDays).toMatchObject({ [d0]: 100, [d1]: 100, [dm]: 30 });
  for (const points of Object.values(a.capDays)) expect(points).toBeLessThanOrEqual(100);
  for (const points of Object.values(a.capMonths)) expect(points).toBeLessThanOrEqual(500);
  expect((await reconcile()).differences).toEqual([]);
});

test('reconcile names a tampered cap counter (and changes nothing)', async () => {
  const day = periodsOf(new Date()).day;
  const month = periodsOf(new Date()).month;
  const before = await account();
  const patch = (data: Record<string, unknown>) => h.local.invoke({ main: () => db.collection('pointAccounts').doc(PERSON).update({ data }) }, {}, 'test');
  await patch({ [`capDays.${day}`]: 40, [`capMonths.${month}`]: 7 });
  const report = await reconcile();
  expect(report.differences).toEqual(
    expect.arrayContaining([
      // Nothing counted today yet (just after midnight) reads as 0.
      { kind: 'account', key: PERSON, field: `capDays.${day}`, cached: 40, computed: before.capDays[day] ?? 0 },
      { kind: 'account', key: PERSON, field: `capMonths.${month}`, cached: 7, computed: before.capMonths[month] ?? 0 },
    ]),
  );
  expect(report.differences).toHaveLength(2);
  expect((await account()).capDays[day]).toBe(40);
  // With the counter lowered, the cap would wrongly grant more today: exactly what reconcile is there to catch.
  const restore = (v: number | undefined) => v ?? db.command.remove(); // a counter not there before is removed again
  await patch({ [`capDays.${day}`]: restore(before.capDays[day]), [`capMonths.${month}`]: restore(before.capMonths[month]) });
  expect((await reconcile()).differences).toEqual([]);
});
