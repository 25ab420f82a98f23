/**
 * Every database read and write of the dispatch function: a demand loaded together with what a
 * step or a view needs (one request, through $lookup), a transition saved with compare-and-set
 * together with its timeline event and its recorded effects (applied by lib/effects.ts), a claim
 * saved on its own condition, the lists. Shaping for responses lives in ./views.ts.
 */
import { OPEN, UNRESOLVED, type PendingEffects } from '../core/demand';
import type { Counters } from '../core/scorecard';
import type { Demand, DemandStatus, Urgency } from '../../types/dispatch';
import type { Region, Unit, UnitPairing, User } from '../../types/domain';
import type { KeyHousehold } from '../../types/visits';
import { _, db, isDuplicateWrite } from '../lib/cloud';
import { recordPending } from '../lib/effects';
import type { Data } from '../lib/database';
import { readPage } from '../lib/paging';
import { readAll } from '../lib/read-all';
import { QUEUES } from '../core/queues';

const DEMANDS = 'demands';

/** A demand as read for a step or a view, with the names of the units it concerns (by id). */
export interface Loaded {
  demand: Demand;
  unitNames: Record<string, string>;
  /** The town of its community (the community region's parent), read in the same request. */
  townId?: string | null;
  /** The key household it is about, if any (who may open its page: its visitors). */
  keyHousehold?: Pick<KeyHousehold, 'communityId' | 'visitors'> | null;
}

type Lookup = { from: string; localField: string; foreignField: string; as: string };

/** The units a demand concerns: `offeredTo` always holds its unit too (accepting narrows it to that one). */
const UNITS: Lookup = { from: 'units', localField: 'dispatch.offeredTo', foreignField: '_id', as: 'units' };
const PAIRINGS: Lookup = { from: 'pairings', localField: 'communityId', foreignField: 'communityId', as: 'pairings' };
const PAIRED_UNITS: Lookup = { from: 'units', localField: 'pairings.unitId', foreignField: '_id', as: 'pairedUnits' };
const UNIT_PEOPLE: Lookup = { from: 'users', localField: 'dispatch.unitId', foreignField: 'unitId', as: 'unitMembers' };
/** Its community's region, for the town a demand belongs to (older demands do not store it yet). */
const COMMUNITY: Lookup = { from: 'regions', localField: 'communityId', foreignField: '_id', as: 'community' };
/** The key household a demand is about (it holds no sensitive field: Pillar 3 keeps those apart). */
const KEY_HOUSEHOLD: Lookup = { from: 'keyHouseholds', localField: 'householdId', foreignField: '_id', as: 'keyHouseholds' };

type Row = Demand & { units?: Unit[]; pairings?: UnitPairing[]; pairedUnits?: Unit[]; unitMembers?: User[]; community?: Region[]; keyHouseholds?: KeyHousehold[] };

/** Demands matching `match` with the joined documents, in ONE database request. */
async function readJoined(match: Data, lookups: Lookup[], limit: number): Promise<Row[]> {
  let query = db.collection(DEMANDS).aggregate().match(match);
  // Every demand comes with its key household (if any), in the same request: views need its visitors.
  for (const lookup of [...lookups, KEY_HOUSEHOLD]) query = query.lookup(lookup);
  return (await query.limit(limit).end<Row>()).list;
}

/** The demand without what the joins added, and the names of every unit that came with it. */
function loaded(row: Row): Loaded {
  const { units = [], pairings: _p, pairedUnits = [], unitMembers: _m, community = [], keyHouseholds = [], ...demand } = row;
  const townId = demand.townId ?? community[0]?.parentId ?? null;
  const keyHousehold = keyHouseholds[0] ? { communityId: keyHouseholds[0].communityId, visitors: keyHouseholds[0].visitors } : null;
  return { demand, unitNames: Object.fromEntries([...units, ...pairedUnits].map((u) => [u._id, u.name])), townId, keyHousehold };
}

export async function loadDemand(id: string): Promise<Loaded | null> {
  const [row] = await readJoined({ _id: id }, [UNITS, COMMUNITY], 1);
  return row ? loaded(row) : null;
}

/** For 派单: the demand with its community's paired units (ids and names). */
export async function loadForDispatch(id: string): Promise<(Loaded & { pairedUnitIds: string[] }) | null> {
  const [row] = await readJoined({ _id: id }, [UNITS, PAIRINGS, PAIRED_UNITS, COMMUNITY], 1);
  return row ? { ...loaded(row), pairedUnitIds: (row.pairings ?? []).map((p) => p.unitId) } : null;
}

/** For 指派: the demand with the people whose work unit is its unit. */
export async function loadForAssign(id: string): Promise<(Loaded & { unitMembers: User[] }) | null> {
  const [row] = await readJoined({ _id: id }, [UNITS, UNIT_PEOPLE, COMMUNITY], 1);
  return row ? { ...loaded(row), unitMembers: row.unitMembers ?? [] } : null;
}

