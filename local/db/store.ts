/**
 * The local cloud's embedded document store: collections of documents in memory, durable through
 * the journal, with unique indexes from deploy/collections.json enforced on every commit, the
 * indexes' first fields kept as lookups so that a query tests only the documents an index would
 * reach (lookup.ts), and a short version history per document so that transactions read from
 * their snapshot.
 * Everything here is synchronous: one request runs to completion before the next starts, which is
 * what makes each request atomic.
 */
import { Journal, type Change, type Doc } from './journal';
import { docKeys, equalities } from './lookup';

/** A document version: `doc` null is a deletion; `prev` is the version before it. */
interface Version {
  doc: Doc | null;
  seq: number;
  prev: Version | null;
}

export interface CollectionSpec {
  name: string;
  indexes?: { name: string; keys: Record<string, 1 | -1>; unique?: boolean }[];
}

export class StoreError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export class Store {
  private readonly colls = new Map<string, Map<string, Version>>();
  private readonly uniques = new Map<string, { name: string; fields: string[] }[]>();
  /**
   * Each unique index's keys → document id, kept up to date on every commit, so that checking a
   * write costs the batch's size rather than the collection's (an import writes 50,000 households).
   */
  private readonly uniqueKeys = new Map<string, Map<string, Map<string, string>>>();
  /** Per collection, each indexed first field's keys → the ids of the documents holding them. */
  private readonly lookups = new Map<string, Map<string, Map<string, Set<string>>>>();
  /** Per collection, each id's place in the collection's order (first insertion), which a scan keeps. */
  private readonly places = new Map<string, Map<string, number>>();
  private seqCounter = 0;
  /** Oldest snapshot any open transaction may still read; older history can be dropped. */
  oldestSnapshot: () => number = () => this.seqCounter;

  constructor(
    private readonly journal: Journal,
    specs: CollectionSpec[],
  ) {
    for (const spec of specs) {
      this.colls.set(spec.name, new Map());
      const unique = (spec.indexes ?? []).filter((i) => i.unique).map((i) => ({ name: i.name, fields: Object.keys(i.keys) }));
      this.uniques.set(spec.name, unique);
      const firsts = new Set((spec.indexes ?? []).map((i) => Object.keys(i.keys)[0]).filter((f) => f && f !== '_id'));
      this.lookups.set(spec.name, new Map([...firsts].map((f) => [f, new Map()])));
      this.places.set(spec.name, new Map());
    }
    for (const [coll, docs] of journal.load()) {
      const versions = this.colls.get(coll);
      if (!versions) continue; // a collection no longer declared is not served
      for (const [id, doc] of docs) {
        versions.set(id, { doc, seq: 0, prev: null });
        this.place(coll, id);
        this.look(coll, id, null, doc);
      }
    }
    for (const [coll, indexes] of this.uniques) {
      const byIndex = new Map<string, Map<string, string>>();
      for (const index of indexes) {
        const keys = new Map<string, string>();
        for (const [id, v] of this.versions(coll)) if (v.doc) keys.set(keyOf(v.doc, index.fields), id);
        byIndex.set(index.name, keys);
      }
      this.uniqueKeys.set(coll, byIndex);
    }
  }

  get seq(): number {
    return this.seqCounter;
  }

  hasCollection(coll: string): boolean {
    return this.colls.has(coll);
  }

  /** Declared collection names. */
  collectionNames(): string[] {
    return [...this.colls.keys()];
  }

  /** Live documents of a collection (the stored objects: callers must not mutate them). */
  all(coll: string): Doc[] {
    const out: Doc[] = [];
    for (const v of this.versions(coll).values()) if (v.doc) out.push(v.doc);
    return out;
  }

  /**
   * The live documents a query can only be among, in the collection's order: those its `_id`
   * names, else those of its most selective indexed equality, else all of them. The caller still
   * tests each one against the whole query.
   */
  candidates(coll: string, query: Record<string, unknown>): Doc[] {
    const eq = equalities(query);
    const ids = eq.get('_id');
    let chosen: Iterable<string> | null = ids ? [...ids].filter((k) => k.startsWith('s')).map((k) => k.slice(1)) : null;
    if (!chosen) {
      let best = Infinity;
      for (const [field, keys] of eq) {
        const byKey = this.lookups.get(coll)?.get(field);
        if (!byKey) continue;
        const sets = [...keys].map((k) => byKey.get(k)).filter((set): set is Set<string> => !!set);
        const size = sets.reduce((n, set) => n + set.size, 0);
        if (size < best) {
          best = size;
          chosen = sets.length === 1 ? sets[0] : new Set(sets.flatMap((set) => [...set]));
        }
      }
    }
    if (!chosen) return this.all(coll);
    const versions = this.versions(coll);
    const place = this.places.get(coll)!;
    const out: { doc: Doc; at: number }[] = [];
    for (const id of new Set(chosen)) {
      const doc = versions.get(id)?.doc;
      if (doc) out.push({ doc, at: place.get(id)! });
    }
    return out.sort((a, b) => a.at - b.at).map((c) => c.doc);
  }

