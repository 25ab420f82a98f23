/**
 * Who may call which points action: every action × every demo role (plus 县卫健局's liaison 孙磊),
 * each on objects prepared afresh through the API. Exactly the permitted callers succeed; the
 * others are refused with a typed code and a Chinese message, and the database is unchanged after
 * a refusal. Reads change nothing for anyone. The tables are written from DESIGN.md and the
 * action comments in types/points.ts.
 */
import type { ActionName } from '../../types/api';
import type { ErrorCode } from '../../types/errors';
import { activity, endActivity, fund, item } from './points.fixtures';
import { openHarness, PEOPLE, snapshot, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(() => h.close());

type Action = ActionName<'points'>;
type Caller = keyof typeof PEOPLE | 'liaisonWeijian';
const OPENID: Record<Caller, string> = { ...PEOPLE, liaisonWeijian: 'demo-liaison-weijian' };
const CALLERS = Object.keys(OPENID) as Caller[];
const CHINESE = /[\u4e00-\u9fa5]/;
const ZHANG = PEOPLE.member;

const DONGJIE_STAFF: Caller[] = ['staff', 'gridWorker', 'secretary'];
/** Members with a home community: 张伟, 刘洋, 陈静, 赵敏, 孙磊. */
const MEMBERS: Caller[] = ['member', 'memberWeijian', 'liaison', 'liaisonWeijian'];
/** 张伟's viewers: himself, 东街's staff, 县人社局's liaison, the admin. */
const ZHANG_VIEWERS: Caller[] = ['member', 'liaison', ...DONGJIE_STAFF, 'admin'];
const MANAGERS: Caller[] = ['liaison', 'staff', 'gridWorker', 'staffXimen', 'secretary', 'admin', 'liaisonWeijian'];
const month = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);

interface Row {
  /** Prepares fresh objects for `caller` and returns the payload. */
  payload: (caller: Caller) => Promise<Record<string, unknown>> | Record<string, unknown>;
  allowed: Caller[];
  /** Read-only: nobody's call changes the database. */
  reads?: boolean;
  /** Codes a refusal may carry (default FORBIDDEN). */
  refusals?: ErrorCode[];
}

async function awardedEntry(): Promise<string> {
  const e = await h.ok(PEOPLE.secretary, 'points', 'award', { openid: ZHANG, points: 5, reason: '楼道清扫' });
  return e._id;
}
async function verifiedTask(): Promise<string> {
  const d = await h.ok(PEOPLE.resident, 'dispatch', 'submit', { category: 'facilities', text: '单元门坏了' });
  await h.ok(PEOPLE.staff, 'dispatch', 'dispatch', { id: d._id, unitId: 'unit-renshe', slots: 1, expectedHours: 1 });
  await h.ok(PEOPLE.liaison, 'dispatch', 'accept', { id: d._id });
  await h.ok(ZHANG, 'dispatch', 'claim', { id: d._id });
  await h.ok(ZHANG, 'dispatch', 'complete', { id: d._id, notes: '修好了', hours: 1 });
  await h.ok(PEOPLE.staff, 'dispatch', 'verify', { id: d._id });
  return d._id;
}
async function zhangAt(stage: 'signedUp' | 'checkedIn' | 'checkedOut', opts: { upcoming?: boolean } = {}) {
  const a = await activity(h, opts);
  await h.ok(ZHANG, 'points', 'signUp', { id: a._id });
  if (stage !== 'signedUp') await h.ok(ZHANG, 'points', 'activityCheckIn', { id: a._id, code: a.code! });
  if (stage === 'checkedOut') await h.ok(ZHANG, 'points', 'activityCheckOut', { id: a._id, code: a.code! });
  return a;
}
async function zhangRedemption(): Promise<{ _id: string; code: string }> {
  await fund(h, ZHANG, 10);
  const it = await item(h, { cost: 10 });
  return h.ok(ZHANG, 'points', 'redeem', { itemId: it._id });
}
const activityPayload = (communityId: string) => ({
  communityId,
  title: '敬老院探访',
  place: '城关镇敬老院',
  startAt: new Date(Date.now() + 24 * 3600_000).toISOString(),
  endAt: new Date(Date.now() + 26 * 3600_000).toISOString(),
  capacity: 10,
  hoursRule: 'actual',
});
const itemPayload = (ownerScope: 'community' | 'unit', ownerId: string) => ({
  ownerScope,
  ownerId,
  title: '家电清洗',
  cost: 20,
  stock: 5,
  perPersonLimit: 1,
  validFrom: new Date(Date.now() - 3600_000).toISOString(),
  validUntil: new Date(Date.now() + 30 * 24 * 3600_000).toISOString(),
});

