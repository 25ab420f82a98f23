/** 三率 against hand-computed figures, on a fixture with open overdue items. */
import type { Demand, DemandDetail } from '../../types/dispatch';
import { dispatchAt } from '../../local/seed/as-of';
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
  // An acceptance already made keeps its accept time: moving it would make an on-time acceptance late.
  const acceptBy = d.dispatch!.acceptedAt ? d.dispatch!.acceptBy : past;
  const changes = [{ coll: 'demands', id, doc: { ...d, dispatch: { ...d.dispatch!, acceptBy, finishBy: past } } }];
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

/**
 * A month of 县卫健局's work in 东街, step by step at its own China time (Nov 2025, long past, so
 * every open item is past its deadline), with items in every state. Hand-computed:
 * dispatched A–H = 8 (I was handled by the community, J declined, K merged, L waits in triage);
 * accepted A–F, H = 7, in time all but E (accepted the day after its accept time) = 6;
 * accept minutes 120 + 240 + 60 + 180 + 5820 + 60 + 60 = 6540 → 15.6 h;
 * resolved A, B, C, D, H = 5, minutes 2880 + 2880 + 1800 + 1440 + 1440 = 10440 → 34.8 h;
 * open past deadline E (已接单), F (待验收), G (never accepted) = 3;
 * rated A, B, C (不满意 then 满意: once, by its final rating), H (不满意 twice) = 4, of which 满意 or
 * 基本满意 3 — D is verified and unrated, counted nowhere; the community also has I (满意).
 */
