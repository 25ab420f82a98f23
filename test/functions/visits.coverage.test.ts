/**
 * Coverage equals figures computed by hand on a fixture month (西门社区, October 2026), a coverage
 * read costs the same whatever the number of visits, and reminders reach the visitors once per
 * window. The clock is moved with fake timers (only Date: the local cloud's own timers run on).
 */
import * as visitsFn from '../../cloudfunctions/visits/index';
import { openHarness, PEOPLE, type Harness } from './harness';
import { FIELDS } from './visits.fixtures';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(() => {
  jest.useRealTimers();
  h.close();
});

const NOT_DATE = [
  'hrtime', 'nextTick', 'performance', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame',
  'requestIdleCallback', 'cancelIdleCallback', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval',
  'setTimeout', 'clearTimeout',
] as const;
const cst = (s: string) => new Date(`${s}+08:00`);
const at = (s: string) => jest.useFakeTimers({ now: cst(s), doNotFake: [...NOT_DATE] });

const STAFF = PEOPLE.staffXimen;
const CHEN = 'demo-member-chen'; // lives in 西门
const SUN = 'demo-liaison-weijian'; // 县卫健局 (paired with 西门), lives in 西门
const X = { x1: 'h-ximenhuayuan-2-101', x2: 'h-ximenhuayuan-2-102', x3: 'h-ximenhuayuan-2-201', x4: 'h-ximenhuayuan-2-202', x5: 'h-ximenhuayuan-2-301' };
const contact = { method: 'door', outcome: 'contact', wellbeing: 'good' } as const;
const noContact = { method: 'door', outcome: 'noContact' } as const;

test('the fixture month: hand-computed coverage', async () => {
  // 1 Oct: five key households, all marked at 09:00.
  at('2026-10-01T09:00:00');
  const levels = { x1: 'weekly', x2: 'fortnightly', x3: 'monthly', x4: 'monthly', x5: 'weekly' } as const;
  for (const [k, id] of Object.entries(X)) await h.ok(STAFF, 'visits', 'markKey', { householdId: id, ...FIELDS, careLevel: levels[k as keyof typeof X] });
  for (const [id, who] of [[X.x1, CHEN], [X.x2, CHEN], [X.x3, SUN], [X.x4, SUN]]) await h.ok(STAFF, 'visits', 'pair', { householdId: id, visitorOpenid: who });

  at('2026-10-03T10:00:00'); // x3 monthly, due by 31 Oct: on time, and a need found
  await h.ok(SUN, 'visits', 'recordVisit', { householdId: X.x3, ...contact, needs: [{ category: 'facilities', text: '厨房灯不亮' }] });
  at('2026-10-05T10:00:00'); // x1 weekly, due by 8 Oct: on time
  await h.ok(CHEN, 'visits', 'recordVisit', { householdId: X.x1, ...contact });
  at('2026-10-10T10:00:00'); // x2: 敲门未遇, an attempt only
  await h.ok(CHEN, 'visits', 'recordVisit', { householdId: X.x2, ...noContact });
  at('2026-10-20T10:00:00'); // x2 fortnightly, due by 15 Oct: late — visited, not covered
  await h.ok(CHEN, 'visits', 'recordVisit', { householdId: X.x2, ...contact });
  at('2026-10-28T10:00:00'); // x4: 敲门未遇
  await h.ok(SUN, 'visits', 'recordVisit', { householdId: X.x4, ...noContact });

  at('2026-10-31T20:00:00');
  const c = await h.ok(STAFF, 'visits', 'coverage', { communityId: 'c-ximen', month: '2026-10' });
  expect(c).toEqual({
    communityId: 'c-ximen',
    month: '2026-10',
    keyHouseholds: 5,
    coveredHouseholds: 2, // x1, x3
    visitedHouseholds: 3, // x1, x2, x3
    coverageRate: 0.4,
    // x1 (last contact 5 Oct, weekly: due by 12 Oct) and x5 (never visited: due by 8 Oct);
    // x4 (monthly, never reached) is due by the end of today.
    overdueNow: 2,
    visits: 5,
    contacts: 3,
    noContacts: 2,
    secretaryVisits: 0,
    returnVisits: 0,
    needsFound: 1,
    byVisitor: [
      { openid: CHEN, name: '陈静', visits: 3, contacts: 2 },
      { openid: SUN, name: '孙磊', visits: 2, contacts: 1 },
    ],
  });

  // The staff's overdue list says the same; x4 turns overdue at midnight.
  const overdue = await h.ok(STAFF, 'visits', 'list', { scope: 'community', due: 'overdue' });
  expect(overdue.items.map((i) => i.householdId)).toEqual([X.x5, X.x1]);
  at('2026-11-01T00:00:00');
  expect((await h.ok(STAFF, 'visits', 'coverage', { communityId: 'c-ximen', month: '2026-10' })).overdueNow).toBe(3);
  // A new month starts from nothing visited; the households are still the denominator.
  expect(await h.ok(STAFF, 'visits', 'coverage', { communityId: 'c-ximen', month: '2026-11' })).toMatchObject({ keyHouseholds: 5, coveredHouseholds: 0, coverageRate: 0, visits: 0 });
  // Unmarking x2 takes it out of numerator and denominator alike.
  await h.ok(STAFF, 'visits', 'unmarkKey', { householdId: X.x2, reason: '已入住养老院' });
  expect(await h.ok(STAFF, 'visits', 'coverage', { communityId: 'c-ximen', month: '2026-10' })).toMatchObject({ keyHouseholds: 4, coveredHouseholds: 2, visitedHouseholds: 2, coverageRate: 0.5 });
});

