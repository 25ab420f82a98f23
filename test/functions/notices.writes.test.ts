/**
 * What at-least-once messages cost the wishes, projects and posts steps (#10): the message job is
 * written with the step's own state change (one transaction), so a step that notifies makes one
 * write more than before and no more reads. Each step's database requests, as the bench counts them.
 */
import { dayOf } from '../../cloudfunctions/core/calendar';
import { openHarness, PEOPLE, type Harness } from './harness';
import { HH, keyHousehold } from './visits.fixtures';

process.env.JINLIN_RATE_LIMITS = 'off';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(() => h.close());

const inDays = (n: number) => dayOf(new Date(Date.now() + n * 24 * 3600_000));
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex').toString('base64');
const rows: Record<string, { read: number; write: number }> = {};

/**
 * Writes per step before #10's at-least-once messages (sent straight after the step's save): a step
 * that sends a message now makes at most one write more (its job), in the same transaction.
 */
const BEFORE: Record<string, number> = {
  'wishes.approve': 1,
  'wishes.claim': 3,
  'wishes.fulfil': 1,
  'wishes.confirm': 11,
  'wishes.decline': 1,
  'projects.claim': 2,
  'projects.join': 1,
  'projects.progress': 1,
  'projects.complete': 2,
  'projects.rate': 2,
  'projects.request': 1,
  'projects.accept': 2,
  'posts.verifyLog': 10,
  'posts.returnLog': 1,
  'posts.ratePledge': 1,
};
/** recordVisit's writes before its queue counters moved onto lib/effects (applied by lib/incs after the transaction). */
const VISIT_BEFORE = { none: 3, one: 5, two: 6 };
/** 审核 reads the community's pairings with the wish (one $lookup, a query no transaction may make) and the wish again in the transaction. */
const READS: Record<string, number> = { 'wishes.approve': 3, 'wishes.confirm': 6, 'posts.verifyLog': 6 };

async function step(label: string, who: string, fn: 'wishes' | 'projects' | 'posts', event: Record<string, unknown>): Promise<{ _id: string }> {
  const { result, counts } = await h.raw(who, fn, event);
  expect(result).toMatchObject({ ok: true });
  rows[label] = { read: counts.read, write: counts.write };
  return (result as { data: { _id: string } }).data;
}

