/**
 * Redemptions as a table: every state × event × role, for an item of a community and of a unit,
 * against a spec written here; then what redeeming, 核销 and cancelling record. (Who may look a
 * redemption up at all — canSeeRedemption — is checked before, in points-access.test.ts.)
 */
import type { Actor } from '../../cloudfunctions/core/actor';
import { emptyAccount } from '../../cloudfunctions/core/points';
import {
  holdsItem,
  isFinal,
  isPending,
  REDEMPTION_STATES,
  redeemItem,
  redemptionActions,
  redemptionTransition,
  withHolding,
  type RedemptionEvent,
} from '../../cloudfunctions/core/points-redemption';
import type { ItemOwner, RedemptionStatus } from '../../types/points';
import { item, OWN, person, redemption, UNIT } from './points.fixtures';

const ROLES = {
  holder: person('zhang', [{ role: 'resident' }, { role: 'member', unitId: UNIT }]),
  otherResident: person('li'),
  staff: person('staff', [{ role: 'staff', communityId: OWN }]),
  gridWorker: person('grid', [{ role: 'gridWorker', communityId: OWN }]),
  secretary: person('sec', [{ role: 'secretary', communityId: OWN }]),
  staffOther: person('zheng', [{ role: 'staff', communityId: 'c-ximen' }]),
  liaison: person('zhao', [{ role: 'liaison', unitId: UNIT }]),
  liaisonOther: person('sun', [{ role: 'liaison', unitId: 'unit-weijian' }]),
  admin: person('lin', [{ role: 'admin' }]),
} satisfies Record<string, Actor>;
type Role = keyof typeof ROLES;
const ALL = Object.keys(ROLES) as Role[];
type Outcome = 'ok' | 'repeat' | 'FORBIDDEN' | 'INVALID_STATE';

const OWNERS: Record<'community' | 'unit', { owner: ItemOwner; fulfillers: Role[] }> = {
  community: { owner: { scope: 'community', id: OWN, name: '东街社区' }, fulfillers: ['staff', 'gridWorker', 'secretary'] },
  unit: { owner: { scope: 'unit', id: UNIT, name: '县人社局' }, fulfillers: ['liaison'] },
};

const STEPS: Record<'fulfil' | 'cancel', RedemptionEvent> = { fulfil: { event: 'fulfil' }, cancel: { event: 'cancel', reason: '' } };

/** The spec, written out: who may fulfil or cancel in each state (the county fulfils nothing). */
function expected(scope: 'community' | 'unit', event: 'fulfil' | 'cancel', status: RedemptionStatus, role: Role): Outcome {
  const fulfils = OWNERS[scope].fulfillers.includes(role);
  if (event === 'fulfil') {
    if (!fulfils) return 'FORBIDDEN'; // the holder included: never one's own
    return { pending: 'ok', fulfilled: 'repeat', cancelled: 'INVALID_STATE' }[status] as Outcome;
  }
  if (status === 'cancelled') return 'repeat';
  if (status === 'fulfilled') return 'INVALID_STATE';
  return fulfils || role === 'holder' ? 'ok' : 'FORBIDDEN';
}

const NOW = new Date('2026-11-23T10:00:00+08:00');
const cases = (['community', 'unit'] as const).flatMap((scope) =>
  (['fulfil', 'cancel'] as const).flatMap((event) => REDEMPTION_STATES.flatMap((status) => ALL.map((role) => [scope, event, status, role] as const))),
);

test.each(cases)('%s item: %s × %s × %s', (scope, event, status, role) => {
  const r = redemptionTransition(redemption(OWNERS[scope].owner, 'zhang', status), STEPS[event], ROLES[role], NOW);
  const outcome: Outcome = r.ok ? (r.repeat ? 'repeat' : 'ok') : r.code;
  expect(outcome).toBe(expected(scope, event, status, role));
  if (!r.ok) expect(r.message).toMatch(/[\u4e00-\u9fa5]/);
  // allowedActions is exactly the steps the transition takes.
  expect(redemptionActions(redemption(OWNERS[scope].owner, 'zhang', status), ROLES[role]).includes(event)).toBe(outcome === 'ok');
});

test('state groups', () => {
  expect(REDEMPTION_STATES.filter((s) => isPending({ status: s }))).toEqual(['pending']);
  expect(REDEMPTION_STATES.filter((s) => isFinal({ status: s }))).toEqual(['fulfilled', 'cancelled']);
  expect(REDEMPTION_STATES.filter((s) => holdsItem({ status: s }))).toEqual(['pending', 'fulfilled']);
});

