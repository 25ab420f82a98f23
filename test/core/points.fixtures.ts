/** Factories for the points rule tables: an activity on one morning, sign-ups in every state, people, catalogue items and redemptions. */
import type { Actor } from '../../cloudfunctions/core/actor';
import type { Activity, CatalogueItem, ItemOwner, Redemption, RedemptionStatus, Signup, SignupStatus } from '../../types/points';

/** A moment on the activity's day (2026-11-23, China time). */
export const T = (hhmm: string) => new Date(`2026-11-23T${hhmm}:00+08:00`);

/** 09:00–11:00 in 东街, two places, one taken, hours as served. */
export const activity = (over: Partial<Activity> = {}): Activity => ({
  _id: 'a1',
  communityId: 'c-dongjie',
  title: '社区义诊',
  description: '',
  place: '服务中心',
  startAt: T('09:00'),
  endAt: T('11:00'),
  capacity: 2,
  signedUp: 1,
  hoursRule: 'actual',
  fixedHours: null,
  status: 'published',
  organiser: { openid: 'organiser', name: '周芳' },
  code: 'ABC234',
  createdAt: T('08:00'),
  cancelledAt: null,
  cancelReason: null,
  ...over,
});

export const signup = (openid: string, status: SignupStatus, hours: number | null = null): Signup => ({
  _id: `a1_${openid}`,
  activityId: 'a1',
  communityId: 'c-dongjie',
  openid,
  name: openid,
  status,
  signedUpAt: T('08:00'),
  checkInAt: status === 'signedUp' || status === 'cancelled' ? null : T('09:00'),
  checkOutAt: null,
  hours,
  resolvedBy: null,
  resolveNote: null,
  approvedBy: null,
  approvedAt: null,
  entryId: null,
});

export const person = (openid: string, roles: Actor['roles'] = [{ role: 'resident' }]): Actor => ({ openid, name: openid, phone: '', communityId: null, unitId: null, roles });

export const OWN = 'c-dongjie';
export const UNIT = 'unit-renshe';

export const item = (over: Partial<CatalogueItem> = {}): CatalogueItem => ({
  _id: 'i',
  owner: { scope: 'community', id: OWN, name: '东街社区' },
  title: '理发券',
  description: '',
  cost: 10,
  stock: 3,
  perPersonLimit: 2,
  validFrom: '2026-11-01T00:00:00+08:00',
  validUntil: '2026-12-31T00:00:00+08:00',
  active: true,
  createdBy: 's',
  createdAt: '',
  ...over,
});

export function redemption(owner: ItemOwner, openid: string, status: RedemptionStatus = 'pending'): Redemption {
  return { _id: 'r', itemId: 'i', itemTitle: '理发券', owner, openid, name: openid, cost: 10, code: 'ABCDEFGH', status, createdAt: '', fulfilledAt: null, fulfilledBy: null, cancelledAt: null, cancelledBy: null, cancelReason: null };
}
