/** Reading a whole collection (or all that match) for the rare jobs that must: reconcile, the timers. */
import { db } from './cloud';
import type { Data } from './database';

/** The most documents one read may return in a cloud function. */
const BATCH = 1000;

/**
 * Every matching document, a thousand at a time, in `_id` order so that paging by skip is stable.
 * `fields` limits what each document carries (e.g. `{ _id: true }`).
 */
export async function readAll<T>(collection: string, where: Data = {}, fields?: Record<string, boolean>): Promise<T[]> {
  const out: T[] = [];
  for (let skip = 0; ; skip += BATCH) {
    const query = db.collection(collection).where(where).orderBy('_id', 'asc');
    const { data } = await (fields ? query.field(fields) : query).skip(skip).limit(BATCH).get<T>();
    out.push(...data);
    if (data.length < BATCH) return out;
  }
}
