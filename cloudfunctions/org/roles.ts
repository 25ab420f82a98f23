/** org: granting and revoking roles, listing people. Every change is logged in `roleEvents`. */
import type { RoleChange } from '../../types/api';
import type { Region, Role, RoleGrant, Unit, User } from '../../types/domain';
import { canChangeRole, canListUnit, listableCommunity, normalizeGrant, ROLES, sameGrant, scopeOf } from '../core/roles';
import { db, isTransactionConflict } from '../lib/cloud';
import { AppError, refuse } from '../lib/errors';
import { toSummary } from '../lib/people';
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

  const apply = () =>
    db.runTransaction(async (t) => {
      const target = (await t.collection('users').doc(change.openid).get<User>()).data;
      if (!target) throw refuse.notFound('用户');
      const has = target.roles.some((g) => sameGrant(g, grant));
      // Granting a role held already, or revoking one not held, changes nothing (retries are safe).
      if (kind === 'grant' ? has : !has) return target;
      const roles: RoleGrant[] = kind === 'grant' ? [...target.roles, grant] : target.roles.filter((g) => !sameGrant(g, grant));
      const patch: Partial<User> = { roles, unitId: workUnit(target.unitId, roles) };
      await t.collection('users').doc(target._id).update({ data: patch });
      await t.collection('roleEvents').add({ data: { openid: target._id, kind, grant, by: user._id, at: now } });
      return { ...target, ...patch };
    });
  // A concurrent change to the same person makes our write conflict inside the transaction, which
  // CloudBase does not retry; the change is idempotent, so retrying it here is safe.
  for (let attempt = 1; ; attempt++) {
    try {
      return toSummary(await apply());
    } catch (e) {
      if (!isTransactionConflict(e)) throw e;
      if (attempt >= CONFLICT_RETRIES) throw refuse.conflict('该用户的角色正被他人修改，请稍后重试');
    }
  }
}

const CONFLICT_RETRIES = 5;

/** A person's unit is where they work: it follows their unit grants (member, liaison), else null. */
function workUnit(current: string | null, roles: RoleGrant[]): string | null {
  const units = roles.filter((g) => scopeOf(g.role) === 'unit' && g.unitId).map((g) => g.unitId!);
  if (current && units.includes(current)) return current;
  return units.at(-1) ?? null;
}

async function requireScopeExists(grant: RoleGrant) {
  if (grant.communityId) {
    const region = (await db.collection('regions').doc(grant.communityId).get<Region>()).data;
    if (!region || region.level !== 'community') throw refuse.notFound('社区');
  }
  if (grant.unitId) {
    const unit = (await db.collection('units').doc(grant.unitId).get<Unit>()).data;
    if (!unit) throw refuse.notFound('单位');
  }
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
