/** What each back-office change writes to the audit log (操作日志): who, what, before and after, whose scope. */
import type { HouseholdRecord, Invitation } from '../../types/admin';
import type { Region, RoleGrant, Unit, UnitPairing } from '../../types/domain';
import type { Actor } from '../core/actor';
import { communityOf } from '../core/region-edits';
import type { AuditDraft } from '../lib/audit';

export type By = { openid: string; name: string };

export const byOf = (actor: Actor): By => ({ openid: actor.openid, name: actor.name });

/** The community or unit a grant belongs to, for the audit log's scope. */
export const grantScope = (grant: RoleGrant): { communityId?: string; unitId?: string } =>
  grant.communityId ? { communityId: grant.communityId } : grant.unitId ? { unitId: grant.unitId } : {};

const regionSnapshot = (r: Region) => ({ name: r.name, parentId: r.parentId, path: r.path, divisionCode: r.divisionCode ?? null, archived: !!r.archived });

export function regionDraft(actor: Actor, action: string, before: Region | null, after: Region): AuditDraft {
  const communityId = communityOf(after);
  return {
    actor: byOf(actor),
    action,
    target: { kind: 'region', id: after._id, name: after.name },
    before: before && regionSnapshot(before),
    after: regionSnapshot(after),
    scope: communityId ? { communityId } : {},
  };
}

const householdSnapshot = (h: HouseholdRecord) => ({ buildingId: h.buildingId, estateId: h.estateId, room: h.room, label: h.label ?? '', archived: !!h.archived });

export const householdDraft = (actor: Actor, action: string, before: HouseholdRecord | null, after: HouseholdRecord): AuditDraft => ({
  actor: byOf(actor),
  action,
  target: { kind: 'household', id: after._id, name: after.room },
  before: before && householdSnapshot(before),
  after: householdSnapshot(after),
  scope: { communityId: after.communityId },
});

const unitSnapshot = (u: Unit) => ({ name: u.name, description: u.description, archived: !!u.archived });

export const unitDraft = (actor: Actor, action: string, before: Unit | null, after: Unit): AuditDraft => ({
  actor: byOf(actor),
  action,
  target: { kind: 'unit', id: after._id, name: after.name },
  before: before && unitSnapshot(before),
  after: unitSnapshot(after),
  scope: { unitId: after._id },
});

export const pairingDraft = (actor: Actor, action: string, p: UnitPairing, before: UnitPairing | null, after: UnitPairing | null): AuditDraft => ({
  actor: byOf(actor),
  action,
  target: { kind: 'pairing', id: p._id },
  before: before && { unitId: before.unitId, communityId: before.communityId },
  after: after && { unitId: after.unitId, communityId: after.communityId },
  scope: { communityId: p.communityId, unitId: p.unitId },
});

export const invitationDraft = (actor: By, action: string, inv: Invitation, before: object | null, after: object): AuditDraft => ({
  actor,
  action,
  target: { kind: 'invitation', id: inv._id, name: inv.scopeName },
  before: before as Record<string, unknown> | null,
  after: after as Record<string, unknown>,
  scope: grantScope(inv.grant),
});

/** A person's roles changed: by a grant or revocation (target `role`), an acceptance (`invitation`), the setup code (`setup`). */
export const rolesDraft = (
  actor: By,
  action: string,
  target: AuditDraft['target'],
  before: RoleGrant[],
  after: RoleGrant[],
  scope: AuditDraft['scope'],
): AuditDraft => ({ actor, action, target, before: { roles: before }, after: { roles: after }, scope });
