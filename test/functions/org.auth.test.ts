/**
 * Who may call which org action: every action × every demo role, plus no identity and an unknown
 * openid. A refusal changes nothing. Then the scope rules of roles, pairings and profiles.
 */
import type { ActionName } from '../../types/api';
import type { ErrorCode } from '../../types/errors';
import type { RoleGrant, User } from '../../types/domain';
import { DEMO_PEOPLE, openHarness, PEOPLE, snapshot, type Harness } from './harness';

let h: Harness;
/** Made once before the table runs, so that rows acting on them do not depend on each other's order. */
const made = { estateToArchive: '', unitToArchive: '', memberInvitation: '', staffInvitation: '' };
beforeAll(async () => {
  h = await openHarness();
  made.estateToArchive = (await h.ok(PEOPLE.admin, 'org', 'addRegion', { parentId: 'c-dongjie', name: '待归档小区' }))._id;
  made.unitToArchive = (await h.ok(PEOPLE.admin, 'org', 'addUnit', { name: '待归档单位', description: '' }))._id;
  // Accepting grants 县住建局 党员, which opens no org action to anyone.
  made.memberInvitation = (await h.ok(PEOPLE.admin, 'org', 'createInvitation', { role: 'member', unitId: 'unit-zhujian', days: 7, maxUses: 100 })).code;
  made.staffInvitation = (await h.ok(PEOPLE.admin, 'org', 'createInvitation', { role: 'staff', communityId: 'c-dongjie', days: 7, maxUses: 5 })).code;
});
afterAll(() => h.close());

type Caller = 'resident' | 'member' | 'liaison' | 'staff' | 'gridWorker' | 'secretary' | 'admin';
const CALLERS: Caller[] = ['resident', 'member', 'liaison', 'staff', 'gridWorker', 'secretary', 'admin'];
type Action = ActionName<'org'>;

const homeBuilding = (openid: string) => DEMO_PEOPLE.find((p) => p.openid === openid)?.buildingId ?? 'b-xingfu-1';
const users = () => h.local.db.store.all('users') as unknown as User[];
const userDoc = (openid: string) => users().find((u) => u._id === openid);
const roleEvents = () => h.local.db.store.all('roleEvents') as unknown as { openid: string; kind: string; grant: RoleGrant; by: string }[];

/**
 * Each action with a valid payload for a caller, and who may call it. Payloads are chosen so that
 * the outcome does not depend on the order the rows run in (granting twice, pairing twice are safe).
 */
