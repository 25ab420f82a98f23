/**
 * Whose records a back-office list shows (people, invitations, the audit log): the admin any
 * community or unit, or all; anyone else only a community or unit of their own. Pure.
 */
import type { RoleGrant } from '../../types/domain';
import { isAdmin } from './actor';

export type ReadScope = { all: true } | { communityId: string } | { unitId: string };

export type ScopeAnswer = { scope: ReadScope } | { refused: 'forbidden' | 'ambiguous' };

/**
 * `communities` / `units`: the caller's own, for this list (e.g. staffCommunities, liaisonUnits).
 * Without a request, a caller with exactly one of them gets it; with several, they must choose.
 */
export function readScope(
  roles: RoleGrant[],
  requested: { communityId?: string; unitId?: string },
  own: { communities: string[]; units: string[] },
): ScopeAnswer {
  const { communityId, unitId } = requested;
  if (isAdmin(roles)) return { scope: communityId ? { communityId } : unitId ? { unitId } : { all: true } };
  if (communityId) return own.communities.includes(communityId) ? { scope: { communityId } } : { refused: 'forbidden' };
  if (unitId) return own.units.includes(unitId) ? { scope: { unitId } } : { refused: 'forbidden' };
  const mine: ReadScope[] = [...new Set(own.communities)].map((c) => ({ communityId: c }));
  mine.push(...[...new Set(own.units)].map((u) => ({ unitId: u })));
  if (mine.length === 1) return { scope: mine[0] };
  return { refused: mine.length ? 'ambiguous' : 'forbidden' };
}
