/** The shape of deploy/collections.json and the rules it must follow. Pure: no I/O. */

export type IndexDirection = 1 | -1

export interface IndexSpec {
  /** `<field>_<dir>` for each key, joined by `_`, e.g. `openid_1_at_-1`. */
  name: string
  /** Field → direction, in index order (compound indexes match by prefix). */
  keys: Record<string, IndexDirection>
  unique?: boolean
}

export interface CollectionSpec {
  name: string
  description: string
  indexes: IndexSpec[]
}

export interface CollectionsConfig {
  $comment?: string
  collections: CollectionSpec[]
}

/** The conventional name of an index with these keys. */
export function indexNameFor(keys: Record<string, number>): string {
  return Object.entries(keys)
    .map(([field, dir]) => `${field}_${dir}`)
    .join('_')
}

/** Collection names CloudBase accepts (letters, digits, `_`, `-`; starts with a letter or `_`). */
const COLLECTION_NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/

/**
 * Every problem with a parsed collections.json, as readable strings; empty when valid.
 * Takes `unknown` so it can vet whatever JSON.parse returned.
 */
export function collectionsProblems(input: unknown): string[] {
  const problems: string[] = []
  if (!isObject(input) || !Array.isArray(input.collections)) {
    return ['collections.json must be an object with a "collections" array']
  }
  const seen = new Set<string>()
  input.collections.forEach((c: unknown, i: number) => {
    const where = isObject(c) && typeof c.name === 'string' ? `collection "${c.name}"` : `collections[${i}]`
    if (!isObject(c)) {
      problems.push(`${where}: must be an object`)
      return
    }
    if (typeof c.name !== 'string' || !COLLECTION_NAME.test(c.name)) {
      problems.push(`${where}: name must match ${COLLECTION_NAME}`)
    } else if (seen.has(c.name)) {
      problems.push(`${where}: duplicate collection name`)
    } else {
      seen.add(c.name)
    }
    if (typeof c.description !== 'string' || c.description.trim() === '') {
      problems.push(`${where}: description must be a non-empty string`)
    }
    if (!Array.isArray(c.indexes)) {
      problems.push(`${where}: indexes must be an array (possibly empty)`)
      return
    }
    const indexNames = new Set<string>()
    c.indexes.forEach((ix: unknown, j: number) => {
      const at = `${where} indexes[${j}]`
      if (!isObject(ix)) {
        problems.push(`${at}: must be an object`)
        return
      }
      if (typeof ix.name !== 'string' || ix.name === '') {
        problems.push(`${at}: name must be a non-empty string`)
      } else if (indexNames.has(ix.name)) {
        problems.push(`${at}: duplicate index name "${ix.name}"`)
      } else {
        indexNames.add(ix.name)
      }
      if (ix.unique !== undefined && typeof ix.unique !== 'boolean') {
        problems.push(`${at}: unique must be a boolean when present`)
      }
      if (!isObject(ix.keys) || Object.keys(ix.keys).length === 0) {
        problems.push(`${at}: keys must be a non-empty object`)
        return
      }
      for (const [field, dir] of Object.entries(ix.keys)) {
        if (field === '' || field.startsWith('$')) problems.push(`${at}: invalid field name "${field}"`)
        if (dir !== 1 && dir !== -1) problems.push(`${at}: direction of "${field}" must be 1 or -1, got ${JSON.stringify(dir)}`)
      }
      if (isIdOnly(ix.keys)) problems.push(`${at}: _id is indexed already`)
      const expected = indexNameFor(ix.keys as Record<string, number>)
      if (typeof ix.name === 'string' && ix.name !== expected) {
        problems.push(`${at}: name "${ix.name}" should be "${expected}" (<field>_<dir> joined by _)`)
      }
    })
  })
  return problems
}

/** Parse and validate, throwing one error that lists every problem. */
export function parseCollections(json: string, source = 'deploy/collections.json'): CollectionsConfig {
  let parsed: unknown
  try {
    parsed = JSON.parse(json)
  } catch (e) {
    throw new Error(`${source} is not valid JSON: ${(e as Error).message}`)
  }
  const problems = collectionsProblems(parsed)
  if (problems.length > 0) throw new Error(`${source} is invalid:\n  - ${problems.join('\n  - ')}`)
  return parsed as CollectionsConfig
}

function isIdOnly(keys: Record<string, unknown>): boolean {
  const fields = Object.keys(keys)
  return fields.length === 1 && fields[0] === '_id'
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}
