/** org: turning a back-office list's scope answer (core/admin-scope.ts) into a query or a refusal. */
import { liaisonUnits } from '../core/actor';
import { readScope, type ReadScope } from '../core/admin-scope';
import type { RoleGrant } from '../../types/domain';
import { AppError, refuse } from '../lib/errors';

/** The scope, or a refusal: FORBIDDEN outside the caller's own, INVALID_INPUT when they must choose. */
export function scopeOrRefuse(
  roles: RoleGrant[],
  requested: { communityId?: string; unitId?: string },
  own: { communities: string[]; units: string[] },
  forbidden: string,
): ReadScope {
  if (requested.communityId && requested.unitId) throw refuse.invalid('请只按社区或只按单位查询');
  const answer = readScope(roles, requested, own);
  if ('scope' in answer) return answer.scope;
  if (answer.refused === 'ambiguous') throw refuse.invalid('您在多个社区或单位任职，请指定 communityId 或 unitId');
  throw new AppError('FORBIDDEN', forbidden);
}

/** The query condition of a scope on documents whose fields are `fields.community` / `fields.unit`. */
export function scopeWhere(scope: ReadScope, fields: { community: string; unit: string }): Record<string, unknown> {
  if ('communityId' in scope) return { [fields.community]: scope.communityId };
  if ('unitId' in scope) return { [fields.unit]: scope.unitId };
  return {};
}

/**
 * Where the caller hands roles out (a secretary's communities, a liaison's units): whose
 * invitations and audit entries they read.
 */
export const grantingScopes = (roles: RoleGrant[]) => ({
  communities: roles.filter((g) => g.role === 'secretary' && g.communityId).map((g) => g.communityId!),
  units: liaisonUnits(roles),
});
