/**
 * The nightly `scorecards` timer: it opens this month's and next month's 三率 documents for every
 * community and unit, once, so a month's first dispatch costs no more writes than any other.
 */
import { monthOf } from '../../cloudfunctions/core/calendar';
import { currentAndNextMonth } from '../../cloudfunctions/core/calendar';
import { db } from '../../cloudfunctions/lib/cloud';
import { removeEmptyBuckets } from '../../cloudfunctions/scorecards/prune';
import { openHarness, PEOPLE, snapshot, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(() => h.close());

test('next month rolls over the year', () => {
  expect(currentAndNextMonth(new Date('2026-12-31T15:59:59Z'))).toEqual(['2026-12', '2027-01']); // 23:59:59 CST
  expect(currentAndNextMonth(new Date('2026-12-31T16:00:00Z'))).toEqual(['2027-01', '2027-02']); // midnight CST
  expect(currentAndNextMonth(new Date('2026-03-10T00:00:00Z'))).toEqual(['2026-03', '2026-04']);
});

test('a call from a person is refused and changes nothing', async () => {
  const before = snapshot(h.local);
  const res = await h.openScorecards(PEOPLE.admin);
  expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  expect(snapshot(h.local)).toBe(before);
});

test('opens 2 months × (3 communities + 4 units) of 三率 and of leaderboards (+ the year) once, and the queues\' counters, then a first dispatch costs at most 7 writes (its own with its effects, two 三率 counters, the community\'s and the unit\'s queue counters, the message, the effects removed)', async () => {
  const first = await h.openScorecards();
  const months = currentAndNextMonth(new Date());
  const years = new Set(months.map((m) => m.slice(0, 4))).size;
  // 三率 for 2 months and tallies for 2 months and their years, per community and unit; one queue
  // document per community (labelled with its town: a town's and the county's counts are their
  // sums) and per unit — none for a town or the county.
  expect(first).toEqual({ ok: true, data: { months, created: 14 + 7 * (2 + years) + 7, pruned: { documents: 0, buckets: 0 } } });
  const queues = h.local.db.store.all('queues');
  expect(queues.map((q) => q._id).sort()).toEqual(['community_c-dongjie', 'community_c-nanshan', 'community_c-ximen', 'unit_unit-gongdian', 'unit_unit-renshe', 'unit_unit-weijian', 'unit_unit-zhujian']);
  const town = h.local.db.store.all('regions').find((r) => r.level === 'town')!._id;
  expect(queues.find((q) => q._id === 'community_c-dongjie')).toMatchObject({ scope: 'community', townId: town });
  const tallies = h.local.db.store.all('pointTallies').map((t) => t._id);
  expect(tallies).toEqual(expect.arrayContaining([`community_c-dongjie_${months[0]}`, `unit_unit-renshe_${months[1]}`, `unit_unit-renshe_${months[0].slice(0, 4)}`]));
  const again = await h.openScorecards();
  expect(again).toMatchObject({ ok: true, data: { created: 0 } });
  const month = monthOf(new Date());
  const cards = h.local.db.store.all('scorecards').filter((c) => c.month === month);
  expect(cards.map((c) => c._id).sort()).toEqual(
    ['community_c-dongjie', 'community_c-nanshan', 'community_c-ximen', 'unit_unit-gongdian', 'unit_unit-renshe', 'unit_unit-weijian', 'unit_unit-zhujian'].map((p) => `${p}_${month}`),
  );

  const d = await h.ok(PEOPLE.resident, 'dispatch', 'submit', { category: 'facilities', text: '月初第一单：楼道灯坏了' });
  const { result, counts } = await h.raw(PEOPLE.staff, 'dispatch', { action: 'dispatch', id: d._id, unitId: 'unit-renshe', slots: 1, expectedHours: 1 });
  expect(result).toMatchObject({ ok: true });
  expect(counts.write).toBeLessThanOrEqual(7);
  const card = await h.ok(PEOPLE.staff, 'dispatch', 'scorecard', { scope: 'community', id: 'c-dongjie', month });
  expect(card.dispatched).toBe(1);
});

test('each night the queues\' overdue buckets back at 0 are removed; a bucket still counting stays, and the counters still equal a recount', async () => {
  const d = await h.ok(PEOPLE.resident, 'dispatch', 'submit', { category: 'facilities', text: '夜里清理：楼道灯坏了' });
  // 紧急: its limits are hours from now, so its buckets are its own (working-day ones are shared).
  await h.ok(PEOPLE.staff, 'dispatch', 'dispatch', { id: d._id, unitId: 'unit-renshe', slots: 1, expectedHours: 1, urgency: 'urgent' });
  // 接单 moves the item from its accept time's bucket to its finish time's: the first is back at 0.
  await h.ok(PEOPLE.liaison, 'dispatch', 'accept', { id: d._id });
  const due = () => (h.local.db.store.all('queues').find((q) => q._id === 'community_c-dongjie')!.due ?? {}) as Record<string, number>;
  expect(Object.values(due())).toContain(0);
  // A town's and the county's documents, as steps wrote them before: no longer read, removed.
  const town = h.local.db.store.all('regions').find((r) => r.level === 'town')!._id;
  await h.local.invoke({ main: () => Promise.all(['county', `town_${town}`].map((_id) => db.collection('queues').add({ data: { _id, due: { '1': 1 }, escalated: 1 } }))) }, {}, 'timer');
  const night = await h.openScorecards();
  expect(night).toMatchObject({ ok: true, data: { pruned: { documents: 2, buckets: 2 } } }); // the community's and the unit's
  expect(h.local.db.store.all('queues').filter((q) => q._id === 'county' || q._id === `town_${town}`)).toEqual([]);
  expect(Object.values(due()).length).toBeGreaterThan(0);
  expect(Object.values(due())).not.toContain(0);
  expect(Object.values(h.local.db.store.all('queues').find((q) => q._id === 'unit_unit-renshe')!.due as Record<string, number>)).not.toContain(0);
  const report = await h.ok(PEOPLE.admin, 'dispatch', 'reconcileQueues', {});
  expect(report.differences).toEqual([]);
});

test('a bucket a step moved after the night read it is left alone (the removal is conditional on 0)', async () => {
  const id = 'community_c-dongjie';
  const [bucket] = Object.entries(h.local.db.store.all('queues').find((q) => q._id === id)!.due as Record<string, number>).find(([, n]) => n > 0)!;
  // The night saw it at 0 (a stale read); it is 1 when the update lands: nothing is removed.
  await h.local.invoke({ main: () => removeEmptyBuckets(id, [bucket]) }, {}, 'timer');
  expect((h.local.db.store.all('queues').find((q) => q._id === id)!.due as Record<string, number>)[bucket]).toBeGreaterThan(0);
});