test('writes per step of wishes, projects and posts', async () => {
  const photo = async (who: string) => (await h.ok(who, 'dispatch', 'uploadPhoto', { contentType: 'image/png', base64: PNG })).fileID;
  // Warm up: a community's and a unit's first counts make their documents.
  const warm = await h.ok(PEOPLE.resident, 'wishes', 'post', { title: '一把伞', reason: '下雨', neededBy: inDays(5), address: '幸福小区1号楼 302' });
  await h.ok(PEOPLE.staff, 'wishes', 'approve', { id: warm._id });
  await h.ok(PEOPLE.member, 'wishes', 'claim', { id: warm._id });
  await h.ok(PEOPLE.member, 'wishes', 'fulfil', { id: warm._id, note: '送到了', photos: [await photo(PEOPLE.member)] });
  await h.ok(PEOPLE.resident, 'wishes', 'confirm', { id: warm._id });

  const w = await h.ok(PEOPLE.resident, 'wishes', 'post', { title: '一副老花镜', reason: '看不清', neededBy: inDays(10), address: '幸福小区1号楼 302' });
  await step('wishes.approve', PEOPLE.staff, 'wishes', { action: 'approve', id: w._id });
  await step('wishes.claim', PEOPLE.member, 'wishes', { action: 'claim', id: w._id });
  await step('wishes.fulfil', PEOPLE.member, 'wishes', { action: 'fulfil', id: w._id, note: '送到了', photos: [await photo(PEOPLE.member)] });
  await step('wishes.confirm', PEOPLE.resident, 'wishes', { action: 'confirm', id: w._id });
  const d = await h.ok(PEOPLE.resident, 'wishes', 'post', { title: '一台收音机', reason: '听戏', neededBy: inDays(10), address: '幸福小区1号楼 302' });
  await step('wishes.decline', PEOPLE.staff, 'wishes', { action: 'decline', id: d._id, reason: '不属于微心愿' });

  const period = { from: inDays(0), to: inDays(60) };
  const warmP = await h.ok(PEOPLE.staff, 'projects', 'publishNeed', { communityId: 'c-dongjie', title: '楼道清洁', description: '清理楼道', helpWanted: '两名党员', period });
  await h.ok(PEOPLE.liaison, 'projects', 'claim', { id: warmP._id });
  await h.ok(PEOPLE.liaison, 'projects', 'progress', { id: warmP._id, text: '清理了楼道' });
  await h.ok(PEOPLE.liaison, 'projects', 'complete', { id: warmP._id, note: '完成' });
  await h.ok(PEOPLE.staff, 'projects', 'rate', { id: warmP._id, value: 'satisfied', comment: '好' });
  const p = await h.ok(PEOPLE.staff, 'projects', 'publishNeed', { communityId: 'c-dongjie', title: '四点半学校', description: '作业辅导', helpWanted: '两名党员', period });
  await step('projects.claim', PEOPLE.liaison, 'projects', { action: 'claim', id: p._id });
  await step('projects.join', PEOPLE.member, 'projects', { action: 'join', id: p._id });
  await step('projects.progress', PEOPLE.liaison, 'projects', { action: 'progress', id: p._id, text: '辅导了 12 名孩子' });
  await step('projects.complete', PEOPLE.liaison, 'projects', { action: 'complete', id: p._id, note: '共辅导 40 人次' });
  await step('projects.rate', PEOPLE.staff, 'projects', { action: 'rate', id: p._id, value: 'satisfied', comment: '孩子们进步了' });
  const service = await h.ok(PEOPLE.liaison, 'projects', 'publishService', { unitId: 'unit-renshe', kind: 'service', title: '法律咨询', description: '每月一次' });
  const req = await step('projects.request', PEOPLE.staff, 'projects', { action: 'request', serviceId: service._id, communityId: 'c-dongjie', helpWanted: '坐诊一次', period });
  await step('projects.accept', PEOPLE.liaison, 'projects', { action: 'accept', id: req._id });

  const post = await h.ok(PEOPLE.staff, 'posts', 'createPost', { communityId: 'c-dongjie', kind: 'post', name: '民情收集岗', duties: '走访楼栋', hoursPerYear: 20 });
  await h.ok(PEOPLE.member, 'posts', 'claimPost', { id: post._id });
  const log = await h.ok(PEOPLE.member, 'posts', 'logWork', { postId: post._id, workedOn: inDays(0), hours: 1, note: '走访' });
  await step('posts.verifyLog', PEOPLE.staff, 'posts', { action: 'verifyLog', id: log._id });
  const log2 = await h.ok(PEOPLE.member, 'posts', 'logWork', { postId: post._id, workedOn: inDays(0), hours: 1, note: '再走访' });
  await step('posts.returnLog', PEOPLE.staff, 'posts', { action: 'returnLog', id: log2._id, reason: '没有记录' });
  const pledge = await h.ok(PEOPLE.member, 'posts', 'pledge', { text: '每月代购一次药品' });
  await h.ok(PEOPLE.member, 'posts', 'fulfilPledge', { id: pledge._id, note: '代购 3 次', photos: [await photo(PEOPLE.member)] });
  await step('posts.ratePledge', PEOPLE.staff, 'posts', { action: 'ratePledge', id: pledge._id, grade: 'good' });

  console.log(Object.entries(rows).map(([k, v]) => `${k}: ${v.read} reads, ${v.write} writes (before ${BEFORE[k]})`).join('\n'));
  expect(Object.keys(rows).sort()).toEqual(Object.keys(BEFORE).sort());
  for (const [k, v] of Object.entries(rows)) {
    expect({ k, write: v.write <= BEFORE[k] + 1, read: v.read <= (READS[k] ?? 2) }).toEqual({ k, write: true, read: true });
  }
  // Every message is queued, none sent by the step itself; the timer sends them.
  const sentBefore = h.local.outbox().length;
  await h.drainNotifications();
  expect(h.local.outbox().length).toBeGreaterThan(sentBefore);
});

test('writes of recordVisit: the visit’s transaction, then the queues’ counters of the demands it files (lib/effects), then the record removed', async () => {
  await h.openScorecards(); // the queues' counters opened, as by the nightly timer
  await keyHousehold(h, HH.c, [PEOPLE.member]);
  const visit = (needs: number) => ({ householdId: HH.c, method: 'door', outcome: 'contact', wellbeing: 'fair', needs: Array.from({ length: needs }, (_, i) => ({ category: 'facilities', text: `厨房水管漏水 ${i + 1}` })) });
  const none = await h.raw(PEOPLE.member, 'visits', { action: 'recordVisit', ...visit(0) });
  const one = await h.raw(PEOPLE.member, 'visits', { action: 'recordVisit', ...visit(1) });
  const two = await h.raw(PEOPLE.member, 'visits', { action: 'recordVisit', ...visit(2) });
  for (const r of [none, one, two]) expect(r.result).toMatchObject({ ok: true });
  console.log(`recordVisit: no need ${none.counts.read}/${none.counts.write}, one need ${one.counts.read}/${one.counts.write}, two needs ${two.counts.read}/${two.counts.write} (reads/writes)`);
  expect(none.counts.write).toBeLessThanOrEqual(VISIT_BEFORE.none);
  expect(one.counts.write).toBeLessThanOrEqual(VISIT_BEFORE.one + 1);
  expect(two.counts.write).toBeLessThanOrEqual(VISIT_BEFORE.two + 1);
});
