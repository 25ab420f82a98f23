/**
 * The work queues of each role and their maintained counters (pure). A demand contributes 1 to a
 * set of (document, field) counters according to its state; a step's counter changes are the
 * difference between what the demand contributed before and after (`queueDeltas`), emitted as
 * `inc` effects beside the scorecard's, so a count is read from maintained documents, never a scan.
 *
 * The documents are a community's, a unit's and a member's. A town's and the county's counts are
 * the sums of their communities' documents, found by one `where` on the labels every community
 * document carries (`scope: 'community'`, `townId`): a step writes no town or county document.
 *
 * 超期 changes with time, not with a write. Each open item with an SLA contributes 1 to the bucket
 * of the instant it becomes overdue (`due.<ms>`: its accept time while not accepted, otherwise
 * its finish time); the overdue count at `now` is the sum of the buckets before `now`. Working-day
 * deadlines all fall at 24:00 of a day, so they share buckets; a bucket back at 0 is removed by
 * the nightly timer (`emptyBuckets`: a step's `inc` cannot know it reached 0 without a read).
 */
import type { Demand } from '../../types/dispatch';
import { isTracked, isUnresolved, type Effect } from './demand';

/** Collection of the queue counter documents: `community_<id>`, `unit_<id>`, `member_<openid>`. */
export const QUEUES = 'queues';

export type StaffQueue = 'triage' | 'working' | 'verify' | 'overdue' | 'returnVisit';
export type LiaisonQueue = 'toAccept' | 'toAssign' | 'inProgress' | 'overdue';
export type MemberQueue = 'claimable' | 'myTasks';
export type SupervisionQueue = 'overdue' | 'escalated' | 'supervised';

/** One counter document as stored: plain counters and the overdue buckets. */
export interface QueueDoc {
  _id: string;
  /** Counters by field (e.g. `triage`, `toAccept`, `myTasks`). */
  [field: string]: unknown;
  due?: Record<string, number>;
}

/** The instant an open item with an SLA becomes overdue (core/demand isOverdue), or null. */
export function overdueFrom(d: Pick<Demand, 'status' | 'dispatch' | 'resolvedAt'>): number | null {
  if (!isTracked(d)) return null;
  const finish = new Date(d.dispatch!.finishBy).getTime();
  if (d.status !== 'dispatched') return finish;
  return Math.min(finish, new Date(d.dispatch!.acceptBy).getTime());
}

/** Staff's 回访 queue: closed, resolved, no return visit yet. */
export const owesReturnVisit = (d: Pick<Demand, 'status' | 'resolvedAt' | 'returnVisits'>) => d.status === 'closed' && !!d.resolvedAt && d.returnVisits.length === 0;

/** The counters one demand contributes 1 to, as `doc/field` keys. */
export function contributions(d: Demand): string[] {
  const out: string[] = [];
  const add = (doc: string, field: string) => out.push(`${doc}/${field}`);
  const community = `community_${d.communityId}`;
  if (d.status === 'submitted') add(community, 'triage');
  if (d.status === 'handling' || d.status === 'dispatched' || d.status === 'accepted') add(community, 'working');
  if (d.status === 'completed') add(community, 'verify');
  if (owesReturnVisit(d)) add(community, 'returnVisit');
  const dispatch = d.dispatch;
  if (dispatch && d.status === 'dispatched') for (const u of dispatch.offeredTo) add(`unit_${u}`, 'toAccept');
  if (dispatch?.unitId && d.status === 'accepted') add(`unit_${dispatch.unitId}`, d.openSlots > 0 ? 'toAssign' : 'inProgress');
  for (const c of d.claims) {
    add(`member_${c.openid}`, 'myTasks');
    // Claimed by this member while still on the unit's 可认领 list: subtracted from it for them.
    if (d.status === 'accepted' && d.openSlots > 0) add(`member_${c.openid}`, 'claimedOpen');
  }
  // The town's and the county's 已吹哨 and 督办: summed over their communities' documents.
  if (isUnresolved(d) && d.escalatedAt) add(community, 'escalated');
  if (isUnresolved(d) && d.supervisedAt) add(community, 'supervised');
  const due = overdueFrom(d);
  if (due !== null) {
    const docs = [community, ...(dispatch ? dispatch.offeredTo.map((u) => `unit_${u}`) : [])];
    for (const doc of docs) add(doc, `due.${due}`);
  }
  return out;
}

