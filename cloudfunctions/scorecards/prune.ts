/**
 * The night's tidying of the queues' overdue buckets (core/queues.ts): a `due.<ms>` bucket back at
 * 0 is removed. Not in the step's own write: a step's increment is blind (it reads no counter
 * document, and an update cannot remove a field on the value it leaves), so knowing it reached 0
 * would cost every step a read per document. Here each document's empty buckets are removed on the
 * condition that they are all still 0: a step that moves one in between makes the update match
 * nothing, and the bucket is simply tried again the next night — no increment is ever lost.
 * Documents of towns and of the county, which steps wrote before their counts became sums of
 * their communities' documents, are removed too (a no-op once they are gone).
 */
import { emptyBuckets, QUEUES } from '../core/queues';
import { _, db } from '../lib/cloud';
import type { Data } from '../lib/database';
import { readAll } from '../lib/read-all';

/** Updates in flight at once (as the opening of the month's documents). */
const BATCH = 20;

export interface PruneResult {
  /** Documents that had empty buckets removed. */
  documents: number;
  buckets: number;
}

/** Removes `buckets` (instants) from one document's `due` if every one of them is still 0; whether it did. */
export async function removeEmptyBuckets(id: string, buckets: string[]): Promise<boolean> {
  if (!buckets.length) return false;
  const where: Data = { _id: id };
  const data: Data = {};
  for (const t of buckets) {
    where[`due.${t}`] = 0;
    data[`due.${t}`] = _.remove();
  }
  return (await db.collection(QUEUES).where(where).update({ data })).stats.updated === 1;
}

/** The queue documents no step writes any more: `town_<id>` and `county` (core/queues.ts). */
async function removeRetiredDocs(): Promise<void> {
  const towns = await readAll<{ _id: string }>('regions', { level: 'town' }, { _id: true });
  await db.collection(QUEUES).where({ _id: _.in(['county', ...towns.map((t) => `town_${t._id}`)]) }).remove();
}

/** Every queue document with overdue buckets (communities' and units'), its empty ones removed. */
export async function pruneQueueBuckets(): Promise<PruneResult> {
  await removeRetiredDocs();
  const docs = await readAll<{ _id: string; due?: Record<string, number> }>(QUEUES, { due: _.exists(true) }, { _id: true, due: true });
  const work = docs.map((d) => ({ id: d._id, buckets: emptyBuckets(d) })).filter((w) => w.buckets.length);
  const out: PruneResult = { documents: 0, buckets: 0 };
  for (let i = 0; i < work.length; i += BATCH) {
    const batch = work.slice(i, i + BATCH);
    const done = await Promise.all(batch.map((w) => removeEmptyBuckets(w.id, w.buckets)));
    batch.forEach((w, j) => {
      if (!done[j]) return;
      out.documents++;
      out.buckets += w.buckets.length;
    });
  }
  return out;
}
