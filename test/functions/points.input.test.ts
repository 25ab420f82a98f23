/**
 * Bad input for every points action: refused with INVALID_INPUT and a Chinese message, before
 * anything is written (no database write requests at all, and the snapshot unchanged); unknown
 * ids are NOT_FOUND, equally without writes. Identity never comes from the event.
 */
import type { ActionName } from '../../types/api';
import { activity, item } from './points.fixtures';
import { openHarness, PEOPLE, snapshot, type Harness } from './harness';

let h: Harness;
const ids = { activity: '', item: '' };
beforeAll(async () => {
  h = await openHarness();
  ids.activity = (await activity(h))._id;
  ids.item = (await item(h))._id;
});
afterAll(() => h.close());

type Action = ActionName<'points'>;
const CHINESE = /[\u4e00-\u9fa5]/;
const LONG = '长'.repeat(1001);
const ID_65 = 'x'.repeat(65);
const future = (h1: number) => new Date(Date.now() + h1 * 3600_000).toISOString();
const goodActivity = () => ({ title: '义诊', place: '服务中心', startAt: future(24), endAt: future(26), capacity: 5, hoursRule: 'actual' });
const goodItem = () => ({ ownerScope: 'community', ownerId: 'c-dongjie', title: '理发券', cost: 10, stock: 5, perPersonLimit: 1, validFrom: future(-1), validUntil: future(100) });

/** Each action, who calls it, and payloads that must be refused as INVALID_INPUT. */
const BAD: [Action, string, Record<string, unknown>[]][] = [
  ['account', PEOPLE.member, [{ openid: PEOPLE.staff }, { x: 1 }]],
  ['ledger', PEOPLE.member, [{ page: 0 }, { pageSize: 51 }, { openid: ID_65 }, { openid: 'a b' }, { page: '1' }]],
  ['award', PEOPLE.staff, [{}, { openid: PEOPLE.member, points: 0, reason: '奖' }, { openid: PEOPLE.member, points: 1.5, reason: '奖' }, { openid: PEOPLE.member, points: 1001, reason: '奖' }, { openid: PEOPLE.member, points: 5 }, { openid: PEOPLE.member, points: 5, reason: '   ' }, { openid: PEOPLE.member, points: 5, reason: '奖', hours: 0.3 }, { openid: PEOPLE.member, points: 5, reason: '奖', actor: PEOPLE.admin }]],
  ['reverse', PEOPLE.staff, [{}, { entryId: 'award_x' }, { entryId: 'a/b', reason: '错' }, { entryId: 'award_x', reason: LONG }]],
  ['creditDemand', PEOPLE.staff, [{}, { demandId: '' }, { demandId: 'x', openid: PEOPLE.member }]],
  ['reconcile', PEOPLE.admin, [{ fix: true }]],
  ['rules', PEOPLE.member, [{ a: 1 }]],
  ['setRules', PEOPLE.admin, [{ perCheckIn: -1 }, { perCheckIn: 1.5 }, { dailyCap: '100' }, { unknown: 1 }]],
  ['createActivity', PEOPLE.staff, [
    {},
    { ...goodActivity(), capacity: 0 },
    { ...goodActivity(), capacity: 501 },
    { ...goodActivity(), startAt: '明天' },
    { ...goodActivity(), hoursRule: 'some' },
    { ...goodActivity(), fixedHours: 0.2, hoursRule: 'fixed' },
    { ...goodActivity(), title: LONG },
    { ...goodActivity(), endAt: future(23) },
    { ...goodActivity(), startAt: future(-5), endAt: future(-3) },
    { ...goodActivity(), endAt: future(50) },
    { ...goodActivity(), hoursRule: 'fixed' },
    { ...goodActivity(), hoursRule: 'fixed', fixedHours: 3 },
    { ...goodActivity(), organiser: PEOPLE.admin },
  ]],
  ['cancelActivity', PEOPLE.staff, [{ id: 'x' }, { reason: '雨' }, { id: ID_65, reason: '雨' }]],
  ['listActivities', PEOPLE.member, [{}, { scope: 'all' }, { scope: 'open', pageSize: 0 }]],
  ['activityDetail', PEOPLE.member, [{}, { id: '' }, { id: 'a.b' }]],
  ['signUp', PEOPLE.member, [{}, { id: 1 }, { id: 'x', openid: PEOPLE.staff }]],
  ['cancelSignup', PEOPLE.member, [{}, { id: null }]],
  ['activityCheckIn', PEOPLE.member, [{ id: 'x' }, { id: 'x', code: '12' }, { id: 'x', code: '码码码码码码' }, { id: 'x', code: 'ABCDEF', at: '2026-01-01' }]],
  ['activityCheckOut', PEOPLE.member, [{ code: 'ABCDEF' }, { id: 'x', code: 'ABCDEFGHIJKLM' }]],
  ['resolveCheckOut', PEOPLE.staff, [{ id: 'x', openid: PEOPLE.member, hours: 1 }, { id: 'x', openid: PEOPLE.member, hours: 0.3, note: '忘' }, { id: 'x', openid: PEOPLE.member, hours: 25, note: '忘' }]],
  ['approveHours', PEOPLE.staff, [{}, { id: 'x', openids: [] }, { id: 'x', openids: 'all' }]],
  ['checkIn', PEOPLE.member, [{ note: LONG }, { communityId: 'c-ximen' }, { month: '2026-01' }]],
  ['compliance', PEOPLE.liaison, [{ scope: 'unit', id: 'unit-renshe' }, { scope: 'unit', id: 'unit-renshe', month: '2026-13' }, { scope: 'town', id: 'x', month: '2026-11' }]],
  ['createItem', PEOPLE.staff, [
    {},
    { ...goodItem(), cost: 0 },
    { ...goodItem(), stock: -1 },
    { ...goodItem(), perPersonLimit: 0 },
    { ...goodItem(), ownerScope: 'county' },
    { ...goodItem(), validUntil: 'soon' },
    { ...goodItem(), validUntil: future(-2) },
    { ...goodItem(), stock: 1.5 },
  ]],
  ['updateItem', PEOPLE.staff, [{ id: 'x', addStock: 0 }, { id: 'x', stock: 100 }, { id: 'x', active: 'no' }]],
  ['listItems', PEOPLE.member, [{}, { scope: 'all' }]],
  ['redeem', PEOPLE.member, [{}, { itemId: 'x', quantity: 2 }, { itemId: 3 }]],
  ['lookupRedemption', PEOPLE.staff, [{}, { code: 'ab' }, { code: 'ABCD-EFG' }]],
  ['fulfil', PEOPLE.staff, [{}, { code: '' }, { id: 'x' }]],
  ['cancelRedemption', PEOPLE.member, [{}, { id: 'x', reason: LONG }]],
  ['listRedemptions', PEOPLE.member, [{}, { scope: 'mine', status: 'done' }]],
  ['leaderboard', PEOPLE.member, [{ scope: 'unit' }, { scope: 'unit', period: '2026-1' }, { scope: 'unit', period: '26' }, { scope: 'unit', period: '2026', limit: 101 }]],
  ['memberProfile', PEOPLE.member, [{ year: '26' }, { openid: '' }]],
  ['reviewMember', PEOPLE.liaison, [{ openid: PEOPLE.member, year: '2026', scope: 'unit' }, { openid: PEOPLE.member, year: '2026', scope: 'unit', grade: 'A' }, { openid: PEOPLE.member, year: '2099', scope: 'unit', grade: 'good' }]],
];

