/**
 * The 微心愿 wall against the local cloud: post → approve → claim → fulfil → confirm with the
 * points once; 30 concurrent claims → one claimant; 认领、完成 counts; the wisher's messages; what
 * the public wall shows (never the wisher's name, address or phone) and what staff and the
 * claimant see to deliver it.
 */
import type { WishView } from '../../types/wishes';
import { dayOf } from '../../cloudfunctions/core/calendar';
import { openHarness, PEOPLE, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(() => h.close());

const WANG = PEOPLE.resident; // 王秀英, 东街, phone 13800001001
const ZHANG = PEOPLE.member; // 县人社局 (paired with 东街)
const STAFF = PEOPLE.staff;
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex').toString('base64');
export const inDays = (n: number) => dayOf(new Date(Date.now() + n * 24 * 3600_000));

async function photo(openid: string): Promise<string> {
  return (await h.ok(openid, 'dispatch', 'uploadPhoto', { contentType: 'image/png', base64: PNG })).fileID;
}
async function approvedWish(title = '一副老花镜', by = WANG, staff = STAFF): Promise<WishView> {
  const w = await h.ok(by, 'wishes', 'post', { title, reason: '看不清药盒上的字', neededBy: inDays(10), address: '幸福小区1号楼 302' });
  return h.ok(staff, 'wishes', 'approve', { id: w._id });
}
const balance = async (openid: string) => (await h.ok(openid, 'points', 'account')).balance;

test('post → approve → claim → fulfil with a photo → confirm: the member’s points rise by perWish once; the counts follow', async () => {
  const rules = await h.ok(ZHANG, 'points', 'rules');
  const before = await balance(ZHANG);
  const pic = await photo(WANG);
  const posted = await h.ok(WANG, 'wishes', 'post', { title: '一副老花镜', reason: '看不清药盒上的字', neededBy: inDays(7), address: '幸福小区1号楼 302', photos: [pic] });
  expect(posted).toMatchObject({ status: 'pending', publicName: '王**', contact: { name: '王秀英', address: '幸福小区1号楼 302' }, allowedActions: [] });
  expect((await h.ok(STAFF, 'wishes', 'list', { scope: 'review' })).items.map((w) => w._id)).toContain(posted._id);

  const approved = await h.ok(STAFF, 'wishes', 'approve', { id: posted._id });
  expect(approved.status).toBe('approved');
  const wall = await h.ok(ZHANG, 'wishes', 'list', { scope: 'wall', communityId: 'c-dongjie' });
  const onWall = wall.items.find((w) => w._id === posted._id)!;
  expect(onWall).toMatchObject({ publicName: '王**', allowedActions: ['claim'] });
  expect(onWall.photos[0].url).toBeTruthy();

  const claimed = await h.ok(ZHANG, 'wishes', 'claim', { id: posted._id });
  expect(claimed).toMatchObject({ status: 'claimed', claim: { name: '张伟', via: 'member', unitName: '县人社局' }, contact: { name: '王秀英', phone: '13800001001', address: '幸福小区1号楼 302' }, allowedActions: ['withdraw', 'fulfil'] });
  expect((await h.ok(ZHANG, 'wishes', 'list', { scope: 'claimed' })).items.map((w) => w._id)).toContain(posted._id);

  const done = await h.ok(ZHANG, 'wishes', 'fulfil', { id: posted._id, note: '已把老花镜送到家里', photos: [await photo(ZHANG)] });
  expect(done).toMatchObject({ status: 'fulfilled', fulfilment: { note: '已把老花镜送到家里' } });
  const mine = await h.ok(WANG, 'wishes', 'list', { scope: 'mine' });
  expect(mine.items.find((w) => w._id === posted._id)).toMatchObject({ status: 'fulfilled', allowedActions: ['confirm'] });

  const confirmed = await h.ok(WANG, 'wishes', 'confirm', { id: posted._id });
  expect(confirmed).toMatchObject({ status: 'confirmed', points: rules.perWish });
  expect(await balance(ZHANG)).toBe(before + rules.perWish);
  // Confirming again (the wisher, then staff for them) credits nothing more.
  await h.ok(WANG, 'wishes', 'confirm', { id: posted._id });
  await h.ok(STAFF, 'wishes', 'confirm', { id: posted._id });
  expect(await balance(ZHANG)).toBe(before + rules.perWish);
  const history = await h.ok(ZHANG, 'points', 'ledger', {});
  expect(history.items.filter((e) => e._id === `wish_${posted._id}`)).toHaveLength(1);

  expect(await h.ok(ZHANG, 'wishes', 'counts', { scope: 'unit', id: 'unit-renshe' })).toMatchObject({ claimed: 1, confirmed: 1 });
  expect(await h.ok(WANG, 'wishes', 'counts', { scope: 'community', id: 'c-dongjie' })).toMatchObject({ claimed: 1, confirmed: 1 });

  // The wisher heard of each step: approved, claimed, fulfilled (asking to confirm) — queued with
  // each step (lib/outbox), sent by the notify timer.
  await h.drainNotifications();
  const sent = h.local.outbox().filter((m) => m.touser === WANG).map((m) => m.templateId);
  expect(sent).toEqual(expect.arrayContaining(['TPL_WISH_APPROVED', 'TPL_WISH_CLAIMED', 'TPL_WISH_FULFILLED']));
  expect((await h.ok(PEOPLE.admin, 'points', 'reconcile')).differences).toEqual([]);
});

test('30 concurrent claims of one wish → exactly one claimant, counted once', async () => {
  const w = await approvedWish('一台收音机');
  const before = await h.ok(STAFF, 'wishes', 'counts', { scope: 'community', id: 'c-dongjie' });
  const claimers = [ZHANG, PEOPLE.memberWeijian, PEOPLE.liaison, PEOPLE.gridWorker, PEOPLE.secretary, STAFF];
  const results = await Promise.all(Array.from({ length: 30 }, (_, i) => h.call(claimers[i % claimers.length], 'wishes', 'claim', { id: w._id })));
  const detail = await h.ok(STAFF, 'wishes', 'detail', { id: w._id });
  expect(detail.status).toBe('claimed');
  const winner = claimers.find((c) => detail.claim!.name === { [ZHANG]: '张伟', [PEOPLE.memberWeijian]: '刘洋', [PEOPLE.liaison]: '赵敏', [PEOPLE.gridWorker]: '吴强', [PEOPLE.secretary]: '黄志明', [STAFF]: '周芳' }[c])!;
  // Everyone else was refused; only the winner's own retries were answered (as a repeat).
  results.forEach((r, i) => {
    if (claimers[i % claimers.length] === winner) expect(r.ok).toBe(true);
    else expect(r).toMatchObject({ ok: false, error: { code: expect.stringMatching(/INVALID_STATE|CONFLICT/) } });
  });
  expect(detail.timeline!.filter((s) => s.event === 'claim')).toHaveLength(1);
  expect((await h.ok(STAFF, 'wishes', 'counts', { scope: 'community', id: 'c-dongjie' })).claimed).toBe(before.claimed + 1);
});

test('a liaison claims for the unit and assigns a member; the member delivers', async () => {
  const w = await approvedWish('帮忙买一袋米');
  const asLiaison = await h.ok(PEOPLE.liaison, 'wishes', 'detail', { id: w._id });
  expect(asLiaison.claimableFor).toEqual([{ unitId: 'unit-renshe', unitName: '县人社局' }]);
  const claimed = await h.ok(PEOPLE.liaison, 'wishes', 'claim', { id: w._id, memberOpenid: ZHANG });
  expect(claimed).toMatchObject({ claim: { name: '张伟', via: 'unit', unitName: '县人社局' }, contact: { name: '王秀英' } });
  expect((await h.ok(ZHANG, 'wishes', 'detail', { id: w._id })).allowedActions).toEqual(['withdraw', 'fulfil']);
  // The liaison who claimed it for the unit may take the claim back (退出认领), not deliver it.
  expect((await h.ok(PEOPLE.liaison, 'wishes', 'detail', { id: w._id })).allowedActions).toEqual(['withdraw']);
});

test('staff post for a resident without the app, and confirm for them', async () => {
  const w = await h.ok(STAFF, 'wishes', 'post', { title: '一双棉鞋', reason: '冬天脚冷', neededBy: inDays(5), address: '和平小区2号楼 101', communityId: 'c-dongjie', wisherName: '欧阳大爷', wisherPhone: '13900001111' });
  expect(w).toMatchObject({ publicName: '欧***', onBehalf: true, contact: { name: '欧阳大爷', phone: '13900001111' } });
  await h.ok(PEOPLE.secretary, 'wishes', 'approve', { id: w._id });
  await h.ok(PEOPLE.memberWeijian, 'wishes', 'claim', { id: w._id });
  await h.ok(PEOPLE.memberWeijian, 'wishes', 'fulfil', { id: w._id, note: '送到了', photos: [await photo(PEOPLE.memberWeijian)] });
  const before = await balance(PEOPLE.memberWeijian);
  expect(await h.ok(STAFF, 'wishes', 'confirm', { id: w._id })).toMatchObject({ status: 'confirmed' });
  expect(await balance(PEOPLE.memberWeijian)).toBe(before + 20);
});

test('decline with a reason the wisher sees; it never reaches the wall', async () => {
  const w = await h.ok(WANG, 'wishes', 'post', { title: '一部新手机', reason: '想要', neededBy: inDays(3), address: '幸福小区1号楼 302' });
  await h.ok(STAFF, 'wishes', 'decline', { id: w._id, reason: '价值较高，不属于微心愿，可申请临时救助' });
  expect((await h.ok(WANG, 'wishes', 'detail', { id: w._id })).declineReason).toBe('价值较高，不属于微心愿，可申请临时救助');
  expect((await h.ok(ZHANG, 'wishes', 'list', { scope: 'wall', communityId: 'c-dongjie' })).items.map((i) => i._id)).not.toContain(w._id);
  expect(await h.call(ZHANG, 'wishes', 'detail', { id: w._id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
});

test('the public wall never carries the wisher’s name, address or phone, in any state', async () => {
  const raw = JSON.stringify(await h.ok(PEOPLE.residentXimen, 'wishes', 'list', { scope: 'wall', communityId: 'c-dongjie', pageSize: 50 }));
  for (const secret of ['王秀英', '13800001001', '幸福小区1号楼 302', '欧阳大爷', '13900001111', '和平小区2号楼 101', '13800002001']) expect(raw).not.toContain(secret);
  expect(raw).toContain('王**的'.slice(0, 3));
  // The same for any wish's detail to someone who does not deliver or look after it.
  const all = await h.ok(STAFF, 'wishes', 'list', { scope: 'community', pageSize: 50 });
  for (const w of all.items.filter((i) => i.status !== 'pending' && i.status !== 'declined')) {
    const seen = await h.ok(PEOPLE.residentXimen, 'wishes', 'detail', { id: w._id });
    expect(seen.contact).toBeUndefined();
    expect(seen.timeline).toBeUndefined();
    expect(seen.claim?.phone).toBeUndefined();
  }
});

test('every list and detail is within the budget: the caller and one query', async () => {
  const w = await approvedWish('一本字帖');
  for (const [who, event] of [
    [ZHANG, { action: 'list', scope: 'wall', communityId: 'c-dongjie' }],
    [WANG, { action: 'list', scope: 'mine' }],
    [STAFF, { action: 'list', scope: 'review' }],
    [ZHANG, { action: 'detail', id: w._id }],
    [ZHANG, { action: 'counts', scope: 'unit', id: 'unit-renshe' }],
  ] as const) {
    const { counts } = await h.raw(who, 'wishes', event);
    expect(counts.read).toBeLessThanOrEqual(2);
    expect(counts.write).toBe(0);
  }
  // Every step but confirm: ≤ 2 reads, ≤ 4 writes (confirm also credits the ledger: docs/benchmarks.md).
  // A community's or unit's first claim ever also creates its counter document: warm them up.
  await h.ok(ZHANG, 'wishes', 'claim', { id: w._id });
  const posted = await h.raw(WANG, 'wishes', { action: 'post', title: '一把雨伞', reason: '下雨天出门', neededBy: inDays(4), address: '幸福小区1号楼 302' });
  const id = (posted.result as { data: WishView }).data._id;
  const steps = [
    posted,
    await h.raw(STAFF, 'wishes', { action: 'approve', id }),
    await h.raw(ZHANG, 'wishes', { action: 'claim', id }),
    await h.raw(ZHANG, 'wishes', { action: 'fulfil', id, note: '送到了', photos: [await photo(ZHANG)] }),
  ];
  // 审核 reads 3: the caller, the wish with its community's pairings (one $lookup, a query no
  // transaction may make), and the wish again in the transaction that writes it with its message job.
  steps.forEach(({ result, counts }, i) => {
    expect(result).toMatchObject({ ok: true });
    expect(counts.read).toBeLessThanOrEqual(i === 1 ? 3 : 2);
    expect(counts.write).toBeLessThanOrEqual(4);
  });
});
