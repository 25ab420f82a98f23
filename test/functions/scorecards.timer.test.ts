/**
 * The nightly `scorecards` timer: it opens this month's and next month's 三率 documents for every
 * community and unit, once, so a month's first dispatch costs no more writes than any other.
 */
import { monthOf } from '../../cloudfunctions/core/calendar';
import { currentAndNextMonth } from '../../cloudfunctions/core/calendar';
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

test('opens 2 months × (3 communities + 4 units) of 三率 and of leaderboards (+ the year) once, and the queues\' counters, then a first dispatch costs at most 9 writes (its own with its effects, two 三率 counters, four queue counters, the message, the effects removed)', async () => {
  const first = await h.openScorecards();
  const months = currentAndNextMonth(new Date());
  const years = new Set(months.map((m) => m.slice(0, 4))).size;
  const towns = h.local.db.store.all('regions').filter((r) => r.level === 'town').length;
  // 三率 for 2 months and tallies for 2 months and their years, per community and unit; one queue
  // document per community, unit and town, and the county's.
  expect(first).toEqual({ ok: true, data: { months, created: 14 + 7 * (2 + years) + 7 + towns + 1 } });
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
  expect(counts.write).toBeLessThanOrEqual(9);
  const card = await h.ok(PEOPLE.staff, 'dispatch', 'scorecard', { scope: 'community', id: 'c-dongjie', month });
  expect(card.dispatched).toBe(1);
});
