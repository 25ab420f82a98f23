/**
 * org: 邀请 — a role handed over by a short code (QR or typed) instead of an openid. Whoever may
 * grant a role in a scope (core/grants.ts) invites for it; a registered person accepts it once,
 * and receives with it whatever an import holds for their phone number (`pendingGrants`).
 */
import type { Invitation, InvitationAcceptance, InvitationView, PendingGrant } from '../../types/admin';
import type { Role, RoleGrant, User } from '../../types/domain';
import { isAdmin } from '../core/actor';
import { INVITATION_ATTEMPTS } from '../core/attempts';
import { mayGrant } from '../core/grants';
import {
  expiryOf,
  INVITATION_PAGE,
  isCodeShaped,
  MAX_INVITATION_DAYS,
  MAX_INVITATION_USES,
  newCode,
  normalizeCode,
  refusalOf,
  statusOf,
} from '../core/invitations';
import { normalizeGrant, ROLES, sameGrant, scopeOf } from '../core/roles';
import { auditIn, type AuditDraft } from '../lib/audit';
import { db } from '../lib/cloud';
import { AppError, refuse } from '../lib/errors';
import { secureRandom } from '../lib/ids';
import { readPage, toPage } from '../lib/paging';
import { toMe } from '../lib/people';
import { inTransaction } from '../lib/retry';
import type { Handlers } from '../lib/router';
import { id, paging, z } from '../lib/validate';
import { countTry, requireTriesLeft } from './attempts';
import { workUnit } from '../core/roles';
import { grantScope, requireScopeExists } from './roles';
import { grantingScopes, scopeOrRefuse, scopeWhere } from './scope';

type H = Handlers<'org'>;

const INVITATIONS = 'invitations';
const code = () => z.string().trim().min(1).max(20);

export function toView(inv: Invitation, now: Date): InvitationView {
  return {
    code: inv._id,
    grant: inv.grant,
    scopeName: inv.scopeName,
    createdBy: inv.createdBy,
    createdAt: inv.createdAt,
    expiresAt: inv.expiresAt,
    maxUses: inv.maxUses,
    uses: inv.uses,
    status: statusOf(inv, now),
    page: INVITATION_PAGE,
    scene: inv._id,
  };
}

const invitationDraft = (actor: { openid: string; name: string }, action: string, inv: Invitation, before: object | null, after: object): AuditDraft => ({
  actor,
  action,
  target: { kind: 'invitation', id: inv._id, name: inv.scopeName },
  before: before as Record<string, unknown> | null,
  after: after as Record<string, unknown>,
  scope: grantScope(inv.grant),
});

const GRANTABLE = ROLES.filter((r) => r !== 'resident') as [Role, ...Role[]];

/** Reads: the caller, the scope (community or unit). Writes: the invitation, the audit entry. */
export const createInvitation: H['createInvitation'] = {
  input: z.strictObject({
    role: z.enum(GRANTABLE),
    communityId: id().optional(),
    unitId: id().optional(),
    days: z.number().int().min(1).max(MAX_INVITATION_DAYS),
    maxUses: z.number().int().min(1).max(MAX_INVITATION_USES),
  }),
  async run(input, { actor, now }) {
    const scope = scopeOf(input.role);
    if (scope === 'community' && !input.communityId) throw refuse.invalid('该角色需要指定所属社区（communityId）');
    if (scope === 'unit' && !input.unitId) throw refuse.invalid('该角色需要指定所属单位（unitId）');
    const grant = normalizeGrant(input);
    if (!mayGrant(actor, grant)) throw refuse.forbidden('您无权邀请此角色');
    const scopeName = await requireScopeExists(grant);
    const by = { openid: actor.openid, name: actor.name };
    // A fresh code on every attempt: a (vanishingly rare) code already taken is retried with another.
    return inTransaction(
      async (t) => {
        const inv: Invitation = {
          _id: newCode(secureRandom),
          grant,
          scopeName,
          createdBy: by,
          createdAt: now,
          expiresAt: expiryOf(now, input.days),
          maxUses: input.maxUses,
          uses: 0,
          revokedAt: null,
          revokedBy: null,
        };
        const { _id, ...data } = inv;
        await t.collection(INVITATIONS).add({ data: { _id, ...data } });
        await auditIn(t, invitationDraft(by, 'createInvitation', inv, null, { grant, expiresAt: inv.expiresAt, maxUses: inv.maxUses }), now);
        return toView(inv, now);
      },
      { duplicates: true },
    );
  },
};

const WRONG = () => refuse.notFound('邀请码');

/**
 * Looks a typed code up for `openid`: refused while they have no tries left; a code that finds
 * nothing counts as a wrong try. Reads: the tries, the invitation.
 */
async function lookup(typed: string, openid: string, now: Date): Promise<Invitation> {
  await requireTriesLeft('invitation', openid, INVITATION_ATTEMPTS, now);
  const codeId = normalizeCode(typed);
  const inv = isCodeShaped(codeId) ? (await db.collection(INVITATIONS).doc(codeId).get<Invitation>()).data : null;
  if (!inv) {
    await countTry('invitation', openid, INVITATION_ATTEMPTS, now);
    throw WRONG();
  }
  return inv;
}