describe('a month in every state, against hand-computed figures', () => {
  const cst = (s: string) => new Date(`2025-11-${s}+08:00`);
  const STAFF = PEOPLE.staff;
  const act = () => dispatchAt(h.local);

  test('三率, averages and the overdue list', async () => {
    const at = act();
    const submit = async (text: string, when: string) => (await at(PEOPLE.resident, 'submit', { category: 'health', text }, cst(when)))._id;
    const toUnit = (id: string, when: string) => at(STAFF, 'dispatch', { id, unitId: 'unit-weijian', slots: 1, expectedHours: 1 }, cst(when));
    const accept = (id: string, when: string) => at(LIAISON, 'accept', { id }, cst(when));
    const work = async (id: string, claimAt: string | null, doneAt: string) => {
      if (claimAt) await at(MEMBER, 'claim', { id }, cst(claimAt));
      await at(MEMBER, 'complete', { id, notes: '已上门', hours: 1 }, cst(doneAt));
    };
    const verify = (id: string, when: string) => at(STAFF, 'verify', { id }, cst(when));
    const rate = (id: string, value: string, when: string) => at(PEOPLE.resident, 'rate', { id, value }, cst(when));
    /** Submitted an hour before dispatch, dispatched, accepted, claimed and done. */
    const run = async (text: string, day: string, acceptAt: string, doneAt: string) => {
      const id = await submit(text, `${day}T08:00`);
      await toUnit(id, `${day}T09:00`);
      await accept(id, acceptAt);
      await work(id, acceptAt.replace(/:00$/, ':30'), doneAt); // claimed half an hour after acceptance
      return id;
    };

    const a = await run('月A 义诊', '03', '03T11:00', '04T16:00');
    await verify(a, '05T09:00');
    await rate(a, 'satisfied', '05T20:00');
    const b = await run('月B 送药', '04', '04T13:00', '05T16:00');
    await verify(b, '06T09:00');
    await rate(b, 'basic', '06T20:00');
    const c = await run('月C 复诊', '05', '05T10:00', '06T11:00');
    await verify(c, '06T15:00');
    await rate(c, 'unsatisfied', '06T20:00');
    await work(c, null, '07T11:00');
    await verify(c, '07T15:00');
    await rate(c, 'satisfied', '07T20:00');
    const d = await run('月D 量血压', '06', '06T12:00', '06T18:00');
    await verify(d, '07T09:00');
    // E: Friday 11-07 09:00, accept by the end of Monday 11-10; accepted Tuesday 10:00 (97 h).
    const e = await submit('月E 康复指导', '07T08:00');
    const eDispatch = (await toUnit(e, '07T09:00')) as unknown as DemandDetail;
    expect(new Date(eDispatch.dispatch!.acceptBy)).toEqual(cst('10T23:59:59.999'));
    expect(new Date(eDispatch.dispatch!.finishBy)).toEqual(cst('18T23:59:59.999'));
    await accept(e, '11T10:00');
    const f = await run('月F 上门换药', '10', '10T10:00', '25T16:00'); // done after its finish time, not verified
    const g = await submit('月G 上门体检', '12T08:00');
    await toUnit(g, '12T09:00');
    const hh = await run('月H 慢病随访', '13', '13T10:00', '13T16:00');
    await verify(hh, '14T09:00');
    await rate(hh, 'unsatisfied', '14T20:00');
    await work(hh, null, '15T11:00');
    await verify(hh, '15T15:00');
    await rate(hh, 'unsatisfied', '15T20:00');
    const i = await submit('月I 楼道扶手', '03T08:00');
    await at(STAFF, 'handle', { id: i, note: '社区自己修' }, cst('03T09:00'));
    await at(STAFF, 'complete', { id: i, notes: '已修好' }, cst('03T15:00'));
    await rate(i, 'satisfied', '04T09:00');
    const j = await submit('月J 修地铁', '03T08:00');
    await at(STAFF, 'decline', { id: j, reason: '不属于社区职责' }, cst('03T09:00'));
    const k = await submit('月K 义诊（重复）', '03T08:30');
    await at(STAFF, 'merge', { id: k, intoId: a }, cst('03T09:30'));
    await submit('月L 想咨询医保', '20T08:00');

    const statuses = (h.local.db.store.all('demands') as unknown as Demand[]).filter((x) => x.text.startsWith('月')).map((x) => [x.text.slice(0, 2), x.status]);
    expect(Object.fromEntries(statuses)).toEqual({
      月A: 'closed', 月B: 'closed', 月C: 'closed', 月D: 'verified', 月E: 'accepted', 月F: 'completed', 月G: 'dispatched', 月H: 'escalated',
      月I: 'closed', 月J: 'declined', 月K: 'merged', 月L: 'submitted',
    });

    const expected = {
      dispatched: 8,
      acceptedWithinSla: 6,
      resolved: 5,
      openOverdue: 3,
      rated: 4,
      satisfiedOrBasic: 3,
      responseRate: 0.75,
      resolutionRate: 0.625,
      satisfactionRate: 0.75,
      avgAcceptHours: 15.6,
      avgResolveHours: 34.8,
    };
    expect(await h.ok(LIAISON, 'dispatch', 'scorecard', { scope: 'unit', id: 'unit-weijian', month: '2025-11' })).toMatchObject(expected);
    expect(await h.ok(STAFF, 'dispatch', 'scorecard', { scope: 'community', id: 'c-dongjie', month: '2025-11' })).toMatchObject({
      ...expected,
      rated: 5,
      satisfiedOrBasic: 4,
      satisfactionRate: 0.8,
    });

    // The overdue list, the items' own flags and the scorecard agree — 待验收 included.
    const listed = await h.ok(STAFF, 'dispatch', 'list', { scope: 'community', overdue: true, pageSize: 50 });
    const mine = listed.items.filter((x) => x.text.startsWith('月'));
    expect(mine.map((x) => x.text).sort()).toEqual(['月E 康复指导', '月F 上门换药', '月G 上门体检']);
    expect(mine.every((x) => x.overdue)).toBe(true);
    const detailF = await h.ok(STAFF, 'dispatch', 'detail', { id: f });
    expect(detailF).toMatchObject({ status: 'completed', overdue: true });
    // E was accepted after its deadline: never 按时接单.
    expect((await h.ok(STAFF, 'dispatch', 'detail', { id: e })).dispatch).toMatchObject({ acceptedWithinSla: false });
  });
});