/** For 合并: the demand and the one it is to be merged into, in one request. */
export async function loadForMerge(id: string, intoId: string): Promise<(Loaded & { into: Demand | null }) | null> {
  const rows = await readJoined({ _id: _.in([id, intoId]) }, [UNITS, COMMUNITY], 2);
  const row = rows.find((r) => r._id === id);
  const into = rows.find((r) => r._id === intoId);
  return row ? { ...loaded(row), into: into ? loaded(into).demand : null } : null;
}

/**
 * Files a new demand. With a client request key its id is derived from the key, so a retried
 * submission finds the first: returns that demand (the caller checks it is the same person's),
 * or null when this one was filed.
 */
export async function insertDemand(demand: Demand): Promise<Demand | null> {
  try {
    await db.collection(DEMANDS).add({ data: demand });
    return null;
  } catch (e) {
    if (!demand.requestId || !isDuplicateWrite(e)) throw e;
    return (await db.collection(DEMANDS).doc(demand._id).get<Demand>()).data;
  }
}

/** What the store never writes from a demand's own fields: its id, timeline (pushed) and recorded effects. */
const NOT_DIFFED = new Set<keyof Demand>(['_id', 'timeline', 'pendingEffects', 'effectsDue']);

/**
 * Writes `after` over `before` only if nobody changed the demand in between (its version), and
 * appends the new timeline events with $push so the timeline is never rewritten. Returns false
 * when another request won the race; the caller reloads and decides again.
 */
export async function saveTransition(before: Demand, after: Demand, pending: PendingEffects | null = null): Promise<boolean> {
  const data: Data = recordPending(pending);
  for (const key of Object.keys(after) as (keyof Demand)[]) {
    if (NOT_DIFFED.has(key)) continue;
    if (JSON.stringify(after[key]) !== JSON.stringify(before[key])) data[key] = _.set(after[key] as never);
  }
  data.timeline = _.push(after.timeline.slice(before.timeline.length));
  const res = await db.collection(DEMANDS).where({ _id: before._id, version: before.version }).update({ data });
  return res.stats.updated === 1;
}

/**
 * A claim needs only a free slot and no claim of the claimant's: concurrent claims do not have to
 * retry one another, and the slots can never be exceeded. Returns false when the condition failed.
 */
export async function saveClaim(before: Demand, after: Demand, openid: string, pending: PendingEffects | null = null): Promise<boolean> {
  const claim = after.claims[after.claims.length - 1];
  const res = await db
    .collection(DEMANDS)
    .where({ _id: before._id, status: 'accepted', claimedCount: _.lt(before.dispatch!.slots), 'claims.openid': _.neq(openid) })
    .update({
      data: {
        ...recordPending(pending),
        claims: _.push([claim]),
        claimedCount: _.inc(1),
        openSlots: _.inc(-1),
        timeline: _.push(after.timeline.slice(before.timeline.length)),
        version: _.inc(1),
      },
    });
  return res.stats.updated === 1;
}

// ---- lists ------------------------------------------------------------------------------------

/**
 * Overdue for the supervision queue: past its finish time while unresolved, or past its accept
 * time before acceptance (core/demand isOverdue).
 */
function overdueWhere(at: Date): Data[] {
  return [{ status: 'dispatched', 'dispatch.acceptBy': _.lt(at) }, { 'dispatch.finishBy': _.lt(at) }];
}

/** Which demands a list shows, as the handler decided from the scope and the caller's roles. */
export interface DemandFilter {
  submitter?: string;
  communities?: string[];
  /** Dispatched (or offered) to one of these units. */
  offeredToAny?: string[];
  /** Accepted by one of these units, with a free slot, not claimed by this person. */
  claimableBy?: { units: string[]; openid: string };
  claimant?: string;
  status?: DemandStatus;
  urgency?: Urgency;
  /** Past its accept or finish time at this moment. */
  overdueAt?: Date;
  /** Of one of these towns (镇街). */
  towns?: string[];
  /** 已吹哨 or 督办, and not yet resolved. */
  flag?: 'escalated' | 'supervised';
  /** Overdue, 已吹哨 or 督办 and not yet resolved (the town's and the county's queue). */
  supervision?: Date;
  /** One of these states. */
  statuses?: DemandStatus[];
  /** Accepted by one of these units; with free slots (待指派) or full (办理中). */
  heldBy?: { units: string[]; free: boolean };
  /** Closed and resolved, no 回访 yet. */
  owesReturnVisit?: boolean;
}

/**
 * The queue counter documents of these ids and, for a town official or the county, every community
 * document of their towns or of the county, in one request (core/queues.ts). A county has hundreds
 * of communities at most: within a server read's 1000 documents.
 */
