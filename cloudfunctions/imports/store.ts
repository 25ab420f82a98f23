/**
 * The import's reads and writes: the world a plan is made against (read in bulk, a thousand at a
 * time), one transaction per row, and the job document with its lease.
 */
import type { PendingGrant } from '../../types/admin';
import type { Unit, UnitPairing, User } from '../../types/domain';
import type { ImportJob, ImportedRegion } from '../../types/imports';
import type { HouseholdCare, KeyHousehold } from '../../types/visits';
import type { HouseholdDoc, UserDoc, WorldData, Write } from '../core/import-plan';
import { World } from '../core/import-plan';
import type { ImportRecord } from '../core/import-rows';
import { sameGrant, workUnit } from '../core/roles';
import { _, db } from '../lib/cloud';
import type { Transaction } from '../lib/database';
import { readAll } from '../lib/read-all';
import { inTransaction } from '../lib/retry';

export const IMPORTS = 'imports';

/** `_.in` lists stay well below the database's limits. */
const IN_BATCH = 500;

/** Beyond this many values one pass over the collection is cheaper than many `in` queries. */
const IN_MAX = 1000;

async function byIds<T>(coll: string, field: string, values: string[], fields?: Record<string, boolean>): Promise<T[]> {
  if (values.length > IN_MAX) {
    const wanted = new Set(values);
    const all = await readByKeyset<T & { _id: string }>(coll, fields);
    return all.filter((d) => wanted.has(String((d as Record<string, unknown>)[field])));
  }
  const out: T[] = [];
  for (let i = 0; i < values.length; i += IN_BATCH) {
    const query = db.collection(coll).where({ [field]: _.in(values.slice(i, i + IN_BATCH)) });
    out.push(...(await (fields ? query.field(fields) : query).limit(1000).get<T>()).data);
  }
  return out;
}

/**
 * The communities whose households the records may place or mark: named by code or by name (a
 * name may match more than one; reading a few more is harmless). A new street's rows touch none.
 */
function touchedCommunities(regions: ImportedRegion[], records: ImportRecord[]): string[] {
  const codes = new Set<string>();
  const names = new Set<string>();
  for (const r of records) {
    const ref = r.sheet === 'regions' ? r.community : r.sheet === 'keyHouseholds' ? r.community : null;
    if (!ref) continue;
    if ('code' in ref) {
      if (ref.code) codes.add(ref.code);
      if ('name' in ref && typeof ref.name === 'string') names.add(ref.name);
    } else names.add(ref.name);
  }
  return regions.filter((x) => x.level === 'community' && ((x.divisionCode && codes.has(x.divisionCode)) || names.has(x.name))).map((x) => x._id);
}

/** A file touching more communities than this reads every household instead of asking by community. */
const FEW_COMMUNITIES = 50;

async function readHouseholds(communityIds: string[]): Promise<HouseholdDoc[]> {
  const fields = { _id: true, buildingId: true, estateId: true, communityId: true, room: true };
  if (!communityIds.length) return [];
  if (communityIds.length > FEW_COMMUNITIES) return readByKeyset<HouseholdDoc>('households', fields);
  return readAll<HouseholdDoc>('households', { communityId: _.in(communityIds) }, fields);
}

/**
 * Every document, a thousand at a time after the last `_id` seen: each page costs its own size
 * (paging by skip costs the pages before it again), which matters at 50,000 households.
 */
async function readByKeyset<T extends { _id: string }>(coll: string, fields?: Record<string, boolean>): Promise<T[]> {
  const out: T[] = [];
  for (let last = ''; ; ) {
    const query = db.collection(coll).where({ _id: _.gt(last) }).orderBy('_id', 'asc');
    const { data } = await (fields ? query.field(fields) : query).limit(1000).get<T>();
    out.push(...data);
    if (data.length < 1000) return out;
    last = data[data.length - 1]._id;
  }
}

/**
 * What the records need to be planned: every region, unit and pairing; households and key
 * households only when a sheet places or marks them; people only by the phones the file names
 * (a county has tens of thousands of users, a file a few thousand phones).
 */
