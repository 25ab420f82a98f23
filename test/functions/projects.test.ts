/**
 * The projects function against the local cloud: both ways of 双向认领 end to end with the counts
 * of the pairing, the unit and the community; every action × every role refused where not
 * permitted (a unit not paired, another community, a member of another unit) with nothing
 * changed; concurrent claims of one need → one unit; bad input → a typed error, nothing changed;
 * and the messages each step sends.
 */
import type { ProjectView } from '../../types/projects';
import { dayOf } from '../../cloudfunctions/core/calendar';
import { openHarness, PEOPLE, snapshot, type Harness } from './harness';

let h: Harness;
const inDays = (n: number) => dayOf(new Date(Date.now() + n * 24 * 3600_000));
const YEAR = inDays(0).slice(0, 4);
const PERIOD = () => ({ from: inDays(0), to: inDays(60) });
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex').toString('base64');
const STAFF = PEOPLE.staff; // 东街 (paired with 人社局, 卫健局, 供电公司)
const LIAISON = PEOPLE.liaison; // 人社局 (paired with 东街 only)
const LIAISON_WJ = 'demo-liaison-weijian'; // 卫健局 (东街, 西门)
const ZHANG = PEOPLE.member; // 人社局
const LIU = PEOPLE.memberWeijian; // 卫健局
const NEED = { title: '四点半学校辅导', description: '放学后孩子们的作业辅导', helpWanted: '每周二、四下午，两名党员' };
const P: Record<'open' | 'active' | 'completed' | 'ximen' | 'requested', string> = { open: '', active: '', completed: '', ximen: '', requested: '' };
let service = '';
let zhangPhoto = '';

const publish = async (who: string, communityId: string, title = NEED.title): Promise<ProjectView> =>
  h.ok(who, 'projects', 'publishNeed', { communityId, ...NEED, title, period: PERIOD() });

beforeAll(async () => {
  h = await openHarness();
  zhangPhoto = (await h.ok(ZHANG, 'dispatch', 'uploadPhoto', { contentType: 'image/png', base64: PNG })).fileID;
  P.open = (await publish(STAFF, 'c-dongjie'))._id;
  P.active = (await publish(STAFF, 'c-dongjie', '老旧小区改造宣传'))._id;
  await h.ok(LIAISON, 'projects', 'claim', { id: P.active });
  P.completed = (await publish(STAFF, 'c-dongjie', '楼道清洁'))._id;
  await h.ok(LIAISON, 'projects', 'claim', { id: P.completed });
  await h.ok(LIAISON, 'projects', 'progress', { id: P.completed, text: '清理了三个楼道' });
  await h.ok(LIAISON, 'projects', 'complete', { id: P.completed, note: '全部完成' });
  P.ximen = (await publish(PEOPLE.staffXimen, 'c-ximen', '西门花园绿化'))._id;
  service = (await h.ok(LIAISON, 'projects', 'publishService', { unitId: 'unit-renshe', kind: 'service', title: '劳动维权法律咨询', description: '每月一次到社区坐诊' }))._id;
  P.requested = (await h.ok(STAFF, 'projects', 'request', { serviceId: service, communityId: 'c-dongjie', helpWanted: '12 月到社区坐诊一次', period: PERIOD() }))._id;
});
afterAll(() => h.close());

