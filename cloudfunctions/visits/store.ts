/**
 * The visits function's reads and writes. Lists are read from `keyHouseholds` alone, which holds
 * no sensitive field, so no list can leak one; `householdCare` is read only where a reader may see
 * it (./reading.ts). Writes that belong together take the transaction they run in (`t`); a load
 * runs in one when given it, on the database otherwise.
 */
import type { Demand } from '../../types/dispatch';
import type { Region, User } from '../../types/domain';
import type { HouseholdCare, KeyHousehold, PairingChange, SensitiveRead, VisitRecord } from '../../types/visits';
import { coverageId, newCoverageDoc, visitCoverageChange, type CoverageDoc } from '../core/visits-coverage';
import type { Schedule } from '../core/visits';
import type { Actor } from '../core/actor';
import { _, db } from '../lib/cloud';
import type { Data, Transaction } from '../lib/database';
import { newId } from '../lib/ids';
import { readPage } from '../lib/paging';

export const KEY = 'keyHouseholds';
export const CARE = 'householdCare';
export const VISITS = 'visits';
export const PAIRINGS = 'visitPairings';
export const READS = 'sensitiveReads';
export const COVERAGE = 'visitCoverage';
const DEMANDS = 'demands';

/** The database, or a transaction: both load single documents the same way. */
type Docs = Pick<Transaction, 'collection'>;

/** A household as the organisation seeds it (collection `households`). */
export interface Household {
  _id: string;
  buildingId: string;
  estateId: string;
  communityId: string;
  room: string;
}

// ---- key households ------------------------------------------------------------------------------

export async function loadKeyHousehold(id: string, from: Docs = db): Promise<KeyHousehold | null> {
  return (await from.collection(KEY).doc(id).get<KeyHousehold>()).data;
}

export async function loadCare(id: string, from: Docs = db): Promise<HouseholdCare | null> {
  return (await from.collection(CARE).doc(id).get<HouseholdCare>()).data;
}

/** Which active key households a list shows. */
export interface KeyHouseholdFilter {
  communityId?: string;
  visitorOpenid?: string;
  /** Nobody paired yet. */
  unpaired?: boolean;
  /** Its window has opened (`due`) or ended (`overdue`) by now. */
  due?: 'due' | 'overdue';
}

/** A page of active key households, due first: the earliest end of window at the top. */
export function readKeyHouseholds(f: KeyHouseholdFilter, now: Date, page: number, pageSize: number): Promise<KeyHousehold[]> {
  const conditions: Data[] = [{ active: true }];
  if (f.communityId) conditions.push({ communityId: f.communityId });
  if (f.visitorOpenid) conditions.push({ 'visitors.openid': f.visitorOpenid });
  if (f.unpaired) conditions.push({ 'visitors.openid': _.exists(false) });
  if (f.due === 'due') conditions.push({ nextDueFrom: _.lte(now) });
  if (f.due === 'overdue') conditions.push({ nextDueBy: _.lt(now) });
  const query = db.collection(KEY).where(_.and(conditions) as Data).orderBy('nextDueBy', 'asc').orderBy('_id', 'asc');
  return readPage<KeyHousehold>(query, page, pageSize);
}

/** A community's key households fit one read (CloudBase returns at most 1000 documents). */
const MAX_KEY_HOUSEHOLDS = 1000;

/** A community's active key households, their ids and ends of window only. */
export async function activeKeyHouseholds(communityId: string): Promise<Pick<KeyHousehold, '_id' | 'nextDueBy'>[]> {
  const query = db.collection(KEY).where({ communityId, active: true }).field({ _id: true, nextDueBy: true }).limit(MAX_KEY_HOUSEHOLDS);
  return (await query.get<Pick<KeyHousehold, '_id' | 'nextDueBy'>>()).data;
}

/** Writes a household and its care details whole (a document's `_id` is never part of its data). */
export async function writeKey(t: Transaction, h: KeyHousehold, care: HouseholdCare): Promise<void> {
  const { _id: _k, ...hData } = h;
  const { _id: _c, ...careData } = care;
  await t.collection(KEY).doc(h._id).set({ data: hData });
  await t.collection(CARE).doc(h._id).set({ data: careData });
}