const TABLE: Record<Action, { payload: (openid: string) => Record<string, unknown>; allowed: Caller[]; reads: boolean; outcome?: ErrorCode }> = {
  register: { payload: () => ({ name: '测试用户' }), allowed: CALLERS, reads: true },
  me: { payload: () => ({}), allowed: CALLERS, reads: true },
  regionTree: { payload: () => ({}), allowed: CALLERS, reads: true },
  listUnits: { payload: () => ({}), allowed: CALLERS, reads: true },
  pairUnit: { payload: () => ({ unitId: 'unit-zhujian', communityId: 'c-dongjie' }), allowed: ['admin'], reads: false },
  unpairUnit: { payload: () => ({ unitId: 'unit-renshe', communityId: 'c-nanshan' }), allowed: ['admin'], reads: false },
  grantRole: {
    payload: () => ({ openid: PEOPLE.residentXimen, role: 'staff', communityId: 'c-dongjie' }),
    allowed: ['secretary', 'admin'],
    reads: false,
  },
  revokeRole: {
    payload: () => ({ openid: PEOPLE.residentXimen, role: 'gridWorker', communityId: 'c-dongjie' }),
    allowed: ['secretary', 'admin'],
    reads: false,
  },
  listUsers: { payload: () => ({}), allowed: ['staff', 'gridWorker', 'secretary', 'admin'], reads: true },
  bindBuilding: { payload: (openid) => ({ buildingId: homeBuilding(openid) }), allowed: CALLERS, reads: false },
  setElderMode: { payload: () => ({ elderMode: true }), allowed: CALLERS, reads: false },
  // The demo county has its admin and no setup code: setup is closed to everyone alike.
  setup: { payload: () => ({ code: 'ABCDEFGH' }), allowed: CALLERS, reads: true, outcome: 'INVALID_STATE' },
  searchPeople: { payload: () => ({ q: '张' }), allowed: ['liaison', 'staff', 'gridWorker', 'secretary', 'admin'], reads: true },
  addRegion: { payload: (openid) => ({ parentId: 'c-dongjie', name: `新小区${openid.slice(5)}` }), allowed: ['secretary', 'admin'], reads: false },
  renameRegion: { payload: () => ({ id: 'e-heping', name: '和平小区' }), allowed: ['secretary', 'admin'], reads: true },
  moveRegion: { payload: () => ({ id: 'b-xingfu-1', parentId: 'e-xingfu' }), allowed: ['secretary', 'admin'], reads: true },
  archiveRegion: { payload: () => ({ id: made.estateToArchive }), allowed: ['secretary', 'admin'], reads: false },
  addHousehold: { payload: (openid) => ({ buildingId: 'b-xingfu-1', room: openid.slice(5) }), allowed: ['secretary', 'admin'], reads: false },
  listHouseholds: { payload: () => ({ buildingId: 'b-xingfu-1' }), allowed: ['secretary', 'admin'], reads: true },
  editHousehold: { payload: () => ({ id: 'h-xingfu-1-101', label: '赵' }), allowed: ['secretary', 'admin'], reads: false },
  moveHousehold: { payload: () => ({ id: 'h-xingfu-1-102', buildingId: 'b-xingfu-1' }), allowed: ['secretary', 'admin'], reads: true },
  archiveHousehold: { payload: () => ({ id: 'h-heping-3-302' }), allowed: ['secretary', 'admin'], reads: false },
  addUnit: { payload: (openid) => ({ name: `单位${openid}`, description: '测试' }), allowed: ['admin'], reads: false },
  editUnit: { payload: () => ({ unitId: 'unit-renshe', description: '就业、社保、劳动维权' }), allowed: ['liaison', 'admin'], reads: true },
  archiveUnit: { payload: () => ({ unitId: made.unitToArchive }), allowed: ['admin'], reads: false },
  createInvitation: { payload: () => ({ role: 'member', unitId: 'unit-renshe', days: 7, maxUses: 10 }), allowed: ['liaison', 'admin'], reads: false },
  previewInvitation: { payload: () => ({ code: made.memberInvitation }), allowed: CALLERS, reads: true },
  // The admin made it: nobody accepts their own invitation.
  acceptInvitation: { payload: () => ({ code: made.memberInvitation }), allowed: ['resident', 'member', 'liaison', 'staff', 'gridWorker', 'secretary'], reads: false },
  listInvitations: { payload: () => ({}), allowed: ['liaison', 'secretary', 'admin'], reads: true },
  revokeInvitation: { payload: () => ({ code: made.staffInvitation }), allowed: ['secretary', 'admin'], reads: false },
  buildingPoster: { payload: () => ({ communityId: 'c-dongjie' }), allowed: ['staff', 'gridWorker', 'secretary', 'admin'], reads: true },
  previewBuilding: { payload: () => ({ buildingId: 'b-xingfu-1' }), allowed: CALLERS, reads: true },
  auditLog: { payload: () => ({}), allowed: ['liaison', 'secretary', 'admin'], reads: true },
};
/** Actions for anyone the platform identifies, registered or not. */
const OPENID_ACTIONS: Action[] = ['register', 'previewInvitation', 'previewBuilding'];
const ACTIONS = Object.keys(TABLE) as Action[];