const TABLE: Record<string, Row & { action: Action }> = {
  account: { action: 'account', payload: () => ({}), allowed: CALLERS, reads: true },
  'ledger of 张伟': { action: 'ledger', payload: () => ({ openid: ZHANG }), allowed: ZHANG_VIEWERS, reads: true, refusals: ['NOT_FOUND'] },
  'award 张伟': { action: 'award', payload: () => ({ openid: ZHANG, points: 5, reason: '帮助邻居' }), allowed: DONGJIE_STAFF },
  'reverse an award to 张伟': {
    action: 'reverse',
    payload: async () => ({ entryId: await awardedEntry(), reason: '登记错误' }),
    allowed: [...DONGJIE_STAFF, 'admin'],
    refusals: ['FORBIDDEN', 'NOT_FOUND'],
  },
  'creditDemand of a verified 东街 task': {
    action: 'creditDemand',
    payload: async () => ({ demandId: await verifiedTask() }),
    allowed: [...DONGJIE_STAFF, 'admin'],
    reads: true, // everyone was credited at verification: nothing to write
    refusals: ['NOT_FOUND'],
  },
  reconcile: { action: 'reconcile', payload: () => ({}), allowed: ['admin'], reads: true },
  rules: { action: 'rules', payload: () => ({}), allowed: CALLERS, reads: true },
  setRules: { action: 'setRules', payload: () => ({ perCheckIn: 5 }), allowed: ['admin'] },
  'createActivity in 东街': { action: 'createActivity', payload: () => activityPayload('c-dongjie'), allowed: DONGJIE_STAFF },
  'createActivity in 西门': { action: 'createActivity', payload: () => activityPayload('c-ximen'), allowed: ['staffXimen'] },
  cancelActivity: { action: 'cancelActivity', payload: async () => ({ id: (await activity(h, { upcoming: true }))._id, reason: '天气原因' }), allowed: DONGJIE_STAFF },
  'listActivities open': { action: 'listActivities', payload: () => ({ scope: 'open' }), allowed: CALLERS, reads: true },
  'listActivities mine': { action: 'listActivities', payload: () => ({ scope: 'mine' }), allowed: CALLERS, reads: true },
  'listActivities managed': { action: 'listActivities', payload: () => ({ scope: 'managed' }), allowed: [...DONGJIE_STAFF, 'staffXimen'], reads: true },
  activityDetail: { action: 'activityDetail', payload: async () => ({ id: (await activity(h))._id }), allowed: CALLERS, reads: true },
  signUp: { action: 'signUp', payload: async () => ({ id: (await activity(h))._id }), allowed: CALLERS },
  'cancelSignup (张伟 signed up)': { action: 'cancelSignup', payload: async () => ({ id: (await zhangAt('signedUp', { upcoming: true }))._id }), allowed: ['member'], refusals: ['INVALID_STATE'] },
  'activityCheckIn (张伟 signed up)': {
    action: 'activityCheckIn',
    payload: async () => {
      const a = await zhangAt('signedUp');
      return { id: a._id, code: a.code };
    },
    allowed: ['member'],
    refusals: ['INVALID_STATE'],
  },
  'activityCheckOut (张伟 checked in)': {
    action: 'activityCheckOut',
    payload: async () => {
      const a = await zhangAt('checkedIn');
      return { id: a._id, code: a.code };
    },
    allowed: ['member'],
    refusals: ['INVALID_STATE'],
  },
  'resolveCheckOut of 张伟': {
    action: 'resolveCheckOut',
    payload: async () => {
      const a = await zhangAt('checkedIn');
      await endActivity(h, a._id);
      return { id: a._id, openid: ZHANG, hours: 1, note: '忘记签退' };
    },
    allowed: DONGJIE_STAFF,
  },
  'approveHours of 张伟': { action: 'approveHours', payload: async () => ({ id: (await zhangAt('checkedOut'))._id, openids: [ZHANG] }), allowed: DONGJIE_STAFF },
  checkIn: { action: 'checkIn', payload: () => ({ note: '报到' }), allowed: MEMBERS },
  'compliance of 县人社局': { action: 'compliance', payload: () => ({ scope: 'unit', id: 'unit-renshe', month: month() }), allowed: ['liaison', 'admin'], reads: true },
  'compliance of 东街': { action: 'compliance', payload: () => ({ scope: 'community', id: 'c-dongjie', month: month() }), allowed: [...DONGJIE_STAFF, 'admin'], reads: true },
  'createItem for 东街': { action: 'createItem', payload: () => itemPayload('community', 'c-dongjie'), allowed: [...DONGJIE_STAFF, 'admin'] },
  'createItem for 县人社局': { action: 'createItem', payload: () => itemPayload('unit', 'unit-renshe'), allowed: ['liaison', 'admin'] },
  'updateItem of 东街': { action: 'updateItem', payload: async () => ({ id: (await item(h))._id, addStock: 3 }), allowed: [...DONGJIE_STAFF, 'admin'] },
  'updateItem of 县人社局': { action: 'updateItem', payload: async () => ({ id: (await item(h, { owner: 'unit' }))._id, active: false }), allowed: ['liaison', 'admin'] },
  'listItems available': { action: 'listItems', payload: () => ({ scope: 'available' }), allowed: CALLERS, reads: true },
  'listItems managed': { action: 'listItems', payload: () => ({ scope: 'managed' }), allowed: MANAGERS, reads: true },
  'redeem (with enough points)': {
    action: 'redeem',
    payload: async (caller) => {
      await fund(h, OPENID[caller], 20);
      return { itemId: (await item(h, { cost: 20 }))._id };
    },
    allowed: CALLERS,
  },
  'lookupRedemption of 张伟': { action: 'lookupRedemption', payload: async () => ({ code: (await zhangRedemption()).code }), allowed: ['member', ...DONGJIE_STAFF, 'admin'], reads: true, refusals: ['NOT_FOUND'] },
  'fulfil 张伟’s redemption': { action: 'fulfil', payload: async () => ({ code: (await zhangRedemption()).code }), allowed: DONGJIE_STAFF, refusals: ['FORBIDDEN', 'NOT_FOUND'] },
  'cancelRedemption of 张伟': { action: 'cancelRedemption', payload: async () => ({ id: (await zhangRedemption())._id }), allowed: ['member', ...DONGJIE_STAFF], refusals: ['FORBIDDEN', 'NOT_FOUND'] },
  'listRedemptions mine': { action: 'listRedemptions', payload: () => ({ scope: 'mine' }), allowed: CALLERS, reads: true },
  'listRedemptions managed': { action: 'listRedemptions', payload: () => ({ scope: 'managed' }), allowed: MANAGERS, reads: true },
  leaderboard: { action: 'leaderboard', payload: () => ({ scope: 'community', id: 'c-dongjie', period: month() }), allowed: CALLERS, reads: true },
  'memberProfile of 张伟': { action: 'memberProfile', payload: () => ({ openid: ZHANG }), allowed: ZHANG_VIEWERS, reads: true, refusals: ['NOT_FOUND'] },
  'reviewMember 张伟 (unit)': { action: 'reviewMember', payload: () => ({ openid: ZHANG, year: month().slice(0, 4), scope: 'unit', grade: 'good' }), allowed: ['liaison'], refusals: ['FORBIDDEN', 'NOT_FOUND'] },
  'reviewMember 张伟 (community)': { action: 'reviewMember', payload: () => ({ openid: ZHANG, year: month().slice(0, 4), scope: 'community', grade: 'good' }), allowed: ['secretary'], refusals: ['FORBIDDEN', 'NOT_FOUND'] },
};