export async function loadWorld(records: ImportRecord[]): Promise<World> {
  const has = (sheet: ImportRecord['sheet']) => records.some((r) => r.sheet === sheet);
  const phones = new Set<string>();
  for (const r of records) {
    if (r.sheet === 'people') phones.add(r.phone);
    if (r.sheet === 'keyHouseholds') r.visitorPhones.forEach((p) => phones.add(p));
  }
  const needKeys = has('keyHouseholds');
  const regions = await readAll<ImportedRegion>('regions');
  const communities = touchedCommunities(regions, records);
  const [households, units, pairings, users, pending, keys, care] = await Promise.all([
    readHouseholds(communities),
    readAll<Unit>('units'),
    readAll<UnitPairing>('pairings', {}, { _id: true, unitId: true, communityId: true }),
    byIds<UserDoc>('users', 'phone', [...phones], { _id: true, name: true, phone: true, roles: true, communityId: true }),
    byIds<PendingGrant>('pendingGrants', '_id', records.filter((r) => r.sheet === 'people').map((r) => (r as { phone: string }).phone).filter((p, i, a) => a.indexOf(p) === i)),
    needKeys ? readAll<KeyHousehold>('keyHouseholds', { communityId: _.in(communities) }) : [],
    needKeys ? readAll<HouseholdCare>('householdCare', { communityId: _.in(communities) }) : [],
  ]);
  const data: WorldData = { regions, households, units, pairings, users, pending, keys, care };
  return new World(data);
}

/** Replaces top-level fields whole (an update would merge nested objects field by field). */
function fieldsOf(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, _.set(v)]));
}

async function write(t: Transaction, x: Write, by: string, now: Date): Promise<void> {
  if (x.op === 'set') {
    const { _id, ...data } = x.doc as { _id: string } & Record<string, unknown>;
    await t.collection(x.coll).doc(_id).set({ data });
  } else if (x.op === 'update') {
    await t.collection(x.coll).doc(x.id).update({ data: fieldsOf(x.fields) });
  } else {
    // A role for someone who is in the app: merged with their roles as they are now, logged as
    // org.grantRole logs it.
    const user = (await t.collection('users').doc(x.id).get<User>()).data;
    if (!user || user.roles.some((g) => sameGrant(g, x.grant))) return;
    const roles = [...user.roles, x.grant];
    await t.collection('users').doc(x.id).update({ data: { roles: _.set(roles), unitId: workUnit(user.unitId, roles) } });
    await t.collection('roleEvents').add({ data: { openid: x.id, kind: 'grant', grant: x.grant, by, at: now } });
  }
}

/** A batch of rows' writes, all or nothing. */
export async function writeRows(writes: Write[], by: string, now: Date): Promise<void> {
  if (!writes.length) return;
  await inTransaction(async (t) => {
    for (const x of writes) await write(t, x, by, now);
  }, { conflictMessage: '数据正被他人修改，请稍后继续导入' });
}

export async function loadJob(id: string): Promise<ImportJob | null> {
  return (await db.collection(IMPORTS).doc(id).get<ImportJob>()).data;
}

export async function saveJob(job: ImportJob): Promise<void> {
  const { _id, ...data } = job;
  await db.collection(IMPORTS).doc(_id).set({ data });
}

/** Takes the job for one apply call; false when another call holds it. */
export async function claimJob(id: string, lease: string, now: number, until: number): Promise<boolean> {
  const res = await db.collection(IMPORTS).where({ _id: id, status: _.neq('finished'), leaseUntil: _.lt(now) }).update({ data: { lease, leaseUntil: until } });
  return res.stats.updated === 1;
}

/** Saves progress while still holding the lease; false when the lease was lost (the call overran). */
export async function saveProgress(id: string, lease: string, fields: Partial<ImportJob>): Promise<boolean> {
  const res = await db.collection(IMPORTS).where({ _id: id, lease }).update({ data: fieldsOf(fields) });
  return res.stats.updated === 1;
}
