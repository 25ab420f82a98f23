/** Table tests of the pure role rules: who may grant or revoke what, who may list whom. */
import type { RoleChange } from '../../types/api';
import type { Role, RoleGrant } from '../../types/domain';
import { canChangeRole } from '../../cloudfunctions/core/grants';
import { listableCommunity, normalizeGrant, ROLES, sameGrant, scopeOf } from '../../cloudfunctions/core/roles';
import { isAdmin, isSecretaryOf, staffCommunities } from '../../cloudfunctions/core/actor';

const OWN = 'c-dongjie';
const OTHER = 'c-ximen';
const UNIT = 'unit-renshe';

/** Callers of the tables, each with the grants a demo person of that kind holds. */
const CALLERS: Record<string, RoleGrant[]> = {
  resident: [{ role: 'resident' }],
  member: [{ role: 'resident' }, { role: 'member', unitId: UNIT }],
  liaison: [{ role: 'resident' }, { role: 'liaison', unitId: UNIT }, { role: 'member', unitId: UNIT }],
  staff: [{ role: 'resident' }, { role: 'staff', communityId: OWN }],
  gridWorker: [{ role: 'resident' }, { role: 'gridWorker', communityId: OWN }],
  secretaryOwn: [{ role: 'resident' }, { role: 'secretary', communityId: OWN }],
  secretaryOther: [{ role: 'resident' }, { role: 'secretary', communityId: OTHER }],
  admin: [{ role: 'admin' }],
};

/** A change of `role` for someone else, scoped to OWN community or UNIT as the role needs. */
function changeOf(role: Role, openid = 'someone-else'): RoleChange {
  const scope = scopeOf(role);
  if (scope === 'community') return { openid, role, communityId: OWN };
  if (scope === 'unit') return { openid, role, unitId: UNIT };
  return { openid, role };
}

/** Expected answer of canChangeRole: caller kind → roles they may change (in OWN / UNIT). */
const MAY_CHANGE: Record<string, Role[]> = {
  resident: [],
  member: [],
  // The liaison hands their own unit's member role out (issue #13: 1,762 在职党员 without typing openids).
  liaison: ['member'],
  staff: [],
  gridWorker: [],
  secretaryOwn: ['staff', 'gridWorker'],
  secretaryOther: [],
  admin: [...ROLES],
};

describe('ROLES', () => {
  test('the eight roles of the glossary', () => {
    expect([...ROLES].sort()).toEqual(['admin', 'gridWorker', 'liaison', 'member', 'resident', 'secretary', 'staff', 'town']);
  });
});

describe('canChangeRole: every caller × every target role', () => {
  const rows = Object.keys(CALLERS).flatMap((caller) => ROLES.map((role) => [caller, role, MAY_CHANGE[caller].includes(role)] as const));
  test.each(rows)('%s changing %s of someone else → %s', (caller, role, expected) => {
    expect(canChangeRole({ openid: `caller-${caller}`, roles: CALLERS[caller] }, changeOf(role))).toBe(expected);
  });

  const selfRows = Object.keys(CALLERS).flatMap((caller) => ROLES.map((role) => [caller, role] as const));
  test.each(selfRows)('%s changing their own %s → refused', (caller, role) => {
    const openid = `caller-${caller}`;
    expect(canChangeRole({ openid, roles: CALLERS[caller] }, changeOf(role, openid))).toBe(false);
  });

  test('a secretary may not change staff or grid workers of another community', () => {
    const caller = { openid: 'sec', roles: CALLERS.secretaryOwn };
    expect(canChangeRole(caller, { openid: 'x', role: 'staff', communityId: OTHER })).toBe(false);
    expect(canChangeRole(caller, { openid: 'x', role: 'gridWorker', communityId: OTHER })).toBe(false);
  });

  test('a secretary may not change a community role named without a community', () => {
    const caller = { openid: 'sec', roles: CALLERS.secretaryOwn };
    expect(canChangeRole(caller, { openid: 'x', role: 'staff' })).toBe(false);
  });

  test('a secretary grant without a community entitles nobody', () => {
    const caller = { openid: 'sec', roles: [{ role: 'secretary' as Role }] };
    expect(canChangeRole(caller, { openid: 'x', role: 'staff', communityId: OWN })).toBe(false);
  });

  test('a person who is secretary in two communities may act in both', () => {
    const caller = { openid: 'sec', roles: [...CALLERS.secretaryOwn, { role: 'secretary' as Role, communityId: OTHER }] };
    expect(canChangeRole(caller, { openid: 'x', role: 'staff', communityId: OWN })).toBe(true);
    expect(canChangeRole(caller, { openid: 'x', role: 'gridWorker', communityId: OTHER })).toBe(true);
  });

  test('an admin may change roles in any community or unit', () => {
    const caller = { openid: 'adm', roles: CALLERS.admin };
    expect(canChangeRole(caller, { openid: 'x', role: 'secretary', communityId: 'c-nanshan' })).toBe(true);
    expect(canChangeRole(caller, { openid: 'x', role: 'liaison', unitId: 'unit-zhujian' })).toBe(true);
  });
});

