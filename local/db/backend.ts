/**
 * The local database backend: answers the requests that `@cloudbase/database` (inside the real
 * `wx-server-sdk`) sends, in the same wire format CloudBase uses — EJSON-encoded MongoDB-style
 * queries and updates — over the embedded store, with `mingo` as the query engine.
 * Transactions: single-document operations only, snapshot reads, a write lock per document taken
 * at the first write (a second writer gets a conflict at once), and a check at commit that nothing
 * committed under the transaction since its snapshot (conflict otherwise).
 * Failures answer in live CloudBase's format (`liveError`), so the product's error checks are
 * tested against what production sends.
 */
import crypto from 'node:crypto';
import { EJSON } from 'bson';
import { Aggregator, Query } from 'mingo';
import 'mingo/init/system';
import { update as applyUpdate } from 'mingo/updater';
import type { Change, Doc } from './journal';
import { Store, StoreError } from './store';

type Params = Record<string, unknown>;
type Response = Record<string, unknown>;

interface Transaction {
  id: string;
  snapshot: number;
  startedAt: number;
  writes: Map<string, Change>;
}

/** CloudBase aborts a transaction that has not finished in about 30 s. */
const TRANSACTION_TTL_MS = 30_000;

/** Kinds of request, as counted per action by the benchmark. */
export type RequestKind = 'read' | 'write' | 'transaction';

const KIND: Record<string, RequestKind> = {
  'database.getDocument': 'read',
  'database.calculateDocument': 'read',
  'database.aggregateDocuments': 'read',
  'database.insertDocument': 'write',
  'database.modifyDocument': 'write',
  'database.removeDocument': 'write',
  'database.modifyAndReturnDoc': 'write',
  'database.startTransaction': 'transaction',
  'database.commitTransaction': 'transaction',
  'database.abortTransaction': 'transaction',
  'database.addCollection': 'write',
};

export class LocalDatabase {
  private readonly txns = new Map<string, Transaction>();
  private readonly locks = new Map<string, string>();

  constructor(
    readonly store: Store,
    private readonly clock: () => number = Date.now,
  ) {
    store.oldestSnapshot = () => {
      let min = store.seq;
      for (const t of this.txns.values()) min = Math.min(min, t.snapshot);
      return min;
    };
  }

  static kindOf(api: string): RequestKind | undefined {
    return KIND[api];
  }

  /** Answers one request. Never throws: failures come back as `{ code, message }` like CloudBase's. */
  handle(api: string, params: Params = {}): Response {
    try {
      return { requestId: crypto.randomUUID(), ...this.dispatch(api, params) };
    } catch (e) {
      if (e instanceof StoreError) return liveError(e);
      return { code: 'DATABASE_REQUEST_FAILED', message: e instanceof Error ? e.message : String(e) };
    }
  }

  private dispatch(api: string, p: Params): Response {
    this.expireTransactions();
    const txn = typeof p.transactionId === 'string' ? this.txn(p.transactionId) : null;
    if (txn && p.queryType === 'WHERE') {
      throw new StoreError('DATABASE_REQUEST_FAILED', 'transactions support single-document operations only');
    }
    switch (api) {
      case 'database.getDocument':
        return txn ? this.getInTxn(txn, p) : this.find(p);
      case 'database.calculateDocument':
        return { data: { total: this.match(p).length } };
      case 'database.aggregateDocuments':
        return this.aggregate(p);
      case 'database.insertDocument':
        return this.insert(txn, p);
      case 'database.modifyDocument':
        return this.modify(txn, p);
      case 'database.modifyAndReturnDoc':
        return this.modifyAndReturn(p);
      case 'database.removeDocument':
        return this.remove(txn, p);
      case 'database.startTransaction':
        return this.start();
      case 'database.commitTransaction':
        return this.commitTxn(this.txn(String(p.transactionId)));
      case 'database.abortTransaction':
        this.finish(this.txn(String(p.transactionId)));
        return {};
      case 'database.addCollection':
        if (!this.store.hasCollection(String(p.collectionName))) {
          throw new StoreError('DATABASE_REQUEST_FAILED', 'collections are declared in deploy/collections.json');
        }
        return {};
      default:
        throw new StoreError('DATABASE_REQUEST_FAILED', `unsupported request ${api}`);
    }
  }

