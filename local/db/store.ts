/**
 * The local cloud's embedded document store: collections of documents in memory, durable through
 * the journal, with unique indexes from deploy/collections.json enforced on every commit and a
 * short version history per document so that transactions read from their snapshot.
 * Everything here is synchronous: one request runs to completion before the next starts, which is
 * what makes each request atomic.
 */
import { Journal, type Change, type Doc } from './journal';

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
    }
    for (const [coll, docs] of journal.load()) {
      const versions = this.colls.get(coll);
      if (!versions) continue; // a collection no longer declared is not served
      for (const [id, doc] of docs) versions.set(id, { doc, seq: 0, prev: null });
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
