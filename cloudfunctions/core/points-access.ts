/**
 * Who may do what with points, catalogue items, redemptions, 双报到 and reviews — pure rules over
 * role grants. Staff act only in their own community, a liaison only for their own unit, and
 * nobody awards, approves, reverses or fulfils anything of their own.
 */
import type { ItemOwner, LedgerEntry, Redemption } from '../../types/points';
import { isAdmin, isLiaisonOf, isMember, isSecretaryOf, isStaffOf, type Actor } from './actor';

// The redemption rules live with its transition; re-exported here with the rest of who-may-what.
export { mayFulfil, redemptionActions, unavailableReason } from './points-redemption';

/** A person as the access rules see them: where they live and work. */
export type Person = Pick<Actor, 'openid' | 'communityId' | 'unitId' | 'roles'>;

/** Manual award: staff of the person's home community, never to themselves. */
export function canAward(actor: Actor, target: Person): boolean {
  return target.openid !== actor.openid && isStaffOf(actor.roles, target.communityId);
}

/** Reversible entries are earnings; redemptions are undone by cancelling them, reversals by nothing. */
const REVERSIBLE = new Set<LedgerEntry['source']['type']>(['service', 'post', 'wish', 'activity', 'checkIn', 'award']);

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

/** Who may look a redemption up at all: its holder and whoever manages its item. */
export function canSeeRedemption(actor: Actor, r: Pick<Redemption, 'owner' | 'openid'>): boolean {
  return r.openid === actor.openid || managesOwner(actor, r.owner);
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