export async function loadQueueDocs(ids: string[], over: { towns: string[]; county: boolean }): Promise<Record<string, Record<string, unknown>>> {
  const wanted: Data[] = ids.length ? [{ _id: _.in(ids) }] : [];
  if (over.county) wanted.push({ scope: 'community' });
  else if (over.towns.length) wanted.push({ scope: 'community', townId: _.in(over.towns) });
  if (!wanted.length) return {};
  const where = wanted.length === 1 ? wanted[0] : (_.or(wanted) as Data);
  const limit = over.county || over.towns.length ? 1000 : ids.length;
  const { data } = await db.collection(QUEUES).where(where).limit(limit).get<Record<string, unknown> & { _id: string }>();
  return Object.fromEntries(data.map((d) => [d._id, d]));
}

/** For the reconcile only: every demand and every queue counter document. */
export const readAllDemands = () => readAll<Demand>(DEMANDS);
export const readAllQueueDocs = () => readAll<Record<string, unknown> & { _id: string }>(QUEUES);

/** One page of demands, newest first, with one more than asked (lib/paging). */
export async function listDemands(f: DemandFilter, page: number, pageSize: number): Promise<Demand[]> {
  const conditions: Data[] = [];
  if (f.submitter) conditions.push({ 'submitter.openid': f.submitter });
  if (f.communities) conditions.push({ communityId: _.in(f.communities) });
  if (f.offeredToAny) conditions.push({ 'dispatch.offeredTo': _.in(f.offeredToAny) });
  if (f.claimableBy) {
    conditions.push({ 'dispatch.unitId': _.in(f.claimableBy.units), status: 'accepted', openSlots: _.gt(0), 'claims.openid': _.neq(f.claimableBy.openid) });
  }
  if (f.claimant) conditions.push({ 'claims.openid': f.claimant });
  if (f.status) conditions.push({ status: f.status });
  if (f.urgency) conditions.push({ urgency: f.urgency });
  if (f.towns) conditions.push({ townId: _.in(f.towns) });
  if (f.statuses) conditions.push({ status: _.in(f.statuses) });
  if (f.heldBy) conditions.push({ status: 'accepted', 'dispatch.unitId': _.in(f.heldBy.units), openSlots: f.heldBy.free ? _.gt(0) : _.eq(0) });
  if (f.owesReturnVisit) conditions.push({ status: 'closed', resolvedAt: _.neq(null), 'returnVisits.0': _.exists(false) });
  if (f.flag === 'escalated') conditions.push({ escalatedAt: _.neq(null), status: _.in(UNRESOLVED) });
  if (f.flag === 'supervised') conditions.push({ supervisedAt: _.neq(null), status: _.in(UNRESOLVED) });
  if (f.supervision) {
    conditions.push({ status: _.in(UNRESOLVED) });
    // Overdue as core/demand isOverdue has it: only while not yet resolved.
    const overdue = _.and([{ resolvedAt: null }, _.or(overdueWhere(f.supervision))]);
    conditions.push(_.or([{ escalatedAt: _.neq(null) }, { supervisedAt: _.neq(null) }, overdue]) as Data);
  }
  if (f.overdueAt) {
    // The same items as core/demand isOverdue: dispatched, not yet resolved, in any open state.
    conditions.push({ status: _.in(OPEN), resolvedAt: null });
    conditions.push(_.or(overdueWhere(f.overdueAt)) as Data);
  }
  const query = db.collection(DEMANDS).where(conditions.length === 1 ? conditions[0] : (_.and(conditions) as Data));
  return readPage<Demand>(query.orderBy('createdAt', 'desc'), page, pageSize);
}

// ---- what submitting and the scorecard read ----------------------------------------------------

export async function loadUser(openid: string): Promise<User | null> {
  return (await db.collection('users').doc(openid).get<User>()).data;
}

/** A building's place in the tree (its estate is `path[3]`, its community `path[2]`). */
export async function loadBuilding(id: string): Promise<Pick<Region, '_id' | 'level' | 'path'> | null> {
  return (await db.collection('regions').doc(id).get<Region>()).data;
}

export async function loadHousehold(id: string): Promise<{ buildingId: string; communityId: string } | null> {
  return (await db.collection('households').doc(id).get<{ buildingId: string; communityId: string }>()).data;
}

export async function loadScorecard(scope: 'community' | 'unit', id: string, month: string): Promise<Counters | null> {
  return (await db.collection('scorecards').doc(`${scope}_${id}_${month}`).get<Counters>()).data;
}

/** Whether a community (a region of that level) or a unit of this id exists. */
export async function scopeExists(scope: 'community' | 'unit', id: string): Promise<boolean> {
  if (scope === 'unit') return (await db.collection('units').doc(id).get()).data !== null;
  const region = (await db.collection('regions').doc(id).get<{ level: string }>()).data;
  return region?.level === 'community';
}
