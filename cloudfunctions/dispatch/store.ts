/**
 * Persistence of demands: load, compare-and-set a transition together with its timeline event in
 * one single-document write, and carry out the transition's effects (scorecard counters and
 * open deadlines, queued subscribe messages). Shaping for responses lives in ./demand-views.ts.
 */
import type { Effect } from '../core/demand';
import type { Demand } from '../../types/dispatch';
import { _, db, isDuplicateWrite } from '../lib/cloud';
import type { Data } from '../lib/database';
import { returnVisitDue } from './return-visits';
import { creditServiceHours } from '../lib/ledger';
import type { NotificationJob } from '../core/demand';

/** Queues a step's messages as one job for the `notify` timer (notify/drain.ts). */
async function enqueue(job: Omit<NotificationJob, 'status'>): Promise<void> {
  await db.collection('notifications').add({ data: { ...job, status: 'pending' } });
}

export async function loadDemand(id: string): Promise<Demand | null> {
  return (await db.collection('demands').doc(id).get<Demand>()).data;
}

/**
 * A demand together with the documents of another collection that a step needs (its
 * community's pairings, its unit's members) in ONE database request, through $lookup.
 */
export async function loadDemandJoined<K extends string, J>(
  id: string,
  join: { from: string; localField: string; foreignField: string; as: K },
): Promise<(Demand & Record<K, J[]>) | null> {
  const res = await db.collection('demands').aggregate().match({ _id: id }).lookup(join).limit(1).end<Demand & Record<K, J[]>>();
  return res.list[0] ?? null;
}

/**
 * Writes `after` over `before` only if nobody changed the demand in between (its version), and
 * appends the new timeline events with $push so the timeline is never rewritten. Returns false
 * when another request won the race; the caller reloads and decides again.
 */
export async function saveTransition(before: Demand, after: Demand, condition: Data = { version: before.version }): Promise<boolean> {
  const data: Data = {};
  for (const key of Object.keys(after) as (keyof Demand)[]) {
    if (key === '_id' || key === 'timeline') continue;
    if (JSON.stringify(after[key]) !== JSON.stringify(before[key])) data[key] = _.set(after[key] as never);
  }
  data.timeline = _.push(after.timeline.slice(before.timeline.length));
  const res = await db.collection('demands').where({ _id: before._id, ...condition }).update({ data });
  return res.stats.updated === 1;
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
    } else {
      messages.push({ template: e.template, to: e.to });
    }
  }
  await Promise.all([
    ...followUps,
    ...[...changes.values()].map((c) => writeScorecard(c, now)),
    messages.length ? enqueue({ demandId: demand._id, text: demand.text.slice(0, 20), messages, createdAt: now }) : Promise.resolve(),
  ]);
}
