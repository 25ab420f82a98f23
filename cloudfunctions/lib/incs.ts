/**
 * Counter increments (`inc` effects of core/demand.ts): at most one write per document, which is
 * created on its first change. The update always sets `updatedAt`, so "nothing matched" is the only
 * way it reports 0 updated.
 */
import type { Effect } from '../core/demand';
import { _, db, isDuplicateWrite } from './cloud';
import type { Data } from './database';

type Inc = Extract<Effect, { kind: 'inc' }>;

/** Applies every increment, grouped into one write per document. */
export async function applyIncs(incs: Inc[], now: Date): Promise<void> {
  const docs = new Map<string, { collection: string; doc: string; fields: Record<string, number>; init: Record<string, unknown> }>();
  for (const e of incs) {
    const key = `${e.collection}/${e.doc}`;
    const d = docs.get(key) ?? { collection: e.collection, doc: e.doc, fields: {}, init: {} };
    d.fields[e.field] = (d.fields[e.field] ?? 0) + e.by;
    Object.assign(d.init, e.init ?? {});
    docs.set(key, d);
  }
  await Promise.all([...docs.values()].map((d) => writeIncs(d.collection, d.doc, d.fields, d.init, now)));
}

async function writeIncs(collection: string, doc: string, fields: Record<string, number>, init: Record<string, unknown>, now: Date): Promise<void> {
  const data: Data = { updatedAt: now };
  for (const [k, v] of Object.entries(fields)) if (v !== 0) data[k] = _.inc(v);
  for (let attempt = 0; attempt < 3; attempt++) {
    if ((await db.collection(collection).doc(doc).update({ data })).stats.updated === 1) return;
    // A new document: the dotted fields become nested objects.
    const created: Record<string, unknown> = { ...init, updatedAt: now };
    for (const [path, v] of Object.entries(fields)) {
      const parts = path.split('.');
      let at = created;
      for (const p of parts.slice(0, -1)) at = (at[p] ??= {}) as Record<string, unknown>;
      at[parts[parts.length - 1]] = v;
    }
    try {
      await db.collection(collection).add({ data: { _id: doc, ...created } });
      return;
    } catch (e) {
      if (!isDuplicateWrite(e)) throw e; // created by a concurrent request: apply to it instead
    }
  }
}