/** Anyone identified (the page shows it before registering). Reads: tries, invitation. */
export const previewInvitation: H['previewInvitation'] = {
  caller: 'openid',
  input: z.strictObject({ code: code() }),
  async run({ code: typed }, { openid, now }) {
    const inv = await lookup(typed, openid, now);
    return { role: inv.grant.role, scopeName: inv.scopeName, inviter: inv.createdBy.name, expiresAt: inv.expiresAt, status: statusOf(inv, now) };
  },
};

/**
 * Reads: the caller, tries, the invitation; in the transaction the invitation again, the
 * acceptance, the caller, their pending grants — seven, because everything an acceptance
 * changes (use count, roles, acceptance, pending grants claimed, audit: five writes) is one
 * transaction, so a use is never counted without the role or the other way round.
 */
export const acceptInvitation: H['acceptInvitation'] = {
  input: z.strictObject({ code: code() }),
  async run({ code: typed }, { user, now }) {
    const found = await lookup(typed, user._id, now);
    if (found.createdBy.openid === user._id) throw refuse.forbidden('不能接受自己创建的邀请');
    const result = await inTransaction(
      async (t) => {
        const inv = (await t.collection(INVITATIONS).doc(found._id).get<Invitation>()).data!;
        const acceptanceId = `${inv._id}_${user._id}`;
        const [accepted, me] = await Promise.all([
          t.collection('invitationAcceptances').doc(acceptanceId).get<InvitationAcceptance>().then((r) => r.data),
          t.collection('users').doc(user._id).get<User>().then((r) => r.data!),
        ]);
        // Accepting again (a retry, a second scan) changes nothing.
        if (accepted) return { me, granted: [] as RoleGrant[] };
        const refusal = refusalOf(statusOf(inv, now));
        if (refusal) throw new AppError('INVALID_STATE', refusal);
        const pending = me.phone ? (await t.collection('pendingGrants').doc(me.phone).get<PendingGrant>()).data : null;
        const claimable = pending && !pending.claimedBy ? pending.grants : [];
        const granted: RoleGrant[] = [];
        for (const g of [inv.grant, ...claimable.map(normalizeGrant)]) {
          if (![...me.roles, ...granted].some((held) => sameGrant(held, g))) granted.push(g);
        }
        const roles = [...me.roles, ...granted];
        const acceptance: Omit<InvitationAcceptance, '_id'> = { code: inv._id, openid: me._id, grant: inv.grant, pending: claimable, at: now };
        await t.collection(INVITATIONS).doc(inv._id).update({ data: { uses: inv.uses + 1 } });
        await t.collection('invitationAcceptances').doc(acceptanceId).set({ data: acceptance });
        if (granted.length) await t.collection('users').doc(me._id).update({ data: { roles, unitId: workUnit(me.unitId, roles) } });
        if (claimable.length) await t.collection('pendingGrants').doc(me.phone).update({ data: { claimedBy: me._id, claimedAt: now } });
        await auditIn(
          t,
          {
            actor: { openid: me._id, name: me.name },
            action: 'acceptInvitation',
            target: { kind: 'invitation', id: inv._id, name: inv.scopeName },
            before: { roles: me.roles },
            after: { roles },
            scope: grantScope(inv.grant),
          },
          now,
        );
        return { me: { ...me, roles, unitId: workUnit(me.unitId, roles) }, granted };
      },
      { conflictMessage: '接受邀请的人较多，请稍后重试' },
    );
    return { me: await toMe(result.me), granted: result.granted };
  },
};

/** Reads: the caller, one page. */
export const listInvitations: H['listInvitations'] = {
  input: z.strictObject({ communityId: id().optional(), unitId: id().optional(), ...paging }),
  async run({ communityId, unitId, page = 1, pageSize = 20 }, { actor, now }) {
    const scope = scopeOrRefuse(actor.roles, { communityId, unitId }, grantingScopes(actor.roles), '您只能查看本社区或本单位的邀请');
    const query = db.collection(INVITATIONS).where(scopeWhere(scope, { community: 'grant.communityId', unit: 'grant.unitId' })).orderBy('createdAt', 'desc');
    return toPage(await readPage<Invitation>(query, page, pageSize), page, pageSize, (inv) => toView(inv, now));
  },
};

/** Whoever could have made it. Reads: the caller, the invitation. Writes: 2 (none when revoked already). */
export const revokeInvitation: H['revokeInvitation'] = {
  input: z.strictObject({ code: code() }),
  async run({ code: typed }, { actor, now }) {
    const codeId = normalizeCode(typed);
    const inv = isCodeShaped(codeId) ? (await db.collection(INVITATIONS).doc(codeId).get<Invitation>()).data : null;
    if (!inv) throw WRONG();
    if (!isAdmin(actor.roles) && !mayGrant(actor, inv.grant)) throw refuse.forbidden('您无权撤销此邀请');
    if (inv.revokedAt) return toView(inv, now);
    const after: Invitation = { ...inv, revokedAt: now, revokedBy: actor.openid };
    await inTransaction(async (t) => {
      await t.collection(INVITATIONS).doc(inv._id).update({ data: { revokedAt: now, revokedBy: actor.openid } });
      await auditIn(t, invitationDraft({ openid: actor.openid, name: actor.name }, 'revokeInvitation', inv, { revokedAt: null }, { revokedAt: now }), now);
    });
    return toView(after, now);
  },
};