  get(coll: string, id: string): Doc | null {
    return this.versions(coll).get(id)?.doc ?? null;
  }

  /** The document as it was at `seq` (for transactions' snapshot reads). */
  getAt(coll: string, id: string, seq: number): Doc | null {
    let v = this.versions(coll).get(id) ?? null;
    while (v && v.seq > seq) v = v.prev;
    return v?.doc ?? null;
  }

  /** The sequence number of the latest committed change to a document (0 if never changed here). */
  versionOf(coll: string, id: string): number {
    return this.versions(coll).get(id)?.seq ?? 0;
  }

  /**
   * Commits a batch atomically: checks unique indexes against the state after the batch, writes
   * the journal, then applies. Throws StoreError('DATABASE_DUPLICATE_WRITE') and changes nothing
   * when a unique index would be violated.
   */
  commit(changes: Change[]): void {
    if (changes.length === 0) return;
    this.checkUnique(changes);
    this.journal.append(changes);
    this.indexKeys(changes);
    const seq = ++this.seqCounter;
    const keep = this.oldestSnapshot();
    for (const c of changes) {
      const versions = this.versions(c.coll);
      const prev = versions.get(c.id) ?? null;
      versions.set(c.id, { doc: c.doc, seq, prev: prune(prev, keep) });
      this.place(c.coll, c.id);
      this.look(c.coll, c.id, prev?.doc ?? null, c.doc);
    }
  }

  private place(coll: string, id: string): void {
    const place = this.places.get(coll)!;
    if (!place.has(id)) place.set(id, place.size);
  }

  /** Moves a document's keys in the lookups from its old state to its new one. */
  private look(coll: string, id: string, before: Doc | null, after: Doc | null): void {
    for (const [field, byKey] of this.lookups.get(coll)!) {
      if (before) {
        for (const key of docKeys(before, field)) {
          const set = byKey.get(key);
          set?.delete(id);
          if (set?.size === 0) byKey.delete(key);
        }
      }
      if (after) {
        for (const key of docKeys(after, field)) {
          let set = byKey.get(key);
          if (!set) byKey.set(key, (set = new Set()));
          set.add(id);
        }
      }
    }
  }

  private versions(coll: string): Map<string, Version> {
    const v = this.colls.get(coll);
    if (!v) throw new StoreError('DATABASE_COLLECTION_NOT_EXIST', `collection ${coll} does not exist`);
    return v;
  }

  private checkUnique(changes: Change[]): void {
    const touched = new Map<string, Map<string, Doc | null>>();
    for (const c of changes) {
      if (!touched.has(c.coll)) touched.set(c.coll, new Map());
      touched.get(c.coll)!.set(c.id, c.doc);
    }
    for (const [coll, batch] of touched) {
      for (const index of this.uniques.get(coll) ?? []) {
        const existing = this.uniqueKeys.get(coll)!.get(index.name)!;
        // Batch documents take their new keys; documents outside the batch keep theirs.
        const fresh = new Map<string, string>();
        for (const [id, doc] of batch) {
          if (!doc) continue;
          const key = keyOf(doc, index.fields);
          const twin = fresh.get(key);
          const other = existing.get(key);
          if ((twin !== undefined && twin !== id) || (other !== undefined && other !== id && !batch.has(other))) {
            throw new StoreError(
              'DATABASE_DUPLICATE_WRITE',
              `DATABASE_DUPLICATE_WRITE: duplicate key for unique index ${index.name} of ${coll}`,
            );
          }
          fresh.set(key, id);
        }
      }
    }
  }

  /** Moves the unique keys of a committed batch: old keys out first, so documents may swap keys. */
  private indexKeys(batch: Change[]): void {
    // A document changed twice in one batch ends as its last change.
    const changes = [...new Map(batch.map((c) => [`${c.coll}\u0000${c.id}`, c])).values()];
    for (const c of changes) {
      const old = this.versions(c.coll).get(c.id)?.doc;
      if (!old) continue;
      for (const index of this.uniques.get(c.coll) ?? []) {
        const keys = this.uniqueKeys.get(c.coll)!.get(index.name)!;
        const key = keyOf(old, index.fields);
        if (keys.get(key) === c.id) keys.delete(key);
      }
    }
    for (const c of changes) {
      if (!c.doc) continue;
      for (const index of this.uniques.get(c.coll) ?? []) this.uniqueKeys.get(c.coll)!.get(index.name)!.set(keyOf(c.doc, index.fields), c.id);
    }
  }
}

/** A unique index treats a missing field as null, as CloudBase does. */
function keyOf(doc: Doc, fields: string[]): string {
  return JSON.stringify(fields.map((f) => valueAt(doc, f) ?? null));
}

function valueAt(doc: Record<string, unknown>, dotted: string): unknown {
  let cur: unknown = doc;
  for (const part of dotted.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** Keeps the newest version a snapshot at `keep` may still need and drops everything older. */
function prune(v: Version | null, keep: number): Version | null {
  let cur = v;
  while (cur && cur.seq > keep) cur = cur.prev;
  if (cur) cur.prev = null;
  return v;
}
