/**
 * org: 邀请 — a role handed over by a short code (QR or typed) instead of an openid. Whoever may
 * grant a role in a scope (core/grants.ts) invites for it; a registered person accepts it once,
 * and receives with it whatever an import holds for their phone number (`pendingGrants`).
 */
import type { Invitation } from '../../types/admin';
import type { RoleGrant, User } from '../../types/domain';
import { isAdmin } from '../core/actor';
import { INVITATION_ATTEMPTS } from '../core/attempts';
import { mayGrant } from '../core/grants';
import { expiryOf, isCodeShaped, newCode, normalizeCode, refusalOf, statusOf } from '../core/invitations';
import { normalizeGrant, sameGrant, scopeOf } from '../core/roles';
import { AppError, refuse } from '../lib/errors';
import { secureRandom } from '../lib/ids';
import { toPage } from '../lib/paging';
import type { Handlers } from '../lib/router';
import { byOf } from './audit-drafts';
import { countTry, requireTriesLeft } from './attempt-store';
import { addInvitation, findInvitation, invitationsWhere, saveAcceptance, saveRevocation, type AcceptanceRules } from './invitation-store';
import { requireScopeExists } from './roles';
import { createInvitationInput, invitationCodeInput, listInvitationsInput } from './schemas';
import { grantingScopes, scopeOrRefuse, scopeWhere } from './scope';
import { namesOf } from './store';
import { toInvitationPreview, toInvitationView, toMe } from './views';

type H = Handlers<'org'>;

/** Reads: the caller, the scope (community or unit). Writes: the invitation, the audit entry. */
export const createInvitation: H['createInvitation'] = {
  input: createInvitationInput,
  async run(input, { actor, now }) {
    const scope = scopeOf(input.role);
    if (scope === 'community' && !input.communityId) throw refuse.invalid('该角色需要指定所属社区（communityId）');
    if (scope === 'unit' && !input.unitId) throw refuse.invalid('该角色需要指定所属单位（unitId）');
    if (scope === 'town' && !input.townId) throw refuse.invalid('该角色需要指定所属镇街（townId）');
    const grant = normalizeGrant(input);
    if (!mayGrant(actor, grant)) throw refuse.forbidden('您无权邀请此角色');
    const scopeName = await requireScopeExists(grant);
    const by = byOf(actor);
    // A fresh code on every attempt: a (vanishingly rare) code already taken is retried with another.
    const make = (): Invitation => ({
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
    });
    return toInvitationView(await addInvitation(make, by, now), now);
  },
};

const WRONG = () => refuse.notFound('邀请码');

/** The invitation a typed code names, or null (one read, none for a string that cannot be a code). */
function byTypedCode(typed: string): Promise<Invitation | null> {
  const codeId = normalizeCode(typed);
  return isCodeShaped(codeId) ? findInvitation(codeId) : Promise.resolve(null);
}

/**
 * Looks a typed code up for `openid`: refused while they have no tries left; a code that finds
 * nothing counts as a wrong try. Reads: the tries, the invitation.
 */
async function lookup(typed: string, openid: string, now: Date): Promise<Invitation> {
  await requireTriesLeft('invitation', openid, INVITATION_ATTEMPTS, now);
  const inv = await byTypedCode(typed);
  if (!inv) {
    await countTry('invitation', openid, INVITATION_ATTEMPTS, now);
    throw WRONG();
  }
  return inv;
}

/** Anyone identified (the page shows it before registering). Reads: tries, invitation. */
export const previewInvitation: H['previewInvitation'] = {
  caller: 'openid',
  input: invitationCodeInput,
  async run({ code: typed }, { openid, now }) {
    return toInvitationPreview(await lookup(typed, openid, now), now);
  },
};

/** The invitation's grant and the claimable pending ones, in that order, without any held already. */
function newGrants(inv: Invitation, me: User, claimable: RoleGrant[]): RoleGrant[] {
  const granted: RoleGrant[] = [];
  for (const g of [inv.grant, ...claimable.map(normalizeGrant)]) {
    if (![...me.roles, ...granted].some((held) => sameGrant(held, g))) granted.push(g);
  }
  return granted;
}

/**
 * Reads: the caller, tries, the invitation; in the transaction the invitation again, the
 * acceptance, the caller, their pending grants — seven, because everything an acceptance
 * changes (use count, roles, acceptance, pending grants claimed, audit: five writes) is one
 * transaction (invitation-store.ts), so a use is never counted without the role or the other way round.
 */
export const acceptInvitation: H['acceptInvitation'] = {
  input: invitationCodeInput,
  async run({ code: typed }, { user, now }) {
    const found = await lookup(typed, user._id, now);
    if (found.createdBy.openid === user._id) throw refuse.forbidden('不能接受自己创建的邀请');
    const rules: AcceptanceRules = {
      check(inv) {
        const refusal = refusalOf(statusOf(inv, now));
        if (refusal) throw new AppError('INVALID_STATE', refusal);
      },
      grantsOf: newGrants,
    };
    const { me, granted } = await saveAcceptance(found._id, user._id, now, rules);
    return { me: toMe(me, await namesOf(me)), granted };
  },
};

/** Reads: the caller, one page. */
export const listInvitations: H['listInvitations'] = {
  input: listInvitationsInput,
  async run({ communityId, unitId, page = 1, pageSize = 20 }, { actor, now }) {
    const scope = scopeOrRefuse(actor.roles, { communityId, unitId }, grantingScopes(actor.roles), '您只能查看本社区或本单位的邀请');
    const where = scopeWhere(scope, { community: 'grant.communityId', unit: 'grant.unitId' });
    return toPage(await invitationsWhere(where, page, pageSize), page, pageSize, (inv) => toInvitationView(inv, now));
  },
};

/** Whoever could have made it. Reads: the caller, the invitation. Writes: 2 (none when revoked already). */
export const revokeInvitation: H['revokeInvitation'] = {
  input: invitationCodeInput,
  async run({ code: typed }, { actor, now }) {
    const inv = await byTypedCode(typed);
    if (!inv) throw WRONG();
    if (!isAdmin(actor.roles) && !mayGrant(actor, inv.grant)) throw refuse.forbidden('您无权撤销此邀请');
    if (inv.revokedAt) return toInvitationView(inv, now);
    return toInvitationView(await saveRevocation(inv, byOf(actor), now), now);
  },
};
