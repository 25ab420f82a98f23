/**
 * All or nothing for a demand's steps (and a visit's, whose transaction records on the visit the
 * queues' counters of the demands it files and returns to: `RECORDED_ON`). A step writes its new state AND the effects it implies
 * (core/demand `PendingEffects`: scorecard counters and open deadlines, other counters, one
 * notification job, hours to the ledger, a return visit owed) in ONE write on the demand, under a
 * key unique to the step. The effects are then applied, each idempotently under that key, and
 * removed from the demand. Whatever is left by a crash between those writes is finished by the
 * next request on the demand (a retry of the same step included) or by the repair timer (notify,
 * every minute), so every effect happens exactly once:
 * - counters: one conditional update per document, `where done.<key> does not exist`, that adds
 *   the increments and sets `done.<key>` together (the document is made on its first change);
 * - the notification job: its `_id` is `fx_<key>`, so a second insert is a duplicate, ignored;
 * - hours: ledger entries keyed by demand, member and round (lib/ledger), written once;
 * - a return visit: owed once per demand (lib/return-visits).
 */
import type { Effect, NotificationJob, PendingEffects } from '../core/demand';
import type { Demand } from '../../types/dispatch';
import { _, db, isDuplicateWrite } from './cloud';
import type { Data } from './database';
import { newId } from './ids';
import { JOBS } from './outbox';
import { creditServiceHours } from './ledger';
import { returnVisitDue } from './return-visits';

const DEMANDS = 'demands';

/** The collections whose documents carry recorded effects: the repair pass looks at each. */
export const RECORDED_ON = [DEMANDS, 'visits'] as const;
export type RecordedOn = (typeof RECORDED_ON)[number];

/** A document that carries recorded effects: a demand, or a visit (no text: it queues no message). */
type Carrier = Pick<Demand, '_id' | 'pendingEffects' | 'effectsDue'> & { text?: string };

/** How long a step may take to apply its own effects before the repair timer finishes them. */
export const REPAIR_AFTER_MS = 2 * 60_000;

/** A step's effects as recorded with it (a fresh key; null when it has none). */
export function pendingOf(effects: Effect[], now: Date): PendingEffects | null {
  return effects.length ? { key: newId(), at: now, effects } : null;
}

/** The fields of the step's own write that record `p` on the demand (lib/effects applies them afterwards). */
export function recordPending(p: PendingEffects | null): Data {
  if (!p) return {};
  return { [`pendingEffects.${p.key}`]: _.set(p), effectsDue: _.set({ key: p.key, at: p.at }) };
}

/** A demand's recorded effects not yet known applied, oldest first. */
export function leftovers(d: Pick<Demand, 'pendingEffects'>): PendingEffects[] {
  return Object.values(d.pendingEffects ?? {})
    .map((p) => p as unknown as PendingEffects)
    .sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime());
}

/** One counter document's changes under one step key. */
interface CounterChange {
  collection: string;
  doc: string;
  init: Data;
  incs: Record<string, number>;
  /** Fields set (a value) or removed (null): a scorecard's open deadlines, the per-item records of its figures. */
  sets: Record<string, Date | string | null>;
}

/**
 * Applies one counter change once per key: the increments and the key's mark in one conditional
 * write; a missing document is made with them (a racing maker wins and the change is applied to
 * its document instead). Nothing changes when the key's mark is already there.
 */
async function applyCounter(c: CounterChange, key: string, now: Date): Promise<void> {
  const data: Data = { updatedAt: now, [`done.${key}`]: now };
  for (const [k, v] of Object.entries(c.incs)) data[k] = _.inc(v);
  for (const [k, v] of Object.entries(c.sets)) data[k] = v === null ? _.remove() : v;
  const once = () => db.collection(c.collection).where({ _id: c.doc, [`done.${key}`]: _.exists(false) }).update({ data });
  if ((await once()).stats.updated === 1) return;
  // Not updated: the document is missing, or the key's mark is there (applied already).
  const made: Data = { _id: c.doc, ...c.init, updatedAt: now, done: { [key]: now } };
  for (const [k, v] of Object.entries(c.incs)) setPath(made, k, v); // `receivedBy.health` is a nested field
  for (const [k, v] of Object.entries(c.sets)) if (v !== null) setPath(made, k, v);
  try {
    await db.collection(c.collection).add({ data: made });
  } catch (e) {
    if (!isDuplicateWrite(e)) throw e;
    await once(); // it exists: applied now unless its mark says it was already
  }
}

function setPath(o: Data, path: string, v: unknown): void {
  const parts = path.split('.');
  let at = o;
  for (const p of parts.slice(0, -1)) at = (at[p] ??= {}) as Data;
  at[parts[parts.length - 1]] = v;
}