describe('every action × every demo role', () => {
  const rows = ACTIONS.flatMap((action) =>
    CALLERS.map((caller) => [action, caller, (TABLE[action].allowed.includes(caller) ? 'ok' : 'FORBIDDEN') as 'ok' | ErrorCode] as const),
  );
  test.each(rows)('%s as %s → %s', async (action, caller, expected) => {
    const openid = PEOPLE[caller];
    const before = snapshot(h.local);
    const res = await h.call(openid, 'org', action, TABLE[action].payload(openid));
    if (expected === 'ok' && TABLE[action].outcome) {
      expect(res).toMatchObject({ ok: false, error: { code: TABLE[action].outcome } });
      expect(snapshot(h.local)).toBe(before);
    } else if (expected === 'ok') {
      expect(res).toMatchObject({ ok: true });
      // Reads (and registering again) write nothing.
      if (TABLE[action].reads) expect(snapshot(h.local)).toBe(before);
    } else {
      expect(res).toMatchObject({ ok: false, error: { code: expected } });
      if (!res.ok) expect(res.error.message).toMatch(/[\u4e00-\u9fa5]/);
      expect(snapshot(h.local)).toBe(before);
    }
  });
});

describe('callers the platform does not vouch for', () => {
  test.each(ACTIONS)('%s with no openid → UNAUTHENTICATED, nothing changed', async (action) => {
    const before = snapshot(h.local);
    const res = await h.call(null, 'org', action, TABLE[action].payload(PEOPLE.admin));
    expect(res).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(snapshot(h.local)).toBe(before);
  });

  test.each(ACTIONS.filter((a) => !OPENID_ACTIONS.includes(a)))('%s by an unknown openid → NOT_REGISTERED, nothing changed', async (action) => {
    const stranger = `stranger-${action}`;
    const before = snapshot(h.local);
    const res = await h.call(stranger, 'org', action, TABLE[action].payload(stranger));
    expect(res).toMatchObject({ ok: false, error: { code: 'NOT_REGISTERED' } });
    expect(snapshot(h.local)).toBe(before);
    expect(userDoc(stranger)).toBeUndefined();
  });

  test.each<Action>(['previewInvitation', 'previewBuilding'])('%s by an unknown openid answers and changes nothing', async (action) => {
    const before = snapshot(h.local);
    const res = await h.call('stranger-preview', 'org', action, TABLE[action].payload('stranger-preview'));
    expect(res).toMatchObject({ ok: true });
    expect(snapshot(h.local)).toBe(before);
  });

  test('register by an unknown openid creates a resident with no community', async () => {
    const me = await h.ok('stranger-register', 'org', 'register', { name: ' 新居民 ', phone: '13900009999' });
    expect(me).toEqual({
      openid: 'stranger-register',
      name: '新居民',
      phone: '139****9999',
      roles: [{ role: 'resident' }],
      community: null,
      building: null,
      unit: null,
      elderMode: null,
    });
    expect(userDoc('stranger-register')).toMatchObject({ _id: 'stranger-register', name: '新居民', phone: '13900009999' });
    // Now registered, the same openid may read its profile.
    expect((await h.ok('stranger-register', 'org', 'me')).name).toBe('新居民');
  });
});

