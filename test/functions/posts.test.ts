/**
 * 设岗定责, 承诺践诺评诺 and 年度任务 against the local cloud: a member claims a post, logs 3 hours,
 * staff verify → hours and points once (verified twice, or racing), the yearly duties move; a
 * pledge fulfilled, rated by the branch and by residents; every action × every role refused where
 * not permitted with nothing changed; bad input → a typed error.
 */
import { dayOf } from '../../cloudfunctions/core/calendar';
import { openHarness, PEOPLE, snapshot, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(() => h.close());

const ZHANG = PEOPLE.member; // 县人社局, lives in 东街
const CHEN = 'demo-member-chen'; // 县人社局, lives in 西门
const STAFF = PEOPLE.staff; // 东街
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex').toString('base64');
const today = () => dayOf(new Date());
const ROLES = Object.values(PEOPLE);

async function newPost(name = '民情收集岗') {
  return h.ok(STAFF, 'posts', 'createPost', { communityId: 'c-dongjie', kind: 'post', name, duties: '每月走访楼栋，收集居民意见', hoursPerYear: 20 });
}

test('a member claims a post, logs 3 hours, staff verify: hours and points once, toward the yearly target', async () => {
  const post = await newPost();
  const before = await h.ok(ZHANG, 'posts', 'myDuties', {});
  const account = await h.ok(ZHANG, 'points', 'account');
  expect((await h.ok(ZHANG, 'posts', 'listPosts', {})).items.find((p) => p._id === post._id)).toMatchObject({ claimed: false, canClaim: true });
  const claimed = await h.ok(ZHANG, 'posts', 'claimPost', { id: post._id });
  expect(claimed).toMatchObject({ claimed: true, canClaim: false, holders: 1 });
  expect((await h.ok(ZHANG, 'posts', 'claimPost', { id: post._id })).holders).toBe(1);

  const log = await h.ok(ZHANG, 'posts', 'logWork', { postId: post._id, workedOn: today(), hours: 3, note: '走访和平小区 1 号楼' });
  expect(log).toMatchObject({ status: 'pending', hours: 3, allowedActions: [] });
  expect((await h.ok(STAFF, 'posts', 'listLogs', { scope: 'review' })).items.find((l) => l._id === log._id)?.allowedActions).toEqual(['verify', 'return']);

  const [a, b] = await Promise.all([h.call(STAFF, 'posts', 'verifyLog', { id: log._id }), h.call(PEOPLE.secretary, 'posts', 'verifyLog', { id: log._id })]);
  expect([a.ok, b.ok]).toEqual([true, true]);
  const again = await h.ok(STAFF, 'posts', 'verifyLog', { id: log._id });
  expect(again).toMatchObject({ status: 'verified', entryId: `post_${log._id}` });
  const after = await h.ok(ZHANG, 'points', 'account');
  expect(after.hours).toBe(account.hours + 3);
  expect(after.earned - account.earned).toBe(again.points);
  const ledger = await h.ok(ZHANG, 'points', 'ledger', {});
  expect(ledger.items.filter((e) => e.source.type === 'post' && e.source.id === log._id)).toHaveLength(1);

  const duties = await h.ok(ZHANG, 'posts', 'myDuties', {});
  const hours = (p: typeof duties) => p.items.find((i) => i.field === 'serviceHours')!.done;
  expect(hours(duties)).toBe(hours(before) + 3);
  expect((await h.ok(ZHANG, 'posts', 'myPosts', {})).items.find((c) => c.postId === post._id)?.hours).toEqual({ [today().slice(0, 4)]: 3 });
});

test('双向认领: a member of a unit paired with the community claims its post from elsewhere; the post lists in their choice of community', async () => {
  const post = await newPost('政策宣传岗');
  expect(post).toMatchObject({ communityName: '东街社区', pairedUnitIds: expect.arrayContaining(['unit-renshe', 'unit-weijian', 'unit-gongdian']) });
  // 陈静 lives in 西门; 县人社局 is paired with 东街.
  const listed = await h.ok(CHEN, 'posts', 'listPosts', { communityId: 'c-dongjie' });
  expect(listed.items.find((p) => p._id === post._id)).toMatchObject({ canClaim: true, claimed: false });
  expect(await h.ok(CHEN, 'posts', 'claimPost', { id: post._id })).toMatchObject({ claimed: true, holders: 1 });
  const log = await h.ok(CHEN, 'posts', 'logWork', { postId: post._id, workedOn: today(), hours: 2, note: '在东街广场宣传医保政策' });
  expect((await h.ok(STAFF, 'posts', 'verifyLog', { id: log._id })).status).toBe('verified');
  // A post of 西门 (paired with 县卫健局 and 县住建局) is not open to 张伟 of 县人社局, who lives in 东街.
  const ximen = await h.ok(PEOPLE.staffXimen, 'posts', 'createPost', { communityId: 'c-ximen', kind: 'zone', name: '西门花园北侧绿地', duties: '每周清理', hoursPerYear: 6 });
  const before = snapshot(h.local);
  const refused = await h.call(ZHANG, 'posts', 'claimPost', { id: ximen._id });
  expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '只能认领居住社区或本单位结对社区的岗位和责任区' } });
  expect(snapshot(h.local)).toBe(before);
});