/** No longer key: nobody paired, nothing owed or reminded, and the care details deleted. */
export async function writeUnmarked(t: Transaction, h: KeyHousehold, now: Date): Promise<void> {
  await t.collection(KEY).doc(h._id).update({ data: { active: false, visitors: _.set([]), returnsDue: _.set([]), reminded: true, updatedAt: now, version: h.version + 1 } });
  await t.collection(CARE).doc(h._id).remove();
}

export async function writeVisitors(t: Transaction, h: KeyHousehold, visitors: KeyHousehold['visitors'], now: Date): Promise<void> {
  await t.collection(KEY).doc(h._id).update({ data: { visitors: _.set(visitors), updatedAt: now, version: h.version + 1 } });
}

/** A household's schedule after a visit; `reminded` is cleared when a new window opened. */
export async function writeSchedule(t: Transaction, h: KeyHousehold, s: Schedule, reminded: boolean, now: Date): Promise<void> {
  await t.collection(KEY).doc(h._id).update({
    data: {
      lastContactAt: s.lastContactAt,
      lastVisitAt: s.lastVisitAt,
      dueFrom: s.dueFrom,
      dueBy: s.dueBy,
      nextDueFrom: s.nextDueFrom,
      nextDueBy: s.nextDueBy,
      returnsDue: _.set(s.returnsDue),
      returnsDone: _.set(s.returnsDone),
      reminded,
      updatedAt: now,
      version: h.version + 1,
    },
  });
}

// ---- reminders -----------------------------------------------------------------------------------

/** Households whose due window has opened and whose visitors were not reminded of it, oldest first. */
export async function dueForReminder(now: Date, batch: number): Promise<KeyHousehold[]> {
  return (await db.collection(KEY).where({ active: true, reminded: false, nextDueFrom: _.lte(now) }).orderBy('nextDueFrom', 'asc').limit(batch).get<KeyHousehold>()).data;
}

/** Takes a household's reminder with a compare-and-set: false when it changed meanwhile (or another run took it). */
export async function takeReminder(h: KeyHousehold): Promise<boolean> {
  const taken = await db.collection(KEY).where({ _id: h._id, version: h.version }).update({ data: { reminded: true, version: _.inc(1) } });
  return taken.stats.updated === 1;
}

// ---- the organisation's records, as visits needs them --------------------------------------------

export async function loadHousehold(id: string): Promise<Household | null> {
  return (await db.collection('households').doc(id).get<Household>()).data;
}

export async function loadRegion(id: string): Promise<Region | null> {
  return (await db.collection('regions').doc(id).get<Region>()).data;
}

export async function loadUser(openid: string): Promise<User | null> {
  return (await db.collection('users').doc(openid).get<User>()).data;
}

/** A building's households (rooms in order) and which of them are key now. */
export async function buildingRooms(buildingId: string): Promise<{ households: Pick<Household, '_id' | 'room'>[]; keyIds: Set<string> }> {
  const [households, keys] = await Promise.all([
    db.collection('households').where({ buildingId }).orderBy('room', 'asc').limit(200).get<Pick<Household, '_id' | 'room'>>(),
    db.collection(KEY).where({ buildingId, active: true }).field({ _id: true }).limit(200).get<{ _id: string }>(),
  ]);
  return { households: households.data, keyIds: new Set(keys.data.map((k) => k._id)) };
}

/** The units paired with a community (结对共建): their members may visit its households. */
export async function pairedUnits(communityId: string): Promise<string[]> {
  return (await db.collection('pairings').where({ communityId }).field({ unitId: true }).limit(100).get<{ unitId: string }>()).data.map((p) => p.unitId);
}

/** A page of the people who may visit a community's households: its workers, and members who live there or whose unit is paired with it. */
export function readCandidates(communityId: string, units: string[], page: number, pageSize: number): Promise<User[]> {
  const who: Data[] = [
    { roles: _.elemMatch({ role: _.in(['staff', 'gridWorker', 'secretary']), communityId }) },
    { communityId, 'roles.role': 'member' },
  ];
  if (units.length) who.push({ roles: _.elemMatch({ role: 'member', unitId: _.in(units) }) });
  return readPage<User>(db.collection('users').where(_.or(who) as Data).orderBy('_id', 'asc'), page, pageSize);
}

// ---- visits, pairing changes, the read log -------------------------------------------------------