describe('what each step records', () => {
  const owner = OWNERS.community.owner;
  const made = { _id: 'r9', code: 'CODE2345' };

  test('redeeming holds the cost, counts the holding and takes one from the stock', () => {
    const account = { ...emptyAccount('zhang', '张', OWN, UNIT, NOW), balance: 50 };
    const r = redeemItem(item(), account, { ...ROLES.holder, communityId: OWN, unitId: UNIT }, NOW, made);
    if (!r.ok) throw new Error(r.message);
    expect(r.redemption).toMatchObject({ _id: 'r9', code: 'CODE2345', itemId: 'i', itemTitle: '理发券', owner, openid: 'zhang', cost: 10, status: 'pending', createdAt: NOW });
    expect(r.facts).toEqual([
      {
        kind: 'credit',
        entry: {
          key: 'redeem_r9',
          openid: 'zhang',
          name: 'zhang',
          points: -10,
          hours: 0,
          source: { type: 'redeem', id: 'r9', label: '理发券' },
          reason: '兑换「理发券」',
          actor: 'zhang',
          actorName: 'zhang',
          communityId: null,
          unitId: null,
          home: { communityId: OWN, unitId: UNIT },
        },
        holding: { itemId: 'i', by: 1 },
      },
      { kind: 'stock', itemId: 'i', by: -1 },
    ]);
  });

  test.each([
    ['too few points', item(), 9, 0, '积分不足'],
    ['the limit held', item(), 50, 2, '每人限兑 2 份'],
    ['sold out', item({ stock: 0 }), 50, 0, '已兑完'],
    ['withdrawn', item({ active: false }), 50, 0, '该物品已下架'],
  ] as const)('redeeming refused: %s', (_n, it, balance, held, message) => {
    const account = { ...emptyAccount('zhang', '张', OWN, UNIT, NOW), balance, redeemed: { i: held } };
    expect(redeemItem(it, account, ROLES.holder, NOW, made)).toEqual({ ok: false, code: 'INVALID_STATE', message });
  });

  test('核销 records who and when, and nothing else', () => {
    const r = redemptionTransition(redemption(owner, 'zhang'), { event: 'fulfil' }, ROLES.staff, NOW);
    expect(r).toMatchObject({ ok: true, repeat: false, redemption: { status: 'fulfilled', fulfilledAt: NOW, fulfilledBy: 'staff' }, facts: [] });
  });

  test('cancelling refunds the cost, gives the holding and the stock back, with the reason or a default', () => {
    const r = redemptionTransition(redemption(owner, 'zhang'), { event: 'cancel', reason: '' }, ROLES.holder, NOW);
    if (!r.ok) throw new Error(r.message);
    expect(r.redemption).toMatchObject({ status: 'cancelled', cancelledAt: NOW, cancelledBy: 'zhang', cancelReason: null });
    expect(r.facts).toEqual([
      {
        kind: 'credit',
        entry: {
          key: 'refund_r',
          openid: 'zhang',
          name: 'zhang',
          points: 10,
          hours: 0,
          source: { type: 'refund', id: 'r', label: '理发券' },
          reason: '取消兑换「理发券」，退还积分',
          actor: 'zhang',
          actorName: 'zhang',
          communityId: null,
          unitId: null,
        },
        holding: { itemId: 'i', by: -1 },
      },
      { kind: 'stock', itemId: 'i', by: 1 },
    ]);
    const byStaff = redemptionTransition(redemption(owner, 'zhang'), { event: 'cancel', reason: '物品已停供' }, ROLES.staff, NOW);
    expect(byStaff.ok && [byStaff.redemption.cancelReason, byStaff.facts[0].kind === 'credit' && byStaff.facts[0].entry.reason]).toEqual(['物品已停供', '物品已停供']);
  });

  test('a holding never goes below 0', () => {
    const a = emptyAccount('zhang', '张', null, null, NOW);
    expect(withHolding(a, 'i', 1).redeemed).toEqual({ i: 1 });
    expect(withHolding(withHolding(a, 'i', 1), 'i', -1).redeemed).toEqual({ i: 0 });
    expect(withHolding({ ...a, redeemed: { i: 0 } }, 'i', -1).redeemed).toEqual({ i: 0 });
    expect(withHolding(a, 'i', -1).redeemed).toEqual({ i: 0 });
  });
});