describe('role changes and their scope', () => {
  /** A freshly registered person to grant roles to. */
  async function target(tag: string): Promise<string> {
    const openid = `target-${tag}`;
    await h.ok(openid, 'org', 'register', { name: `对象${tag}` });
    return openid;
  }

  test('staff of 东街 may list 东街 but not 西门 users', async () => {
    const before = snapshot(h.local);
    const mine = await h.ok(PEOPLE.staff, 'org', 'listUsers', { communityId: 'c-dongjie' });
    expect(mine.items.every((u) => u.communityId === 'c-dongjie')).toBe(true);
    const res = await h.call(PEOPLE.staff, 'org', 'listUsers', { communityId: 'c-ximen' });
    expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(snapshot(h.local)).toBe(before);
  });

  test('secretary of 东街 grants staff in 东街: the grant is stored and logged', async () => {
    const openid = await target('sec-ok');
    const summary = await h.ok(PEOPLE.secretary, 'org', 'grantRole', { openid, role: 'staff', communityId: 'c-dongjie' });
    expect(summary.roles).toContainEqual({ role: 'staff', communityId: 'c-dongjie' });
    expect(userDoc(openid)!.roles).toContainEqual({ role: 'staff', communityId: 'c-dongjie' });
    expect(roleEvents().filter((e) => e.openid === openid)).toEqual([
      expect.objectContaining({ kind: 'grant', grant: { role: 'staff', communityId: 'c-dongjie' }, by: PEOPLE.secretary }),
    ]);
    // …and revokes it again.
    const after = await h.ok(PEOPLE.secretary, 'org', 'revokeRole', { openid, role: 'staff', communityId: 'c-dongjie' });
    expect(after.roles).toEqual([{ role: 'resident' }]);
    expect(roleEvents().filter((e) => e.openid === openid).map((e) => e.kind)).toEqual(['grant', 'revoke']);
  });

  test.each<[string, Record<string, unknown>]>([
    ['staff in 西门', { role: 'staff', communityId: 'c-ximen' }],
    ['gridWorker in 南山', { role: 'gridWorker', communityId: 'c-nanshan' }],
    ['secretary in 东街', { role: 'secretary', communityId: 'c-dongjie' }],
    ['admin', { role: 'admin' }],
    ['member of a unit', { role: 'member', unitId: 'unit-renshe' }],
    ['liaison of a unit', { role: 'liaison', unitId: 'unit-renshe' }],
  ])('secretary of 东街 granting %s → FORBIDDEN, nothing changed', async (_label, grant) => {
    const before = snapshot(h.local);
    const res = await h.call(PEOPLE.secretary, 'org', 'grantRole', { openid: PEOPLE.residentXimen, ...grant });
    expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(snapshot(h.local)).toBe(before);
  });

  test('secretary of 东街 may not revoke staff of 西门', async () => {
    const before = snapshot(h.local);
    const res = await h.call(PEOPLE.secretary, 'org', 'revokeRole', { openid: PEOPLE.staffXimen, role: 'staff', communityId: 'c-ximen' });
    expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(snapshot(h.local)).toBe(before);
  });

  test.each<[Caller, 'grantRole' | 'revokeRole', Record<string, unknown>]>([
    ['admin', 'revokeRole', { role: 'admin' }],
    ['admin', 'grantRole', { role: 'secretary', communityId: 'c-dongjie' }],
    ['secretary', 'grantRole', { role: 'staff', communityId: 'c-dongjie' }],
    ['secretary', 'revokeRole', { role: 'secretary', communityId: 'c-dongjie' }],
    ['staff', 'grantRole', { role: 'gridWorker', communityId: 'c-dongjie' }],
    ['resident', 'grantRole', { role: 'admin' }],
    ['member', 'revokeRole', { role: 'member', unitId: 'unit-renshe' }],
    ['liaison', 'grantRole', { role: 'liaison', unitId: 'unit-weijian' }],
  ])('%s cannot change their own roles (%s %o) → FORBIDDEN', async (caller, action, grant) => {
    const before = snapshot(h.local);
    const res = await h.call(PEOPLE[caller], 'org', action, { openid: PEOPLE[caller], ...grant });
    expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(snapshot(h.local)).toBe(before);
  });

  test.each<[string, Record<string, unknown>]>([
    ['member of a unit that does not exist', { openid: PEOPLE.residentXimen, role: 'member', unitId: 'unit-nope' }],
    ['liaison of a unit that does not exist', { openid: PEOPLE.residentXimen, role: 'liaison', unitId: 'unit-nope' }],
    ['staff of a community that does not exist', { openid: PEOPLE.residentXimen, role: 'staff', communityId: 'c-nope' }],
    ['staff of an estate (not a community)', { openid: PEOPLE.residentXimen, role: 'staff', communityId: 'e-xingfu' }],
    ['a role to a person who does not exist', { openid: 'nobody-here', role: 'resident' }],
  ])('admin granting %s → NOT_FOUND, nothing changed', async (_label, change) => {
    const before = snapshot(h.local);
    const res = await h.call(PEOPLE.admin, 'org', 'grantRole', change);
    expect(res).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(snapshot(h.local)).toBe(before);
  });

  test('granting twice is idempotent: one role, one roleEvents entry; a member grant sets the unit', async () => {
    const openid = await target('twice');
    const change = { openid, role: 'member' as const, unitId: 'unit-weijian' };
    const first = await h.ok(PEOPLE.admin, 'org', 'grantRole', change);
    const afterFirst = snapshot(h.local);
    const second = await h.ok(PEOPLE.admin, 'org', 'grantRole', change);
    expect(second).toEqual(first);
    expect(snapshot(h.local)).toBe(afterFirst);
    expect(userDoc(openid)!.roles.filter((g) => g.role === 'member')).toEqual([{ role: 'member', unitId: 'unit-weijian' }]);
    expect(userDoc(openid)!.unitId).toBe('unit-weijian');
    expect(roleEvents().filter((e) => e.openid === openid)).toHaveLength(1);
  });

  test('a grant is stored in canonical form (scope fields of other roles dropped)', async () => {
    const openid = await target('canon');
    await h.ok(PEOPLE.admin, 'org', 'grantRole', { openid, role: 'liaison', unitId: 'unit-zhujian', communityId: 'c-dongjie' });
    expect(userDoc(openid)!.roles).toContainEqual({ role: 'liaison', unitId: 'unit-zhujian' });
    expect(userDoc(openid)!.roles.find((g) => g.role === 'liaison')).not.toHaveProperty('communityId');
  });

  test('revoking a role not held changes nothing', async () => {
    const before = snapshot(h.local);
    const summary = await h.ok(PEOPLE.admin, 'org', 'revokeRole', { openid: PEOPLE.staffXimen, role: 'staff', communityId: 'c-dongjie' });
    expect(summary.roles).toContainEqual({ role: 'staff', communityId: 'c-ximen' });
    expect(snapshot(h.local)).toBe(before);
  });

  test('admin revokes a held role: removed and logged', async () => {
    const openid = await target('revoke');
    await h.ok(PEOPLE.admin, 'org', 'grantRole', { openid, role: 'gridWorker', communityId: 'c-nanshan' });
    const summary = await h.ok(PEOPLE.admin, 'org', 'revokeRole', { openid, role: 'gridWorker', communityId: 'c-nanshan' });
    expect(summary.roles).toEqual([{ role: 'resident' }]);
    expect(roleEvents().filter((e) => e.openid === openid).map((e) => [e.kind, e.by])).toEqual([
      ['grant', PEOPLE.admin],
      ['revoke', PEOPLE.admin],
    ]);
  });
});

