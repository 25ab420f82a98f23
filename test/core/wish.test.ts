/** The 微心愿 lifecycle as a table: every state × event × role (core/wish.ts). */
import type { Actor } from '../../cloudfunctions/core/actor';
import { allowedWishActions, neededByRefusal, publicNameOf, WISH_EVENTS, WISH_STATES, wishKey, wishTransition } from '../../cloudfunctions/core/wish';
import { DEFAULT_POINT_RULES } from '../../cloudfunctions/core/points';
import type { RoleGrant } from '../../types/domain';
import type { Wish, WishEvent, WishStatus } from '../../types/wishes';

const OWN = 'c-own';
const OTHER = 'c-other';
const PAIRED = 'u-paired';
const UNPAIRED = 'u-unpaired';
const NOW = new Date('2026-12-02T10:00:00+08:00');

const people: Record<string, { roles: RoleGrant[]; communityId: string | null; unitId: string | null }> = {
  wisher: { roles: [{ role: 'resident' }], communityId: OWN, unitId: null },
  neighbour: { roles: [{ role: 'resident' }], communityId: OWN, unitId: null },
  stranger: { roles: [{ role: 'resident' }], communityId: OTHER, unitId: null },
  member: { roles: [{ role: 'resident' }, { role: 'member', unitId: PAIRED }], communityId: OTHER, unitId: PAIRED },
  claimant: { roles: [{ role: 'resident' }, { role: 'member', unitId: PAIRED }], communityId: OTHER, unitId: PAIRED },
  unpairedMember: { roles: [{ role: 'resident' }, { role: 'member', unitId: UNPAIRED }], communityId: OTHER, unitId: UNPAIRED },
  liaison: { roles: [{ role: 'resident' }, { role: 'liaison', unitId: PAIRED }], communityId: OTHER, unitId: null },
  unpairedLiaison: { roles: [{ role: 'resident' }, { role: 'liaison', unitId: UNPAIRED }], communityId: OTHER, unitId: null },
  staff: { roles: [{ role: 'resident' }, { role: 'staff', communityId: OWN }], communityId: OTHER, unitId: null },
  gridWorker: { roles: [{ role: 'resident' }, { role: 'gridWorker', communityId: OWN }], communityId: OTHER, unitId: null },
  secretary: { roles: [{ role: 'resident' }, { role: 'secretary', communityId: OWN }], communityId: OTHER, unitId: null },
  otherStaff: { roles: [{ role: 'resident' }, { role: 'staff', communityId: OTHER }], communityId: OTHER, unitId: null },
  admin: { roles: [{ role: 'admin' }], communityId: null, unitId: null },
};
const ROLES = Object.keys(people);
const actor = (who: string): Actor => ({ openid: who, name: `${who}名`, phone: '13800000000', ...people[who] });

function wishIn(status: WishStatus): Wish {
  const onWall = !['pending', 'declined'].includes(status);
  const claimed = ['claimed', 'fulfilled', 'confirmed'].includes(status);
  return {
    _id: 'w1',
    communityId: OWN,
    title: '一副老花镜',
    reason: '看不清药盒上的字',
    neededBy: '2026-12-20',
    photos: [],
    wisher: { openid: 'wisher', name: '王秀英', phone: '13800001001', address: '幸福小区1号楼 302' },
    publicName: '王**',
    postedBy: { openid: 'wisher', name: '王秀英', onBehalf: false },
    status,
    pairedUnitIds: onWall ? [PAIRED] : [],
    pairedUnitNames: onWall ? { [PAIRED]: '县人社局' } : {},
    claim: claimed
      ? { openid: 'claimant', name: '张伟', phone: '13800002001', via: 'member', unitId: PAIRED, unitName: '县人社局', claimedBy: 'claimant', at: NOW, home: { communityId: OTHER, unitId: PAIRED } }
      : null,
    fulfilment: ['fulfilled', 'confirmed'].includes(status) ? { note: '已送到', photos: ['cloud://x/demands/claimant/a.jpg'], at: NOW } : null,
    declineReason: status === 'declined' ? '不属于微心愿' : null,
    approvedAt: onWall ? NOW : null,
    confirmedAt: status === 'confirmed' ? NOW : null,
    entryId: status === 'confirmed' ? wishKey('w1') : null,
    points: status === 'confirmed' ? 20 : null,
    onWall,
    timeline: [],
    version: 3,
    createdAt: NOW,
    updatedAt: NOW,
  };
}