test('停用: only staff of its community; the post leaves the list and cannot be claimed, its claims stay', async () => {
  const post = await newPost('停用测试岗');
  await h.ok(ZHANG, 'posts', 'claimPost', { id: post._id });
  const before = snapshot(h.local);
  expect(await h.call(PEOPLE.staffXimen, 'posts', 'archivePost', { id: post._id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  expect(await h.call(ZHANG, 'posts', 'archivePost', { id: post._id })).toMatchObject({ ok: false });
  expect(snapshot(h.local)).toBe(before);
  expect(await h.ok(STAFF, 'posts', 'archivePost', { id: post._id })).toMatchObject({ archived: true });
  expect((await h.ok(STAFF, 'posts', 'listPosts', { communityId: 'c-dongjie', pageSize: 50 })).items.map((p) => p._id)).not.toContain(post._id);
  expect(await h.call(PEOPLE.memberWeijian, 'posts', 'claimPost', { id: post._id })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
  expect((await h.ok(ZHANG, 'posts', 'myPosts', {})).items.map((c) => c.postId)).toContain(post._id);
});

test('one service-hour target: 年度任务’s 服务时长 is the point rules’ yearlyHourTarget, whichever page sets it', async () => {
  const before = await h.ok(PEOPLE.admin, 'points', 'rules');
  try {
    await h.ok(PEOPLE.admin, 'posts', 'setDutyRules', { serviceHours: 24 });
    expect((await h.ok(PEOPLE.admin, 'points', 'rules')).yearlyHourTarget).toBe(24);
    await h.ok(PEOPLE.admin, 'points', 'setRules', { yearlyHourTarget: 30 });
    expect((await h.ok(PEOPLE.admin, 'posts', 'dutyRules', {})).serviceHours).toBe(30);
    const mine = await h.ok(ZHANG, 'posts', 'myDuties', {});
    expect(mine.items.find((i) => i.field === 'serviceHours')?.target).toBe(30);
  } finally {
    await h.ok(PEOPLE.admin, 'points', 'setRules', { yearlyHourTarget: before.yearlyHourTarget });
  }
});

test('a returned log earns nothing and tells the member why', async () => {
  const post = await newPost('治安巡逻岗');
  await h.ok(ZHANG, 'posts', 'claimPost', { id: post._id });
  const log = await h.ok(ZHANG, 'posts', 'logWork', { postId: post._id, workedOn: today(), hours: 1, note: '夜间巡逻' });
  const before = await h.ok(ZHANG, 'points', 'account');
  const back = await h.ok(STAFF, 'posts', 'returnLog', { id: log._id, reason: '当天没有排班记录' });
  expect(back).toMatchObject({ status: 'returned', returnReason: '当天没有排班记录' });
  expect((await h.call(STAFF, 'posts', 'verifyLog', { id: log._id })).ok).toBe(false);
  expect((await h.ok(ZHANG, 'points', 'account')).hours).toBe(before.hours);
});

test('pledge → 践诺 with a photo → the branch rates it, residents give their verdicts once', async () => {
  const p = await h.ok(ZHANG, 'posts', 'pledge', { text: '每月为独居老人代购一次药品' });
  expect(p).toMatchObject({ status: 'pledged', allowedActions: ['fulfil'] });
  expect((await h.call(STAFF, 'posts', 'ratePledge', { id: p._id, grade: 'good' })).ok).toBe(false);
  const pic = (await h.ok(ZHANG, 'dispatch', 'uploadPhoto', { contentType: 'image/png', base64: PNG })).fileID;
  const done = await h.ok(ZHANG, 'posts', 'fulfilPledge', { id: p._id, note: '已为王秀英代购降压药 3 次', photos: [pic] });
  expect(done.status).toBe('fulfilled');
  const rated = await h.ok(PEOPLE.secretary, 'posts', 'ratePledge', { id: p._id, grade: 'excellent', comment: '坚持得好' });
  expect(rated).toMatchObject({ status: 'rated', rating: { grade: 'excellent', byName: expect.any(String) } });
  const wall = await h.ok(PEOPLE.resident, 'posts', 'listPledges', { scope: 'community' });
  expect(wall.items.find((x) => x._id === p._id)?.allowedActions).toEqual(['residentRate']);
  const v = await h.ok(PEOPLE.resident, 'posts', 'residentRatePledge', { id: p._id, verdict: 'satisfied' });
  expect(v).toMatchObject({ residents: { satisfied: 1 }, myVerdict: 'satisfied', allowedActions: [] });
  await h.ok(PEOPLE.resident, 'posts', 'residentRatePledge', { id: p._id, verdict: 'satisfied' });
  expect((await h.call(PEOPLE.resident, 'posts', 'residentRatePledge', { id: p._id, verdict: 'basic' })).ok).toBe(false);
  expect((await h.ok(ZHANG, 'posts', 'listPledges', { scope: 'mine' })).items.find((x) => x._id === p._id)?.residents).toEqual({ satisfied: 1, basic: 0, unsatisfied: 0 });
  // 双认双评: the member's profile carries the pledges, the branch's grades and residents' verdicts.
  const profile = await h.ok(PEOPLE.secretary, 'points', 'memberProfile', { openid: ZHANG });
  expect(profile.pledges).toMatchObject({ fulfilled: 1, grades: { excellent: 1 }, residents: { satisfied: 1 } });
});

test('yearly duties: 调研 once a quarter, a 难题 by staff, 双报到 from the account; the liaison sees who is behind', async () => {
  const before = await h.ok(ZHANG, 'posts', 'myDuties', {});
  const done = (p: typeof before, f: string) => p.items.find((i) => i.field === f)!.done;
  await h.ok(ZHANG, 'posts', 'recordSurvey', { note: '调研和平小区停车难' });
  await h.ok(ZHANG, 'posts', 'recordSurvey', { note: '同一季度再记一次' });
  await h.ok(STAFF, 'posts', 'recordProblem', { openid: ZHANG, note: '协调解决 2 号楼漏水' });
  await h.ok(ZHANG, 'points', 'checkIn', {});
  const after = await h.ok(ZHANG, 'posts', 'myDuties', {});
  expect(done(after, 'surveys')).toBe(done(before, 'surveys') + 1);
  expect(done(after, 'problems')).toBe(done(before, 'problems') + 1);
  expect(done(after, 'checkIns')).toBeGreaterThanOrEqual(1);
  const unit = await h.ok(PEOPLE.liaison, 'posts', 'unitDuties', { unitId: 'unit-renshe' });
  expect(unit.people.items.map((p) => p.openid)).toEqual(expect.arrayContaining([ZHANG, CHEN]));
  const behind = unit.people.items.map((p) => p.behind);
  expect([...behind].sort((x, y) => y - x)).toEqual(behind);
  expect((await h.call(PEOPLE.liaison, 'posts', 'unitDuties', { unitId: 'unit-weijian' })).ok).toBe(false);
  await h.ok(PEOPLE.admin, 'posts', 'setDutyRules', { problems: 2 });
  expect((await h.ok(ZHANG, 'posts', 'myDuties', {})).items.find((i) => i.field === 'problems')!.target).toBe(2);
  await h.ok(PEOPLE.admin, 'posts', 'setDutyRules', { problems: 1 });
});

describe('every action × every role: refused where not permitted, nothing changed', () => {
  test.each([
    ['createPost', () => ({ communityId: 'c-dongjie', kind: 'zone', name: '东门绿化带', duties: '每周清理一次', hoursPerYear: 10 }), ['staff', 'gridWorker', 'secretary']],
    ['setDutyRules', () => ({ surveys: 4 }), ['admin']],
    ['recordProblem', () => ({ openid: ZHANG, note: '帮助解决难题' }), ['staff', 'gridWorker', 'secretary']],
    ['unitDuties', () => ({ unitId: 'unit-renshe' }), ['liaison', 'admin']],
    ['pledge', () => ({ text: '每月参加一次楼道清扫' }), ['member', 'memberWeijian', 'liaison']],
  ] as const)('%s', async (action, payload, allowed) => {
    for (const [role, openid] of Object.entries(PEOPLE)) {
      const before = snapshot(h.local);
      const res = await h.call(openid, 'posts', action, payload() as never);
      const may = (allowed as readonly string[]).includes(role);
      expect([role, res.ok]).toEqual([role, may]);
      if (!may) {
        expect(['FORBIDDEN', 'NOT_FOUND', 'INVALID_INPUT']).toContain(res.ok ? '' : res.error.code);
        expect(snapshot(h.local)).toBe(before);
      }
    }
  });

  test('claim, log, verify, return, fulfil, rate: only those the rules name', async () => {
    const post = await newPost('纠纷调解岗');
    const claimers = [];
    for (const [role, openid] of Object.entries(PEOPLE)) if ((await h.call(openid, 'posts', 'claimPost', { id: post._id })).ok) claimers.push(role);
    // Members who live in 东街, 张伟 (县人社局) and 刘 (县卫健局), and a member of a unit paired with
    // 东街 who lives elsewhere: 县人社局's liaison, also its member, in 南山.
    expect(claimers.sort()).toEqual(['liaison', 'member', 'memberWeijian']);
    const log = await h.ok(ZHANG, 'posts', 'logWork', { postId: post._id, workedOn: today(), hours: 2, note: '调解邻里纠纷' });
    for (const openid of ROLES) {
      if (openid === ZHANG) continue;
      const res = await h.call(openid, 'posts', 'logWork', { postId: post._id, workedOn: today(), hours: 1, note: '未认领' });
      if (openid !== PEOPLE.memberWeijian && openid !== PEOPLE.liaison) expect(res.ok).toBe(false);
    }
    const verifiers = [];
    const before = snapshot(h.local);
    for (const [role, openid] of Object.entries(PEOPLE)) {
      if (['staff', 'gridWorker', 'secretary'].includes(role)) continue;
      const res = await h.call(openid, 'posts', 'verifyLog', { id: log._id });
      if (res.ok) verifiers.push(role);
      const ret = await h.call(openid, 'posts', 'returnLog', { id: log._id, reason: '不对' });
      if (ret.ok) verifiers.push(role);
    }
    expect(verifiers).toEqual([]);
    expect(snapshot(h.local)).toBe(before);
    expect((await h.call(PEOPLE.staffXimen, 'posts', 'verifyLog', { id: log._id })).ok).toBe(false);

    const p = await h.ok(ZHANG, 'posts', 'pledge', { text: '每周陪伴独居老人聊天' });
    for (const openid of ROLES) if (openid !== ZHANG) expect((await h.call(openid, 'posts', 'fulfilPledge', { id: p._id, note: '做了', photos: [] })).ok).toBe(false);
  });
});

describe('bad input → a typed error, nothing changed', () => {
  test.each([
    ['createPost', { communityId: 'c-dongjie', kind: 'post', name: 'x'.repeat(31), duties: '职责', hoursPerYear: 20 }],
    ['createPost', { communityId: 'c-dongjie', kind: 'office', name: '岗位', duties: '职责', hoursPerYear: 20 }],
    ['logWork', { postId: 'no-such-post', workedOn: '2020-01-01', hours: 2, note: '很久以前' }],
    ['logWork', { postId: 'no-such-post', workedOn: '2099-01-01', hours: 2, note: '将来' }],
    ['logWork', { postId: 'no-such-post', workedOn: '2026-02-30', hours: 2, note: '没有这一天' }],
    ['logWork', { postId: 'no-such-post', workedOn: '2026-12-01', hours: 1.3, note: '不是半小时' }],
    ['verifyLog', { id: 'no-such-log' }],
    ['claimPost', { id: 'no-such-post' }],
    ['fulfilPledge', { id: 'no-such-pledge', note: '做了', photos: ['http://evil/x.exe'] }],
    ['ratePledge', { id: 'no-such-pledge', grade: 'perfect' }],
    ['setDutyRules', { surveys: -1 }],
    ['pledge', { text: '' }],
  ] as const)('%s %j', async (action, payload) => {
    const before = snapshot(h.local);
    const res = await h.call(action === 'setDutyRules' ? PEOPLE.admin : action === 'verifyLog' ? STAFF : ZHANG, 'posts', action, payload as never);
    expect(res.ok).toBe(false);
    expect(['INVALID_INPUT', 'NOT_FOUND', 'FORBIDDEN']).toContain(res.ok ? '' : res.error.code);
    expect(snapshot(h.local)).toBe(before);
  });
});

test('notifications: the member hears when a log is verified or returned and when a pledge is rated; a repeat sends nothing', async () => {
  // Queued with each step (lib/outbox), sent by the notify timer.
  const count = (tpl: string) => h.local.outbox().filter((m) => m.touser === ZHANG && m.templateId === tpl).length;
  await h.drainNotifications();
  const post = await newPost('政策宣传岗');
  await h.ok(ZHANG, 'posts', 'claimPost', { id: post._id });
  const log = await h.ok(ZHANG, 'posts', 'logWork', { postId: post._id, workedOn: today(), hours: 1, note: '宣传医保政策' });
  const verified = count('TPL_POST_LOG_VERIFIED');
  await h.ok(STAFF, 'posts', 'verifyLog', { id: log._id });
  await h.ok(STAFF, 'posts', 'verifyLog', { id: log._id });
  await h.drainNotifications();
  expect(count('TPL_POST_LOG_VERIFIED')).toBe(verified + 1);
  const rated = count('TPL_PLEDGE_RATED');
  const p = await h.ok(ZHANG, 'posts', 'pledge', { text: '每月宣传一次反诈知识' });
  const pic = (await h.ok(ZHANG, 'dispatch', 'uploadPhoto', { contentType: 'image/png', base64: PNG })).fileID;
  await h.ok(ZHANG, 'posts', 'fulfilPledge', { id: p._id, note: '在广场宣传反诈', photos: [pic] });
  await h.ok(STAFF, 'posts', 'ratePledge', { id: p._id, grade: 'good' });
  await h.ok(STAFF, 'posts', 'ratePledge', { id: p._id, grade: 'good' });
  await h.drainNotifications();
  expect(count('TPL_PLEDGE_RATED')).toBe(rated + 1);
});

test('wishes: the claimant withdraws before fulfilling — back on the wall, 认领 counted down, someone else may claim it', async () => {
  const w = await h.ok(PEOPLE.resident, 'wishes', 'post', { title: '一把雨伞', reason: '下雨天出门买菜', neededBy: dayOf(new Date(Date.now() + 5 * 86400_000)), address: '幸福小区1号楼 302' });
  await h.ok(STAFF, 'wishes', 'approve', { id: w._id });
  const before = await h.ok(STAFF, 'wishes', 'counts', { scope: 'community', id: 'c-dongjie' });
  await h.ok(ZHANG, 'wishes', 'claim', { id: w._id });
  expect((await h.call(PEOPLE.memberWeijian, 'wishes', 'withdraw', { id: w._id })).ok).toBe(false);
  const back = await h.ok(ZHANG, 'wishes', 'withdraw', { id: w._id });
  expect(back).toMatchObject({ status: 'approved', claim: null });
  expect(await h.ok(STAFF, 'wishes', 'counts', { scope: 'community', id: 'c-dongjie' })).toMatchObject({ claimed: before.claimed });
  await h.ok(ZHANG, 'wishes', 'withdraw', { id: w._id });
  expect((await h.ok(PEOPLE.memberWeijian, 'wishes', 'claim', { id: w._id })).claim?.name).toBeTruthy();
});