/** The latest visits of a household, newest first. */
export async function recentVisits(householdId: string, limit: number): Promise<VisitRecord[]> {
  return (await db.collection(VISITS).where({ householdId }).orderBy('at', 'desc').limit(limit).get<VisitRecord>()).data;
}

export function readVisits(householdId: string, page: number, pageSize: number): Promise<VisitRecord[]> {
  return readPage<VisitRecord>(db.collection(VISITS).where({ householdId }).orderBy('at', 'desc'), page, pageSize);
}

export async function loadVisit(id: string): Promise<VisitRecord | null> {
  return (await db.collection(VISITS).doc(id).get<VisitRecord>()).data;
}

export async function addVisit(t: Transaction, visit: VisitRecord): Promise<void> {
  await t.collection(VISITS).add({ data: visit });
}

export async function pairingChanges(householdId: string, limit = 20): Promise<PairingChange[]> {
  return (await db.collection(PAIRINGS).where({ householdId }).orderBy('at', 'desc').limit(limit).get<PairingChange>()).data;
}

/** Pairing changes are append-only: one record per change, written with the household. */
export async function addPairing(t: Transaction, p: PairingChange): Promise<void> {
  await t.collection(PAIRINGS).add({ data: p });
}

/**
 * Records a read of a household's sensitive fields BEFORE they are returned: if the log cannot be
 * written, the request fails and nothing sensitive leaves the server.
 */
export async function logSensitiveRead(
  h: Pick<KeyHousehold, '_id' | 'address' | 'communityId'>,
  reader: Pick<Actor, 'openid' | 'name'>,
  readerRole: SensitiveRead['readerRole'],
  action: SensitiveRead['action'],
  now: Date,
): Promise<void> {
  const entry: SensitiveRead = {
    _id: newId(),
    householdId: h._id,
    address: h.address,
    communityId: h.communityId,
    reader: { openid: reader.openid, name: reader.name },
    readerRole,
    action,
    at: now,
  };
  await db.collection(READS).add({ data: entry });
}

export function readSensitiveReads(communityId: string, householdId: string | undefined, page: number, pageSize: number): Promise<SensitiveRead[]> {
  return readPage<SensitiveRead>(db.collection(READS).where(householdId ? { communityId, householdId } : { communityId }).orderBy('at', 'desc'), page, pageSize);
}

// ---- coverage counters ---------------------------------------------------------------------------

export async function loadCoverage(communityId: string, month: string): Promise<CoverageDoc | null> {
  return (await db.collection(COVERAGE).doc(coverageId(communityId, month)).get<CoverageDoc>()).data;
}

/** One visit's change to its month's counter document (created by the month's first visit). */
export async function addToCoverage(t: Transaction, visit: VisitRecord): Promise<void> {
  const change = visitCoverageChange(visit);
  const id = coverageId(visit.communityId, visit.month);
  const existing = (await t.collection(COVERAGE).doc(id).get<CoverageDoc>()).data;
  if (!existing) {
    const { _id, ...data } = newCoverageDoc(visit.communityId, visit.month, change);
    await t.collection(COVERAGE).doc(_id).set({ data });
    return;
  }
  const data: Data = { ...change.sets };
  for (const [path, by] of Object.entries(change.incs)) data[path] = _.inc(by);
  await t.collection(COVERAGE).doc(id).update({ data });
}

// ---- demands (Pillar 1), as a visit touches them -------------------------------------------------

export async function loadDemand(id: string, from: Docs = db): Promise<Demand | null> {
  return (await from.collection(DEMANDS).doc(id).get<Demand>()).data;
}

/** A new demand (a need found on a visit), under the id it was given. */
export async function addDemand(t: Transaction, demand: Demand): Promise<void> {
  const { _id, ...data } = demand;
  await t.collection(DEMANDS).doc(_id).set({ data });
}

/**
 * Writes a return visit decided by core/demand.ts inside the visit's transaction (which isolates
 * it from a dispatch step on the same demand): what it appended is pushed — the timeline is never
 * rewritten — and the version set. A return visit changes nothing else (test/core/demand.test.ts).
 */
export async function writeReturnVisit(t: Transaction, before: Demand, after: Demand): Promise<void> {
  await t.collection(DEMANDS).doc(before._id).update({
    data: {
      returnVisits: _.push(after.returnVisits.slice(before.returnVisits.length)),
      timeline: _.push(after.timeline.slice(before.timeline.length)),
      version: after.version,
    },
  });
}
