/**
 * Who may do what with points, catalogue items, redemptions, 双报到 and reviews — pure rules over
 * role grants. Staff act only in their own community, a liaison only for their own unit, and
 * nobody awards, approves, reverses or fulfils anything of their own.
 */
import type { CatalogueItem, ItemOwner, LedgerEntry, PointAccount, Redemption, RedemptionAction } from '../../types/points';
import { isAdmin, isLiaisonOf, isMember, isSecretaryOf, isStaffOf, type Actor } from './actor';

/** A person as the access rules see them: where they live and work. */
export type Person = Pick<Actor, 'openid' | 'communityId' | 'unitId' | 'roles'>;

/** Manual award: staff of the person's home community, never to themselves. */
export function canAward(actor: Actor, target: Person): boolean {
  return target.openid !== actor.openid && isStaffOf(actor.roles, target.communityId);
}

/** Reversible entries are earnings; redemptions are undone by cancelling them, reversals by nothing. */
const REVERSIBLE = new Set<LedgerEntry['source']['type']>(['service', 'activity', 'checkIn', 'award']);

/** A correction: staff of the entry's community or the admin, never on their own account. */
export function canReverse(actor: Actor, entry: Pick<LedgerEntry, 'openid' | 'communityId' | 'source'>): boolean {
  return entry.openid !== actor.openid && REVERSIBLE.has(entry.source.type) && (isAdmin(actor.roles) || isStaffOf(actor.roles, entry.communityId));
}

/** Who may see a person's ledger and profile: themselves, the admin, staff of their home community, the liaison of their unit. */
export function canViewPerson(actor: Actor, person: Pick<Person, 'openid' | 'communityId' | 'unitId'>): boolean {
  return person.openid === actor.openid || isAdmin(actor.roles) || isStaffOf(actor.roles, person.communityId) || isLiaisonOf(actor.roles, person.unitId);
}

/** Catalogue items: the owner community's staff, the owner unit's liaison, the admin (any). */
export function managesOwner(actor: Actor, owner: Pick<ItemOwner, 'scope' | 'id'>): boolean {
  if (isAdmin(actor.roles)) return true;
  return owner.scope === 'community' ? isStaffOf(actor.roles, owner.id) : isLiaisonOf(actor.roles, owner.id);
}

/** 核销 is done where the item is handed over: the owner's staff or liaison (not the county), never for oneself. */
export function mayFulfil(actor: Actor, r: Pick<Redemption, 'owner' | 'openid'>): boolean {
  if (r.openid === actor.openid) return false;
  return r.owner.scope === 'community' ? isStaffOf(actor.roles, r.owner.id) : isLiaisonOf(actor.roles, r.owner.id);
}

export function redemptionActions(r: Redemption, actor: Actor): RedemptionAction[] {
  if (r.status !== 'pending') return [];
  const out: RedemptionAction[] = [];
  if (mayFulfil(actor, r)) out.push('fulfil');
  if (r.openid === actor.openid || mayFulfil(actor, r)) out.push('cancel');
  return out;
}

/** Who may look a redemption up at all: its holder and whoever manages its item. */
export function canSeeRedemption(actor: Actor, r: Pick<Redemption, 'owner' | 'openid'>): boolean {
  return r.openid === actor.openid || managesOwner(actor, r.owner);
}

/** Why the caller may not redeem this item now (Chinese), or null. `held`: their pending or fulfilled count. */
export function unavailableReason(item: CatalogueItem, account: Pick<PointAccount, 'balance'> | null, held: number, now: Date): string | null {
  if (!item.active) return '该物品已下架';
  if (now < new Date(item.validFrom)) return '尚未开始兑换';
  if (now > new Date(item.validUntil)) return '已过兑换期';
  if (item.stock <= 0) return '已兑完';
  if (held >= item.perPersonLimit) return `每人限兑 ${item.perPersonLimit} 份`;
  if ((account?.balance ?? 0) < item.cost) return '积分不足';
  return null;
}

/** 双报到 compliance: staff of the community, the unit's liaison, the admin. */
export function canReadCompliance(actor: Actor, scope: 'community' | 'unit', id: string): boolean {
  return isAdmin(actor.roles) || (scope === 'community' ? isStaffOf(actor.roles, id) : isLiaisonOf(actor.roles, id));
}

/** 双报到 is a member's, at the community they live in. */
export function checkInRefusal(person: Person): string | null {
  if (!isMember(person.roles)) return '双报到是在职党员到居住社区报到，您不是党员';
  if (!person.communityId) return '请先在「我的」页面绑定您居住的楼栋';
  return null;
}

/** 双认双评: the liaison of the member's unit rates for the unit, the secretary of their home community for the community. */
export function reviewScopes(actor: Actor, member: Person): ('unit' | 'community')[] {
  if (member.openid === actor.openid || !isMember(member.roles)) return [];
  const out: ('unit' | 'community')[] = [];
  if (isLiaisonOf(actor.roles, member.unitId)) out.push('unit');
  if (isSecretaryOf(actor.roles, member.communityId)) out.push('community');
  return out;
}
