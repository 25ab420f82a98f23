/**
 * Who may see and do what with a key household (Pillar 3). Pure rules over role grants and the
 * household's community and visitors; the handlers enforce them and `allowedActions` reports them.
 *
 * Sensitive fields (care categories, notes, the unmasked phone, visit notes) are for those who
 * care for the household: its paired visitors and its community's staff, grid workers and
 * secretary (PIPL: least privilege). The county admin sees that a household is key and how it is
 * scheduled, never what it is. Everyone else is told it does not exist.
 */
import type { RoleGrant } from '../../types/domain';
import type { KeyHousehold, KeyHouseholdAction, SensitiveRead, Visitor } from '../../types/visits';
import { communityRole, isAdmin, isSecretaryOf, type Actor } from './actor';

/** Whoever asks, as these rules need them. */
export type Caller = Pick<Actor, 'openid' | 'roles'>;

/** Staff, grid workers and the secretary manage a community's key households and pairings. */
export function canManage(roles: RoleGrant[], communityId: string): boolean {
  return communityRole(roles, communityId) !== null;
}

export function isVisitorOf(h: Pick<KeyHousehold, 'visitors'>, openid: string): boolean {
  return h.visitors.some((v) => v.openid === openid);
}

/**
 * Why the caller may read the household's sensitive fields (what the read log records), or null
 * when they may not. An inactive household's visitors are gone; its staff keep access.
 */
export function careAccess(h: Pick<KeyHousehold, 'communityId' | 'visitors'>, c: Caller): SensitiveRead['readerRole'] | null {
  return communityRole(c.roles, h.communityId) ?? (isVisitorOf(h, c.openid) ? 'visitor' : null);
}

/** May the caller see the household at all (without sensitive fields for the admin)? */
export function canSeeHousehold(h: Pick<KeyHousehold, 'communityId' | 'visitors'>, c: Caller): boolean {
  return careAccess(h, c) !== null || isAdmin(c.roles);
}

/** A paired visitor or the community's staff record visits, on an active household. */
export function canRecordVisit(h: Pick<KeyHousehold, 'communityId' | 'visitors' | 'active'>, c: Caller): boolean {
  return h.active && (isVisitorOf(h, c.openid) || canManage(c.roles, h.communityId));
}

/** Coverage: the community's staff, grid workers, secretary; the county admin. */
export function canReadCoverage(roles: RoleGrant[], communityId: string): boolean {
  return canManage(roles, communityId) || isAdmin(roles);
}

/** The sensitive-read log is the secretary's (the one accountable for the community's data). */
export function canReadLog(roles: RoleGrant[], communityId: string): boolean {
  return isSecretaryOf(roles, communityId);
}

/** Pairing changes (who was paired, by whom) are for the community's staff. */
export function canSeePairingChanges(roles: RoleGrant[], communityId: string): boolean {
  return canManage(roles, communityId);
}

/** What the caller may do with the household now, by the rules the handlers enforce. */
export function allowedActions(h: Pick<KeyHousehold, 'communityId' | 'visitors' | 'active'>, c: Caller): KeyHouseholdAction[] {
  const out: KeyHouseholdAction[] = [];
  if (canRecordVisit(h, c)) out.push('recordVisit');
  if (h.active && isSecretaryOf(c.roles, h.communityId)) out.push('secretaryVisit');
  if (canManage(c.roles, h.communityId)) {
    if (h.active) out.push('updateKey', 'unmarkKey', 'pair');
    if (h.active && h.visitors.length) out.push('unpair');
  }
  return out;
}

/** A person who might be paired, as the rule needs them. */
export interface Candidate {
  openid: string;
  roles: RoleGrant[];
  /** Where they live. */
  communityId: string | null;
}

/**
 * Who may visit a household of `communityId`: its grid workers, staff and secretary; Party
 * members who live there (双报到) or whose unit is paired with it (`pairedUnits`). Returns the
 * kind of visitor, or null.
 */
export function visitorKind(p: Candidate, communityId: string, pairedUnits: string[]): Visitor['kind'] | null {
  const role = communityRole(p.roles, communityId);
  if (role) return role;
  const member = p.roles.filter((g) => g.role === 'member');
  if (member.length && (p.communityId === communityId || member.some((g) => g.unitId && pairedUnits.includes(g.unitId)))) return 'member';
  return null;
}
