/**
 * The wishes function refuses what a role may not do — another community's wish, a unit not
 * paired, one's own wish, the claimant confirming their own delivery — and bad input (over-long
 * text, a wrong photo type, dates in the past, unknown ids), each with a typed code and nothing
 * changed in the database.
 */
import type { WishView } from '../../types/wishes';
import { dayOf } from '../../cloudfunctions/core/calendar';
import { openHarness, PEOPLE, snapshot, type Harness } from './harness';

let h: Harness;
const W: Record<'pending' | 'approved' | 'claimed' | 'fulfilled' | 'ximen', string> = { pending: '', approved: '', claimed: '', fulfilled: '', ximen: '' };
const inDays = (n: number) => dayOf(new Date(Date.now() + n * 24 * 3600_000));
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex').toString('base64');
const WANG = PEOPLE.resident;
const ZHANG = PEOPLE.member;
const CHEN = 'demo-member-chen'; // 县人社局, lives in 西门
const LIAISON_WJ = 'demo-liaison-weijian';
const FIELDS = { title: '一副老花镜', reason: '看不清药盒上的字', address: '幸福小区1号楼 302' };
let zhangPhoto = '';

beforeAll(async () => {
  h = await openHarness();
  const post = async (who: string, staff: string | null) => {
    const w: WishView = await h.ok(who, 'wishes', 'post', { ...FIELDS, neededBy: inDays(10) });
    if (staff) await h.ok(staff, 'wishes', 'approve', { id: w._id });
    return w._id;
  };
  W.pending = await post(WANG, null);
  W.approved = await post(WANG, PEOPLE.staff);
  W.claimed = await post(WANG, PEOPLE.staff);
  await h.ok(ZHANG, 'wishes', 'claim', { id: W.claimed });
  W.fulfilled = await post(WANG, PEOPLE.staff);
  await h.ok(ZHANG, 'wishes', 'claim', { id: W.fulfilled });
  zhangPhoto = (await h.ok(ZHANG, 'dispatch', 'uploadPhoto', { contentType: 'image/png', base64: PNG })).fileID;
  await h.ok(ZHANG, 'wishes', 'fulfil', { id: W.fulfilled, note: '送到了', photos: [zhangPhoto] });
  W.ximen = await post(PEOPLE.residentXimen, PEOPLE.staffXimen);
});
afterAll(() => h.close());