/** What a community's document says of itself, so one `where` finds a town's or the county's. */
export interface CommunityLabels {
  scope: 'community';
  townId?: string;
}

/** A community document's labels as a demand of it knows them (its town once a step stored it). */
export const communityLabels = (d: Pick<Demand, 'townId'>): CommunityLabels => (d.townId ? { scope: 'community', townId: d.townId } : { scope: 'community' });

/** Counts of a list of keys, as a map. */
function tally(keys: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
}

/**
 * What a step moves: for every counter whose contribution differs between `before` (as stored and
 * counted) and `after`, an `inc` effect on its document. Empty when nothing queue-relevant changed.
 */
export function queueDeltas(before: Demand | null, after: Demand): Extract<Effect, { kind: 'inc' }>[] {
  const was = tally(before ? contributions(before) : []);
  const now = tally(contributions(after));
  const out: Extract<Effect, { kind: 'inc' }>[] = [];
  for (const key of new Set([...was.keys(), ...now.keys()])) {
    const by = (now.get(key) ?? 0) - (was.get(key) ?? 0);
    if (by === 0) continue;
    const slash = key.indexOf('/');
    const doc = key.slice(0, slash);
    const init = doc.startsWith('community_') ? { init: { ...communityLabels(after) } } : {};
    out.push({ kind: 'inc', collection: QUEUES, doc, field: key.slice(slash + 1), by, ...init });
  }
  return out;
}

type QueueEffect = Extract<Effect, { kind: 'inc' } | { kind: 'set' }>;

/**
 * A step's queue effects: its deltas and, riding on the same write of the community's document
 * (no write of its own), the document's labels — a document made at 提交, before the demand knew
 * its town, learns it on the next step that moves it (派单, 自办, 合并, 不予受理 all do).
 */
export function queueEffects(before: Demand | null, after: Demand): QueueEffect[] {
  const deltas: QueueEffect[] = queueDeltas(before, after);
  const community = `community_${after.communityId}`;
  if (!deltas.some((e) => e.doc === community)) return deltas;
  const labels = communityLabels(after);
  for (const [field, value] of Object.entries(labels)) deltas.push({ kind: 'set', collection: QUEUES, doc: community, field, value, init: { ...labels } });
  return deltas;
}

/** Each community document's town as its demands know it (the reconcile's side of the labels). */
export function recountTowns(demands: Demand[]): Map<string, string> {
  const towns = new Map<string, string>();
  for (const d of demands) if (d.townId) towns.set(`community_${d.communityId}`, d.townId);
  return towns;
}

/**
 * The `due.<ms>` buckets of a stored document that are back at 0 (the nightly timer removes
 * them, on the condition that they are still 0, so a step's increment in between is never lost).
 */
export function emptyBuckets(doc: Record<string, unknown> | undefined): string[] {
  const due = (doc?.due ?? {}) as Record<string, unknown>;
  return Object.entries(due)
    .filter(([, n]) => n === 0)
    .map(([t]) => t);
}

/** Every counter document recomputed from all demands (the reconcile's side). */
export function recount(demands: Demand[]): Map<string, Record<string, number>> {
  const docs = new Map<string, Record<string, number>>();
  for (const d of demands) {
    for (const key of contributions(d)) {
      const slash = key.indexOf('/');
      const doc = key.slice(0, slash);
      const field = key.slice(slash + 1);
      const fields = docs.get(doc) ?? {};
      fields[field] = (fields[field] ?? 0) + 1;
      docs.set(doc, fields);
    }
  }
  return docs;
}