  // ---- reads ---------------------------------------------------------------------------------

  private match(p: Params): Doc[] {
    const coll = collectionOf(p);
    const query = parseQuery(p.query);
    const { docs, rest } = this.narrowed(coll, query);
    const q = new Query(rest);
    return docs.filter((d) => q.test(d));
  }

  /**
   * The documents a query can only be among (Store.candidates), and what is left of the query to
   * test them with. A plain `_id` condition is checked against a set here rather than by mingo,
   * whose `$in` is a search of the list per document: slow for a drill-down's thousands of ids.
   */
  private narrowed(coll: string, query: Record<string, unknown>): { docs: Doc[]; rest: Record<string, unknown> } {
    const docs = this.store.candidates(coll, query);
    const ids = plainIds(query._id);
    if (!ids) return { docs, rest: query };
    const { _id: _answered, ...rest } = query;
    return { docs: docs.filter((d) => ids.has(d._id)), rest };
  }

  private find(p: Params): Response {
    const coll = collectionOf(p);
    const query = parseQuery(p.query);
    const projection = parse(p.projection) as Record<string, unknown> | undefined;
    const { docs, rest } = this.narrowed(coll, query);
    let cursor = new Query(rest).find(docs, projection && Object.keys(projection).length ? projection : undefined);
    const order = parse(p.order) as Record<string, 1 | -1> | undefined;
    if (order && Object.keys(order).length) cursor = cursor.sort(order);
    const offset = Number(p.offset ?? 0);
    if (offset) cursor = cursor.skip(offset);
    cursor = cursor.limit(Math.min(Number(p.limit ?? 100), 1000));
    const list = (cursor.all() as Doc[]).map(serialize);
    return { data: { list }, limit: p.limit, offset: p.offset };
  }

  private aggregate(p: Params): Response {
    const coll = collectionOf(p);
    const stages = (p.stages as { stageKey: string; stageValue: string }[]).map((s) => ({
      [s.stageKey]: EJSON.parse(s.stageValue),
    }));
    // $lookup reads other collections through the resolver, as CloudBase joins across collections.
    const resolver = (name: string) => (this.store.hasCollection(name) ? this.store.all(name).map(clone) : []);
    // A leading $match is applied before anything is copied, as CloudBase answers it from an index:
    // a pipeline for one demand must not copy the whole collection first.
    let input = this.store.all(coll);
    if (stages[0] && '$match' in stages[0]) {
      const { docs, rest } = this.narrowed(coll, nativeRegexes(stages.shift()!.$match) as Record<string, unknown>);
      const q = new Query(rest);
      input = docs.filter((d) => q.test(d));
    }
    const out = stages.length ? new Aggregator(stages, { collectionResolver: resolver }).run(input.map(clone)) : input.map(clone);
    return { data: { list: out.map((d) => serialize(d as Doc)) } };
  }

  // ---- writes outside transactions -----------------------------------------------------------

  private insert(txn: Transaction | null, p: Params): Response {
    const coll = collectionOf(p);
    const docs = (p.data as string[]).map((s) => withServerDates(EJSON.parse(s), this.clock()) as Doc);
    docs.forEach(refuseOperatorNames);
    const changes: Change[] = docs.map((doc) => {
      const id = doc._id === undefined ? newId() : String(doc._id);
      return { coll, id, doc: { ...doc, _id: id } };
    });
    for (const c of changes) {
      const exists = txn ? this.readInTxn(txn, coll, c.id) : this.store.get(coll, c.id);
      if (exists) throw new StoreError('DATABASE_DUPLICATE_WRITE', `DATABASE_DUPLICATE_WRITE: _id ${c.id} exists in ${coll}`);
    }
    if (txn) changes.forEach((c) => this.writeInTxn(txn, c));
    else this.store.commit(changes);
    return { data: { insertedIds: changes.map((c) => c.id) } };
  }