describe('listableCommunity', () => {
  test.each<[string, RoleGrant[], string | undefined, string | null | undefined]>([
    ['admin, no community asked → everyone', CALLERS.admin, undefined, null],
    ['admin, a community asked → that community', CALLERS.admin, OTHER, OTHER],
    ['staff, none asked → own', CALLERS.staff, undefined, OWN],
    ['staff, own asked → own', CALLERS.staff, OWN, OWN],
    ['staff, another asked → refused', CALLERS.staff, OTHER, undefined],
    ['grid worker, none asked → own', CALLERS.gridWorker, undefined, OWN],
    ['grid worker, another asked → refused', CALLERS.gridWorker, OTHER, undefined],
    ['secretary, none asked → own', CALLERS.secretaryOwn, undefined, OWN],
    ['secretary, own asked → own', CALLERS.secretaryOwn, OWN, OWN],
    ['secretary, another asked → refused', CALLERS.secretaryOwn, OTHER, undefined],
    ['resident → refused', CALLERS.resident, undefined, undefined],
    ['resident asking their community → refused', CALLERS.resident, OWN, undefined],
    ['member → refused', CALLERS.member, undefined, undefined],
    ['liaison → refused', CALLERS.liaison, OWN, undefined],
    ['no roles at all → refused', [], undefined, undefined],
    ['staff grant without a community → refused', [{ role: 'staff' }], undefined, undefined],
  ])('%s', (_label, grants, requested, expected) => {
    expect(listableCommunity(grants, requested)).toBe(expected);
  });

  test('staff in two communities must name one, and only one of theirs', () => {
    const grants: RoleGrant[] = [
      { role: 'staff', communityId: OWN },
      { role: 'gridWorker', communityId: OTHER },
    ];
    expect(listableCommunity(grants, undefined)).toBeUndefined();
    expect(listableCommunity(grants, OWN)).toBe(OWN);
    expect(listableCommunity(grants, OTHER)).toBe(OTHER);
    expect(listableCommunity(grants, 'c-nanshan')).toBeUndefined();
  });
});

describe('scopeOf', () => {
  test.each<[Role, 'community' | 'unit' | null]>([
    ['resident', null],
    ['member', 'unit'],
    ['liaison', 'unit'],
    ['staff', 'community'],
    ['gridWorker', 'community'],
    ['secretary', 'community'],
    ['admin', null],
  ])('%s → %s', (role, scope) => {
    expect(scopeOf(role)).toBe(scope);
  });
});

describe('normalizeGrant keeps only the scope field the role uses', () => {
  const both = { communityId: OWN, unitId: UNIT };
  test.each<[Role, RoleGrant]>([
    ['resident', { role: 'resident' }],
    ['admin', { role: 'admin' }],
    ['member', { role: 'member', unitId: UNIT }],
    ['liaison', { role: 'liaison', unitId: UNIT }],
    ['staff', { role: 'staff', communityId: OWN }],
    ['gridWorker', { role: 'gridWorker', communityId: OWN }],
    ['secretary', { role: 'secretary', communityId: OWN }],
  ])('%s', (role, expected) => {
    const g = normalizeGrant({ role, ...both });
    expect(g).toEqual(expected);
    // No stray key of the other scope, even as undefined.
    expect(Object.keys(g).sort()).toEqual(Object.keys(expected).sort());
  });

  test('a normalised grant is the same grant as the canonical one', () => {
    expect(sameGrant(normalizeGrant({ role: 'admin', communityId: OWN }), { role: 'admin' })).toBe(true);
    expect(sameGrant(normalizeGrant({ role: 'member', unitId: UNIT, communityId: OWN }), { role: 'member', unitId: UNIT })).toBe(true);
  });
});

describe('sameGrant', () => {
  test.each<[string, RoleGrant, RoleGrant, boolean]>([
    ['identical unscoped', { role: 'resident' }, { role: 'resident' }, true],
    ['identical community-scoped', { role: 'staff', communityId: OWN }, { role: 'staff', communityId: OWN }, true],
    ['identical unit-scoped', { role: 'member', unitId: UNIT }, { role: 'member', unitId: UNIT }, true],
    ['missing and undefined scope are the same', { role: 'admin' }, { role: 'admin', communityId: undefined, unitId: undefined }, true],
    ['different role', { role: 'staff', communityId: OWN }, { role: 'gridWorker', communityId: OWN }, false],
    ['different community', { role: 'staff', communityId: OWN }, { role: 'staff', communityId: OTHER }, false],
    ['different unit', { role: 'member', unitId: UNIT }, { role: 'member', unitId: 'unit-weijian' }, false],
    ['scoped vs unscoped', { role: 'staff', communityId: OWN }, { role: 'staff' }, false],
    ['extra scope field differs', { role: 'resident' }, { role: 'resident', communityId: OWN }, false],
  ])('%s → %s', (_label, a, b, expected) => {
    expect(sameGrant(a, b)).toBe(expected);
    expect(sameGrant(b, a)).toBe(expected);
  });
});

describe('helpers', () => {
  test('isAdmin, staffCommunities, isSecretaryOf', () => {
    expect(isAdmin(CALLERS.admin)).toBe(true);
    expect(isAdmin(CALLERS.secretaryOwn)).toBe(false);
    expect(staffCommunities([...CALLERS.staff, { role: 'secretary', communityId: OTHER }, { role: 'member', unitId: UNIT }])).toEqual([OWN, OTHER]);
    expect(staffCommunities(CALLERS.admin)).toEqual([]);
    expect(isSecretaryOf(CALLERS.secretaryOwn, OWN)).toBe(true);
    expect(isSecretaryOf(CALLERS.secretaryOwn, OTHER)).toBe(false);
    expect(isSecretaryOf(CALLERS.staff, OWN)).toBe(false);
  });
});