describe('a unit claims a community’s need and sees it through', () => {
  test('publish → claim → join → progress with a photo → complete → 评实效, counted once each', async () => {
    const p = await publish(STAFF, 'c-dongjie', '暑期托管');
    expect(p).toMatchObject({ status: 'open', origin: 'need', communityName: '东街社区', allowedActions: ['withdraw'] });
    expect((await h.ok(LIAISON, 'projects', 'list', { scope: 'claimable' })).items.map((i) => i._id)).toContain(p._id);
    expect((await h.ok(LIAISON, 'projects', 'detail', { id: p._id })).claimableBy).toEqual([{ unitId: 'unit-renshe', unitName: '县人社局' }]);
    const claimed = await h.ok(LIAISON, 'projects', 'claim', { id: p._id });
    expect(claimed).toMatchObject({ status: 'active', unitId: 'unit-renshe', pairingId: 'unit-renshe_c-dongjie' });
    expect((await h.ok(ZHANG, 'projects', 'join', { id: p._id })).members.map((m) => m.openid)).toEqual([ZHANG]);
    expect((await h.ok(ZHANG, 'projects', 'list', { scope: 'mine' })).items.map((i) => i._id)).toContain(p._id);
    const withPhoto = await h.ok(ZHANG, 'projects', 'progress', { id: p._id, text: '第一周辅导了 12 名孩子', photos: [zhangPhoto] });
    expect(withPhoto.progress[0]).toMatchObject({ text: '第一周辅导了 12 名孩子', byName: '张伟' });
    expect(withPhoto.progress[0].photos[0].fileID).toBe(zhangPhoto);
    const before = await h.ok(STAFF, 'projects', 'counts', { scope: 'pairing', id: 'unit-renshe_c-dongjie', year: claimed.year });
    await h.ok(LIAISON, 'projects', 'complete', { id: p._id, note: '一个暑期共辅导 40 人次' });
    await h.ok(LIAISON, 'projects', 'complete', { id: p._id, note: '再点一次' });
    const rated = await h.ok(STAFF, 'projects', 'rate', { id: p._id, value: 'satisfied', comment: '家长们很满意' });
    await h.ok(STAFF, 'projects', 'rate', { id: p._id, value: 'basic', comment: '再评一次' });
    expect(rated).toMatchObject({ status: 'rated', rating: { value: 'satisfied', comment: '家长们很满意' }, allowedActions: [] });
    const after = await h.ok(STAFF, 'projects', 'counts', { scope: 'pairing', id: 'unit-renshe_c-dongjie', year: claimed.year });
    expect([after.completed - before.completed, after.rated - before.rated]).toEqual([1, 1]);
    const plan = await h.ok(STAFF, 'projects', 'list', { scope: 'plan', unitId: 'unit-renshe', communityId: 'c-dongjie', year: claimed.year });
    expect(plan.items.map((i) => i._id)).toContain(p._id);
  });

  test('the unit’s and the community’s counts sum their pairings', async () => {
    const unit = await h.ok(LIAISON, 'projects', 'counts', { scope: 'unit', id: 'unit-renshe', year: YEAR });
    const community = await h.ok(STAFF, 'projects', 'counts', { scope: 'community', id: 'c-dongjie', year: YEAR });
    expect(unit.claimed).toBe(unit.pairings.reduce((n, c) => n + c.claimed, 0));
    expect(unit.pairings.map((c) => c.pairingId)).toEqual(['unit-renshe_c-dongjie']);
    expect(community.pairings.find((c) => c.unitId === 'unit-renshe')).toMatchObject({ unitName: '县人社局', communityName: '东街社区' });
    expect(unit.claimed).toBeGreaterThanOrEqual(3);
  });
});

