/**
 * Opens the counter documents of the current and next month, once per month (a marker in
 * `jobs`): the 三率 scorecards (`scorecards`) and the points leaderboards (`pointTallies`, for the
 * months and their years), for every community and unit, and the queues' counters (`queues`, kept
 * for good: every community's, labelled with its town, and every unit's; a town's and the county's
 * counts are sums of their communities' documents, core/queues.ts). Steps then only update documents
 * that exist, which keeps their writes fixed and never relies on what an update of a missing
 * document reports inside a transaction.
 */
import { currentAndNextMonth } from '../core/calendar';
import { QUEUES, type CommunityLabels } from '../core/queues';
import { db, isDuplicateWrite } from '../lib/cloud';
import { readAll } from '../lib/read-all';

/** Writes in flight at once: a county has hundreds of communities and units, the timer has 20 s. */
const BATCH = 20;

export interface OpenResult {
  months: string[];
  /** Documents created by this run (0 when the marker says the months are already open). */
  created: number;
}

export async function openScorecards(now: Date): Promise<OpenResult> {
  const months = currentAndNextMonth(now);
  const marker = `scorecards_${months[1]}`;
  // The marker is written last: a run cut short is simply done again by the next one.
  if ((await db.collection('jobs').doc(marker).get()).data) return { months, created: 0 };
  const communities = await readAll<{ _id: string; parentId: string | null }>('regions', { level: 'community' }, { _id: true, parentId: true });
  const scopes = [...communities.map((c) => ['community', c._id] as const), ...(await allIds('units', {})).map((id) => ['unit', id] as const)];
  const towns = new Set(await allIds('regions', { level: 'town' }));
  const periods = [...months, ...new Set(months.map((m) => m.slice(0, 4)))];
  // A queue's counters are never per month: made here once (a later run finds them and skips).
  const labels = (parentId: string | null): CommunityLabels => (parentId && towns.has(parentId) ? { scope: 'community', townId: parentId } : { scope: 'community' });
  const queues = [...communities.map((c) => ({ _id: `community_${c._id}`, ...labels(c.parentId) })), ...scopes.filter(([scope]) => scope === 'unit').map(([, id]) => ({ _id: `unit_${id}` }))];
  const docs = [
    ...scopes.flatMap(([scope, id]) => months.map((month) => ({ collection: 'scorecards', data: { _id: `${scope}_${id}_${month}`, scope, id, month, open: {}, updatedAt: now } }))),
    ...scopes.flatMap(([scope, id]) => periods.map((period) => ({ collection: 'pointTallies', data: { _id: `${scope}_${id}_${period}`, scope, id, period, people: {} } }))),
    ...queues.map((q) => ({ collection: QUEUES, data: { ...q, updatedAt: now } })),
  ];
  let created = 0;
  for (let i = 0; i < docs.length; i += BATCH) {
    const results = await Promise.all(docs.slice(i, i + BATCH).map((d) => add(d.collection, d.data)));
    created += results.filter(Boolean).length;
  }
  await db.collection('jobs').doc(marker).set({ data: { job: 'scorecards', months, doneAt: now } });
  return { months, created };
}

/** Adds a counter document unless a step (or an earlier run) already made it. */
async function add(collection: string, doc: Record<string, unknown>): Promise<boolean> {
  try {
    await db.collection(collection).add({ data: doc });
    return true;
  } catch (e) {
    if (isDuplicateWrite(e)) return false;
    throw e;
  }
}

async function allIds(collection: string, where: Record<string, unknown>): Promise<string[]> {
  return (await readAll<{ _id: string }>(collection, where, { _id: true })).map((d) => d._id);
}