describe('pairings', () => {
  const pairedTo = async (unitId: string) =>
    (await h.ok(PEOPLE.resident, 'org', 'listUnits')).find((u) => u._id === unitId)!.communityIds;

  test('unpair, then listUnits shows it gone; unpairing again removes nothing', async () => {
    expect(await pairedTo('unit-gongdian')).toContain('c-nanshan');
    expect(await h.ok(PEOPLE.admin, 'org', 'unpairUnit', { unitId: 'unit-gongdian', communityId: 'c-nanshan' })).toEqual({ removed: true });
    expect(await pairedTo('unit-gongdian')).not.toContain('c-nanshan');
    expect(await pairedTo('unit-gongdian')).toContain('c-dongjie');
    const before = snapshot(h.local);
    expect(await h.ok(PEOPLE.admin, 'org', 'unpairUnit', { unitId: 'unit-gongdian', communityId: 'c-nanshan' })).toEqual({ removed: false });
    expect(snapshot(h.local)).toBe(before);
  });

  test('pairUnit is idempotent: one pairing, the first record stands', async () => {
    const first = await h.ok(PEOPLE.admin, 'org', 'pairUnit', { unitId: 'unit-renshe', communityId: 'c-ximen' });
    expect(first).toMatchObject({ _id: 'unit-renshe_c-ximen', unitId: 'unit-renshe', communityId: 'c-ximen', createdBy: PEOPLE.admin });
    const afterFirst = snapshot(h.local);
    const second = await h.ok(PEOPLE.admin, 'org', 'pairUnit', { unitId: 'unit-renshe', communityId: 'c-ximen' });
    expect(new Date(second.createdAt).getTime()).toBe(new Date(first.createdAt).getTime());
    expect(second._id).toBe(first._id);
    expect(snapshot(h.local)).toBe(afterFirst);
    expect((await pairedTo('unit-renshe')).filter((c) => c === 'c-ximen')).toHaveLength(1);
  });

  test.each<[string, Record<string, unknown>]>([
    ['an unknown unit', { unitId: 'unit-nope', communityId: 'c-dongjie' }],
    ['an unknown community', { unitId: 'unit-renshe', communityId: 'c-nope' }],
    ['an estate instead of a community', { unitId: 'unit-renshe', communityId: 'e-xingfu' }],
    ['the town instead of a community', { unitId: 'unit-renshe', communityId: 'town-chengguan' }],
  ])('pairing with %s → NOT_FOUND, nothing changed', async (_label, payload) => {
    const before = snapshot(h.local);
    const res = await h.call(PEOPLE.admin, 'org', 'pairUnit', payload);
    expect(res).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(snapshot(h.local)).toBe(before);
  });
});