describe('a community requests a unit’s service', () => {
  test('request → accept → in the plan; or → decline with a reason', async () => {
    const offers = await h.ok(STAFF, 'projects', 'services', { communityId: 'c-dongjie' });
    expect(offers.items.find((s) => s._id === service)).toMatchObject({ unitName: '县人社局', allowedActions: ['request'] });
    const a = await h.ok(STAFF, 'projects', 'request', { serviceId: service, communityId: 'c-dongjie', helpWanted: '1 月坐诊', period: PERIOD() });
    expect(a).toMatchObject({ status: 'requested', origin: 'service', unitId: 'unit-renshe', title: '劳动维权法律咨询' });
    expect((await h.ok(LIAISON, 'projects', 'detail', { id: a._id })).allowedActions).toEqual(['accept', 'decline']);
    expect(await h.ok(LIAISON, 'projects', 'accept', { id: a._id })).toMatchObject({ status: 'active' });
    const b = await h.ok(STAFF, 'projects', 'request', { serviceId: service, communityId: 'c-dongjie', helpWanted: '2 月坐诊', period: PERIOD() });
    expect(await h.ok(LIAISON, 'projects', 'decline', { id: b._id, reason: '2 月律师外出培训' })).toMatchObject({ status: 'declined', declineReason: '2 月律师外出培训' });
    // A request is the two sides' business until it is accepted.
    expect(await h.call(PEOPLE.residentXimen, 'projects', 'detail', { id: b._id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  test('下架: the offer leaves the lists and cannot be requested', async () => {
    const s = await h.ok(LIAISON, 'projects', 'publishService', { unitId: 'unit-renshe', kind: 'resource', title: '会议室', description: '周末可借用' });
    await h.ok(LIAISON, 'projects', 'withdrawService', { id: s._id });
    expect((await h.ok(LIAISON, 'projects', 'services', { unitId: 'unit-renshe' })).items.map((i) => i._id)).not.toContain(s._id);
    expect(await h.call(STAFF, 'projects', 'request', { serviceId: s._id, communityId: 'c-dongjie', helpWanted: '借用', period: PERIOD() })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
  });
});

test('30 concurrent claims of one need by two paired units → exactly one unit, counted once', async () => {
  const p = await publish(STAFF, 'c-dongjie', '电动车充电安全宣传');
  const before = await h.ok(STAFF, 'projects', 'counts', { scope: 'community', id: 'c-dongjie', year: p.year });
  const results = await Promise.all(Array.from({ length: 30 }, (_, i) => h.call(i % 2 ? LIAISON : LIAISON_WJ, 'projects', 'claim', { id: p._id })));
  const detail = await h.ok(STAFF, 'projects', 'detail', { id: p._id });
  const winner = detail.unitId === 'unit-renshe' ? LIAISON : LIAISON_WJ;
  results.forEach((r, i) => {
    if ((i % 2 ? LIAISON : LIAISON_WJ) === winner) expect(r.ok).toBe(true); // the winner's repeats are answered as they stand
    else expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
  });
  const after = await h.ok(STAFF, 'projects', 'counts', { scope: 'community', id: 'c-dongjie', year: p.year });
  expect(after.claimed).toBe(before.claimed + 1);
});

test('messages: claimed and completed to the publisher, requested to the service’s liaison, decided to the requester, rated to the claimant', async () => {
  await h.drainNotifications(); // queued with each step (lib/outbox), sent by the notify timer
  const to = (who: string) => h.local.outbox().filter((m) => m.touser === who).map((m) => m.templateId);
  expect(to(STAFF)).toEqual(expect.arrayContaining(['TPL_PROJECT_CLAIMED', 'TPL_PROJECT_COMPLETED', 'TPL_SERVICE_DECIDED']));
  expect(to(LIAISON)).toEqual(expect.arrayContaining(['TPL_SERVICE_REQUESTED', 'TPL_PROJECT_RATED']));
});

type Row = [title: string, who: string, action: string, payload: () => Record<string, unknown>, code: string];
const PERIOD_OK = () => ({ from: inDays(0), to: inDays(30) });
const R: Row[] = [
  // publishNeed: staff of that community only
  ['publishNeed: staff of another community', PEOPLE.staffXimen, 'publishNeed', () => ({ communityId: 'c-dongjie', ...NEED, period: PERIOD_OK() }), 'FORBIDDEN'],
  ['publishNeed: a liaison', LIAISON, 'publishNeed', () => ({ communityId: 'c-dongjie', ...NEED, period: PERIOD_OK() }), 'FORBIDDEN'],
  ['publishNeed: a member', ZHANG, 'publishNeed', () => ({ communityId: 'c-dongjie', ...NEED, period: PERIOD_OK() }), 'FORBIDDEN'],
  ['publishNeed: a resident', PEOPLE.resident, 'publishNeed', () => ({ communityId: 'c-dongjie', ...NEED, period: PERIOD_OK() }), 'FORBIDDEN'],
  ['publishNeed: the admin', PEOPLE.admin, 'publishNeed', () => ({ communityId: 'c-dongjie', ...NEED, period: PERIOD_OK() }), 'FORBIDDEN'],
  // withdraw: staff of the community, while open
  ['withdraw: staff of another community', PEOPLE.staffXimen, 'withdraw', () => ({ id: P.open, reason: '不需要了' }), 'FORBIDDEN'],
  ['withdraw: the liaison', LIAISON, 'withdraw', () => ({ id: P.open, reason: '不需要了' }), 'FORBIDDEN'],
  ['withdraw: once claimed', STAFF, 'withdraw', () => ({ id: P.active, reason: '不需要了' }), 'INVALID_STATE'],
  // claim: a paired unit's liaison, while open
  ['claim: a unit not paired with 西门', LIAISON, 'claim', () => ({ id: P.ximen }), 'FORBIDDEN'],
  ['claim: for another unit', LIAISON_WJ, 'claim', () => ({ id: P.open, unitId: 'unit-renshe' }), 'FORBIDDEN'],
  ['claim: a member (not the liaison)', ZHANG, 'claim', () => ({ id: P.open }), 'FORBIDDEN'],
  ['claim: staff of the community', STAFF, 'claim', () => ({ id: P.open }), 'FORBIDDEN'],
  ['claim: a resident', PEOPLE.resident, 'claim', () => ({ id: P.open }), 'FORBIDDEN'],
  ['claim: the admin', PEOPLE.admin, 'claim', () => ({ id: P.open }), 'FORBIDDEN'],
  ['claim: already claimed by another unit', LIAISON_WJ, 'claim', () => ({ id: P.active }), 'INVALID_STATE'],
  // publishService / withdrawService: the unit's liaison
  ['publishService: another unit’s liaison', LIAISON_WJ, 'publishService', () => ({ unitId: 'unit-renshe', kind: 'service', title: '义诊', description: '每季度' }), 'FORBIDDEN'],
  ['publishService: a member', ZHANG, 'publishService', () => ({ unitId: 'unit-renshe', kind: 'service', title: '义诊', description: '每季度' }), 'FORBIDDEN'],
  ['publishService: staff', STAFF, 'publishService', () => ({ unitId: 'unit-renshe', kind: 'service', title: '义诊', description: '每季度' }), 'FORBIDDEN'],
  ['withdrawService: another unit’s liaison', LIAISON_WJ, 'withdrawService', () => ({ id: service }), 'FORBIDDEN'],
  // request: staff of a community paired with the unit
  ['request: a community not paired with 人社局', PEOPLE.staffXimen, 'request', () => ({ serviceId: service, communityId: 'c-ximen', helpWanted: '坐诊', period: PERIOD_OK() }), 'FORBIDDEN'],
  ['request: for another community', PEOPLE.staffXimen, 'request', () => ({ serviceId: service, communityId: 'c-dongjie', helpWanted: '坐诊', period: PERIOD_OK() }), 'FORBIDDEN'],
  ['request: the liaison', LIAISON, 'request', () => ({ serviceId: service, communityId: 'c-dongjie', helpWanted: '坐诊', period: PERIOD_OK() }), 'FORBIDDEN'],
  ['request: a resident', PEOPLE.resident, 'request', () => ({ serviceId: service, communityId: 'c-dongjie', helpWanted: '坐诊', period: PERIOD_OK() }), 'FORBIDDEN'],
  // accept / decline: the service's unit's liaison
  ['accept: another unit’s liaison', LIAISON_WJ, 'accept', () => ({ id: P.requested }), 'NOT_FOUND'],
  ['accept: the requesting staff', STAFF, 'accept', () => ({ id: P.requested }), 'FORBIDDEN'],
  ['accept: a member of the unit', ZHANG, 'accept', () => ({ id: P.requested }), 'FORBIDDEN'],
  ['decline: staff of another community', PEOPLE.staffXimen, 'decline', () => ({ id: P.requested, reason: '没空' }), 'NOT_FOUND'],
  ['accept: a need', LIAISON, 'accept', () => ({ id: P.open }), 'FORBIDDEN'],
  // join: members of the claiming unit
  ['join: a member of another unit', LIU, 'join', () => ({ id: P.active }), 'FORBIDDEN'],
  ['join: staff', STAFF, 'join', () => ({ id: P.active }), 'FORBIDDEN'],
  ['join: before any unit claimed it', ZHANG, 'join', () => ({ id: P.open }), 'FORBIDDEN'],
  ['join: once completed', ZHANG, 'join', () => ({ id: P.completed }), 'INVALID_STATE'],
  // progress: the liaison, members taking part
  ['progress: a member who has not joined', 'demo-member-chen', 'progress', () => ({ id: P.active, text: '做了宣传' }), 'FORBIDDEN'],
  ['progress: another unit’s liaison', LIAISON_WJ, 'progress', () => ({ id: P.active, text: '做了宣传' }), 'FORBIDDEN'],
  ['progress: the community’s staff', STAFF, 'progress', () => ({ id: P.active, text: '做了宣传' }), 'FORBIDDEN'],
  ['progress: once completed', LIAISON, 'progress', () => ({ id: P.completed, text: '做了宣传' }), 'INVALID_STATE'],
  // complete: the claiming unit's liaison
  ['complete: a member', ZHANG, 'complete', () => ({ id: P.active, note: '完成' }), 'FORBIDDEN'],
  ['complete: staff', STAFF, 'complete', () => ({ id: P.active, note: '完成' }), 'FORBIDDEN'],
  ['complete: another unit’s liaison', LIAISON_WJ, 'complete', () => ({ id: P.active, note: '完成' }), 'FORBIDDEN'],
  ['complete: no progress yet', LIAISON, 'complete', () => ({ id: P.active, note: '完成' }), 'INVALID_STATE'],
  // rate: the community's staff, once completed
  ['rate: the unit’s liaison', LIAISON, 'rate', () => ({ id: P.completed, value: 'satisfied', comment: '好' }), 'FORBIDDEN'],
  ['rate: staff of another community', PEOPLE.staffXimen, 'rate', () => ({ id: P.completed, value: 'satisfied', comment: '好' }), 'FORBIDDEN'],
  ['rate: a resident', PEOPLE.resident, 'rate', () => ({ id: P.completed, value: 'satisfied', comment: '好' }), 'FORBIDDEN'],
  ['rate: still active', STAFF, 'rate', () => ({ id: P.active, value: 'satisfied', comment: '好' }), 'INVALID_STATE'],
  // lists
  ['list claimable: a resident', PEOPLE.resident, 'list', () => ({ scope: 'claimable' }), 'FORBIDDEN'],
  ['list plan: no year', STAFF, 'list', () => ({ scope: 'plan', unitId: 'unit-renshe', communityId: 'c-dongjie' }), 'INVALID_INPUT'],
  // bad input
  ['publishNeed: a title over 30 characters', STAFF, 'publishNeed', () => ({ communityId: 'c-dongjie', ...NEED, title: '字'.repeat(31), period: PERIOD_OK() }), 'INVALID_INPUT'],
  ['publishNeed: a period over', STAFF, 'publishNeed', () => ({ communityId: 'c-dongjie', ...NEED, period: { from: inDays(-30), to: inDays(-1) } }), 'INVALID_INPUT'],
  ['publishNeed: a period backwards', STAFF, 'publishNeed', () => ({ communityId: 'c-dongjie', ...NEED, period: { from: inDays(10), to: inDays(5) } }), 'INVALID_INPUT'],
  ['publishNeed: an unknown community', STAFF, 'publishNeed', () => ({ communityId: 'c-nowhere', ...NEED, period: PERIOD_OK() }), 'FORBIDDEN'],
  ['publishNeed: an unknown field', STAFF, 'publishNeed', () => ({ communityId: 'c-dongjie', ...NEED, period: PERIOD_OK(), status: 'rated' }), 'INVALID_INPUT'],
  ['publishService: an unknown kind', LIAISON, 'publishService', () => ({ unitId: 'unit-renshe', kind: 'money', title: '义诊', description: '每季度' }), 'INVALID_INPUT'],
  ['progress: a GIF', LIAISON, 'progress', () => ({ id: P.active, text: '宣传', photos: [`cloud://local/demands/${LIAISON}/a.gif`] }), 'INVALID_INPUT'],
  ['progress: someone else’s photo', LIAISON, 'progress', () => ({ id: P.active, text: '宣传', photos: [zhangPhoto] }), 'INVALID_INPUT'],
  ['progress: seven photos', LIAISON, 'progress', () => ({ id: P.active, text: '宣传', photos: Array.from({ length: 7 }, (_, i) => `cloud://local/demands/${LIAISON}/${i}.png`) }), 'INVALID_INPUT'],
  ['progress: over 300 characters', LIAISON, 'progress', () => ({ id: P.active, text: '字'.repeat(301) }), 'INVALID_INPUT'],
  ['rate: an unknown verdict', STAFF, 'rate', () => ({ id: P.completed, value: 'great', comment: '好' }), 'INVALID_INPUT'],
  ['rate: no comment', STAFF, 'rate', () => ({ id: P.completed, value: 'satisfied', comment: ' ' }), 'INVALID_INPUT'],
  ['decline: no reason', LIAISON, 'decline', () => ({ id: P.requested, reason: '' }), 'INVALID_INPUT'],
  ['request: an unknown service', STAFF, 'request', () => ({ serviceId: 'no-such-service', communityId: 'c-dongjie', helpWanted: '坐诊', period: PERIOD_OK() }), 'NOT_FOUND'],
  ['claim: an unknown id', LIAISON, 'claim', () => ({ id: 'no-such-project' }), 'NOT_FOUND'],
  ['join: an unknown id', ZHANG, 'join', () => ({ id: 'no-such-project' }), 'NOT_FOUND'],
  ['detail: a malformed id', STAFF, 'detail', () => ({ id: '../x' }), 'INVALID_INPUT'],
  ['counts: a malformed year', STAFF, 'counts', () => ({ scope: 'unit', id: 'unit-renshe', year: '26' }), 'INVALID_INPUT'],
  ['an unknown action', STAFF, 'claimAll', () => ({}), 'UNKNOWN_ACTION'],
];

test.each(R)('%s → %s', async (_title, who, action, payload, code) => {
  const before = snapshot(h.local);
  const res = await h.call(who, 'projects', action as never, payload());
  expect(res).toMatchObject({ ok: false, error: { code } });
  expect(snapshot(h.local)).toBe(before);
});