  private modify(txn: Transaction | null, p: Params): Response {
    const coll = collectionOf(p);
    const data = withServerDates(parse(p.data), this.clock()) as Record<string, unknown>;
    const replace = p.merge === false;
    if (txn) {
      const id = docIdOf(p);
      const before = this.readInTxn(txn, coll, id);
      if (!before && !p.upsert) return { data: { updated: 0 } };
      const after = replace ? { ...data, _id: id } : updated(before ?? { _id: id }, data);
      refuseOperatorNames(after);
      this.writeInTxn(txn, { coll, id, doc: after as Doc });
      return { data: { updated: before ? 1 : 0, upsert_id: before ? undefined : id } };
    }
    const targets = p.queryType === 'DOC' ? this.byId(coll, docIdOf(p)) : this.match(p);
    const chosen = p.multi === false ? targets.slice(0, 1) : targets;
    if (chosen.length === 0 && p.upsert) {
      const id = p.queryType === 'DOC' ? docIdOf(p) : newId();
      const doc = (replace ? { ...data, _id: id } : updated({ _id: id }, data)) as Doc;
      refuseOperatorNames(doc);
      this.store.commit([{ coll, id, doc }]);
      return { data: { updated: 0, upsert_id: id } };
    }
    const changes: Change[] = [];
    for (const before of chosen) {
      const after = (replace ? { ...data, _id: before._id } : updated(before, data)) as Doc;
      refuseOperatorNames(after);
      if (!sameDoc(before, after)) changes.push({ coll, id: before._id, doc: after });
    }
    this.store.commit(changes);
    // `set` of an existing document reports it as updated even when the content is the same.
    return { data: { updated: replace ? chosen.length : changes.length } };
  }

  private modifyAndReturn(p: Params): Response {
    const coll = collectionOf(p);
    const data = withServerDates(parse(p.data), this.clock()) as Record<string, unknown>;
    const [before] = this.match(p);
    if (!before) return { data: { updated: 0, doc: null } };
    const after = updated(before, data) as Doc;
    refuseOperatorNames(after);
    if (!sameDoc(before, after)) this.store.commit([{ coll, id: before._id, doc: after }]);
    return { data: { updated: sameDoc(before, after) ? 0 : 1, doc: serialize(after) } };
  }

  private remove(txn: Transaction | null, p: Params): Response {
    const coll = collectionOf(p);
    if (txn) {
      const id = docIdOf(p);
      const before = this.readInTxn(txn, coll, id);
      if (before) this.writeInTxn(txn, { coll, id, doc: null });
      return { data: { deleted: before ? 1 : 0 } };
    }
    const targets = p.queryType === 'DOC' ? this.byId(coll, docIdOf(p)) : this.match(p);
    const chosen = p.multi === false ? targets.slice(0, 1) : targets;
    this.store.commit(chosen.map((d) => ({ coll, id: d._id, doc: null })));
    return { data: { deleted: chosen.length } };
  }

  private byId(coll: string, id: string): Doc[] {
    const doc = this.store.get(coll, id);
    return doc ? [doc] : [];
  }

  // ---- transactions --------------------------------------------------------------------------

  private start(): Response {
    const id = newId();
    this.txns.set(id, { id, snapshot: this.store.seq, startedAt: this.clock(), writes: new Map() });
    return { transactionId: id };
  }

  private txn(id: string): Transaction {
    const t = this.txns.get(id);
    if (!t) throw new StoreError('DATABASE_TRANSACTION_FAIL', 'transaction not found, expired or already finished');
    return t;
  }

  private getInTxn(txn: Transaction, p: Params): Response {
    const doc = this.readInTxn(txn, collectionOf(p), docIdOf(p));
    return { data: { list: doc ? [serialize(doc)] : [] } };
  }

