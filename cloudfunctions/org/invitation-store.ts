/**
 * org: reads and writes of invitations (collection `invitations`, `_id` = the code), their
 * acceptances (`invitationAcceptances`) and the grants an import holds for a phone
 * (`pendingGrants`). Each change is one transaction with its audit entry.
 */
import type { Invitation, InvitationAcceptance, PendingGrant } from '../../types/admin';
import type { RoleGrant, User } from '../../types/domain';
import { workUnit } from '../core/roles';
import { auditIn } from '../lib/audit';
import { db } from '../lib/cloud';
import type { Data } from '../lib/database';
import { readPage } from '../lib/paging';
import { inTransaction } from '../lib/retry';
import { grantScope, invitationDraft, rolesDraft, type By } from './audit-drafts';

const INVITATIONS = 'invitations';
const ACCEPTANCES = 'invitationAcceptances';
const PENDING = 'pendingGrants';

export async function findInvitation(codeId: string): Promise<Invitation | null> {
  return (await db.collection(INVITATIONS).doc(codeId).get<Invitation>()).data;
}

/** Adds the invitation `make` builds and its audit entry; a code already taken is retried with a fresh one. */
export function addInvitation(make: () => Invitation, by: By, now: Date): Promise<Invitation> {
  return inTransaction(
    async (t) => {
      const inv = make();
      const { _id, ...data } = inv;
      await t.collection(INVITATIONS).add({ data: { _id, ...data } });
      await auditIn(t, invitationDraft(by, 'createInvitation', inv, null, { grant: inv.grant, expiresAt: inv.expiresAt, maxUses: inv.maxUses }), now);
      return inv;
    },
    { duplicates: true },
  );
}

/** What an acceptance decides, on the documents read in its transaction. */
export interface AcceptanceRules {
  /** Refuses (throws) an invitation that can no longer be accepted. */
  check(inv: Invitation): void;
  /** The grants to add: the invitation's and the claimable pending ones, without those held already. */
  grantsOf(inv: Invitation, me: User, claimable: RoleGrant[]): RoleGrant[];
}

/**
 * One transaction for everything an acceptance changes (use count, roles, acceptance, pending
 * grants claimed, audit), so a use is never counted without the role or the other way round.
 * Reads: the invitation, the acceptance, the person, their pending grants. Accepting again
 * changes nothing.
 */
export function saveAcceptance(codeId: string, openid: string, now: Date, rules: AcceptanceRules): Promise<{ me: User; granted: RoleGrant[] }> {
  return inTransaction(
    async (t) => {
      const inv = (await t.collection(INVITATIONS).doc(codeId).get<Invitation>()).data!;
      const acceptanceId = `${inv._id}_${openid}`;
      const [accepted, me] = await Promise.all([
        t.collection(ACCEPTANCES).doc(acceptanceId).get<InvitationAcceptance>().then((r) => r.data),
        t.collection('users').doc(openid).get<User>().then((r) => r.data!),
      ]);
      if (accepted) return { me, granted: [] as RoleGrant[] };
      rules.check(inv);
      const pending = me.phone ? (await t.collection(PENDING).doc(me.phone).get<PendingGrant>()).data : null;
      const claimable = pending && !pending.claimedBy ? pending.grants : [];
      const granted = rules.grantsOf(inv, me, claimable);
      const roles = [...me.roles, ...granted];
      const acceptance: Omit<InvitationAcceptance, '_id'> = { code: inv._id, openid: me._id, grant: inv.grant, pending: claimable, at: now };
      await t.collection(INVITATIONS).doc(inv._id).update({ data: { uses: inv.uses + 1 } });
      await t.collection(ACCEPTANCES).doc(acceptanceId).set({ data: acceptance });
      if (granted.length) await t.collection('users').doc(me._id).update({ data: { roles, unitId: workUnit(me.unitId, roles) } });
      if (claimable.length) await t.collection(PENDING).doc(me.phone).update({ data: { claimedBy: me._id, claimedAt: now } });
      const target = { kind: 'invitation' as const, id: inv._id, name: inv.scopeName };
      await auditIn(t, rolesDraft({ openid: me._id, name: me.name }, 'acceptInvitation', target, me.roles, roles, grantScope(inv.grant)), now);
      return { me: { ...me, roles, unitId: workUnit(me.unitId, roles) }, granted };
    },
    { conflictMessage: '接受邀请的人较多，请稍后重试' },
  );
}

/** One page (plus one) of invitations matching `where`, newest first. */
export const invitationsWhere = (where: Data, page: number, pageSize: number) =>
  readPage<Invitation>(db.collection(INVITATIONS).where(where).orderBy('createdAt', 'desc'), page, pageSize);

/** Marks the invitation revoked, with its audit entry, and returns it so. */
export async function saveRevocation(inv: Invitation, by: By, now: Date): Promise<Invitation> {
  await inTransaction(async (t) => {
    await t.collection(INVITATIONS).doc(inv._id).update({ data: { revokedAt: now, revokedBy: by.openid } });
    await auditIn(t, invitationDraft(by, 'revokeInvitation', inv, { revokedAt: null }, { revokedAt: now }), now);
  });
  return { ...inv, revokedAt: now, revokedBy: by.openid };
}
