/** Factories for demands in every state and for actors of every role around them. */
import type { Actor } from '../../cloudfunctions/core/actor';
import type { Demand, DemandStatus } from '../../types/dispatch';

export const T0 = new Date('2026-11-02T09:00:00+08:00');
export const HOUR = 3600_000;

export const ACTORS = {
  submitter: { openid: 'r1', name: '王秀英', phone: '', communityId: null, unitId: null, roles: [{ role: 'resident' }] },
  otherResident: { openid: 'r2', name: '李建国', phone: '', communityId: null, unitId: null, roles: [{ role: 'resident' }] },
  member: { openid: 'm1', name: '张伟', phone: '', communityId: null, unitId: null, roles: [{ role: 'resident' }, { role: 'member', unitId: 'u1' }] },
  member2: { openid: 'm2', name: '陈静', phone: '', communityId: null, unitId: null, roles: [{ role: 'member', unitId: 'u1' }] },
  memberOtherUnit: { openid: 'm3', name: '刘洋', phone: '', communityId: null, unitId: null, roles: [{ role: 'member', unitId: 'u2' }] },
  liaison: { openid: 'l1', name: '赵敏', phone: '', communityId: null, unitId: null, roles: [{ role: 'liaison', unitId: 'u1' }] },
  liaisonOtherUnit: { openid: 'l2', name: '孙磊', phone: '', communityId: null, unitId: null, roles: [{ role: 'liaison', unitId: 'u2' }] },
  liaisonUnpaired: { openid: 'l3', name: '钱多', phone: '', communityId: null, unitId: null, roles: [{ role: 'liaison', unitId: 'u9' }] },
  staff: { openid: 's1', name: '周芳', phone: '', communityId: null, unitId: null, roles: [{ role: 'staff', communityId: 'c1' }] },
  gridWorker: { openid: 'g1', name: '吴强', phone: '', communityId: null, unitId: null, roles: [{ role: 'gridWorker', communityId: 'c1' }] },
  staffOtherCommunity: { openid: 's2', name: '郑丽', phone: '', communityId: null, unitId: null, roles: [{ role: 'staff', communityId: 'c2' }] },
  secretary: { openid: 'sec1', name: '黄志明', phone: '', communityId: null, unitId: null, roles: [{ role: 'secretary', communityId: 'c1' }] },
  admin: { openid: 'a1', name: '林海', phone: '', communityId: null, unitId: null, roles: [{ role: 'admin' }] },
  town: { openid: 't1o', name: '钱立新', phone: '', communityId: null, unitId: null, roles: [{ role: 'town', townId: 't1' }] },
  townOther: { openid: 't2o', name: '何平', phone: '', communityId: null, unitId: null, roles: [{ role: 'town', townId: 't2' }] },
} satisfies Record<string, Actor>;

export type ActorName = keyof typeof ACTORS;

export function demand(status: DemandStatus, overrides: Partial<Demand> = {}): Demand {
  const dispatched = !['submitted', 'handling', 'declined', 'merged'].includes(status);
  const claims = status === 'accepted' ? [{ openid: 'm2', name: '陈静', at: T0, by: 'self' as const, done: false, hours: null }] : [];
  return {
    _id: 'd1',
    kind: 'demand',
    category: 'facilities',
    text: '楼道灯坏了',
    photos: [],
    urgency: 'normal',
    anonymous: false,
    status,
    submitter: { openid: 'r1', name: '王秀英', phone: '13800001001' },
    onBehalfBy: null,
    communityId: 'c1',
    townId: 't1',
    buildingId: 'b1',
    householdId: null,
    createdAt: T0,
    dispatch: dispatched
      ? {
          unitId: status === 'dispatched' ? 'u1' : 'u1',
          offeredTo: ['u1'],
          slots: 2,
          expectedHours: 2,
          dispatchedAt: T0,
          month: '2026-11',
          acceptBy: new Date(T0.getTime() + 24 * HOUR),
          finishBy: new Date(T0.getTime() + 7 * 24 * HOUR),
          acceptedAt: status === 'dispatched' ? null : new Date(T0.getTime() + HOUR),
          acceptedWithinSla: status === 'dispatched' ? null : true,
        }
      : null,
    claims,
    claimedCount: claims.length,
    openSlots: status === 'accepted' ? 2 - claims.length : 0,
    completion: null,
    rating: null,
    reopenCount: 0,
    mergedInto: null,
    escalatedAt: null,
    returnVisits: [],
    resolvedAt: ['verified', 'closed'].includes(status) ? new Date(T0.getTime() + 3 * HOUR) : null,
    timeline: [],
    version: 1,
    ...overrides,
  };
}
