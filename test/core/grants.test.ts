/**
 * The grant rules as a table: granter × role granted × scope → allowed or refused, for another
 * person and for oneself; then allowedActions (roleActions) from the same rules.
 */
import type { Role, RoleGrant } from '../../types/domain';
import { GRANT_RULES, mayGrant, roleActions } from '../../cloudfunctions/core/grants';
import { ROLES, scopeOf } from '../../cloudfunctions/core/roles';

const OWN_C = 'c-dongjie';
const OTHER_C = 'c-ximen';
const OWN_U = 'unit-renshe';
const OTHER_U = 'unit-weijian';
const OWN_T = 'town-chengguan';
const OTHER_T = 'town-other';

const GRANTERS: Record<string, RoleGrant[]> = {
  resident: [{ role: 'resident' }],
  member: [{ role: 'resident' }, { role: 'member', unitId: OWN_U }],
  liaison: [{ role: 'resident' }, { role: 'liaison', unitId: OWN_U }, { role: 'member', unitId: OWN_U }],
  staff: [{ role: 'resident' }, { role: 'staff', communityId: OWN_C }],
  gridWorker: [{ role: 'resident' }, { role: 'gridWorker', communityId: OWN_C }],
  secretary: [{ role: 'resident' }, { role: 'secretary', communityId: OWN_C }],
  admin: [{ role: 'admin' }],
  town: [{ role: 'resident' }, { role: 'town', townId: OWN_T }],
};

type Scope = 'own' | 'other' | 'none';

/** The grant of `role` in the granter's own scope, another scope, or with no scope id at all. */
function grantOf(role: Role, scope: Scope): { role: Role; communityId?: string; unitId?: string; townId?: string } {
  const kind = scopeOf(role);
  if (!kind || scope === 'none') return { role };
  if (kind === 'community') return { role, communityId: scope === 'own' ? OWN_C : OTHER_C };
  if (kind === 'town') return { role, townId: scope === 'own' ? OWN_T : OTHER_T };
  return { role, unitId: scope === 'own' ? OWN_U : OTHER_U };
}

/** Expected: granter → role → the scopes in which they may grant it (roles without a scope: 'none'). */
const ALLOWED: Record<string, Partial<Record<Role, Scope[]>>> = {
  resident: {},
  member: {},
  liaison: { member: ['own'] },
  staff: {},
  gridWorker: {},
  secretary: { staff: ['own'], gridWorker: ['own'] },
  admin: {
    resident: ['own', 'other', 'none'],
    admin: ['own', 'other', 'none'],
    member: ['own', 'other', 'none'],
    liaison: ['own', 'other', 'none'],
    staff: ['own', 'other', 'none'],
    gridWorker: ['own', 'other', 'none'],
    secretary: ['own', 'other', 'none'],
    town: ['own', 'other', 'none'],
  },
  // 镇街干部 supervise; they hand out no roles.
  town: {},
};

const SCOPES: Scope[] = ['own', 'other', 'none'];

describe('mayGrant: granter × role × scope', () => {
  const rows = Object.keys(GRANTERS).flatMap((granter) =>
    ROLES.flatMap((role) => SCOPES.map((scope) => [granter, role, scope, (ALLOWED[granter][role] ?? []).includes(scope)] as const)),
  );
  test.each(rows)('%s granting %s in %s scope → %s', (granter, role, scope, expected) => {
    const caller = { openid: `caller-${granter}`, roles: GRANTERS[granter] };
    expect(mayGrant(caller, { openid: 'someone-else', ...grantOf(role, scope) })).toBe(expected);
    // An invitation (no person yet) follows the same rule.
    expect(mayGrant(caller, grantOf(role, scope))).toBe(expected);
  });

  const selfRows = Object.keys(GRANTERS).flatMap((granter) => ROLES.map((role) => [granter, role] as const));
  test.each(selfRows)('%s changing their own %s → refused', (granter, role) => {
    const openid = `caller-${granter}`;
    expect(mayGrant({ openid, roles: GRANTERS[granter] }, { openid, ...grantOf(role, 'own') })).toBe(false);
  });

  test('the table names every role an admin may grant', () => {
    expect([...GRANT_RULES.find((r) => r.granter === 'admin')!.roles].sort()).toEqual([...ROLES].sort());
  });

  test('a secretary of two communities acts in both; a liaison of two units in both', () => {
    const sec = { openid: 's', roles: [...GRANTERS.secretary, { role: 'secretary' as Role, communityId: OTHER_C }] };
    expect(mayGrant(sec, { openid: 'x', role: 'gridWorker', communityId: OTHER_C })).toBe(true);
    const li = { openid: 'l', roles: [...GRANTERS.liaison, { role: 'liaison' as Role, unitId: OTHER_U }] };
    expect(mayGrant(li, { openid: 'x', role: 'member', unitId: OTHER_U })).toBe(true);
  });
});

describe('roleActions (allowedActions of a person)', () => {
  const target = (roles: RoleGrant[]) => ({ openid: 'target', roles });

  test('admin: every role on offer (scoped ones to choose), every held role but resident revocable', () => {
    const held: RoleGrant[] = [{ role: 'resident' }, { role: 'staff', communityId: OTHER_C }];
    const actions = roleActions({ openid: 'a', roles: GRANTERS.admin }, target(held));
    expect(actions.grant.map((g) => g.role).sort()).toEqual(['admin', 'gridWorker', 'liaison', 'member', 'secretary', 'staff', 'town']);
    expect(actions.grant.every((g) => !g.communityId && !g.unitId)).toBe(true);
    expect(actions.revoke).toEqual([{ role: 'staff', communityId: OTHER_C }]);
  });

  test('admin: the admin role is not offered to an admin', () => {
    const actions = roleActions({ openid: 'a', roles: GRANTERS.admin }, target([{ role: 'admin' }]));
    expect(actions.grant.map((g) => g.role)).not.toContain('admin');
    expect(actions.revoke).toEqual([{ role: 'admin' }]);
  });

  test('secretary: staff and gridWorker of their community, not held ones; revokes only those', () => {
    const held: RoleGrant[] = [{ role: 'resident' }, { role: 'staff', communityId: OWN_C }, { role: 'staff', communityId: OTHER_C }];
    const actions = roleActions({ openid: 's', roles: GRANTERS.secretary }, target(held));
    expect(actions.grant).toEqual([{ role: 'gridWorker', communityId: OWN_C }]);
    expect(actions.revoke).toEqual([{ role: 'staff', communityId: OWN_C }]);
  });

  test('liaison: member of their unit', () => {
    const actions = roleActions({ openid: 'l', roles: GRANTERS.liaison }, target([{ role: 'resident' }, { role: 'member', unitId: OTHER_U }]));
    expect(actions.grant).toEqual([{ role: 'member', unitId: OWN_U }]);
    expect(actions.revoke).toEqual([]);
  });

  test.each(['resident', 'member', 'staff', 'gridWorker'])('%s: nothing', (granter) => {
    expect(roleActions({ openid: 'g', roles: GRANTERS[granter] }, target([{ role: 'resident' }, { role: 'member', unitId: OWN_U }]))).toEqual({ grant: [], revoke: [] });
  });

  test('nobody acts on their own roles', () => {
    expect(roleActions({ openid: 'a', roles: GRANTERS.admin }, { openid: 'a', roles: GRANTERS.admin })).toEqual({ grant: [], revoke: [] });
  });
});
