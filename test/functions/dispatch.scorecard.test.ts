/** 三率 against hand-computed figures, on a fixture with open overdue items. */
import type { Demand } from '../../types/dispatch';
import { openHarness, PEOPLE, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(() => h.close());

const LIAISON = 'demo-liaison-weijian';
const MEMBER = 'demo-member-liu';

async function accepted(text: string): Promise<string> {
  const d = await h.ok(PEOPLE.resident, 'dispatch', 'submit', { category: 'health', text });
  await h.ok(PEOPLE.staff, 'dispatch', 'dispatch', { id: d._id, unitId: 'unit-weijian', slots: 1, expectedHours: 1 });
  await h.ok(LIAISON, 'dispatch', 'accept', { id: d._id });
  return d._id;
}

async function resolved(text: string, rating: 'satisfied' | 'basic' | 'unsatisfied'): Promise<string> {
  const id = await accepted(text);
  await h.ok(MEMBER, 'dispatch', 'claim', { id });
  await h.ok(MEMBER, 'dispatch', 'complete', { id, notes: '已上门', hours: 1 });
  await h.ok(PEOPLE.staff, 'dispatch', 'verify', { id });
  await h.ok(PEOPLE.resident, 'dispatch', 'rate', { id, value: rating });
  return id;
}

/**
 * Time passes for one demand: its deadlines move into the past (as if dispatched long ago),
 * on the demand and in the scorecards that track it.
 */
function makeOverdue(id: string) {
  const store = h.local.db.store;
  const d = store.get('demands', id) as unknown as Demand;
  const past = new Date(Date.now() - 3600_000);
  const changes = [{ coll: 'demands', id, doc: { ...d, dispatch: { ...d.dispatch!, acceptBy: past, finishBy: past } } }];
  for (const card of store.all('scorecards')) {
    const open = card.open as Record<string, Date> | undefined;
    if (open && id in open) changes.push({ coll: 'scorecards', id: card._id, doc: { ...card, open: { ...open, [id]: past } } as never });
  }
  store.commit(changes as never);
}

test('responseRate, resolutionRate, satisfactionRate for a unit and its community', async () => {
  await resolved('A 义诊', 'satisfied');
  await resolved('B 送药', 'basic');
  makeOverdue(await accepted('C 康复指导')); // accepted in time, now past its finish time
  const d = await h.ok(PEOPLE.resident, 'dispatch', 'submit', { category: 'health', text: 'D 上门体检' });
  await h.ok(PEOPLE.staff, 'dispatch', 'dispatch', { id: d._id, unitId: 'unit-weijian', slots: 1, expectedHours: 1 });
  makeOverdue(d._id); // never accepted
  await resolved('E 换药', 'unsatisfied'); // reopened: open again, but not past its deadline

  const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
  const unit = await h.ok(LIAISON, 'dispatch', 'scorecard', { scope: 'unit', id: 'unit-weijian', month });
  expect(unit).toMatchObject({
    dispatched: 5,
    acceptedWithinSla: 4,
    resolved: 3,
    openOverdue: 2,
    rated: 3,
    satisfiedOrBasic: 2,
    responseRate: 0.8,
    resolutionRate: 0.6,
    satisfactionRate: 0.667,
  });
  const community = await h.ok(PEOPLE.staff, 'dispatch', 'scorecard', { scope: 'community', id: 'c-dongjie', month });
  expect(community).toMatchObject({ dispatched: 5, openOverdue: 2, resolutionRate: 0.6 });

  const overdueList = await h.ok(PEOPLE.staff, 'dispatch', 'list', { scope: 'community', overdue: true });
  expect(overdueList.items.map((i) => i.text).sort()).toEqual(['C 康复指导', 'D 上门体检']);
  expect(overdueList.items.every((i) => i.overdue)).toBe(true);
});