  private readInTxn(txn: Transaction, coll: string, id: string): Doc | null {
    const key = `${coll}/${id}`;
    const pending = txn.writes.get(key);
    if (pending) return pending.doc;
    return this.store.getAt(coll, id, txn.snapshot);
  }

  private writeInTxn(txn: Transaction, change: Change): void {
    const key = `${change.coll}/${change.id}`;
    const holder = this.locks.get(key);
    if ((holder && holder !== txn.id) || this.store.versionOf(change.coll, change.id) > txn.snapshot) {
      throw new StoreError('DATABASE_TRANSACTION_CONFLICT', `DATABASE_TRANSACTION_CONFLICT: ${key} is being written by another transaction`);
    }
    this.locks.set(key, txn.id);
    txn.writes.set(key, change);
  }

  private commitTxn(txn: Transaction): Response {
    try {
      for (const c of txn.writes.values()) {
        if (this.store.versionOf(c.coll, c.id) > txn.snapshot) {
          throw new StoreError('DATABASE_TRANSACTION_CONFLICT', `DATABASE_TRANSACTION_CONFLICT: ${c.coll}/${c.id} changed since the transaction began`);
        }
      }
      this.store.commit([...txn.writes.values()]);
      return {};
    } finally {
      this.finish(txn);
    }
  }

  private finish(txn: Transaction): void {
    for (const key of txn.writes.keys()) if (this.locks.get(key) === txn.id) this.locks.delete(key);
    this.txns.delete(txn.id);
  }

  private expireTransactions(): void {
    const now = this.clock();
    for (const t of this.txns.values()) if (now - t.startedAt > TRANSACTION_TTL_MS) this.finish(t);
  }
}

// ---- errors as live CloudBase sends them --------------------------------------------------------

/** The text live CloudBase sends with a transaction conflict (recorded in its SDK's own tests). */
export const LIVE_CONFLICT_MESSAGE =
  '[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. Please check your request, but if the problem persists, contact us.';

/**
 * A failure in live CloudBase's shape. A conflict carries the SDK's code (its runTransaction
 * retries a commit on it) and the live bracketed code in the text (all that survives
 * wx-server-sdk's wrapping of a write inside the callback, as -501001). A duplicate key carries
 * DATABASE_DUPLICATE_WRITE and MongoDB's E11000 text. Local details stay after them.
 */
function liveError(e: StoreError): Response {
  if (e.code === 'DATABASE_TRANSACTION_CONFLICT') return { code: e.code, message: LIVE_CONFLICT_MESSAGE };
  if (e.code === 'DATABASE_DUPLICATE_WRITE') {
    const detail = e.message.replace(/^DATABASE_DUPLICATE_WRITE:\s*/, '');
    return { code: e.code, message: `DATABASE_DUPLICATE_WRITE: E11000 duplicate key error (${detail})` };
  }
  return { code: e.code, message: e.message };
}

/** Longest field name quoted back in a refusal. */
const NAME_SHOWN = 32;

/**
 * Live CloudBase refuses a written document with a field name starting with `$` at any depth
 * (DATABASE_REQUEST_FAILED); the embedded engine would store it. Walks without recursion.
 */
function refuseOperatorNames(doc: unknown): void {
  const stack: unknown[] = [doc];
  while (stack.length) {
    const value = stack.pop();
    if (!value || typeof value !== 'object' || value instanceof Date) continue;
    if ((value as { _bsontype?: string })._bsontype) continue;
    if (Array.isArray(value)) {
      stack.push(...value);
      continue;
    }
    for (const [k, v] of Object.entries(value)) {
      if (k.startsWith('$')) {
        throw new StoreError('DATABASE_REQUEST_FAILED', `DATABASE_REQUEST_FAILED: field names cannot start with '$' (${k.slice(0, NAME_SHOWN)})`);
      }
      stack.push(v);
    }
  }
}

// ---- helpers -----------------------------------------------------------------------------------

