/** org: granting and revoking roles, listing people. Every change is logged in `roleEvents` and the audit log. */
import type { RoleChange } from '../../types/api';
import type { Region, Role, RoleGrant, Unit, User } from '../../types/domain';
import { canChangeRole } from '../core/grants';
import { canListUnit, listableCommunity, normalizeGrant, ROLES, sameGrant, scopeOf, workUnit } from '../core/roles';
import { auditIn } from '../lib/audit';
import { db } from '../lib/cloud';
import type { Transaction } from '../lib/database';
import { AppError, refuse } from '../lib/errors';
import { toSummary } from '../lib/people';
import { inTransaction } from '../lib/retry';
import type { Ctx, Handlers } from '../lib/router';
import { id, paging, z } from '../lib/validate';

type H = Handlers<'org'>;

const roleChangeInput = z.strictObject({
  openid: id(),
  role: z.enum(ROLES as [Role, ...Role[]]),
  communityId: id().optional(),
  unitId: id().optional(),
});

export const grantRole: H['grantRole'] = {
  input: roleChangeInput,
  run: (change, ctx) => changeRole(change, ctx, 'grant'),
};

export const revokeRole: H['revokeRole'] = {
  input: roleChangeInput,
  run: (change, ctx) => changeRole(change, ctx, 'revoke'),
};

async function changeRole(change: RoleChange, { user, now }: Ctx, kind: 'grant' | 'revoke') {
  const scope = scopeOf(change.role);
  if (scope === 'community' && !change.communityId) throw refuse.invalid('该角色需要指定所属社区（communityId）');
  if (scope === 'unit' && !change.unitId) throw refuse.invalid('该角色需要指定所属单位（unitId）');
  if (!canChangeRole({ openid: user._id, roles: user.roles }, change)) throw refuse.forbidden('您无权变更此角色');
  const grant = normalizeGrant(change);
  if (kind === 'grant') await requireScopeExists(grant);
  // A concurrent change to the same person makes our write conflict inside the transaction; the
  // change is idempotent, so lib/retry runs it again on fresh data.
  const target = await inTransaction(
    (t) => applyRoleChange(t, change.openid, grant, kind, { openid: user._id, name: user.name }, kind === 'grant' ? 'grantRole' : 'revokeRole', now),
    { conflictMessage: '该用户的角色正被他人修改，请稍后重试' },
  );
  return toSummary(target);
}

/**
 * Grants or revokes one role inside a transaction: the person's roles and work unit, a
 * `roleEvents` entry and an audit entry. Granting a role held already, or revoking one not
 * held, changes nothing (retries are safe). Also used by acceptInvitation.
 */
export async function applyRoleChange(
  t: Transaction,
  openid: string,
  grant: RoleGrant,
  kind: 'grant' | 'revoke',
  by: { openid: string; name: string },
  action: string,
  now: Date,
): Promise<User> {
  const target = (await t.collection('users').doc(openid).get<User>()).data;
  if (!target) throw refuse.notFound('用户');
  const has = target.roles.some((g) => sameGrant(g, grant));
  if (kind === 'grant' ? has : !has) return target;
  const roles: RoleGrant[] = kind === 'grant' ? [...target.roles, grant] : target.roles.filter((g) => !sameGrant(g, grant));
  const patch: Partial<User> = { roles, unitId: workUnit(target.unitId, roles) };
  await t.collection('users').doc(target._id).update({ data: patch });
  await t.collection('roleEvents').add({ data: { openid: target._id, kind, grant, by: by.openid, at: now } });
  await auditIn(
    t,
    {
      actor: by,
      action,
      target: { kind: 'role', id: target._id, name: target.name },
      before: { roles: target.roles },
      after: { roles },
      scope: grantScope(grant),
    },
    now,
  );
  return { ...target, ...patch };
}

/** The community or unit a grant belongs to, for the audit log's scope. */
export const grantScope = (grant: RoleGrant): { communityId?: string; unitId?: string } =>
  grant.communityId ? { communityId: grant.communityId } : grant.unitId ? { unitId: grant.unitId } : {};

/** The grant's community or unit exists and is not archived; returns its name ("" for none). */
export async function requireScopeExists(grant: RoleGrant): Promise<string> {
  if (grant.communityId) {
    const region = (await db.collection('regions').doc(grant.communityId).get<Region>()).data;
    if (!region || region.level !== 'community') throw refuse.notFound('社区');
    if (region.archived) throw new AppError('INVALID_STATE', `「${region.name}」已归档`);
    return region.name;
  }
  if (grant.unitId) {
    const unit = (await db.collection('units').doc(grant.unitId).get<Unit>()).data;
    if (!unit) throw refuse.notFound('单位');
    if (unit.archived) throw new AppError('INVALID_STATE', `「${unit.name}」已归档`);
    return unit.name;
  }
  return '';
}

export const listUsers: H['listUsers'] = {
  input: z.strictObject({
    communityId: id().optional(),
    unitId: id().optional(),
    role: z.enum(ROLES as [Role, ...Role[]]).optional(),
    ...paging,
  }),
  async run({ communityId, unitId, role, page = 1, pageSize = 20 }, { user }) {
    const where: Record<string, unknown> = {};
    if (unitId) {
      if (communityId) throw refuse.invalid('请只按社区或只按单位查询');
      if (!canListUnit(user.roles, unitId)) throw new AppError('FORBIDDEN', '您只能查看本单位的人员');
      where.unitId = unitId;
    } else {
      const community = listableCommunity(user.roles, communityId);
      if (community === undefined) throw new AppError('FORBIDDEN', '您只能查看本社区的人员');
      if (community) where.communityId = community;
    }
    if (role) where['roles.role'] = role;
    const query = db.collection('users').where(where);
    const [items, count] = await Promise.all([
      query.orderBy('name', 'asc').skip((page - 1) * pageSize).limit(pageSize).get<User>(),
      query.count(),
    ]);
    return { items: items.data.map(toSummary), total: count.total, page, pageSize };
  },
};