/** Who may take each step in each state; everyone else is refused. */
const ALLOWED: Record<WishStatus, Partial<Record<WishEvent, string[]>>> = {
  pending: { approve: ['staff', 'gridWorker', 'secretary'], decline: ['staff', 'gridWorker', 'secretary'] },
  approved: { claim: ['neighbour', 'member', 'claimant', 'liaison'] },
  declined: {},
  claimed: { withdraw: ['claimant'], fulfil: ['claimant'] },
  fulfilled: { confirm: ['wisher', 'staff', 'gridWorker', 'secretary'] },
  confirmed: {},
};

describe.each(WISH_STATES)('a wish %s', (status) => {
  test.each(WISH_EVENTS)('%s: allowed exactly for the table’s roles, refused with a typed code for the others', (event) => {
    const expected = ALLOWED[status][event] ?? [];
    expect(ROLES.filter((r) => allowedWishActions(wishIn(status), actor(r)).includes(event))).toEqual(expected);
  });
});

const stepFor = (event: WishEvent) =>
  ({
    approve: { event: 'approve', pairedUnits: [{ id: PAIRED, name: '县人社局' }] },
    decline: { event: 'decline', reason: '不属于微心愿' },
    claim: { event: 'claim' },
    withdraw: { event: 'withdraw' },
    fulfil: { event: 'fulfil', note: '已送到', photos: ['cloud://x/demands/claimant/a.jpg'] },
    confirm: { event: 'confirm', rules: DEFAULT_POINT_RULES },
  })[event] as Parameters<typeof wishTransition>[1];

test('the transition agrees with allowedActions: a step outside the table is a refusal or a repeat that records nothing', () => {
  for (const status of WISH_STATES) {
    for (const event of WISH_EVENTS) {
      for (const role of ROLES) {
        const r = wishTransition(wishIn(status), stepFor(event), actor(role), NOW);
        const allowed = (ALLOWED[status][event] ?? []).includes(role);
        if (allowed) expect(r).toMatchObject({ ok: true, repeat: false });
        else if (r.ok) expect(r).toMatchObject({ repeat: true, facts: [] });
        else expect(['FORBIDDEN', 'INVALID_STATE', 'INVALID_INPUT']).toContain(r.code);
      }
    }
  }
});

test('approve puts it on the wall with the paired units and tells the wisher', () => {
  const r = wishTransition(wishIn('pending'), stepFor('approve'), actor('staff'), NOW);
  expect(r).toMatchObject({ ok: true, wish: { status: 'approved', onWall: true, pairedUnitIds: [PAIRED], version: 4 }, facts: [{ kind: 'notify', template: 'wishApproved', to: 'wisher' }] });
});