test('every action has bad-input cases', () => {
  const { describe: describeFn } = require('../../cloudfunctions/points/index') as { describe: () => Record<string, unknown> }; // eslint-disable-line @typescript-eslint/no-require-imports
  expect(Object.keys(describeFn()).sort()).toEqual(BAD.map(([a]) => a).sort());
});

const cases = BAD.flatMap(([action, who, payloads]) => payloads.map((p, i) => [action, i, who, p] as const));

test.each(cases)('%s #%s is INVALID_INPUT with nothing written', async (action, _i, who, payload) => {
  const before = snapshot(h.local);
  const { result, counts } = await h.raw(who, 'points', { action, ...payload });
  expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  if (!result.ok) expect(result.error.message).toMatch(CHINESE);
  expect(counts.write).toBe(0);
  expect(snapshot(h.local)).toBe(before);
});

test.each([
  ['activityDetail', { id: 'no-such-activity' }],
  ['signUp', { id: 'no-such-activity' }],
  ['cancelActivity', { id: 'no-such-activity', reason: '雨' }],
  ['redeem', { itemId: 'no-such-item' }],
  ['updateItem', { id: 'no-such-item', addStock: 1 }],
  ['fulfil', { code: 'ZZZZZZZZ' }],
  ['reverse', { entryId: 'award_nothing', reason: '错' }],
  ['award', { openid: 'nobody-at-all', points: 5, reason: '奖' }],
  ['memberProfile', { openid: 'nobody-at-all' }],
  ['creditDemand', { demandId: 'no-such-demand' }],
] as const)('%s of an unknown id is NOT_FOUND with nothing written', async (action, payload) => {
  const before = snapshot(h.local);
  const { result, counts } = await h.raw(PEOPLE.staff, 'points', { action, ...payload });
  expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  expect(counts.write).toBe(0);
  expect(snapshot(h.local)).toBe(before);
});

test('a wrong check-in code is INVALID_INPUT and changes nothing', async () => {
  await h.ok(PEOPLE.member, 'points', 'signUp', { id: ids.activity });
  const before = snapshot(h.local);
  const res = await h.call(PEOPLE.member, 'points', 'activityCheckIn', { id: ids.activity, code: 'WRONG2' });
  expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: '签到码不正确' } });
  expect(snapshot(h.local)).toBe(before);
});

test('after the bad input, reconcile reports 0 differences', async () => {
  expect((await h.ok(PEOPLE.admin, 'points', 'reconcile')).differences).toEqual([]);
});