/** The ids of an `_id` condition that is only equality (a string, `$eq`, `$in` of strings), as a set. */
function plainIds(cond: unknown): Set<string> | null {
  if (typeof cond === 'string') return new Set([cond]);
  if (!cond || typeof cond !== 'object' || Object.keys(cond).length !== 1) return null;
  const { $eq, $in } = cond as { $eq?: unknown; $in?: unknown };
  if (typeof $eq === 'string') return new Set([$eq]);
  if (Array.isArray($in) && $in.every((v) => typeof v === 'string')) return new Set($in as string[]);
  return null;
}

function collectionOf(p: Params): string {
  if (typeof p.collectionName !== 'string' || !p.collectionName) {
    throw new StoreError('INVALID_PARAM', 'collectionName is required');
  }
  return p.collectionName;
}

function docIdOf(p: Params): string {
  if (typeof p._id === 'string') return p._id;
  const q = parse(p.query) as { _id?: unknown } | undefined;
  if (q && (typeof q._id === 'string' || typeof q._id === 'number')) return String(q._id);
  throw new StoreError('INVALID_PARAM', 'a document id is required');
}

function parse(value: unknown): unknown {
  if (value === undefined || value === null || value === '') return undefined;
  return typeof value === 'string' ? EJSON.parse(value) : value;
}

/**
 * A query as mingo reads it. The SDK sends a regex (`db.RegExp({ regexp, options })` or a JS
 * RegExp) as EJSON `$regularExpression`, which EJSON parses into a BSONRegExp that mingo compares
 * as a plain value (matching nothing); live CloudBase matches it as a regex, so it becomes one.
 */
function parseQuery(value: unknown): Record<string, unknown> {
  return nativeRegexes(parse(value) ?? {}) as Record<string, unknown>;
}

function nativeRegexes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(nativeRegexes);
  if (!value || typeof value !== 'object' || value instanceof Date || value instanceof RegExp) return value;
  const bson = value as { _bsontype?: string; pattern?: string; options?: string };
  // JavaScript knows the flags i, m, s, u; MongoDB's x (extended) and l (locale) have no equivalent.
  if (bson._bsontype === 'BSONRegExp') return new RegExp(bson.pattern ?? '', (bson.options ?? '').replace(/[^imsu]/g, ''));
  if (bson._bsontype) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = nativeRegexes(v);
  return out;
}

function serialize(doc: Doc): string {
  return EJSON.stringify(doc, { relaxed: false });
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

function newId(): string {
  return crypto.randomBytes(16).toString('hex');
}

/** Applies a MongoDB-style update (`$set`, `$inc`, `$push`, …) to a copy of the document. */
function updated(before: Record<string, unknown>, data: Record<string, unknown>): Record<string, unknown> {
  const after = clone(before);
  const ops = Object.keys(data).some((k) => k.startsWith('$')) ? data : { $set: data };
  for (const [op, args] of Object.entries(ops)) {
    if (!op.startsWith('$')) throw new StoreError('INVALID_PARAM', `cannot mix operators and fields in an update (${op})`);
    if (args && typeof args === 'object' && Object.keys(args).length === 0) continue;
    applyUpdate(after, { [op]: args } as never);
  }
  after._id = before._id;
  return after;
}

function sameDoc(a: unknown, b: unknown): boolean {
  return EJSON.stringify(a as Doc, { relaxed: false }) === EJSON.stringify(b as Doc, { relaxed: false });
}

/** Replaces `{ $tcb_server_date: { offset } }` (db.serverDate()) with the server's clock. */
function withServerDates(value: unknown, now: number): unknown {
  if (Array.isArray(value)) return value.map((v) => withServerDates(v, now));
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const obj = value as Record<string, unknown>;
    const marker = obj.$tcb_server_date as { offset?: number } | undefined;
    if (marker && Object.keys(obj).length === 1) return new Date(now + (marker.offset ?? 0));
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(obj)) out[k] = withServerDates(v, now);
    return out;
  }
  return value;
}