test('claim: a member for the paired unit, a neighbour as a resident, a liaison for a member of the unit', () => {
  const w = wishIn('approved');
  expect(wishTransition(w, stepFor('claim'), actor('member'), NOW)).toMatchObject({
    ok: true,
    wish: { status: 'claimed', claim: { openid: 'member', via: 'member', unitId: PAIRED } },
    facts: [{ kind: 'count', scope: 'community', id: OWN, field: 'claimed' }, { kind: 'count', scope: 'unit', id: PAIRED, field: 'claimed' }, { kind: 'notify', template: 'wishClaimed', to: 'wisher' }],
  });
  expect(wishTransition(w, stepFor('claim'), actor('neighbour'), NOW)).toMatchObject({ ok: true, wish: { claim: { via: 'resident', unitId: null } } });
  const member = { openid: 'member', name: '张伟', phone: '138', roles: people.member.roles, communityId: OTHER, unitId: PAIRED };
  expect(wishTransition(w, { event: 'claim', member }, actor('liaison'), NOW)).toMatchObject({ ok: true, wish: { claim: { openid: 'member', via: 'unit', claimedBy: 'liaison' } } });
  const outsider = { ...member, openid: 'unpairedMember', roles: people.unpairedMember.roles };
  expect(wishTransition(w, { event: 'claim', member: outsider }, actor('liaison'), NOW)).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  expect(wishTransition(w, { event: 'claim', member }, actor('neighbour'), NOW)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  const wisherAsMember = { ...member, openid: 'wisher' };
  expect(wishTransition(w, { event: 'claim', member: wisherAsMember }, actor('liaison'), NOW)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
});

test('a second claim is refused; the claimant claiming again is a repeat', () => {
  const w = wishIn('claimed');
  expect(wishTransition(w, stepFor('claim'), actor('member'), NOW)).toMatchObject({ ok: false, code: 'INVALID_STATE' });
  expect(wishTransition(w, stepFor('claim'), actor('claimant'), NOW)).toMatchObject({ ok: true, repeat: true, facts: [] });
});

test('fulfil needs a photo', () => {
  expect(wishTransition(wishIn('claimed'), { event: 'fulfil', note: '已送到', photos: [] }, actor('claimant'), NOW)).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
});

test('confirm credits the claimant perWish once (key wish_<id>), counts 完成, and a second confirm is a repeat', () => {
  const r = wishTransition(wishIn('fulfilled'), stepFor('confirm'), actor('wisher'), NOW);
  expect(r).toMatchObject({
    ok: true,
    wish: { status: 'confirmed', entryId: 'wish_w1' },
    facts: [
      { kind: 'count', scope: 'community', field: 'confirmed' },
      { kind: 'count', scope: 'unit', id: PAIRED, field: 'confirmed' },
      { kind: 'credit', entry: { key: 'wish_w1', openid: 'claimant', points: DEFAULT_POINT_RULES.perWish, hours: 0, source: { type: 'wish', id: 'w1' }, home: { communityId: OTHER, unitId: PAIRED } } },
    ],
  });
  expect(wishTransition(wishIn('confirmed'), stepFor('confirm'), actor('wisher'), NOW)).toMatchObject({ ok: true, repeat: true, facts: [] });
});

test('the claimant never confirms their own delivery, even as staff of the community', () => {
  const w = { ...wishIn('fulfilled'), claim: { ...wishIn('fulfilled').claim!, openid: 'staff' } };
  expect(wishTransition(w, stepFor('confirm'), actor('staff'), NOW)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
});

test('the wall name: the surname and stars', () => {
  expect(publicNameOf('王秀英')).toBe('王**');
  expect(publicNameOf('李四')).toBe('李**');
  expect(publicNameOf('欧阳娜娜')).toBe('欧***');
});

test.each([
  ['2026-12-02', '期望日期要在今天之后'],
  ['2026-11-30', '期望日期要在今天之后'],
  ['2027-02-30', '期望日期的格式不正确'],
  ['2028-01-01', '期望日期不能超过一年'],
  ['2026-12-03', null],
])('needed by %s', (day, why) => {
  expect(neededByRefusal(day, NOW)).toBe(why);
});

test('withdraw: the claimant before fulfilling — the wish is back on the wall, 认领 counted down; asked again, a repeat', () => {
  const r = wishTransition(wishIn('claimed'), { event: 'withdraw' }, actor('claimant'), NOW);
  expect(r).toMatchObject({
    ok: true,
    repeat: false,
    wish: { status: 'approved', claim: null, onWall: true },
    facts: [{ kind: 'count', scope: 'community', id: OWN, field: 'claimed', by: -1 }, { kind: 'count', scope: 'unit', id: PAIRED, field: 'claimed', by: -1 }],
  });
  if (!r.ok) throw new Error('refused');
  expect(wishTransition(r.wish, { event: 'withdraw' }, actor('claimant'), NOW)).toMatchObject({ ok: true, repeat: true, facts: [] });
  expect(allowedWishActions(r.wish, actor('member'))).toContain('claim');
  expect(wishTransition(wishIn('fulfilled'), { event: 'withdraw' }, actor('claimant'), NOW)).toMatchObject({ ok: false, code: 'INVALID_STATE' });
});