describe('own profile', () => {
  test('register twice keeps the first record', async () => {
    const first = await h.ok('twice-register', 'org', 'register', { name: '第一次', phone: '13700000001' });
    const stored = JSON.stringify(userDoc('twice-register'));
    const before = snapshot(h.local);
    const second = await h.ok('twice-register', 'org', 'register', { name: '第二次', phone: '13700000002' });
    expect(second).toEqual(first);
    expect(second.name).toBe('第一次');
    expect(JSON.stringify(userDoc('twice-register'))).toBe(stored);
    expect(snapshot(h.local)).toBe(before);
  });

  test('a demo person registering again keeps their roles and community', async () => {
    const me = await h.ok(PEOPLE.secretary, 'org', 'register', { name: '冒名' });
    expect(me.name).toBe('黄志明');
    expect(me.roles).toContainEqual({ role: 'secretary', communityId: 'c-dongjie' });
  });

  test('bindBuilding sets building and its community; me shows them', async () => {
    await h.ok('binder', 'org', 'register', { name: '搬家人' });
    const me = await h.ok('binder', 'org', 'bindBuilding', { buildingId: 'b-shuxiangyuan-3' });
    expect(me.building).toEqual({ _id: 'b-shuxiangyuan-3', name: '书香苑3号楼' });
    expect(me.community).toEqual({ _id: 'c-ximen', name: '西门社区' });
    expect(userDoc('binder')).toMatchObject({ buildingId: 'b-shuxiangyuan-3', communityId: 'c-ximen' });
    expect(await h.ok('binder', 'org', 'me')).toEqual(me);
  });

  test.each([
    ['an estate id', 'e-xingfu'],
    ['a community id', 'c-dongjie'],
    ['the county id', 'county-qingshan'],
    ['an unknown id', 'b-nowhere-9'],
    ['a household id', 'h-xingfu-1-101'],
  ])('bindBuilding with %s → NOT_FOUND, nothing changed', async (_label, buildingId) => {
    const before = snapshot(h.local);
    const res = await h.call(PEOPLE.resident, 'org', 'bindBuilding', { buildingId });
    expect(res).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(snapshot(h.local)).toBe(before);
  });

  test('setElderMode persists across a fresh me, and can be turned off again', async () => {
    expect((await h.ok(PEOPLE.residentXimen, 'org', 'me')).elderMode).toBeNull();
    expect((await h.ok(PEOPLE.residentXimen, 'org', 'setElderMode', { elderMode: true })).elderMode).toBe(true);
    expect((await h.ok(PEOPLE.residentXimen, 'org', 'me')).elderMode).toBe(true);
    await h.ok(PEOPLE.residentXimen, 'org', 'setElderMode', { elderMode: false });
    expect((await h.ok(PEOPLE.residentXimen, 'org', 'me')).elderMode).toBe(false);
    // Only the caller's own record changed.
    expect(userDoc(PEOPLE.resident)!.elderMode).not.toBe(false);
  });
});
