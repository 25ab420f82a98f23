/**
 * 邀请: create → accept → role held; expired, revoked, used-up and guessed codes refused; wrong
 * codes limited per person; pending grants under the person's phone claimed on acceptance.
 */
import type { AuditEntry, Invitation, InvitationAcceptance, PendingGrant } from '../../types/admin';
import type { User } from '../../types/domain';
import { CODE_ALPHABET, CODE_LENGTH, INVITATION_PAGE } from '../../cloudfunctions/core/invitations';
import { db } from '../../cloudfunctions/lib/cloud';
import { openHarness, PEOPLE, snapshot, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(() => h.close());

const userDoc = (openid: string) => (h.local.db.store.all('users') as unknown as User[]).find((u) => u._id === openid)!;
const audit = () => h.local.db.store.all('auditLog') as unknown as AuditEntry[];
const write = (body: () => Promise<unknown>) => h.local.invoke({ main: body }, {}, 'test');

async function person(tag: string, phone?: string): Promise<string> {
  const openid = `inv-${tag}`;
  await h.ok(openid, 'org', 'register', { name: `受邀${tag}`, ...(phone ? { phone } : {}) });
  return openid;
}

describe('create → preview → accept', () => {
  test('a liaison invites 县人社局 党员; a registered person accepts and holds the role', async () => {
    const inv = await h.ok(PEOPLE.liaison, 'org', 'createInvitation', { role: 'member', unitId: 'unit-renshe', days: 30, maxUses: 2000 });
    expect(inv.code).toHaveLength(CODE_LENGTH);
    expect([...inv.code].every((c) => CODE_ALPHABET.includes(c))).toBe(true);
    expect(inv).toMatchObject({ grant: { role: 'member', unitId: 'unit-renshe' }, scopeName: '县人社局', uses: 0, maxUses: 2000, status: 'active', page: INVITATION_PAGE, scene: inv.code });
    expect(inv.scene.length).toBeLessThanOrEqual(32);

    const openid = await person('a');
    // Lower case and a dash, as a person might type it.
    const typed = `${inv.code.slice(0, 5).toLowerCase()}-${inv.code.slice(5)}`;
    const preview = await h.ok(openid, 'org', 'previewInvitation', { code: typed });
    expect(preview).toEqual({ role: 'member', scopeName: '县人社局', inviter: '赵敏', expiresAt: inv.expiresAt, status: 'active' });

    const res = await h.ok(openid, 'org', 'acceptInvitation', { code: typed });
    expect(res.granted).toEqual([{ role: 'member', unitId: 'unit-renshe' }]);
    expect(res.me.unit).toEqual({ _id: 'unit-renshe', name: '县人社局', communities: [{ _id: 'c-dongjie', name: '东街社区' }] });
    expect(userDoc(openid).roles).toContainEqual({ role: 'member', unitId: 'unit-renshe' });
    expect(userDoc(openid).unitId).toBe('unit-renshe');
    const stored = h.local.db.store.get('invitations', inv.code) as unknown as Invitation;
    expect(stored.uses).toBe(1);
    expect(h.local.db.store.get('invitationAcceptances', `${inv.code}_${openid}`)).toMatchObject({ code: inv.code, openid });
    expect(audit().filter((e) => e.action === 'acceptInvitation' && e.actor.openid === openid)).toHaveLength(1);
    expect(audit().filter((e) => e.action === 'createInvitation' && e.target.id === inv.code)).toEqual([
      expect.objectContaining({ actor: { openid: PEOPLE.liaison, name: '赵敏' }, scope: { unitId: 'unit-renshe' } }),
    ]);

    // Accepting again changes nothing and uses nothing.
    const before = snapshot(h.local);
    expect((await h.ok(openid, 'org', 'acceptInvitation', { code: inv.code })).granted).toEqual([]);
    expect(snapshot(h.local)).toBe(before);
  });

  test('a secretary invites 东街社区 网格员; the liaison lists only their unit’s invitations', async () => {
    const inv = await h.ok(PEOPLE.secretary, 'org', 'createInvitation', { role: 'gridWorker', communityId: 'c-dongjie', days: 7, maxUses: 3 });
    expect(inv.scopeName).toBe('东街社区');
    const openid = await person('grid');
    await h.ok(openid, 'org', 'acceptInvitation', { code: inv.code });
    expect(userDoc(openid).roles).toContainEqual({ role: 'gridWorker', communityId: 'c-dongjie' });
    const secretaryList = await h.ok(PEOPLE.secretary, 'org', 'listInvitations', {});
    expect(secretaryList.items.map((i) => i.code)).toContain(inv.code);
    expect(secretaryList.items.every((i) => i.grant.communityId === 'c-dongjie')).toBe(true);
    const liaisonList = await h.ok(PEOPLE.liaison, 'org', 'listInvitations', {});
    expect(liaisonList.items.every((i) => i.grant.unitId === 'unit-renshe')).toBe(true);
    expect(liaisonList.items.map((i) => i.code)).not.toContain(inv.code);
  });

  test.each<[string, keyof typeof PEOPLE, Record<string, unknown>]>([
    ['a secretary inviting staff of another community', 'secretary', { role: 'staff', communityId: 'c-ximen' }],
    ['a secretary inviting a secretary', 'secretary', { role: 'secretary', communityId: 'c-dongjie' }],
    ['a liaison inviting members of another unit', 'liaison', { role: 'member', unitId: 'unit-weijian' }],
    ['a liaison inviting a liaison', 'liaison', { role: 'liaison', unitId: 'unit-renshe' }],
    ['staff inviting a grid worker', 'staff', { role: 'gridWorker', communityId: 'c-dongjie' }],
    ['a member inviting a member', 'member', { role: 'member', unitId: 'unit-renshe' }],
  ])('%s → FORBIDDEN, nothing changed', async (_label, caller, grant) => {
    const before = snapshot(h.local);
    const res = await h.call(PEOPLE[caller], 'org', 'createInvitation', { ...grant, days: 7, maxUses: 5 });
    expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(snapshot(h.local)).toBe(before);
  });

  test('an invitation into an unknown unit → NOT_FOUND', async () => {
    const res = await h.call(PEOPLE.admin, 'org', 'createInvitation', { role: 'member', unitId: 'unit-nope', days: 7, maxUses: 5 });
    expect(res).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('refused invitations', () => {
  test('used up: the last use goes to one person only, the next is refused', async () => {
    const inv = await h.ok(PEOPLE.admin, 'org', 'createInvitation', { role: 'member', unitId: 'unit-weijian', days: 7, maxUses: 1 });
    const [a, b] = [await person('u1'), await person('u2')];
    const results = await Promise.all([a, b].map((openid) => h.call(openid, 'org', 'acceptInvitation', { code: inv.code })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ ok: false, error: { code: 'INVALID_STATE', message: '该邀请的名额已用完' } });
    expect((h.local.db.store.get('invitations', inv.code) as unknown as Invitation).uses).toBe(1);
    expect((await h.ok(a, 'org', 'previewInvitation', { code: inv.code })).status).toBe('usedUp');
  });

  test('revoked: refused, nothing changed; revoking again is a no-op', async () => {
    const inv = await h.ok(PEOPLE.secretary, 'org', 'createInvitation', { role: 'staff', communityId: 'c-dongjie', days: 7, maxUses: 5 });
    const revoked = await h.ok(PEOPLE.secretary, 'org', 'revokeInvitation', { code: inv.code });
    expect(revoked.status).toBe('revoked');
    const openid = await person('rev');
    const before = snapshot(h.local);
    expect(await h.call(openid, 'org', 'acceptInvitation', { code: inv.code })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE', message: '该邀请已被撤销' } });
    expect(snapshot(h.local)).toBe(before);
    expect(await h.ok(PEOPLE.admin, 'org', 'revokeInvitation', { code: inv.code })).toMatchObject({ status: 'revoked' });
    expect(snapshot(h.local)).toBe(before);
    // Someone who could not have made it may not revoke it.
    const other = await h.ok(PEOPLE.admin, 'org', 'createInvitation', { role: 'staff', communityId: 'c-ximen', days: 7, maxUses: 5 });
    expect(await h.call(PEOPLE.secretary, 'org', 'revokeInvitation', { code: other.code })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  test('expired: refused, nothing changed', async () => {
    const inv = await h.ok(PEOPLE.admin, 'org', 'createInvitation', { role: 'member', unitId: 'unit-gongdian', days: 1, maxUses: 5 });
    await write(() => db.collection('invitations').doc(inv.code).update({ data: { expiresAt: new Date(Date.now() - 1000) } }));
    const openid = await person('exp');
    const before = snapshot(h.local);
    expect(await h.call(openid, 'org', 'acceptInvitation', { code: inv.code })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE', message: '该邀请已过期' } });
    expect(snapshot(h.local)).toBe(before);
    expect((await h.ok(openid, 'org', 'previewInvitation', { code: inv.code })).status).toBe('expired');
  });

  test('nobody accepts their own invitation', async () => {
    const inv = await h.ok(PEOPLE.liaison, 'org', 'createInvitation', { role: 'member', unitId: 'unit-renshe', days: 7, maxUses: 5 });
    expect(await h.call(PEOPLE.liaison, 'org', 'acceptInvitation', { code: inv.code })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  test('guessed codes: NOT_FOUND; ten wrong codes an hour, then RATE_LIMITED even for a real code', async () => {
    const real = await h.ok(PEOPLE.admin, 'org', 'createInvitation', { role: 'member', unitId: 'unit-zhujian', days: 7, maxUses: 5 });
    const openid = await person('guess');
    const guesses = ['AAAAAAAAAA', 'short', 'ZZZZZZZZZZ', '2222222222', 'BBBBBBBBBB', 'CCCCCCCCCC', 'DDDDDDDDDD', 'EEEEEEEEEE', 'FFFFFFFFFF', 'GGGGGGGGGG'];
    for (const [i, code] of guesses.entries()) {
      const action = i % 2 ? 'previewInvitation' : 'acceptInvitation';
      const res = await h.call(openid, 'org', action, { code });
      expect(res).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
    const before = snapshot(h.local);
    expect(await h.call(openid, 'org', 'acceptInvitation', { code: real.code })).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    expect(await h.call(openid, 'org', 'previewInvitation', { code: real.code })).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    expect(snapshot(h.local)).toBe(before);
    expect(userDoc(openid).roles).toEqual([{ role: 'resident' }]);
  });
});

describe('pending grants (held by phone number, written by the import)', () => {
  test('accepting also gives the roles held under the person’s phone, and marks them claimed', async () => {
    const phone = '13955550001';
    const pending: Omit<PendingGrant, '_id'> = {
      name: '导入的人',
      phone,
      grants: [{ role: 'liaison', unitId: 'unit-zhujian' }, { role: 'member', unitId: 'unit-zhujian' }],
      communityId: null,
      source: { kind: 'import', importId: 'imp-1', sheet: '人员', row: 3 },
      createdAt: new Date(),
      claimedBy: null,
      claimedAt: null,
    };
    await write(() => db.collection('pendingGrants').doc(phone).set({ data: pending }));
    const inv = await h.ok(PEOPLE.admin, 'org', 'createInvitation', { role: 'member', unitId: 'unit-zhujian', days: 7, maxUses: 5 });
    const openid = await person('pending', phone);
    const res = await h.ok(openid, 'org', 'acceptInvitation', { code: inv.code });
    // The invitation's member grant and the pending one are the same: held once.
    expect(res.granted).toEqual([{ role: 'member', unitId: 'unit-zhujian' }, { role: 'liaison', unitId: 'unit-zhujian' }]);
    expect(userDoc(openid).roles).toEqual([{ role: 'resident' }, { role: 'member', unitId: 'unit-zhujian' }, { role: 'liaison', unitId: 'unit-zhujian' }]);
    expect(h.local.db.store.get('pendingGrants', phone)).toMatchObject({ claimedBy: openid });
    expect((h.local.db.store.get('invitationAcceptances', `${inv.code}_${openid}`) as unknown as InvitationAcceptance).pending).toHaveLength(2);

    // Claimed once: another person with the same phone (re-registered) gets only the invitation.
    const inv2 = await h.ok(PEOPLE.admin, 'org', 'createInvitation', { role: 'member', unitId: 'unit-weijian', days: 7, maxUses: 5 });
    const twin = await person('pending-twin', phone);
    expect((await h.ok(twin, 'org', 'acceptInvitation', { code: inv2.code })).granted).toEqual([{ role: 'member', unitId: 'unit-weijian' }]);
  });
});