type Row = [title: string, who: string, action: string, payload: () => Record<string, unknown>, code: string];
const R: Row[] = [
  // approve / decline: staff of the wish's community only
  ['approve: a member', ZHANG, 'approve', () => ({ id: W.pending }), 'NOT_FOUND'],
  ['approve: the wisher', WANG, 'approve', () => ({ id: W.pending }), 'FORBIDDEN'],
  ['approve: staff of another community', PEOPLE.staffXimen, 'approve', () => ({ id: W.pending }), 'NOT_FOUND'],
  ['approve: the admin', PEOPLE.admin, 'approve', () => ({ id: W.pending }), 'FORBIDDEN'],
  ['approve: another community’s wish on its wall', PEOPLE.staff, 'approve', () => ({ id: W.ximen }), 'FORBIDDEN'],
  ['approve: already claimed', PEOPLE.staffXimen, 'approve', () => ({ id: W.claimed }), 'FORBIDDEN'],
  ['decline: a liaison', PEOPLE.liaison, 'decline', () => ({ id: W.pending, reason: '不符合' }), 'NOT_FOUND'],
  ['decline: after approval', PEOPLE.staff, 'decline', () => ({ id: W.approved, reason: '不符合' }), 'INVALID_STATE'],
  // claim: members of paired units, residents of the community, a paired unit's liaison; never one's own
  ['claim: one’s own wish', WANG, 'claim', () => ({ id: W.approved }), 'FORBIDDEN'],
  ['claim: a resident of another community', PEOPLE.residentXimen, 'claim', () => ({ id: W.approved }), 'FORBIDDEN'],
  ['claim: staff of another community', PEOPLE.staffXimen, 'claim', () => ({ id: W.approved }), 'FORBIDDEN'],
  ['claim: the admin', PEOPLE.admin, 'claim', () => ({ id: W.approved }), 'FORBIDDEN'],
  ['claim: a member of a unit not paired with 西门', ZHANG, 'claim', () => ({ id: W.ximen }), 'FORBIDDEN'],
  ['claim: the liaison of a unit not paired with 西门', PEOPLE.liaison, 'claim', () => ({ id: W.ximen }), 'FORBIDDEN'],
  ['claim: that liaison assigning a member', PEOPLE.liaison, 'claim', () => ({ id: W.ximen, memberOpenid: CHEN }), 'FORBIDDEN'],
  ['claim: a liaison assigning another unit’s member', LIAISON_WJ, 'claim', () => ({ id: W.approved, memberOpenid: ZHANG }), 'INVALID_INPUT'],
  ['claim: a liaison assigning the wisher', LIAISON_WJ, 'claim', () => ({ id: W.approved, memberOpenid: WANG }), 'FORBIDDEN'],
  ['claim: assigning nobody known', LIAISON_WJ, 'claim', () => ({ id: W.approved, memberOpenid: 'nobody' }), 'NOT_FOUND'],
  ['claim: already claimed', PEOPLE.memberWeijian, 'claim', () => ({ id: W.claimed }), 'INVALID_STATE'],
  ['claim: still pending', ZHANG, 'claim', () => ({ id: W.pending }), 'NOT_FOUND'],
  // fulfil: the claimant only
  ['fulfil: the wisher', WANG, 'fulfil', () => ({ id: W.claimed, note: '送到了', photos: [zhangPhoto] }), 'FORBIDDEN'],
  ['fulfil: another member', PEOPLE.memberWeijian, 'fulfil', () => ({ id: W.claimed, note: '送到了', photos: [zhangPhoto] }), 'FORBIDDEN'],
  ['fulfil: staff', PEOPLE.staff, 'fulfil', () => ({ id: W.claimed, note: '送到了', photos: [zhangPhoto] }), 'FORBIDDEN'],
  ['fulfil: before it is claimed', ZHANG, 'fulfil', () => ({ id: W.approved, note: '送到了', photos: [zhangPhoto] }), 'FORBIDDEN'],
  // confirm: the wisher or staff of its community, never the claimant
  ['confirm: the claimant', ZHANG, 'confirm', () => ({ id: W.fulfilled }), 'FORBIDDEN'],
  ['confirm: another member', PEOPLE.memberWeijian, 'confirm', () => ({ id: W.fulfilled }), 'FORBIDDEN'],
  ['confirm: the claimant’s liaison', PEOPLE.liaison, 'confirm', () => ({ id: W.fulfilled }), 'FORBIDDEN'],
  ['confirm: staff of another community', PEOPLE.staffXimen, 'confirm', () => ({ id: W.fulfilled }), 'FORBIDDEN'],
  ['confirm: the admin', PEOPLE.admin, 'confirm', () => ({ id: W.fulfilled }), 'FORBIDDEN'],
  ['confirm: not yet delivered', WANG, 'confirm', () => ({ id: W.claimed }), 'INVALID_STATE'],
  // lists and posting
  ['list review: a member', ZHANG, 'list', () => ({ scope: 'review' }), 'FORBIDDEN'],
  ['list community: staff of another community', PEOPLE.staff, 'list', () => ({ scope: 'community', communityId: 'c-ximen' }), 'FORBIDDEN'],
  ['list wall: the admin with no community', PEOPLE.admin, 'list', () => ({ scope: 'wall' }), 'INVALID_INPUT'],
  ['post for someone: a member', ZHANG, 'post', () => ({ ...FIELDS, neededBy: inDays(3), communityId: 'c-dongjie', wisherName: '李大爷' }), 'FORBIDDEN'],
  ['post for someone: staff of another community', PEOPLE.staff, 'post', () => ({ ...FIELDS, neededBy: inDays(3), communityId: 'c-ximen', wisherName: '李大爷' }), 'FORBIDDEN'],
  ['post: the admin, who lives nowhere', PEOPLE.admin, 'post', () => ({ ...FIELDS, neededBy: inDays(3) }), 'INVALID_INPUT'],
  ['post: someone not registered', 'stranger', 'post', () => ({ ...FIELDS, neededBy: inDays(3) }), 'NOT_REGISTERED'],
  // bad input
  ['post: a title over 30 characters', WANG, 'post', () => ({ ...FIELDS, title: '字'.repeat(31), neededBy: inDays(3) }), 'INVALID_INPUT'],
  ['post: a reason over 200 characters', WANG, 'post', () => ({ ...FIELDS, reason: '字'.repeat(201), neededBy: inDays(3) }), 'INVALID_INPUT'],
  ['post: an address over 60 characters', WANG, 'post', () => ({ ...FIELDS, address: '字'.repeat(61), neededBy: inDays(3) }), 'INVALID_INPUT'],
  ['post: needed by today', WANG, 'post', () => ({ ...FIELDS, neededBy: inDays(0) }), 'INVALID_INPUT'],
  ['post: needed by a day past', WANG, 'post', () => ({ ...FIELDS, neededBy: '2025-01-01' }), 'INVALID_INPUT'],
  ['post: a day that does not exist', WANG, 'post', () => ({ ...FIELDS, neededBy: '2027-02-30' }), 'INVALID_INPUT'],
  ['post: a date in another format', WANG, 'post', () => ({ ...FIELDS, neededBy: '2027/01/05' }), 'INVALID_INPUT'],
  ['post: a GIF', WANG, 'post', () => ({ ...FIELDS, neededBy: inDays(3), photos: [`cloud://local/demands/${WANG}/a.gif`] }), 'INVALID_INPUT'],
  ['post: someone else’s photo', WANG, 'post', () => ({ ...FIELDS, neededBy: inDays(3), photos: [zhangPhoto] }), 'INVALID_INPUT'],
  ['post: four photos', WANG, 'post', () => ({ ...FIELDS, neededBy: inDays(3), photos: [1, 2, 3, 4].map((i) => `cloud://local/demands/${WANG}/${i}.png`) }), 'INVALID_INPUT'],
  ['post: an unknown field', WANG, 'post', () => ({ ...FIELDS, neededBy: inDays(3), status: 'approved' }), 'INVALID_INPUT'],
  ['post: a wisher phone that is not one', PEOPLE.staff, 'post', () => ({ ...FIELDS, neededBy: inDays(3), communityId: 'c-dongjie', wisherName: '李大爷', wisherPhone: '12345' }), 'INVALID_INPUT'],
  ['fulfil: no photo', ZHANG, 'fulfil', () => ({ id: W.claimed, note: '送到了', photos: [] }), 'INVALID_INPUT'],
  ['fulfil: a note over 200 characters', ZHANG, 'fulfil', () => ({ id: W.claimed, note: '字'.repeat(201), photos: [zhangPhoto] }), 'INVALID_INPUT'],
  ['fulfil: a GIF', ZHANG, 'fulfil', () => ({ id: W.claimed, note: '送到了', photos: [`cloud://local/demands/${ZHANG}/a.gif`] }), 'INVALID_INPUT'],
  ['decline: no reason', PEOPLE.staff, 'decline', () => ({ id: W.pending, reason: '  ' }), 'INVALID_INPUT'],
  ['detail: an unknown id', WANG, 'detail', () => ({ id: 'no-such-wish' }), 'NOT_FOUND'],
  ['claim: an unknown id', ZHANG, 'claim', () => ({ id: 'no-such-wish' }), 'NOT_FOUND'],
  ['confirm: an unknown id', WANG, 'confirm', () => ({ id: 'no-such-wish' }), 'NOT_FOUND'],
  ['approve: a malformed id', PEOPLE.staff, 'approve', () => ({ id: '../x' }), 'INVALID_INPUT'],
  ['an unknown action', WANG, 'withdrawAll', () => ({}), 'UNKNOWN_ACTION'],
];

test.each(R)('%s → %s', async (_title, who, action, payload, code) => {
  const before = snapshot(h.local);
  const res = await h.call(who, 'wishes', action as never, payload());
  expect(res).toMatchObject({ ok: false, error: { code } });
  expect(snapshot(h.local)).toBe(before);
});

test('a photo of the wrong type never gets uploaded in the first place (the path wishes use)', async () => {
  const GIF = Buffer.from('GIF89a').toString('base64');
  expect(await h.call(WANG, 'dispatch', 'uploadPhoto', { contentType: 'image/gif' as never, base64: GIF })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  expect(await h.call(WANG, 'dispatch', 'uploadPhoto', { contentType: 'image/png', base64: GIF })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
});
