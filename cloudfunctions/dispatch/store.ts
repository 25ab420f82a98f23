/**
 * Every database read and write of the dispatch function: a demand loaded together with what a
 * step or a view needs (one request, through $lookup), a transition saved with compare-and-set
 * together with its timeline event, a claim saved on its own condition, the lists, and the
 * effects of a step (scorecard counters and open deadlines, queued subscribe messages, hours to
 * the ledger, a return visit owed). Shaping for responses lives in ./views.ts.
 */
import { OPEN, UNRESOLVED, type Effect, type NotificationJob } from '../core/demand';
import type { Counters } from '../core/scorecard';
import type { Demand, DemandStatus, Urgency } from '../../types/dispatch';
import type { Region, Unit, UnitPairing, User } from '../../types/domain';
import type { KeyHousehold } from '../../types/visits';
import { _, db, isDuplicateWrite } from '../lib/cloud';
import type { Data } from '../lib/database';
import { applyIncs } from '../lib/incs';
import { creditServiceHours } from '../lib/ledger';
import { readPage } from '../lib/paging';
import { readAll } from '../lib/read-all';
import { QUEUES } from '../core/queues';
import { returnVisitDue } from './return-visits';

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

export async function insertDemand(demand: Demand): Promise<void> {
  await db.collection(DEMANDS).add({ data: demand });
}

/**
 * Writes `after` over `before` only if nobody changed the demand in between (its version), and
 * appends the new timeline events with $push so the timeline is never rewritten. Returns false
 * when another request won the race; the caller reloads and decides again.
 */
export async function saveTransition(before: Demand, after: Demand): Promise<boolean> {
  const data: Data = {};
  for (const key of Object.keys(after) as (keyof Demand)[]) {
    if (key === '_id' || key === 'timeline') continue;
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
export async function saveClaim(before: Demand, after: Demand, openid: string): Promise<boolean> {
  const claim = after.claims[after.claims.length - 1];
  const res = await db
    .collection(DEMANDS)
    .where({ _id: before._id, status: 'accepted', claimedCount: _.lt(before.dispatch!.slots), 'claims.openid': _.neq(openid) })
    .update({
      data: {
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

/** The queue counter documents of these ids, in one request (core/queues.ts). */
export async function loadQueueDocs(ids: string[]): Promise<Record<string, Record<string, unknown>>> {
  const { data } = await db.collection(QUEUES).where({ _id: _.in(ids) }).limit(ids.length).get<Record<string, unknown> & { _id: string }>();
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

// ---- effects ----------------------------------------------------------------------------------

/** Queues a step's messages as one job for the `notify` timer (notify/drain.ts). */
async function enqueue(job: Omit<NotificationJob, 'status'>): Promise<void> {
  await db.collection('notifications').add({ data: { ...job, status: 'pending' } });
}

/** One scorecard document's changes: counters to add, open deadlines to set or drop. */
interface ScorecardChange {
  scope: string;
  id: string;
  month: string;
  incs: Record<string, number>;
  open: Record<string, Date | null>;
}

/**
 * Applies a scorecard change in one write; the document is created on its first change. The
 * update always sets `updatedAt`, so "nothing matched" is the only way it reports 0 updated.
 */
async function writeScorecard(c: ScorecardChange, now: Date): Promise<void> {
  const docId = `${c.scope}_${c.id}_${c.month}`;
  const data: Data = { updatedAt: now };
  for (const [k, v] of Object.entries(c.incs)) data[k] = _.inc(v);
  for (const [demandId, finishBy] of Object.entries(c.open)) data[`open.${demandId}`] = finishBy ? finishBy : _.remove();
  for (let attempt = 0; attempt < 3; attempt++) {
    if ((await db.collection('scorecards').doc(docId).update({ data })).stats.updated === 1) return;
    const open = Object.fromEntries(Object.entries(c.open).filter(([, v]) => v !== null));
    try {
      await db.collection('scorecards').add({ data: { _id: docId, scope: c.scope, id: c.id, month: c.month, ...c.incs, open, updatedAt: now } });
      return;
    } catch (e) {
      if (!isDuplicateWrite(e)) throw e; // created by a concurrent request: apply to it instead
    }
  }
}

/**
 * Carries out a transition's effects after it is saved: at most one write per scorecard
 * document and one queued notification job; verified hours go to the points ledger and a
 * resolved household demand makes a return visit due (both idempotent, keyed by the demand).
 */
export async function applyEffects(effects: Effect[], demand: Demand, now: Date): Promise<void> {
  const changes = new Map<string, ScorecardChange>();
  const change = (scope: string, id: string, month: string) => {
    const key = `${scope}_${id}_${month}`;
    if (!changes.has(key)) changes.set(key, { scope, id, month, incs: {}, open: {} });
    return changes.get(key)!;
  };
  const messages: NotificationJob['messages'] = [];
  const followUps: Promise<void>[] = [];
  const incs: Extract<Effect, { kind: 'inc' }>[] = [];
  for (const e of effects) {
    if (e.kind === 'score') {
      const c = change(e.scope, e.id, e.month);
      c.incs[e.field] = (c.incs[e.field] ?? 0) + e.by;
    } else if (e.kind === 'deadline') {
      change(e.scope, e.id, e.month).open[e.demandId] = e.finishBy === null ? null : new Date(e.finishBy);
    } else if (e.kind === 'credit') {
      followUps.push(creditServiceHours(e, now));
    } else if (e.kind === 'resolved') {
      followUps.push(returnVisitDue(e, now));
    } else if (e.kind === 'inc') {
      incs.push(e);
    } else {
      messages.push({ template: e.template, to: e.to });
    }
  }
  await Promise.all([
    ...followUps,
    incs.length ? applyIncs(incs, now) : Promise.resolve(),
    ...[...changes.values()].map((c) => writeScorecard(c, now)),
    messages.length ? enqueue({ demandId: demand._id, text: demand.text.slice(0, 20), messages, createdAt: now }) : Promise.resolve(),
  ]);
}
