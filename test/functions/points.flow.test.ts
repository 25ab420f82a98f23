/**
 * Pillar 2 end to end against the local cloud: verified dispatch work credits each member once
 * (verifying again, or two verifications racing), redemptions never oversell or overdraw under
 * concurrency, fulfil and cancel, activities (capacity under concurrency, code check-in/out,
 * missed check-out, approval), 双报到 once a month, leaderboards, 双认双评, and a reconcile that
 * finds nothing to report.
 */
import type { LedgerItem, PointAccount } from '../../types/points';
import { db } from '../../cloudfunctions/lib/cloud';
import { DEMO_PEOPLE, openHarness, PEOPLE, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(() => h.close());

const ZHANG = PEOPLE.member;
const ZHAO = PEOPLE.liaison; // 赵敏: liaison and member of 县人社局
const HOUR = 3600_000;

/** Writes straight to the store (time travel for activities), outside any function. */
async function patch(collection: string, id: string, data: Record<string, unknown>) {
  await h.local.invoke({ main: () => db.collection(collection).doc(id).update({ data }) }, {}, 'test');
}
async function read<T>(collection: string, id: string): Promise<T | null> {
  return (await h.local.invoke({ main: async () => (await db.collection(collection).doc(id).get()).data }, {}, 'test')).result as T | null;
}
const balance = async (openid: string) => (await h.ok(openid, 'points', 'account')).balance;

/** A demand of 东街 dispatched to 县人社局, claimed by 张伟 and 赵敏, both parts completed. */
async function completedTask(text: string, kind: 'demand' | 'wish' = 'demand'): Promise<string> {
  const d = await h.ok(PEOPLE.resident, 'dispatch', 'submit', { category: 'facilities', text, kind });
  await h.ok(PEOPLE.staff, 'dispatch', 'dispatch', { id: d._id, unitId: 'unit-renshe', slots: 2, expectedHours: 2 });
  await h.ok(ZHAO, 'dispatch', 'accept', { id: d._id });
  await h.ok(ZHANG, 'dispatch', 'claim', { id: d._id });
  await h.ok(ZHAO, 'dispatch', 'claim', { id: d._id });
  await h.ok(ZHANG, 'dispatch', 'complete', { id: d._id, notes: '更换了灯泡', hours: 1.5 });
  await h.ok(ZHAO, 'dispatch', 'complete', { id: d._id, notes: '检查了线路', hours: 2 });
  return d._id;
}

describe('verified dispatch work → the ledger, once', () => {
  test('verify credits each member their hours × the rate; a repeat credits nothing; work redone after a reopen is credited as new hours, once', async () => {
    const id = await completedTask('楼道灯坏了');
    await h.ok(PEOPLE.staff, 'dispatch', 'verify', { id });
    const zhang = await h.ok(ZHANG, 'points', 'account');
    expect(zhang).toMatchObject({ balance: 15, earned: 15, hours: 1.5, yearTotals: { points: 15, hours: 1.5 } });
    expect((await h.ok(ZHAO, 'points', 'account')).balance).toBe(20);
    const history = await h.ok(ZHANG, 'points', 'ledger', {});
    expect(history.items[0]).toMatchObject({ _id: `demand_${id}_${ZHANG}`, points: 15, hours: 1.5, source: { type: 'service', id, label: '楼道灯坏了' } });

    // A repeated verify is answered with the current state; nothing more is credited.
    await h.ok(PEOPLE.staff, 'dispatch', 'verify', { id });
    expect(await balance(ZHANG)).toBe(15);

    // 不满意 reopens the work once; the members do it again and staff verify a second time:
    // the redone hours are new service (round 1, its own source key), credited once.
    await h.ok(PEOPLE.resident, 'dispatch', 'rate', { id, value: 'unsatisfied', comment: '灯还是闪' });
    await h.ok(ZHANG, 'dispatch', 'complete', { id, notes: '换了整套灯具', hours: 1 });
    await h.ok(ZHAO, 'dispatch', 'complete', { id, notes: '复查线路', hours: 1 });
    const again = await h.ok(PEOPLE.staff, 'dispatch', 'verify', { id });
    expect(again.status).toBe('verified');
    await h.ok(PEOPLE.staff, 'dispatch', 'verify', { id });
    expect(await balance(ZHANG)).toBe(25);
    expect(await balance(ZHAO)).toBe(30);
    const mine = (await h.ok(ZHANG, 'points', 'ledger', { pageSize: 50 })).items.filter((e: LedgerItem) => e.source.id === id);
    expect(mine.map((e: LedgerItem) => [e._id, e.hours]).sort()).toEqual([
      [`demand_${id}_${ZHANG}`, 1.5],
      [`demand_${id}_r1_${ZHANG}`, 1],
    ]);
  });

  test('two verifications racing credit each member once', async () => {
    const id = await completedTask('路灯不亮');
    const before = [await balance(ZHANG), await balance(ZHAO)];
    const results = await Promise.all([
      h.call(PEOPLE.staff, 'dispatch', 'verify', { id }),
      h.call(PEOPLE.gridWorker, 'dispatch', 'verify', { id }),
      h.call(PEOPLE.secretary, 'dispatch', 'verify', { id }),
    ]);
    expect(results.some((r) => r.ok)).toBe(true);
    expect([await balance(ZHANG), await balance(ZHAO)]).toEqual([before[0] + 15, before[1] + 20]);
    const zhangEntries = (await h.ok(ZHANG, 'points', 'ledger', { pageSize: 50 })).items.filter((e: LedgerItem) => e.source.id === id);
    expect(zhangEntries).toHaveLength(1);
  });

  test('a fulfilled 微心愿 earns its extra points', async () => {
    const before = await balance(ZHANG);
    const id = await completedTask('想要一台收音机', 'wish');
    await h.ok(PEOPLE.staff, 'dispatch', 'verify', { id });
    expect(await balance(ZHANG)).toBe(before + 15 + 20);
  });
});

describe('manual awards and reversals', () => {
  test('staff award a person of their community with a reason; the entry names them; a reversal undoes it once', async () => {
    const before = await balance(ZHANG);
    const entry = await h.ok(PEOPLE.staff, 'points', 'award', { openid: ZHANG, points: 30, reason: '组织楼道清扫' });
    expect(entry).toMatchObject({ points: 30, reason: '组织楼道清扫', actorName: '周芳', source: { type: 'award' } });
    expect(await balance(ZHANG)).toBe(before + 30);
    const reversal = await h.ok(PEOPLE.secretary, 'points', 'reverse', { entryId: entry._id, reason: '重复登记' });
    expect(reversal).toMatchObject({ _id: `reverse_${entry._id}`, points: -30, reverses: entry._id });
    await h.ok(PEOPLE.secretary, 'points', 'reverse', { entryId: entry._id, reason: '重复登记' });
    expect(await balance(ZHANG)).toBe(before);
  });

  test('an award outside the community or to oneself is refused', async () => {
    expect(await h.call(PEOPLE.staff, 'points', 'award', { openid: 'demo-member-chen', points: 5, reason: '帮忙' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await h.call(PEOPLE.staff, 'points', 'award', { openid: PEOPLE.staff, points: 5, reason: '帮忙' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('redemption under concurrency', () => {
  async function item(stock: number, cost: number, perPersonLimit: number) {
    const now = Date.now();
    return h.ok(PEOPLE.staff, 'points', 'createItem', {
      ownerScope: 'community',
      ownerId: 'c-dongjie',
      title: `理发券 ${stock}/${cost}`,
      cost,
      stock,
      perPersonLimit,
      validFrom: new Date(now - HOUR).toISOString(),
      validUntil: new Date(now + 30 * 24 * HOUR).toISOString(),
    });
  }

  test('100 concurrent redemptions of an item with stock 5 → exactly 5', async () => {
    const people = DEMO_PEOPLE.map((p) => p.openid).filter((o) => o !== PEOPLE.staff && o !== PEOPLE.admin).slice(0, 6);
    for (const p of people.filter((o) => DEMO_PEOPLE.find((x) => x.openid === o)?.communityId === 'c-dongjie')) {
      await h.ok(PEOPLE.staff, 'points', 'award', { openid: p, points: 50, reason: '兑换测试' });
    }
    await h.ok(PEOPLE.staffXimen, 'points', 'award', { openid: 'demo-member-chen', points: 50, reason: '兑换测试' });
    const it = await item(5, 1, 100);
    const results = await Promise.all(Array.from({ length: 100 }, (_v, i) => h.call(people[i % people.length], 'points', 'redeem', { itemId: it._id })));
    const won = results.filter((r) => r.ok);
    expect(won).toHaveLength(5);
    for (const r of results.filter((x) => !x.ok)) expect(r).toMatchObject({ ok: false, error: { code: expect.stringMatching(/INVALID_STATE|CONFLICT/) } });
    expect((await read<{ stock: number }>('catalogueItems', it._id))!.stock).toBe(0);
    const codes = new Set(won.map((r) => (r.ok ? r.data.code : '')));
    expect(codes.size).toBe(5);
  });

  test('one member redeeming concurrently beyond their balance never goes negative', async () => {
    const it = await item(100, 10, 100);
    const start = await balance(ZHANG);
    const results = await Promise.all(Array.from({ length: 30 }, () => h.call(ZHANG, 'points', 'redeem', { itemId: it._id })));
    const won = results.filter((r) => r.ok).length;
    expect(won).toBe(Math.floor(start / 10));
    const after = await h.ok(ZHANG, 'points', 'account');
    expect(after.balance).toBe(start - won * 10);
    expect(after.balance).toBeGreaterThanOrEqual(0);
    const acct = await read<PointAccount>('pointAccounts', ZHANG);
    expect(acct!.redeemed[it._id]).toBe(won);
  });

  test('fulfil by code (not one’s own), cancel refunds by a reversing entry and returns the stock', async () => {
    await h.ok(PEOPLE.staff, 'points', 'award', { openid: PEOPLE.gridWorker, points: 40, reason: '网格巡查' });
    await h.ok(PEOPLE.secretary, 'points', 'award', { openid: PEOPLE.staff, points: 40, reason: '活动组织' });
    const it = await item(3, 10, 2);
    const r1 = await h.ok(PEOPLE.gridWorker, 'points', 'redeem', { itemId: it._id });
    expect(r1).toMatchObject({ status: 'pending', cost: 10, allowedActions: ['cancel'] });
    const own = await h.ok(PEOPLE.staff, 'points', 'redeem', { itemId: it._id });
    expect(await h.call(PEOPLE.staff, 'points', 'fulfil', { code: own.code })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await h.call(PEOPLE.staffXimen, 'points', 'fulfil', { code: r1.code })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const looked = await h.ok(PEOPLE.staff, 'points', 'lookupRedemption', { code: r1.code.toLowerCase() });
    expect(looked.allowedActions).toEqual(['fulfil', 'cancel']);
    const done = await h.ok(PEOPLE.staff, 'points', 'fulfil', { code: r1.code });
    expect(done).toMatchObject({ status: 'fulfilled', fulfilledBy: PEOPLE.staff });
    expect(await h.call(PEOPLE.gridWorker, 'points', 'cancelRedemption', { id: r1._id })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });

    const before = await balance(PEOPLE.staff);
    const cancelled = await h.ok(PEOPLE.staff, 'points', 'cancelRedemption', { id: own._id, reason: '不需要了' });
    expect(cancelled.status).toBe('cancelled');
    expect(await balance(PEOPLE.staff)).toBe(before + 10);
    const history = await h.ok(PEOPLE.staff, 'points', 'ledger', {});
    expect(history.items.slice(0, 2).map((e: LedgerItem) => [e.source.type, e.points])).toEqual([['refund', 10], ['redeem', -10]]);
    expect((await read<{ stock: number }>('catalogueItems', it._id))!.stock).toBe(2);
    const mine = await h.ok(PEOPLE.gridWorker, 'points', 'listRedemptions', { scope: 'mine' });
    expect(mine.items.map((r) => r.status)).toEqual(['fulfilled']);
    const managed = await h.ok(PEOPLE.staff, 'points', 'listRedemptions', { scope: 'managed', status: 'cancelled' });
    expect(managed.items.map((r) => r._id)).toContain(own._id);
  });
});

test('someone who manages both a community and a unit sees the items and redemptions of both', async () => {
  await h.ok(PEOPLE.admin, 'org', 'grantRole', { openid: ZHAO, role: 'staff', communityId: 'c-ximen' });
  const now = Date.now();
  const window = { validFrom: new Date(now - HOUR).toISOString(), validUntil: new Date(now + 48 * HOUR).toISOString() };
  const ximen = await h.ok(ZHAO, 'points', 'createItem', { ownerScope: 'community', ownerId: 'c-ximen', title: '西门洗车券', cost: 5, stock: 3, perPersonLimit: 1, ...window });
  const unit = await h.ok(ZHAO, 'points', 'createItem', { ownerScope: 'unit', ownerId: 'unit-renshe', title: '社保咨询', cost: 5, stock: 3, perPersonLimit: 1, ...window });
  const managed = (await h.ok(ZHAO, 'points', 'listItems', { scope: 'managed', pageSize: 50 })).items.map((i) => i._id);
  expect(managed).toEqual(expect.arrayContaining([ximen._id, unit._id]));
  const owners = new Set((await h.ok(ZHAO, 'points', 'listItems', { scope: 'managed', pageSize: 50 })).items.map((i) => `${i.owner.scope}:${i.owner.id}`));
  expect(owners).toEqual(new Set(['community:c-ximen', 'unit:unit-renshe']));
  await h.ok(PEOPLE.admin, 'org', 'revokeRole', { openid: ZHAO, role: 'staff', communityId: 'c-ximen' });
});

describe('volunteer activities', () => {
  async function activity(capacity: number, extra: Record<string, unknown> = {}) {
    const now = Date.now();
    return h.ok(PEOPLE.staff, 'points', 'createActivity', {
      title: '社区义诊',
      place: '东街社区服务中心',
      startAt: new Date(now - HOUR).toISOString(),
      endAt: new Date(now + 2 * HOUR).toISOString(),
      capacity,
      hoursRule: 'fixed',
      fixedHours: 2,
      ...extra,
    });
  }

  test('sign-ups beyond capacity under concurrency are refused', async () => {
    const a = await activity(3);
    const newcomers = Array.from({ length: 40 }, (_v, n) => `volunteer-${n}`);
    for (const [n, o] of newcomers.entries()) await h.ok(o, 'org', 'register', { name: `志愿者${n}` });
    const everyone = [...DEMO_PEOPLE.map((p) => p.openid), ...newcomers];
    const results = await Promise.all(everyone.map((o) => h.call(o, 'points', 'signUp', { id: a._id })));
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    for (const r of results.filter((x) => !x.ok)) expect(r).toMatchObject({ ok: false, error: { code: expect.stringMatching(/INVALID_STATE|CONFLICT/) } });
    const seen = await h.ok(PEOPLE.staff, 'points', 'activityDetail', { id: a._id });
    expect(seen.signedUp).toBe(3);
    expect(seen.signups!.filter((s) => s.status === 'signedUp')).toHaveLength(3);
  });

  test('sign up, check in and out with the code, approve → ledger; the organiser settles a missed check-out', async () => {
    const a = await activity(10);
    expect(a.code).toMatch(/^[0-9A-Z]{6}$/);
    const asMember = await h.ok(ZHANG, 'points', 'activityDetail', { id: a._id });
    expect(asMember).toMatchObject({ code: null, signups: null, allowedActions: ['signUp'] });
    for (const who of [ZHANG, PEOPLE.memberWeijian, PEOPLE.staff]) await h.ok(who, 'points', 'signUp', { id: a._id });
    expect(await h.call(ZHANG, 'points', 'activityCheckIn', { id: a._id, code: 'ZZZZZZ' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    for (const who of [ZHANG, PEOPLE.memberWeijian, PEOPLE.staff]) await h.ok(who, 'points', 'activityCheckIn', { id: a._id, code: a.code! });
    const out = await h.ok(ZHANG, 'points', 'activityCheckOut', { id: a._id, code: a.code! });
    expect(out.mySignup).toMatchObject({ status: 'checkedOut', hours: 2 });
    await h.ok(PEOPLE.staff, 'points', 'activityCheckOut', { id: a._id, code: a.code! });

    // 刘洋 forgot to check out; after the end, the organiser settles it.
    expect(await h.call(PEOPLE.staff, 'points', 'resolveCheckOut', { id: a._id, openid: PEOPLE.memberWeijian, hours: 1.5, note: '提前离开' })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    await patch('activities', a._id, { startAt: new Date(Date.now() - 5 * HOUR), endAt: new Date(Date.now() - 3 * HOUR) });
    const resolved = await h.ok(PEOPLE.staff, 'points', 'resolveCheckOut', { id: a._id, openid: PEOPLE.memberWeijian, hours: 1.5, note: '提前离开' });
    expect(resolved.signups!.find((s) => s.openid === PEOPLE.memberWeijian)).toMatchObject({ status: 'checkedOut', hours: 1.5, resolvedBy: PEOPLE.staff });

    // 周芳 may not approve her own hours; 黄志明 approves them all, hers included.
    expect(await h.call(PEOPLE.staff, 'points', 'approveHours', { id: a._id, openids: [PEOPLE.staff] })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const before = await balance(ZHANG);
    const byStaff = await h.ok(PEOPLE.staff, 'points', 'approveHours', { id: a._id });
    expect(byStaff.approved).toBe(2);
    expect(await balance(ZHANG)).toBe(before + 20);
    const bySecretary = await h.ok(PEOPLE.secretary, 'points', 'approveHours', { id: a._id });
    expect(bySecretary.approved).toBe(1);
    expect(await h.call(PEOPLE.secretary, 'points', 'approveHours', { id: a._id })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    const liu = await h.ok(PEOPLE.memberWeijian, 'points', 'ledger', {});
    expect(liu.items[0]).toMatchObject({ _id: `activity_${a._id}_${PEOPLE.memberWeijian}`, hours: 1.5, points: 15 });
  });

  test('check-in and check-out hours follow the clock for an activity by actual time', async () => {
    const a = await activity(5, { hoursRule: 'actual', fixedHours: undefined });
    await h.ok(ZHANG, 'points', 'signUp', { id: a._id });
    await h.ok(ZHANG, 'points', 'activityCheckIn', { id: a._id, code: a.code! });
    // checked in 1 h 40 min ago (the activity began 1 h ago: counted from the start)
    await patch('activitySignups', `${a._id}_${ZHANG}`, { checkInAt: new Date(Date.now() - 100 * 60_000) });
    const out = await h.ok(ZHANG, 'points', 'activityCheckOut', { id: a._id, code: a.code! });
    expect(out.mySignup!.hours).toBe(1);
  });

  test('cancel a sign-up before the start; staff cancel an activity; lists', async () => {
    const now = Date.now();
    const later = await h.ok(PEOPLE.staff, 'points', 'createActivity', {
      title: '垃圾分类宣传',
      place: '幸福小区广场',
      startAt: new Date(now + 24 * HOUR).toISOString(),
      endAt: new Date(now + 26 * HOUR).toISOString(),
      capacity: 2,
      hoursRule: 'actual',
    });
    await h.ok(ZHANG, 'points', 'signUp', { id: later._id });
    const left = await h.ok(ZHANG, 'points', 'cancelSignup', { id: later._id });
    expect(left).toMatchObject({ signedUp: 0, myStatus: 'cancelled', allowedActions: ['signUp'] });
    await h.ok(ZHANG, 'points', 'signUp', { id: later._id });
    const open = await h.ok(ZHANG, 'points', 'listActivities', { scope: 'open' });
    expect(open.items.find((x) => x._id === later._id)).toMatchObject({ phase: 'upcoming', myStatus: 'signedUp', communityName: '东街社区' });
    const mine = await h.ok(ZHANG, 'points', 'listActivities', { scope: 'mine' });
    expect(mine.items.map((x) => x._id)).toContain(later._id);
    expect(await h.call(PEOPLE.staffXimen, 'points', 'cancelActivity', { id: later._id, reason: '下雨' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const cancelled = await h.ok(PEOPLE.staff, 'points', 'cancelActivity', { id: later._id, reason: '下雨' });
    expect(cancelled.phase).toBe('cancelled');
    expect(await h.call(ZHANG, 'points', 'activityCheckIn', { id: later._id, code: later.code! })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
  });
});

describe('双报到', () => {
  test('a member checks in once a month; the second earns nothing; residents cannot', async () => {
    const before = await balance(PEOPLE.memberWeijian);
    const first = await h.ok(PEOPLE.memberWeijian, 'points', 'checkIn', { note: '参加楼道议事' });
    expect(first).toMatchObject({ created: true, points: 5, checkIn: { communityId: 'c-dongjie', unitId: 'unit-weijian' } });
    const second = await h.ok(PEOPLE.memberWeijian, 'points', 'checkIn', {});
    expect(second).toMatchObject({ created: false, points: 0 });
    const racing = await Promise.all([1, 2, 3].map(() => h.call('demo-member-chen', 'points', 'checkIn', {})));
    expect(racing.filter((r) => r.ok && r.data.created)).toHaveLength(1);
    expect(await balance(PEOPLE.memberWeijian)).toBe(before + 5);
    const account = await h.ok(PEOPLE.memberWeijian, 'points', 'account');
    expect(account.checkIn).toMatchObject({ canCheckIn: false });
    expect(await h.call(PEOPLE.resident, 'points', 'checkIn', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  test('compliance per unit and per community', async () => {
    const month = (await h.ok(PEOPLE.admin, 'points', 'account')).month;
    const unit = await h.ok(PEOPLE.liaison, 'points', 'compliance', { scope: 'unit', id: 'unit-renshe', month });
    expect(unit).toMatchObject({ name: '县人社局', members: 3, checkedIn: 1 });
    expect(unit.people.items.find((p) => p.openid === 'demo-member-chen')!.checkedInAt).not.toBeNull();
    const community = await h.ok(PEOPLE.staff, 'points', 'compliance', { scope: 'community', id: 'c-dongjie', month });
    expect(community).toMatchObject({ members: 2, checkedIn: 1, rate: 0.5 });
    expect(await h.call(PEOPLE.staff, 'points', 'compliance', { scope: 'unit', id: 'unit-renshe', month })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('leaderboards and 双认双评', () => {
  test('boards come from tallies: earned points (not spending) per community and unit, month and year', async () => {
    const { month, year } = await h.ok(ZHANG, 'points', 'account');
    const board = await h.ok(ZHANG, 'points', 'leaderboard', { scope: 'unit', period: month });
    expect(board.name).toBe('县人社局');
    expect(board.rows.map((r) => r.openid)).toEqual(expect.arrayContaining([ZHANG, ZHAO]));
    expect(board.me!.openid).toBe(ZHANG);
    const zhang = await h.ok(ZHANG, 'points', 'account');
    expect(board.me!.points).toBe(zhang.monthTotals.points);
    const yearly = await h.ok(PEOPLE.resident, 'points', 'leaderboard', { scope: 'community', id: 'c-dongjie', period: year, limit: 3 });
    expect(yearly.rows.length).toBeLessThanOrEqual(3);
    expect(yearly.rows[0].rank).toBe(1);
  });

  test('the liaison and the home secretary review a member; the profile shows reviews and residents’ ratings', async () => {
    const id = await completedTask('修理单元门');
    await h.ok(PEOPLE.staff, 'dispatch', 'verify', { id });
    await h.ok(PEOPLE.resident, 'dispatch', 'rate', { id, value: 'satisfied', comment: '很及时' });
    const { year } = await h.ok(ZHANG, 'points', 'account');
    await h.ok(ZHAO, 'points', 'reviewMember', { openid: ZHANG, year, scope: 'unit', grade: 'excellent', comment: '服务积极' });
    await h.ok(PEOPLE.secretary, 'points', 'reviewMember', { openid: ZHANG, year, scope: 'community', grade: 'good' });
    expect(await h.call(PEOPLE.staff, 'points', 'reviewMember', { openid: ZHANG, year, scope: 'community', grade: 'good' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await h.call(ZHAO, 'points', 'reviewMember', { openid: ZHAO, year, scope: 'unit', grade: 'excellent' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const profile = await h.ok(ZHAO, 'points', 'memberProfile', { openid: ZHANG });
    expect(profile.reviews.unit).toMatchObject({ grade: 'excellent', byName: '赵敏' });
    expect(profile.reviews.community).toMatchObject({ grade: 'good' });
    expect(profile.residentRatings.satisfied).toBeGreaterThanOrEqual(1);
    expect(profile.residentRatings.recent[0]).toMatchObject({ demandId: id, value: 'satisfied', comment: '很及时' });
    expect(profile.canReview).toEqual(['unit']);
    expect(await h.call(PEOPLE.residentXimen, 'points', 'memberProfile', { openid: ZHANG })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

test('reconcile finds a cached figure that disagrees with the ledger (and changes nothing)', async () => {
  const acct = (await read<PointAccount>('pointAccounts', ZHANG))!;
  await patch('pointAccounts', ZHANG, { balance: acct.balance + 7 });
  const { month } = await h.ok(ZHANG, 'points', 'account');
  const tallyKey = `unit_unit-renshe_${month}`;
  const tally = (await read<{ people: Record<string, { points: number }> }>('pointTallies', tallyKey))!;
  await patch('pointTallies', tallyKey, { [`people.${ZHAO}.points`]: tally.people[ZHAO].points - 3 });
  const report = await h.ok(PEOPLE.admin, 'points', 'reconcile');
  expect(report.differences).toEqual([
    { kind: 'account', key: ZHANG, field: 'balance', cached: acct.balance + 7, computed: acct.balance },
    { kind: 'tally', key: `${tallyKey}/${ZHAO}`, field: 'points', cached: tally.people[ZHAO].points - 3, computed: tally.people[ZHAO].points },
  ]);
  expect((await read<PointAccount>('pointAccounts', ZHANG))!.balance).toBe(acct.balance + 7);
  await patch('pointAccounts', ZHANG, { balance: acct.balance });
  await patch('pointTallies', tallyKey, { [`people.${ZHAO}.points`]: tally.people[ZHAO].points });
});

test('reconcile names a verified member whose hours never reached the ledger; creditDemand repairs it, once', async () => {
  const id = await completedTask('修补破损台阶');
  await h.ok(PEOPLE.staff, 'dispatch', 'verify', { id });
  // As if a verification had been saved and its crediting lost: the same demand under a new id.
  const demand = (await read<Record<string, unknown>>('demands', id))!;
  const lost = `${id}-lost`;
  await h.local.invoke({ main: () => db.collection('demands').add({ data: { ...demand, _id: lost } }) }, {}, 'test');
  const report = await h.ok(PEOPLE.admin, 'points', 'reconcile');
  expect(report.differences).toEqual([
    { kind: 'credit', key: `demand_${lost}_${ZHANG}`, field: 'hours', cached: null, computed: 1.5 },
    { kind: 'credit', key: `demand_${lost}_${ZHAO}`, field: 'hours', cached: null, computed: 2 },
  ]);
  expect(await h.call(PEOPLE.staffXimen, 'points', 'creditDemand', { demandId: lost })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  expect(await h.ok(PEOPLE.staff, 'points', 'creditDemand', { demandId: lost })).toEqual({ credited: 2 });
  expect(await h.ok(PEOPLE.admin, 'points', 'creditDemand', { demandId: lost })).toEqual({ credited: 0 });
  expect(await h.ok(PEOPLE.staff, 'points', 'creditDemand', { demandId: id })).toEqual({ credited: 0 });
  expect((await h.ok(PEOPLE.admin, 'points', 'reconcile')).differences).toEqual([]);
});

test('after all of the above, reconcile reports 0 differences', async () => {
  const report = await h.ok(PEOPLE.admin, 'points', 'reconcile');
  expect(report.entries).toBeGreaterThan(20);
  expect(report.differences).toEqual([]);
});

test('a rule change is one audit entry with what it changed, before → after', async () => {
  const before = (await h.ok(PEOPLE.admin, 'points', 'rules')).perCheckIn;
  await h.ok(PEOPLE.admin, 'points', 'setRules', { perCheckIn: before + 1 });
  const entries = (h.local.db.store.all('auditLog') as unknown as { action: string; actor: { openid: string }; target: { kind: string }; before: unknown; after: unknown }[]).filter(
    (e) => e.action === 'setRules',
  );
  expect(entries).toHaveLength(1);
  expect(entries[0]).toMatchObject({ actor: { openid: PEOPLE.admin }, target: { kind: 'rules' }, before: { perCheckIn: before }, after: { perCheckIn: before + 1 } });
  await h.ok(PEOPLE.admin, 'points', 'setRules', { perCheckIn: before });
});