/** A step's counter changes, one per document. */
function counterChanges(effects: Effect[]): CounterChange[] {
  const changes = new Map<string, CounterChange>();
  const change = (collection: string, doc: string, init: Data) => {
    const k = `${collection}/${doc}`;
    if (!changes.has(k)) changes.set(k, { collection, doc, init, incs: {}, sets: {} });
    return changes.get(k)!;
  };
  const scorecard = (e: { scope: string; id: string; month: string }) =>
    change('scorecards', `${e.scope}_${e.id}_${e.month}`, { scope: e.scope, id: e.id, month: e.month, open: {} });
  for (const e of effects) {
    if (e.kind === 'score') {
      const c = scorecard(e);
      c.incs[e.field] = (c.incs[e.field] ?? 0) + e.by;
    } else if (e.kind === 'deadline') {
      scorecard(e).sets[`open.${e.demandId}`] = e.finishBy === null ? null : new Date(e.finishBy);
    } else if (e.kind === 'inc') {
      const c = change(e.collection, e.doc, e.init ?? {});
      c.incs[e.field] = (c.incs[e.field] ?? 0) + e.by;
    } else if (e.kind === 'set') {
      change(e.collection, e.doc, e.init ?? {}).sets[e.field] = e.value;
    }
  }
  return [...changes.values()];
}

/** Queues a step's messages as one job for the notify timer, once per key. */
async function enqueue(p: PendingEffects, demand: { _id: string; text?: string }): Promise<void> {
  const messages: NotificationJob['messages'] = [];
  for (const e of p.effects) if (e.kind === 'notify') messages.push({ template: e.template, to: e.to });
  if (!messages.length) return;
  const job: NotificationJob = { _id: `fx_${p.key}`, demandId: demand._id, text: (demand.text ?? '').slice(0, 20), messages, status: 'pending', createdAt: new Date(p.at), takenAt: null };
  try {
    await db.collection(JOBS).add({ data: job });
  } catch (e) {
    if (!isDuplicateWrite(e)) throw e; // queued by an earlier attempt
  }
}

/**
 * Applies every effect of one recorded step, each once however often this runs: at most one
 * write per counter document and one job, in parallel; hours and a return visit by their own keys.
 */
export async function applyPending(p: PendingEffects, demand: { _id: string; text?: string }, now: Date): Promise<void> {
  const work: Promise<void>[] = counterChanges(p.effects).map((c) => applyCounter(c, p.key, now));
  work.push(enqueue(p, demand));
  for (const e of p.effects) {
    if (e.kind === 'credit') work.push(creditServiceHours(e, now));
    else if (e.kind === 'resolved') work.push(returnVisitDue(e, now));
  }
  // Every effect is tried even when one fails; the first failure is then reported (the entry stays for a retry or the timer).
  const failed = (await Promise.allSettled(work)).find((r) => r.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
}

/**
 * Removes applied steps from the demand in one write; the repair index is cleared with them when
 * `latest` is still the demand's latest recorded step (else a newer step keeps it set).
 */
export async function clearPending(demandId: string, keys: string[], latest: string, collection: RecordedOn = DEMANDS): Promise<void> {
  if (!keys.length) return;
  const data: Data = {};
  for (const k of keys) data[`pendingEffects.${k}`] = _.remove();
  const res = await db.collection(collection).where({ _id: demandId, 'effectsDue.key': latest }).update({ data: { ...data, effectsDue: null } });
  if (res.stats.updated === 0) await db.collection(collection).doc(demandId).update({ data });
}

/** Applies a demand's left-over steps in order and removes them; returns how many there were. */
export async function finishLeftovers(d: Carrier, now: Date, collection: RecordedOn = DEMANDS): Promise<number> {
  const left = leftovers(d);
  for (const p of left) await applyPending(p, d, now);
  if (left.length) await clearPending(d._id, left.map((p) => p.key), d.effectsDue?.key ?? left[left.length - 1].key, collection);
  return left.length;
}

/**
 * The repair pass (notify timer): demands and visits whose latest recorded step is older than
 * REPAIR_AFTER_MS and still marked due — a request that died between its writes — get their
 * effects finished. A document whose entries were all removed but whose mark stayed (a newer step
 * raced the clear) has the mark cleared.
 */
export async function repairPending(now: Date, batch = 20): Promise<{ documents: number; steps: number }> {
  let found = 0;
  let steps = 0;
  for (const collection of RECORDED_ON) {
    const due = (
      await db
        .collection(collection)
        .where({ 'effectsDue.at': _.lte(new Date(now.getTime() - REPAIR_AFTER_MS)) })
        .orderBy('effectsDue.at', 'asc')
        .limit(batch)
        .field({ _id: true, text: true, pendingEffects: true, effectsDue: true })
        .get<Carrier>()
    ).data;
    for (const d of due) {
      const n = await finishLeftovers(d, now, collection);
      if (!n) await db.collection(collection).where({ _id: d._id, 'effectsDue.key': d.effectsDue!.key }).update({ data: { effectsDue: null } });
      steps += n;
    }
    found += due.length;
  }
  return { documents: found, steps };
}