test('a coverage read costs the same database requests with 5 visits or 500', async () => {
  at('2026-10-31T20:00:00');
  const read = () => h.raw(STAFF, 'visits', { action: 'coverage', communityId: 'c-ximen', month: '2026-10' });
  const small = (await read()).counts;
  for (let i = 0; i < 165; i++) {
    at(`2026-10-${String(25 + (i % 6)).padStart(2, '0')}T0${i % 10}:00:00`);
    for (const [id, who] of [[X.x1, CHEN], [X.x3, SUN], [X.x4, SUN]]) await h.ok(who, 'visits', 'recordVisit', { householdId: id, ...noContact });
  }
  at('2026-10-31T20:00:00');
  const large = await read();
  expect((large.result as { data: { visits: number } }).data.visits).toBe(500);
  expect(large.counts).toEqual(small);
}, 60_000); // 495 visits recorded through the function, each a transaction: seconds on a loaded machine

describe('reminders', () => {
  const runTimer = () => h.local.trigger(visitsFn, 'visits-timer');
  const mine = (openid: string) => h.local.outbox().filter((m) => m.touser === openid && m.templateId.startsWith('TPL_'));

  test('one message per visitor when a window opens, none again for the same window, and nothing sensitive in it', async () => {
    at('2026-11-01T08:00:00');
    const before = mine(CHEN).length;
    await runTimer();
    const sent = mine(CHEN).slice(before);
    // 陈静's x1 is overdue (x2 was unmarked): one reminder.
    expect(sent.map((m) => [m.templateId, m.page])).toEqual([['TPL_VISIT_DUE', `packages/visits/household/index?id=${X.x1}`]]);
    expect(JSON.stringify(sent[0].data)).not.toMatch(/livingAlone|disabled|13912345678|耳背/);
    await runTimer();
    expect(mine(CHEN).length).toBe(before + 1);
  });

  test('a contact visit opens a new window: reminded again when it comes due', async () => {
    at('2026-11-02T10:00:00');
    await h.ok(CHEN, 'visits', 'recordVisit', { householdId: X.x1, ...contact });
    const before = mine(CHEN).length;
    await runTimer();
    expect(mine(CHEN).length).toBe(before); // next window opens 6 Nov
    at('2026-11-06T08:00:00');
    await runTimer();
    expect(mine(CHEN).length).toBe(before + 1);
  });

  test('a return visit owed is reminded with its own template', async () => {
    at('2026-11-06T09:00:00');
    await runTimer(); // whatever else is due for 孙磊 today
    const need = (h.local.db.store.all('demands') as { _id: string; householdId: string | null }[]).find((d) => d.householdId === X.x3)!;
    await h.ok(STAFF, 'dispatch', 'handle', { id: need._id });
    await h.ok(STAFF, 'dispatch', 'complete', { id: need._id, notes: '厨房灯已换' });
    const before = mine(SUN).length;
    await runTimer();
    expect(mine(SUN).slice(before).map((m) => [m.templateId, m.page])).toEqual([['TPL_RETURN_VISIT_DUE', `packages/visits/household/index?id=${X.x3}`]]);
  });
});
