/**
 * The subset of the cloud database API this project uses, typed for promises. wx-server-sdk's own
 * declarations type every call as `string | void | Promise<…>` (callback style); these are what
 * the calls actually resolve to (see PLATFORM.md and test/local/database.test.ts).
 */
export type Data = Record<string, unknown>;

export interface Query {
  where(condition: Data): Query;
  orderBy(field: string, direction: 'asc' | 'desc'): Query;
  skip(n: number): Query;
  limit(n: number): Query;
  field(projection: Record<string, boolean>): Query;
  get<T = Data>(): Promise<{ data: T[] }>;
  count(): Promise<{ total: number }>;
  /** Resolves even when nothing matched: check `stats.updated` (documents actually changed). */
  update(options: { data: object }): Promise<{ stats: { updated: number } }>;
  remove(): Promise<{ stats: { removed: number } }>;
}

export interface DocumentRef {
  /** `data` is null for a missing document (the database is opened with throwOnNotFound: false). */
  get<T = Data>(): Promise<{ data: T | null }>;
  set(options: { data: object }): Promise<{ stats: { updated: number; created: number } }>;
  update(options: { data: object }): Promise<{ stats: { updated: number } }>;
  remove(): Promise<{ stats: { removed: number } }>;
}

export interface Aggregate {
  match(condition: Data): Aggregate;
  group(spec: Data): Aggregate;
  sort(spec: Record<string, 1 | -1>): Aggregate;
  project(spec: Data): Aggregate;
  lookup(spec: { from: string; localField: string; foreignField: string; as: string }): Aggregate;
  skip(n: number): Aggregate;
  limit(n: number): Aggregate;
  end<T = Data>(): Promise<{ list: T[] }>;
}

export interface Collection extends Query {
  doc(id: string): DocumentRef;
  add(options: { data: object }): Promise<{ _id: string }>;
  aggregate(): Aggregate;
}

/** Inside a transaction: single-document operations only. */
export interface TransactionCollection {
  doc(id: string): DocumentRef;
  add(options: { data: object }): Promise<{ _id: string }>;
}

export interface Transaction {
  collection(name: string): TransactionCollection;
  commit(): Promise<unknown>;
  rollback(reason?: unknown): Promise<unknown>;
}

/** Query and update operators (`_.gt`, `_.inc`, `_.push`, …): opaque values handed to the SDK. */
export type Command = Record<string, (...args: never[]) => unknown> & {
  eq(v: unknown): unknown;
  neq(v: unknown): unknown;
  gt(v: unknown): unknown;
  gte(v: unknown): unknown;
  lt(v: unknown): unknown;
  lte(v: unknown): unknown;
  in(v: unknown[]): unknown;
  nin(v: unknown[]): unknown;
  exists(v: boolean): unknown;
  and(conditions: unknown[]): unknown;
  or(conditions: unknown[]): unknown;
  inc(n: number): unknown;
  set(v: unknown): unknown;
  remove(): unknown;
  push(v: unknown): unknown;
  pull(v: unknown): unknown;
  addToSet(v: unknown): unknown;
  elemMatch(condition: Data): unknown;
};

export interface Database {
  collection(name: string): Collection;
  command: Command;
  serverDate(options?: { offset: number }): unknown;
  /** Retries on a conflict detected at commit; a conflict on a write inside `fn` is not retried. */
  runTransaction<T>(fn: (t: Transaction) => Promise<T>, retries?: number): Promise<T>;
  startTransaction(): Promise<Transaction>;
}
