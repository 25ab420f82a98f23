/**
 * collections.json + what the environment already has → the operations that bring it in line.
 * Pure: the caller reads the environment (deploy/database.ts) and applies the operations.
 *
 * Only additive changes are planned: missing collections, missing indexes and the admin-only rule.
 * Nothing is ever dropped; an existing index whose definition differs from the config is reported
 * as a conflict for a person to resolve (dropping an index on a live database is not a deploy step).
 */
import type { CollectionsConfig, IndexSpec } from './collections'

/** Simple-permission tag meaning "only administrators (cloud functions, console) read or write". */
export const ADMIN_ONLY = 'ADMINONLY'

/** Request body for one index, in the shape manager-node's `database.updateCollection` sends to UpdateTable. */
export interface CreateIndexRequest {
  IndexName: string
  MgoKeySchema: {
    MgoIndexKeys: { Name: string; Direction: string }[]
    MgoIsUnique: boolean
  }
}

export type DbOperation =
  | { kind: 'createCollection'; collection: string }
  | { kind: 'createIndex'; collection: string; index: string; request: CreateIndexRequest }
  | { kind: 'setAdminOnly'; collection: string; from: string | null }

/** An index as the environment reports it (describeCollection → Indexes). */
export interface ExistingIndex {
  name: string
  keys: { name: string; direction: string | number }[]
  unique: boolean
}

/** What one collection looks like in the environment; absent from the map = not known (plan everything). */
export interface ExistingCollection {
  exists: boolean
  indexes: ExistingIndex[]
  /** DescribeDatabaseACL's AclTag, or null when unknown. */
  aclTag: string | null
}

export type ExistingState = ReadonlyMap<string, ExistingCollection>

export interface DatabasePlan {
  operations: DbOperation[]
  /** Declared indexes that exist with another definition: nothing is changed for them. */
  conflicts: string[]
}

export function createIndexRequest(spec: IndexSpec): CreateIndexRequest {
  return {
    IndexName: spec.name,
    MgoKeySchema: {
      MgoIndexKeys: Object.entries(spec.keys).map(([Name, dir]) => ({ Name, Direction: String(dir) })),
      MgoIsUnique: spec.unique === true,
    },
  }
}

export function planDatabase(config: CollectionsConfig, existing: ExistingState = new Map()): DatabasePlan {
  const operations: DbOperation[] = []
  const conflicts: string[] = []
  for (const collection of config.collections) {
    const state = existing.get(collection.name)
    if (!state?.exists) operations.push({ kind: 'createCollection', collection: collection.name })
    const present = new Map((state?.exists ? state.indexes : []).map((ix) => [ix.name, ix]))
    for (const spec of collection.indexes) {
      const found = present.get(spec.name)
      if (!found) {
        operations.push({ kind: 'createIndex', collection: collection.name, index: spec.name, request: createIndexRequest(spec) })
      } else if (!sameIndex(spec, found)) {
        conflicts.push(
          `${collection.name}.${spec.name}: exists as ${describeExisting(found)} but collections.json declares ` +
            `${describeSpec(spec)}; drop or rename it by hand, then deploy again`,
        )
      }
    }
    const aclTag = state?.exists ? state.aclTag : null
    if (aclTag !== ADMIN_ONLY) operations.push({ kind: 'setAdminOnly', collection: collection.name, from: aclTag })
  }
  return { operations, conflicts }
}

function sameIndex(spec: IndexSpec, found: ExistingIndex): boolean {
  const keys = Object.entries(spec.keys)
  return (
    found.unique === (spec.unique === true) &&
    found.keys.length === keys.length &&
    keys.every(([field, dir], i) => found.keys[i].name === field && Number(found.keys[i].direction) === dir)
  )
}

function describeSpec(spec: IndexSpec): string {
  return `${JSON.stringify(spec.keys)}${spec.unique ? ' unique' : ''}`
}

function describeExisting(ix: ExistingIndex): string {
  const keys = Object.fromEntries(ix.keys.map((k) => [k.name, Number(k.direction)]))
  return `${JSON.stringify(keys)}${ix.unique ? ' unique' : ''}`
}

/** One line per operation, for logs and --dry-run. */
export function describeOperation(op: DbOperation): string {
  switch (op.kind) {
    case 'createCollection':
      return `create collection ${op.collection}`
    case 'createIndex': {
      const keys = op.request.MgoKeySchema.MgoIndexKeys.map((k) => `${k.Name}:${k.Direction}`).join(', ')
      return `create index ${op.collection}.${op.index} (${keys}${op.request.MgoKeySchema.MgoIsUnique ? ', unique' : ''})`
    }
    case 'setAdminOnly':
      return `set security rule of ${op.collection} to ${ADMIN_ONLY} (read false, write false for clients)${op.from ? `, was ${op.from}` : ''}`
  }
}
