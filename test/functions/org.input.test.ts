/**
 * Bad input for every org action: the router refuses it with INVALID_INPUT (or UNKNOWN_ACTION),
 * a Chinese message naming the field, and nothing changed. Identity never comes from the event.
 */
import type { User } from '../../types/domain';
import { openHarness, PEOPLE, snapshot, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(() => h.close());

const CHINESE = /[\u4e00-\u9fa5]/;
const ID_65 = 'x'.repeat(65);
const ID_64 = 'x'.repeat(64);
const NAME_21 = '张'.repeat(21);
const NAME_20 = '张'.repeat(20);
const userDoc = (openid: string) => (h.local.db.store.all('users') as unknown as User[]).find((u) => u._id === openid);

/** Sends a raw event and expects a refusal with `code` that changed nothing; returns the message. */
async function refused(openid: string | null, event: Record<string, unknown>, code = 'INVALID_INPUT', atEdge = true): Promise<string> {
  const before = snapshot(h.local);
  const { result, counts } = await h.raw(openid, 'org', event);
  expect(result).toMatchObject({ ok: false, error: { code } });
  expect(snapshot(h.local)).toBe(before);
  expect(counts).toMatchObject({ write: 0, transaction: 0 });
  // Refused by the schema at the edge: the database was not even asked.
  if (atEdge) expect(counts.read).toBe(0);
  const message = (result as { ok: false; error: { message: string } }).error.message;
  expect(message).toMatch(CHINESE);
  return message;
}

describe('unknown actions', () => {
  test.each<[string, Record<string, unknown>]>([
    ['a name the function lacks', { action: 'dropDatabase' }],
    ['an empty name', { action: '' }],
    ['no action at all', {}],
    ['a number', { action: 42 }],
    ['an object', { action: { name: 'me' } }],
    ['a prototype member: constructor', { action: 'constructor' }],
    ['a prototype member: hasOwnProperty', { action: 'hasOwnProperty' }],
    ['a prototype member: toString', { action: 'toString' }],
    ['the router’s own export', { action: 'describe' }],
    ['a case variant', { action: 'ME' }],
  ])('%s → UNKNOWN_ACTION', async (_label, event) => {
    await refused(PEOPLE.admin, event, 'UNKNOWN_ACTION');
  });

  test('an unknown action is refused before identity is asked for', async () => {
    await refused(null, { action: 'dropDatabase' }, 'UNKNOWN_ACTION');
  });

  // Regression: never echo the event back (CONVENTIONS §4).
  test('the refusal does not echo what the client sent', async () => {
    const { result } = await h.raw(PEOPLE.admin, 'org', { action: '<img src=x onerror=alert(1)>' });
    expect(JSON.stringify(result)).not.toContain('<img');
  });
});

/**
 * [label, caller, event, field the message should name (null: no single field), checked where]
 * 'handler': the scope a role needs is checked by the handler after loading the caller (one read).
 */
type Row = [string, string, Record<string, unknown>, string | null, ('edge' | 'handler')?];

const FRESH = 'input-stranger';

const ROWS: Row[] = [
  // register (as an unregistered openid: a refusal must not create the user)
  ['register: missing name', FRESH, { action: 'register' }, 'name'],
  ['register: name of the wrong type', FRESH, { action: 'register', name: 12345 }, 'name'],
  ['register: name of 21 characters', FRESH, { action: 'register', name: NAME_21 }, 'name'],
  ['register: blank name', FRESH, { action: 'register', name: '   ' }, 'name'],
  ['register: phone too short', FRESH, { action: 'register', name: '新人', phone: '1380000' }, 'phone'],
  ['register: phone not starting with 1', FRESH, { action: 'register', name: '新人', phone: '23800001234' }, 'phone'],
  ['register: phone with letters', FRESH, { action: 'register', name: '新人', phone: '1380000abcd' }, 'phone'],
  ['register: phone of 12 digits', FRESH, { action: 'register', name: '新人', phone: '138000012345' }, 'phone'],
  ['register: phone as a number', FRESH, { action: 'register', name: '新人', phone: 13800001234 }, 'phone'],
  ['register: unexpected role field', FRESH, { action: 'register', name: '新人', role: 'admin' }, 'role'],
  ['register: unexpected openid field', FRESH, { action: 'register', name: '新人', openid: PEOPLE.admin }, 'openid'],
  ['register: unexpected roles field', FRESH, { action: 'register', name: '新人', roles: [{ role: 'admin' }] }, 'roles'],
  // me
  ['me: openid in the event', PEOPLE.resident, { action: 'me', openid: PEOPLE.admin }, 'openid'],
  ['me: role in the event', PEOPLE.resident, { action: 'me', role: 'admin' }, 'role'],
  ['me: any other field', PEOPLE.resident, { action: 'me', verbose: true }, 'verbose'],
  // regionTree
  ['regionTree: depth 0', PEOPLE.resident, { action: 'regionTree', depth: 0 }, 'depth'],
  ['regionTree: depth 6', PEOPLE.resident, { action: 'regionTree', depth: 6 }, 'depth'],
  ['regionTree: depth -1', PEOPLE.resident, { action: 'regionTree', depth: -1 }, 'depth'],
  ['regionTree: depth 2.5', PEOPLE.resident, { action: 'regionTree', depth: 2.5 }, 'depth'],
  ['regionTree: depth as a string', PEOPLE.resident, { action: 'regionTree', depth: '3' }, 'depth'],
  ['regionTree: rootId with a space', PEOPLE.resident, { action: 'regionTree', rootId: 'c dongjie' }, 'rootId'],
  ['regionTree: rootId of 65 characters', PEOPLE.resident, { action: 'regionTree', rootId: ID_65 }, 'rootId'],
  ['regionTree: empty rootId', PEOPLE.resident, { action: 'regionTree', rootId: '' }, 'rootId'],
  ['regionTree: rootId as a query object', PEOPLE.resident, { action: 'regionTree', rootId: { $ne: null } }, 'rootId'],
  ['regionTree: unexpected field', PEOPLE.resident, { action: 'regionTree', level: 'county' }, 'level'],
  // listUnits
  ['listUnits: unexpected field', PEOPLE.resident, { action: 'listUnits', communityId: 'c-dongjie' }, 'communityId'],
  // pairUnit
  ['pairUnit: missing unitId', PEOPLE.admin, { action: 'pairUnit', communityId: 'c-dongjie' }, 'unitId'],
  ['pairUnit: missing communityId', PEOPLE.admin, { action: 'pairUnit', unitId: 'unit-renshe' }, 'communityId'],
  ['pairUnit: unitId as a number', PEOPLE.admin, { action: 'pairUnit', unitId: 7, communityId: 'c-dongjie' }, 'unitId'],
  ['pairUnit: unitId with a space', PEOPLE.admin, { action: 'pairUnit', unitId: 'unit renshe', communityId: 'c-dongjie' }, 'unitId'],
  ['pairUnit: communityId of 65 characters', PEOPLE.admin, { action: 'pairUnit', unitId: 'unit-renshe', communityId: ID_65 }, 'communityId'],
  ['pairUnit: unexpected createdBy', PEOPLE.admin, { action: 'pairUnit', unitId: 'unit-renshe', communityId: 'c-nanshan', createdBy: 'x' }, 'createdBy'],
  // unpairUnit
  ['unpairUnit: missing communityId', PEOPLE.admin, { action: 'unpairUnit', unitId: 'unit-renshe' }, 'communityId'],
  ['unpairUnit: unitId with a slash', PEOPLE.admin, { action: 'unpairUnit', unitId: 'unit/renshe', communityId: 'c-dongjie' }, 'unitId'],
  ['unpairUnit: unitId of 65 characters', PEOPLE.admin, { action: 'unpairUnit', unitId: ID_65, communityId: 'c-dongjie' }, 'unitId'],
  // grantRole
  ['grantRole: missing openid', PEOPLE.admin, { action: 'grantRole', role: 'resident' }, 'openid'],
  ['grantRole: missing role', PEOPLE.admin, { action: 'grantRole', openid: PEOPLE.resident }, 'role'],
  ['grantRole: unknown role', PEOPLE.admin, { action: 'grantRole', openid: PEOPLE.resident, role: 'superuser' }, 'role'],
  ['grantRole: role as an array', PEOPLE.admin, { action: 'grantRole', openid: PEOPLE.resident, role: ['admin'] }, 'role'],
  ['grantRole: openid with a space', PEOPLE.admin, { action: 'grantRole', openid: 'demo resident', role: 'resident' }, 'openid'],
  ['grantRole: openid of 65 characters', PEOPLE.admin, { action: 'grantRole', openid: ID_65, role: 'resident' }, 'openid'],
  ['grantRole: staff without communityId', PEOPLE.admin, { action: 'grantRole', openid: PEOPLE.resident, role: 'staff' }, 'communityId', 'handler'],
  ['grantRole: secretary without communityId', PEOPLE.admin, { action: 'grantRole', openid: PEOPLE.resident, role: 'secretary' }, 'communityId', 'handler'],
  ['grantRole: member without unitId', PEOPLE.admin, { action: 'grantRole', openid: PEOPLE.resident, role: 'member' }, 'unitId', 'handler'],
  ['grantRole: liaison with only a communityId', PEOPLE.admin, { action: 'grantRole', openid: PEOPLE.resident, role: 'liaison', communityId: 'c-dongjie' }, 'unitId', 'handler'],
  ['grantRole: unexpected field', PEOPLE.admin, { action: 'grantRole', openid: PEOPLE.resident, role: 'resident', reason: '因为' }, 'reason'],
  // revokeRole
  ['revokeRole: missing openid', PEOPLE.admin, { action: 'revokeRole', role: 'staff', communityId: 'c-dongjie' }, 'openid'],
  ['revokeRole: unknown role', PEOPLE.admin, { action: 'revokeRole', openid: PEOPLE.staff, role: 'boss' }, 'role'],
  ['revokeRole: gridWorker without communityId', PEOPLE.admin, { action: 'revokeRole', openid: PEOPLE.gridWorker, role: 'gridWorker' }, 'communityId', 'handler'],
  ['revokeRole: communityId of 65 characters', PEOPLE.admin, { action: 'revokeRole', openid: PEOPLE.staff, role: 'staff', communityId: ID_65 }, 'communityId'],
  // listUsers
  ['listUsers: pageSize 51', PEOPLE.admin, { action: 'listUsers', pageSize: 51 }, 'pageSize'],
  ['listUsers: pageSize 0', PEOPLE.admin, { action: 'listUsers', pageSize: 0 }, 'pageSize'],
  ['listUsers: page 0', PEOPLE.admin, { action: 'listUsers', page: 0 }, 'page'],
  ['listUsers: page 1.5', PEOPLE.admin, { action: 'listUsers', page: 1.5 }, 'page'],
  ['listUsers: page as a string', PEOPLE.admin, { action: 'listUsers', page: '2' }, 'page'],
  ['listUsers: unknown role filter', PEOPLE.admin, { action: 'listUsers', role: 'boss' }, 'role'],
  ['listUsers: communityId with a space', PEOPLE.admin, { action: 'listUsers', communityId: 'c dongjie' }, 'communityId'],
  ['listUsers: communityId of 65 characters', PEOPLE.admin, { action: 'listUsers', communityId: ID_65 }, 'communityId'],
  ['listUsers: unexpected sort field', PEOPLE.admin, { action: 'listUsers', orderBy: 'phone' }, 'orderBy'],
  // bindBuilding
  ['bindBuilding: missing buildingId', PEOPLE.resident, { action: 'bindBuilding' }, 'buildingId'],
  ['bindBuilding: buildingId with spaces', PEOPLE.resident, { action: 'bindBuilding', buildingId: 'b xingfu 1' }, 'buildingId'],
  ['bindBuilding: buildingId of 65 characters', PEOPLE.resident, { action: 'bindBuilding', buildingId: ID_65 }, 'buildingId'],
  ['bindBuilding: buildingId as a number', PEOPLE.resident, { action: 'bindBuilding', buildingId: 1 }, 'buildingId'],
  ['bindBuilding: communityId alongside', PEOPLE.resident, { action: 'bindBuilding', buildingId: 'b-xingfu-1', communityId: 'c-ximen' }, 'communityId'],
  ['bindBuilding: openid of someone else', PEOPLE.resident, { action: 'bindBuilding', buildingId: 'b-xingfu-1', openid: PEOPLE.admin }, 'openid'],
  // setElderMode
  ['setElderMode: missing elderMode', PEOPLE.resident, { action: 'setElderMode' }, 'elderMode'],
  ['setElderMode: elderMode as a string', PEOPLE.resident, { action: 'setElderMode', elderMode: 'true' }, 'elderMode'],
  ['setElderMode: elderMode as 1', PEOPLE.resident, { action: 'setElderMode', elderMode: 1 }, 'elderMode'],
  ['setElderMode: elderMode null', PEOPLE.resident, { action: 'setElderMode', elderMode: null }, 'elderMode'],
  ['setElderMode: openid in the event', PEOPLE.resident, { action: 'setElderMode', elderMode: true, openid: PEOPLE.admin }, 'openid'],
  ['setElderMode: role in the event', PEOPLE.resident, { action: 'setElderMode', elderMode: true, role: 'admin' }, 'role'],
  // setup
  ['setup: missing code', PEOPLE.resident, { action: 'setup' }, 'code'],
  ['setup: code as a number', PEOPLE.resident, { action: 'setup', code: 12345678 }, 'code'],
  ['setup: code of 65 characters', PEOPLE.resident, { action: 'setup', code: ID_65 }, 'code'],
  ['setup: empty code', PEOPLE.resident, { action: 'setup', code: '' }, 'code'],
  ['setup: unexpected role', PEOPLE.resident, { action: 'setup', code: 'x', role: 'admin' }, 'role'],
  // searchPeople
  ['searchPeople: q of 21 characters', PEOPLE.admin, { action: 'searchPeople', q: NAME_21 }, 'q'],
  ['searchPeople: blank q', PEOPLE.admin, { action: 'searchPeople', q: '  ' }, 'q'],
  ['searchPeople: q as a query object', PEOPLE.admin, { action: 'searchPeople', q: { $regex: '.*' } }, 'q'],
  ['searchPeople: unknown role', PEOPLE.admin, { action: 'searchPeople', role: 'boss' }, 'role'],
  ['searchPeople: pageSize 51', PEOPLE.admin, { action: 'searchPeople', pageSize: 51 }, 'pageSize'],
  ['searchPeople: communityId with a space', PEOPLE.admin, { action: 'searchPeople', communityId: 'c dongjie' }, 'communityId'],
  ['searchPeople: both community and unit', PEOPLE.admin, { action: 'searchPeople', communityId: 'c-dongjie', unitId: 'unit-renshe' }, null, 'handler'],
  // addRegion
  ['addRegion: parentId as a number', PEOPLE.admin, { action: 'addRegion', parentId: 3, name: '新区' }, 'parentId'],
  ['addRegion: missing name', PEOPLE.admin, { action: 'addRegion', parentId: 'c-dongjie' }, 'name'],
  ['addRegion: name of 31 characters', PEOPLE.admin, { action: 'addRegion', parentId: 'c-dongjie', name: '张'.repeat(31) }, 'name'],
  ['addRegion: divisionCode of 11 digits', PEOPLE.admin, { action: 'addRegion', parentId: 'town-chengguan', name: '新社区', divisionCode: '35000000000' }, 'divisionCode'],
  ['addRegion: divisionCode with letters', PEOPLE.admin, { action: 'addRegion', parentId: 'town-chengguan', name: '新社区', divisionCode: '35000000000a' }, 'divisionCode'],
  ['addRegion: unexpected level', PEOPLE.admin, { action: 'addRegion', parentId: 'c-dongjie', name: '新区', level: 'town' }, 'level'],
  ['addRegion: unexpected path', PEOPLE.admin, { action: 'addRegion', parentId: 'c-dongjie', name: '新区', path: [] }, 'path'],
  // renameRegion
  ['renameRegion: missing id', PEOPLE.admin, { action: 'renameRegion', name: '新名' }, 'id'],
  ['renameRegion: nothing to change', PEOPLE.admin, { action: 'renameRegion', id: 'e-xingfu' }, null],
  ['renameRegion: blank name', PEOPLE.admin, { action: 'renameRegion', id: 'e-xingfu', name: ' ' }, 'name'],
  ['renameRegion: divisionCode as a number', PEOPLE.admin, { action: 'renameRegion', id: 'c-dongjie', divisionCode: 350000000001 }, 'divisionCode'],
  // moveRegion
  ['moveRegion: missing parentId', PEOPLE.admin, { action: 'moveRegion', id: 'b-xingfu-1' }, 'parentId'],
  ['moveRegion: id of 65 characters', PEOPLE.admin, { action: 'moveRegion', id: ID_65, parentId: 'e-xingfu' }, 'id'],
  // archiveRegion
  ['archiveRegion: missing id', PEOPLE.admin, { action: 'archiveRegion' }, 'id'],
  ['archiveRegion: id as an array', PEOPLE.admin, { action: 'archiveRegion', id: ['e-xingfu'] }, 'id'],
  // households
  ['addHousehold: missing room', PEOPLE.admin, { action: 'addHousehold', buildingId: 'b-xingfu-1' }, 'room'],
  ['addHousehold: room of 21 characters', PEOPLE.admin, { action: 'addHousehold', buildingId: 'b-xingfu-1', room: '1'.repeat(21) }, 'room'],
  ['addHousehold: unexpected communityId', PEOPLE.admin, { action: 'addHousehold', buildingId: 'b-xingfu-1', room: '901', communityId: 'c-ximen' }, 'communityId'],
  ['editHousehold: nothing to change', PEOPLE.admin, { action: 'editHousehold', id: 'h-xingfu-1-101' }, null],
  ['editHousehold: label of 21 characters', PEOPLE.admin, { action: 'editHousehold', id: 'h-xingfu-1-101', label: NAME_21 }, 'label'],
  ['moveHousehold: missing buildingId', PEOPLE.admin, { action: 'moveHousehold', id: 'h-xingfu-1-101' }, 'buildingId'],
  ['archiveHousehold: id with a space', PEOPLE.admin, { action: 'archiveHousehold', id: 'h xingfu' }, 'id'],
  // units
  ['addUnit: missing description', PEOPLE.admin, { action: 'addUnit', name: '新单位' }, 'description'],
  ['addUnit: name of 31 characters', PEOPLE.admin, { action: 'addUnit', name: '张'.repeat(31), description: '' }, 'name'],
  ['addUnit: description of 201 characters', PEOPLE.admin, { action: 'addUnit', name: '新单位', description: '字'.repeat(201) }, 'description'],
  ['editUnit: nothing to change', PEOPLE.admin, { action: 'editUnit', unitId: 'unit-renshe' }, null],
  ['editUnit: unexpected archived', PEOPLE.admin, { action: 'editUnit', unitId: 'unit-renshe', archived: false }, 'archived'],
  ['archiveUnit: missing unitId', PEOPLE.admin, { action: 'archiveUnit' }, 'unitId'],
  // invitations
  ['createInvitation: missing days', PEOPLE.admin, { action: 'createInvitation', role: 'member', unitId: 'unit-renshe', maxUses: 5 }, 'days'],
  ['createInvitation: days 0', PEOPLE.admin, { action: 'createInvitation', role: 'member', unitId: 'unit-renshe', days: 0, maxUses: 5 }, 'days'],
  ['createInvitation: days 91', PEOPLE.admin, { action: 'createInvitation', role: 'member', unitId: 'unit-renshe', days: 91, maxUses: 5 }, 'days'],
  ['createInvitation: maxUses 5001', PEOPLE.admin, { action: 'createInvitation', role: 'member', unitId: 'unit-renshe', days: 7, maxUses: 5001 }, 'maxUses'],
  ['createInvitation: maxUses 1.5', PEOPLE.admin, { action: 'createInvitation', role: 'member', unitId: 'unit-renshe', days: 7, maxUses: 1.5 }, 'maxUses'],
  ['createInvitation: the resident role', PEOPLE.admin, { action: 'createInvitation', role: 'resident', days: 7, maxUses: 5 }, 'role'],
  ['createInvitation: member without unitId', PEOPLE.admin, { action: 'createInvitation', role: 'member', days: 7, maxUses: 5 }, 'unitId', 'handler'],
  ['createInvitation: staff without communityId', PEOPLE.admin, { action: 'createInvitation', role: 'staff', days: 7, maxUses: 5 }, 'communityId', 'handler'],
  ['createInvitation: unexpected code', PEOPLE.admin, { action: 'createInvitation', role: 'admin', days: 7, maxUses: 5, code: 'AAAAAAAAAA' }, 'code'],
  ['previewInvitation: missing code', PEOPLE.resident, { action: 'previewInvitation' }, 'code'],
  ['previewInvitation: code of 21 characters', PEOPLE.resident, { action: 'previewInvitation', code: 'A'.repeat(21) }, 'code'],
  ['acceptInvitation: code as an object', PEOPLE.resident, { action: 'acceptInvitation', code: { $ne: null } }, 'code'],
  ['acceptInvitation: unexpected openid', PEOPLE.resident, { action: 'acceptInvitation', code: 'AAAAAAAAAA', openid: PEOPLE.admin }, 'openid'],
  ['listInvitations: page 0', PEOPLE.admin, { action: 'listInvitations', page: 0 }, 'page'],
  ['revokeInvitation: blank code', PEOPLE.admin, { action: 'revokeInvitation', code: ' ' }, 'code'],
  // 楼栋码
  ['buildingPoster: missing communityId', PEOPLE.admin, { action: 'buildingPoster' }, 'communityId'],
  ['previewBuilding: buildingId of 65 characters', PEOPLE.resident, { action: 'previewBuilding', buildingId: ID_65 }, 'buildingId'],
  // auditLog
  ['auditLog: unknown kind', PEOPLE.admin, { action: 'auditLog', kind: 'everything' }, 'kind'],
  ['auditLog: act with a dot', PEOPLE.admin, { action: 'auditLog', act: 'grant.Role' }, 'act'],
  ['auditLog: since not a date', PEOPLE.admin, { action: 'auditLog', since: 'yesterday' }, 'since'],
  ['auditLog: since an impossible date', PEOPLE.admin, { action: 'auditLog', since: '2026-13-45' }, 'since', 'handler'],
  ['auditLog: pageSize 51', PEOPLE.admin, { action: 'auditLog', pageSize: 51 }, 'pageSize'],
  ['auditLog: both community and unit', PEOPLE.admin, { action: 'auditLog', communityId: 'c-dongjie', unitId: 'unit-renshe' }, null, 'handler'],
];

describe('INVALID_INPUT with a Chinese message naming the field; nothing changed', () => {
  test.each(ROWS)('%s', async (_label, caller, event, field, where = 'edge') => {
    const message = await refused(caller, event, 'INVALID_INPUT', where === 'edge');
    if (field) expect(message).toContain(where === 'edge' ? `「${field}」` : field);
  });

  test('a refused register did not create the user', () => {
    expect(userDoc(FRESH)).toBeUndefined();
  });

  test('input is checked after identity but before registration', async () => {
    await refused(null, { action: 'listUsers', pageSize: 51 }, 'UNAUTHENTICATED');
    await refused('never-registered', { action: 'listUsers', pageSize: 51 });
  });
});

describe('messages say what is wrong', () => {
  test('too long says the maximum', async () => {
    expect(await refused(FRESH, { action: 'register', name: NAME_21 })).toContain('20');
  });

  test('an id too long says the maximum', async () => {
    expect(await refused(PEOPLE.resident, { action: 'bindBuilding', buildingId: ID_65 })).toContain('64');
  });

  test('out of range says the bound', async () => {
    expect(await refused(PEOPLE.admin, { action: 'listUsers', pageSize: 51 })).toContain('50');
    expect(await refused(PEOPLE.admin, { action: 'listUsers', page: 0 })).toContain('1');
  });

  test('a missing field is called missing', async () => {
    expect(await refused(PEOPLE.resident, { action: 'bindBuilding' })).toContain('缺少');
  });

  // Regression: zod 4 omits `issue.input` unless parsing with reportInput, which made every
  // mistyped field read as missing.
  test.each<[string, string, Record<string, unknown>]>([
    ['register name as a number', FRESH, { action: 'register', name: 12345 }],
    ['setElderMode as a string', PEOPLE.resident, { action: 'setElderMode', elderMode: 'true' }],
    ['regionTree depth 2.5', PEOPLE.resident, { action: 'regionTree', depth: 2.5 }],
  ])('a field of the wrong type is not called missing (%s)', async (_label, caller, event) => {
    const message = await refused(caller, event);
    expect(message).not.toContain('缺少');
    expect(message).toContain('类型不正确');
  });
});

describe('what is allowed', () => {
  test('the platform-injected userInfo is ignored', async () => {
    const userInfo = { appId: 'wx123', openId: PEOPLE.admin };
    const me = await h.raw(PEOPLE.resident, 'org', { action: 'me', userInfo });
    expect(me.result).toMatchObject({ ok: true, data: { openid: PEOPLE.resident } });
    const elder = await h.raw(PEOPLE.residentXimen, 'org', { action: 'setElderMode', elderMode: true, userInfo });
    expect(elder.result).toMatchObject({ ok: true, data: { openid: PEOPLE.residentXimen, elderMode: true } });
    expect(userDoc(PEOPLE.admin)!.elderMode).toBeNull();
  });

  test('boundaries: a 20-character name, a phone of 11 digits, depth 1 and 5, page 1, pageSize 50, a 64-character id', async () => {
    expect(await h.ok('input-boundary', 'org', 'register', { name: NAME_20, phone: '13912345678' })).toMatchObject({ name: NAME_20 });
    // Surrounding spaces are trimmed before the length is counted.
    expect(await h.ok('input-trim', 'org', 'register', { name: ` ${NAME_20} ` })).toMatchObject({ name: NAME_20 });
    expect(await h.ok(PEOPLE.resident, 'org', 'regionTree', { depth: 1 })).toHaveLength(1);
    expect(await h.ok(PEOPLE.resident, 'org', 'regionTree', { depth: 5 })).toHaveLength(1);
    expect((await h.ok(PEOPLE.admin, 'org', 'listUsers', { page: 1, pageSize: 50 })).pageSize).toBe(50);
    const res = await h.call(PEOPLE.resident, 'org', 'bindBuilding', { buildingId: ID_64 });
    expect(res).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
