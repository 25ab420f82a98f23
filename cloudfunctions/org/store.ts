/**
 * org: reads and writes of people (collection `users`) — registering, profile changes, the names
 * a profile shows, searching and listing, a role granted or revoked (with `roleEvents` and the
 * audit entry, one transaction), the first admin by the setup code, and the audit log read.
 * Regions, households, units and invitations have their own store files beside this one.
 */
import type { AuditEntry, SetupRecord } from '../../types/admin';
import type { Region, RoleGrant, User } from '../../types/domain';
import { sameGrant, workUnit } from '../core/roles';
import { AUDIT, auditIn } from '../lib/audit';
import { loadUnitWithCommunities, type UnitWithCommunities } from '../lib/pairings';
import { _, db, isDuplicateWrite } from '../lib/cloud';
import type { Data } from '../lib/database';
import { refuse } from '../lib/errors';
import { readPage } from '../lib/paging';
import { inTransaction } from '../lib/retry';
import { grantScope, rolesDraft, type By } from './audit-drafts';

export { loadUser } from '../lib/people';

const USERS = 'users';

/** Adds the person; registering twice (a retry, a double tap) changes nothing: the first record stands. */
export async function addUserOnce(user: User): Promise<void> {
  try {
    await db.collection(USERS).add({ data: user });
  } catch (e) {
    if (!isDuplicateWrite(e)) throw e;
  }
}

export async function patchUser(openid: string, patch: Partial<User>): Promise<void> {
  await db.collection(USERS).doc(openid).update({ data: patch });
}

/** The names a profile shows (`namesOf`). */
export interface ProfileNames {
  regions: Region[];
  unit: UnitWithCommunities | null;
}

/**
 * What a profile names: the person's community and building, and their unit with the communities
 * it is paired with (whose posts and wishes its members may claim) — 2 reads, in parallel.
 */
export async function namesOf(user: User): Promise<ProfileNames> {
  const regionIds = [user.communityId, user.buildingId].filter((x): x is string => !!x);
  const [regions, unit] = await Promise.all([
    regionIds.length
      ? db.collection('regions').where({ _id: _.in(regionIds) }).limit(2).get<Region>().then((r) => r.data)
      : Promise.resolve([] as Region[]),
    user.unitId ? loadUnitWithCommunities(user.unitId) : Promise.resolve(null),
  ]);
  return { regions, unit };
}

/** Whether anyone is admin (one read). */
export async function anyAdmin(): Promise<boolean> {
  return (await db.collection(USERS).where({ 'roles.role': 'admin' }).limit(1).field({ _id: true }).get()).data.length > 0;
}

/** One page (plus one) of the people meeting every condition, by name. */
export const peopleWhere = (conditions: Data[], page: number, pageSize: number) =>
  readPage<User>(db.collection(USERS).where(_.and(conditions) as Data).orderBy('name', 'asc'), page, pageSize);

/** One page of the people matching `where`, by name, and how many match in all (two reads). */
export async function usersPage(where: Data, page: number, pageSize: number): Promise<{ items: User[]; total: number }> {
  const query = db.collection(USERS).where(where);
  const [items, count] = await Promise.all([query.orderBy('name', 'asc').skip((page - 1) * pageSize).limit(pageSize).get<User>(), query.count()]);
  return { items: items.data, total: count.total };
}

/**
 * Grants or revokes one role in one transaction: the person's roles and work unit, a
 * `roleEvents` entry and an audit entry. Granting a role held already, or revoking one not
 * held, changes nothing, so lib/retry may run it again on fresh data after a conflict.
 */
export function saveRoleChange(openid: string, grant: RoleGrant, kind: 'grant' | 'revoke', by: By, now: Date): Promise<User> {
  const action = kind === 'grant' ? 'grantRole' : 'revokeRole';
  return inTransaction(
    async (t) => {
      const target = (await t.collection(USERS).doc(openid).get<User>()).data;
      if (!target) throw refuse.notFound('用户');
      const has = target.roles.some((g) => sameGrant(g, grant));
      if (kind === 'grant' ? has : !has) return target;
      const roles: RoleGrant[] = kind === 'grant' ? [...target.roles, grant] : target.roles.filter((g) => !sameGrant(g, grant));
      const patch: Partial<User> = { roles, unitId: workUnit(target.unitId, roles) };
      await t.collection(USERS).doc(target._id).update({ data: patch });
      await t.collection('roleEvents').add({ data: { openid: target._id, kind, grant, by: by.openid, at: now } });
      await auditIn(t, rolesDraft(by, action, { kind: 'role', id: target._id, name: target.name }, target.roles, roles, grantScope(grant)), now);
      return { ...target, ...patch };
    },
    { conflictMessage: '该用户的角色正被他人修改，请稍后重试' },
  );
}

export const SETUP_ID = 'first-admin';

/**
 * Makes the person admin and records the setup (fixed id `first-admin`) in one transaction, so
 * among racing callers exactly one wins. Null when the setup was done already.
 */
export function saveFirstAdmin(openid: string, now: Date): Promise<User | null> {
  return inTransaction(
    async (t) => {
      if ((await t.collection('setup').doc(SETUP_ID).get<SetupRecord>()).data) return null;
      const me = (await t.collection(USERS).doc(openid).get<User>()).data;
      if (!me) throw refuse.notFound('用户');
      const roles: RoleGrant[] = [...me.roles, { role: 'admin' }];
      const record: Omit<SetupRecord, '_id'> = { openid: me._id, name: me.name, at: now };
      await t.collection('setup').doc(SETUP_ID).set({ data: record });
      await t.collection(USERS).doc(me._id).update({ data: { roles } });
      await auditIn(t, rolesDraft({ openid: me._id, name: me.name }, 'setup', { kind: 'setup', id: SETUP_ID, name: '初始化' }, me.roles, roles, {}), now);
      return { ...me, roles };
    },
    { conflictMessage: '正在初始化，请稍后刷新' },
  );
}

/** One page (plus one) of audit entries matching `where` (and at `from` or later), newest first. */
export const auditWhere = (where: Data, from: Date | undefined, page: number, pageSize: number) =>
  readPage<AuditEntry>(db.collection(AUDIT).where(from ? { ...where, at: _.gte(from) } : where).orderBy('at', 'desc'), page, pageSize);
