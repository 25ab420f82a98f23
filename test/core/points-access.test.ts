/** Table tests of who may do what with points: awards, reversals, items, redemptions, compliance, 双报到, reviews. */
import type { Actor } from '../../cloudfunctions/core/actor';
import {
  canAward,
  canReadCompliance,
  canReverse,
  canViewPerson,
  checkInRefusal,
  managesOwner,
  redemptionActions,
  reviewScopes,
  unavailableReason,
  type Person,
} from '../../cloudfunctions/core/points-access';
import type { RoleGrant } from '../../types/domain';
import type { CatalogueItem, LedgerSourceType, Redemption } from '../../types/points';

const OWN = 'c-dongjie';
const UNIT = 'unit-renshe';
const G: Record<string, RoleGrant[]> = {
  resident: [{ role: 'resident' }],
  member: [{ role: 'resident' }, { role: 'member', unitId: UNIT }],
  liaison: [{ role: 'resident' }, { role: 'liaison', unitId: UNIT }, { role: 'member', unitId: UNIT }],
  staff: [{ role: 'resident' }, { role: 'staff', communityId: OWN }],
  gridWorker: [{ role: 'resident' }, { role: 'gridWorker', communityId: OWN }],
  secretary: [{ role: 'resident' }, { role: 'secretary', communityId: OWN }],
  staffOther: [{ role: 'resident' }, { role: 'staff', communityId: 'c-ximen' }],
  liaisonOther: [{ role: 'resident' }, { role: 'liaison', unitId: 'unit-weijian' }],
  admin: [{ role: 'admin' }],
};
const CALLERS = Object.keys(G);
const actor = (who: string): Actor => ({ openid: who, name: who, phone: '', communityId: null, unitId: null, roles: G[who] });
const memberOfOwn: Person = { openid: 'zhang', communityId: OWN, unitId: UNIT, roles: G.member };

const allowed = (pred: (a: Actor) => boolean) => CALLERS.filter((c) => pred(actor(c)));

test('award: staff, grid worker and secretary of the person’s community', () => {
  expect(allowed((a) => canAward(a, memberOfOwn))).toEqual(['staff', 'gridWorker', 'secretary']);
  expect(canAward(actor('staff'), { ...memberOfOwn, openid: 'staff' })).toBe(false);
  expect(allowed((a) => canAward(a, { ...memberOfOwn, communityId: null }))).toEqual([]);
});

test.each<[LedgerSourceType, string[]]>([
  ['service', ['staff', 'gridWorker', 'secretary', 'admin']],
  ['award', ['staff', 'gridWorker', 'secretary', 'admin']],
  ['redeem', []],
  ['refund', []],
  ['reversal', []],
])('reverse a %s entry', (type, who) => {
  expect(allowed((a) => canReverse(a, { openid: 'zhang', communityId: OWN, source: { type, id: 'x', label: '' } }))).toEqual(who);
  expect(canReverse(actor('staff'), { openid: 'staff', communityId: OWN, source: { type, id: 'x', label: '' } })).toBe(false);
});

test('view a person: themselves, staff of their home community, their unit’s liaison, the admin', () => {
  expect(allowed((a) => canViewPerson(a, memberOfOwn))).toEqual(['liaison', 'staff', 'gridWorker', 'secretary', 'admin']);
  expect(canViewPerson(actor('member'), { ...memberOfOwn, openid: 'member' })).toBe(true);
});

test.each([
  ['community', OWN, ['staff', 'gridWorker', 'secretary', 'admin']],
  ['unit', UNIT, ['liaison', 'admin']],
] as const)('manage items of a %s; read its compliance', (scope, id, who) => {
  expect(allowed((a) => managesOwner(a, { scope, id }))).toEqual(who);
  expect(allowed((a) => canReadCompliance(a, scope, id))).toEqual(who);
});

function redemption(owner: Redemption['owner'], openid: string, status: Redemption['status'] = 'pending'): Redemption {
  return { _id: 'r', itemId: 'i', itemTitle: '理发券', owner, openid, name: openid, cost: 10, code: 'ABCDEFGH', status, createdAt: '', fulfilledAt: null, fulfilledBy: null, cancelledAt: null, cancelledBy: null, cancelReason: null };
}

test.each([
  ['community item', { scope: 'community', id: OWN, name: '东街社区' }, ['staff', 'gridWorker', 'secretary']],
  ['unit item', { scope: 'unit', id: UNIT, name: '县人社局' }, ['liaison']],
] as const)('fulfil a %s: its owner’s people, not the admin, never their own', (_n, owner, who) => {
  expect(allowed((a) => redemptionActions(redemption(owner, 'zhang'), a).includes('fulfil'))).toEqual(who);
  for (const w of who) expect(redemptionActions(redemption(owner, w), actor(w))).toEqual(['cancel']);
  expect(redemptionActions(redemption(owner, 'zhang', 'fulfilled'), actor(who[0]))).toEqual([]);
  expect(redemptionActions(redemption(owner, 'member'), actor('member'))).toEqual(['cancel']);
});

test.each([
  ['open', {}, 50, 0, null],
  ['withdrawn', { active: false }, 50, 0, '该物品已下架'],
  ['not yet open', { validFrom: '2026-12-01T00:00:00+08:00' }, 50, 0, '尚未开始兑换'],
  ['expired', { validUntil: '2026-11-01T00:00:00+08:00' }, 50, 0, '已过兑换期'],
  ['out of stock', { stock: 0 }, 50, 0, '已兑完'],
  ['limit reached', {}, 50, 2, '每人限兑 2 份'],
  ['too few points', {}, 9, 0, '积分不足'],
] as const)('unavailableReason: %s', (_n, over, balance, held, why) => {
  const item: CatalogueItem = {
    _id: 'i', owner: { scope: 'community', id: OWN, name: '东街社区' }, title: '理发券', description: '', cost: 10, stock: 3, perPersonLimit: 2,
    validFrom: '2026-11-01T00:00:00+08:00', validUntil: '2026-12-31T00:00:00+08:00', active: true, createdBy: 's', createdAt: '', ...over,
  };
  expect(unavailableReason(item, { balance }, held, new Date('2026-11-23T10:00:00+08:00'))).toBe(why);
});

test('双报到 is for members bound to a home community', () => {
  expect(checkInRefusal(memberOfOwn)).toBeNull();
  expect(checkInRefusal({ ...memberOfOwn, roles: G.resident })).toMatch(/不是党员/);
  expect(checkInRefusal({ ...memberOfOwn, communityId: null })).toMatch(/绑定/);
});

test('双认双评: the unit’s liaison for the unit, the home secretary for the community; members only; never oneself', () => {
  expect(CALLERS.map((c) => [c, reviewScopes(actor(c), memberOfOwn)]).filter(([, s]) => s.length)).toEqual([
    ['liaison', ['unit']],
    ['secretary', ['community']],
  ]);
  expect(reviewScopes(actor('liaison'), { ...memberOfOwn, roles: G.resident })).toEqual([]);
  expect(reviewScopes(actor('liaison'), { ...memberOfOwn, openid: 'liaison' })).toEqual([]);
});
