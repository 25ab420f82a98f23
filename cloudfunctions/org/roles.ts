/** org: granting and revoking roles, listing people. Every change is logged in `roleEvents` and the audit log (store.ts). */
import type { RoleChange } from '../../types/api';
import type { RoleGrant } from '../../types/domain';
import { canChangeRole } from '../core/grants';
import { canListUnit, listableCommunity, normalizeGrant, scopeOf } from '../core/roles';
import { AppError, refuse } from '../lib/errors';
import type { Ctx, Handlers } from '../lib/router';
import { findRegion } from './region-store';
import { listUsersInput, roleChangeInput } from './schemas';
import { saveRoleChange, usersPage } from './store';
import { findUnit } from './unit-store';
import { toSummary } from './views';

type H = Handlers<'org'>;

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
  if (scope === 'town' && !change.townId) throw refuse.invalid('该角色需要指定所属镇街（townId）');
  if (!canChangeRole({ openid: user._id, roles: user.roles }, change)) throw refuse.forbidden('您无权变更此角色');
  const grant = normalizeGrant(change);
  if (kind === 'grant') await requireScopeExists(grant);
  // A concurrent change to the same person makes our write conflict inside the transaction; the
  // change is idempotent, so lib/retry runs it again on fresh data.
  return toSummary(await saveRoleChange(change.openid, grant, kind, { openid: user._id, name: user.name }, now));
}

/** The grant's community, town or unit exists and is not archived; returns its name ("" for none). Also for invitations. */
export async function requireScopeExists(grant: RoleGrant): Promise<string> {
  if (grant.communityId) {
    const region = await findRegion(grant.communityId);
    if (!region || region.level !== 'community') throw refuse.notFound('社区');
    if (region.archived) throw new AppError('INVALID_STATE', `「${region.name}」已归档`);
    return region.name;
  }
  if (grant.townId) {
    const region = await findRegion(grant.townId);
    if (!region || region.level !== 'town') throw refuse.notFound('镇街');
    if (region.archived) throw new AppError('INVALID_STATE', `「${region.name}」已归档`);
    return region.name;
  }
  if (grant.unitId) {
    const unit = await findUnit(grant.unitId);
    if (!unit) throw refuse.notFound('单位');
    if (unit.archived) throw new AppError('INVALID_STATE', `「${unit.name}」已归档`);
    return unit.name;
  }
  return '';
}

export const listUsers: H['listUsers'] = {
  input: listUsersInput,
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
    const { items, total } = await usersPage(where, page, pageSize);
    return { items: items.map(toSummary), total, page, pageSize };
  },
};