/** A stored document's counters flattened (`due.<ms>` included), zero entries left out. */
export function flatten(doc: Record<string, unknown> | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(doc ?? {})) {
    if (k === 'due' && v && typeof v === 'object') {
      for (const [t, n] of Object.entries(v as Record<string, number>)) if (n) out[`due.${t}`] = n;
    } else if (typeof v === 'number' && v !== 0) out[k] = v;
  }
  return out;
}

/** Items of a document overdue at `now`: the buckets whose instant has passed. */
export function overdueAt(doc: Record<string, unknown> | undefined, now: Date): number {
  const due = (doc?.due ?? {}) as Record<string, number>;
  let n = 0;
  for (const [t, count] of Object.entries(due)) if (Number(t) < now.getTime()) n += count;
  return n;
}

const num = (doc: Record<string, unknown> | undefined, field: string) => (typeof doc?.[field] === 'number' ? (doc[field] as number) : 0);

/** What one caller's queues count: their counter documents by id, and their towns' or the county's communities. */
export interface QueueScopes {
  communities: string[];
  liaisonUnits: string[];
  memberUnits: string[];
  openid: string;
  towns: string[];
  county: boolean;
}

/** The counter documents a caller's counts need by id; with `queueDocsWanted`'s labels, read in one request. */
export function queueDocIds(s: QueueScopes): string[] {
  const ids = [...s.communities.map((c) => `community_${c}`), ...[...new Set([...s.liaisonUnits, ...s.memberUnits])].map((u) => `unit_${u}`)];
  if (s.memberUnits.length) ids.push(`member_${s.openid}`);
  return ids;
}

/** Whether a caller supervises this stored community document (the county all of them, a town its own). */
function supervises(s: QueueScopes, doc: Record<string, unknown>): boolean {
  if (doc.scope !== 'community') return false;
  return s.county || (typeof doc.townId === 'string' && s.towns.includes(doc.townId));
}

export interface QueueCounts {
  staff?: Record<StaffQueue, number>;
  liaison?: Record<LiaisonQueue, number>;
  member?: Record<MemberQueue, number>;
  supervision?: Record<SupervisionQueue, number>;
}

/** The counts of every queue a caller has, from their counter documents, at `now`. */
export function queueCounts(s: QueueScopes, docs: Record<string, Record<string, unknown>>, now: Date): QueueCounts {
  const sum = (ids: string[], f: (doc: Record<string, unknown> | undefined) => number) => ids.reduce((n, id) => n + f(docs[id]), 0);
  const out: QueueCounts = {};
  if (s.communities.length) {
    const ids = s.communities.map((c) => `community_${c}`);
    out.staff = {
      triage: sum(ids, (d) => num(d, 'triage')),
      working: sum(ids, (d) => num(d, 'working')),
      verify: sum(ids, (d) => num(d, 'verify')),
      overdue: sum(ids, (d) => overdueAt(d, now)),
      returnVisit: sum(ids, (d) => num(d, 'returnVisit')),
    };
  }
  if (s.liaisonUnits.length) {
    const ids = s.liaisonUnits.map((u) => `unit_${u}`);
    out.liaison = {
      toAccept: sum(ids, (d) => num(d, 'toAccept')),
      toAssign: sum(ids, (d) => num(d, 'toAssign')),
      inProgress: sum(ids, (d) => num(d, 'inProgress')),
      overdue: sum(ids, (d) => overdueAt(d, now)),
    };
  }
  if (s.memberUnits.length) {
    const mine = docs[`member_${s.openid}`];
    const open = sum(s.memberUnits.map((u) => `unit_${u}`), (d) => num(d, 'toAssign'));
    out.member = { claimable: Math.max(0, open - num(mine, 'claimedOpen')), myTasks: num(mine, 'myTasks') };
  }
  if (s.towns.length || s.county) {
    const ids = Object.keys(docs).filter((id) => supervises(s, docs[id]));
    out.supervision = {
      overdue: sum(ids, (d) => overdueAt(d, now)),
      escalated: sum(ids, (d) => num(d, 'escalated')),
      supervised: sum(ids, (d) => num(d, 'supervised')),
    };
  }
  return out;
}