test('the table covers every action of the points function', () => {
  const { describe: describeFn } = require('../../cloudfunctions/points/index') as { describe: () => Record<string, unknown> }; // eslint-disable-line @typescript-eslint/no-require-imports
  const covered = new Set(Object.values(TABLE).map((r) => r.action));
  expect(Object.keys(describeFn()).filter((a) => !covered.has(a as Action))).toEqual([]);
});

const cases = Object.entries(TABLE).flatMap(([name, row]) => CALLERS.map((caller) => [name, caller, row] as const));

test.each(cases)('%s as %s', async (_name, caller, row) => {
  const payload = await row.payload(caller);
  const before = snapshot(h.local);
  const res = await h.call(OPENID[caller], 'points', row.action, payload as never);
  if (row.allowed.includes(caller)) {
    expect(res).toMatchObject({ ok: true });
    if (row.reads) expect(snapshot(h.local)).toBe(before);
  } else {
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(row.refusals ?? ['FORBIDDEN']).toContain(res.error.code);
    expect(res.error.message).toMatch(CHINESE);
    expect(snapshot(h.local)).toBe(before);
  }
});

test('no identity, or an unknown openid, is refused before anything is read', async () => {
  for (const action of ['account', 'redeem', 'award'] as Action[]) {
    const anon = await h.raw(null, 'points', { action });
    expect(anon.result).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    const stranger = await h.raw('someone-unknown', 'points', { action: 'account' });
    expect(stranger.result).toMatchObject({ ok: false, error: { code: 'NOT_REGISTERED' } });
    expect(stranger.counts.write).toBe(0);
  }
});

test('a member never awards themselves, approves their own hours, or fulfils their own redemption', async () => {
  expect(await h.call(PEOPLE.staff, 'points', 'award', { openid: PEOPLE.staff, points: 5, reason: '自己' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  const a = await activity(h);
  await h.ok(PEOPLE.staff, 'points', 'signUp', { id: a._id });
  await h.ok(PEOPLE.staff, 'points', 'activityCheckIn', { id: a._id, code: a.code! });
  await h.ok(PEOPLE.staff, 'points', 'activityCheckOut', { id: a._id, code: a.code! });
  expect(await h.call(PEOPLE.staff, 'points', 'approveHours', { id: a._id, openids: [PEOPLE.staff] })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  expect(await h.call(PEOPLE.staff, 'points', 'approveHours', { id: a._id })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
  await fund(h, PEOPLE.liaison, 10);
  const r = await h.ok(PEOPLE.liaison, 'points', 'redeem', { itemId: (await item(h, { owner: 'unit', cost: 10 }))._id });
  expect(await h.call(PEOPLE.liaison, 'points', 'fulfil', { code: r.code })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
});

test('after the whole table, reconcile reports 0 differences', async () => {
  expect((await h.ok(PEOPLE.admin, 'points', 'reconcile')).differences).toEqual([]);
});
