/**
 * Reading the environment and applying a database plan, through a small interface so the steps
 * can be exercised without CloudBase (apply-database.ts supplies the manager-node implementation).
 */
import type { CollectionsConfig } from './collections'
import {
  describeOperation,
  planDatabase,
  type CreateIndexRequest,
  type DatabasePlan,
  type ExistingCollection,
  type ExistingIndex,
} from './plan-database'

/** The CloudBase calls the database step needs; one method per remote call. */
export interface DatabaseApi {
  collectionExists(name: string): Promise<boolean>
  listIndexes(name: string): Promise<ExistingIndex[]>
  /** AclTag of the collection's security rule, or null when the API does not say. */
  getAclTag(name: string): Promise<string | null>
  createCollection(name: string): Promise<void>
  createIndex(name: string, request: CreateIndexRequest): Promise<void>
  setAdminOnly(name: string): Promise<void>
}

export async function readExistingState(
  api: DatabaseApi,
  config: CollectionsConfig,
): Promise<Map<string, ExistingCollection>> {
  const state = new Map<string, ExistingCollection>()
  for (const { name } of config.collections) {
    if (!(await api.collectionExists(name))) {
      state.set(name, { exists: false, indexes: [], aclTag: null })
      continue
    }
    state.set(name, { exists: true, indexes: await api.listIndexes(name), aclTag: await api.getAclTag(name) })
  }
  return state
}

/** Apply every operation in order; stops at the first failure with the operation named. */
export async function executePlan(api: DatabaseApi, plan: DatabasePlan, log: (line: string) => void): Promise<void> {
  if (plan.conflicts.length > 0) {
    throw new Error(`index conflicts, nothing applied:\n  - ${plan.conflicts.join('\n  - ')}`)
  }
  for (const op of plan.operations) {
    log(`  → ${describeOperation(op)}`)
    try {
      switch (op.kind) {
        case 'createCollection':
          await api.createCollection(op.collection)
          break
        case 'createIndex':
          await api.createIndex(op.collection, op.request)
          break
        case 'setAdminOnly':
          await api.setAdminOnly(op.collection)
          break
      }
    } catch (e) {
      throw new Error(`failed to ${describeOperation(op)}: ${(e as Error).message}`)
    }
  }
}

/** Read, plan, apply. Returns the plan that was applied. */
export async function syncDatabase(
  api: DatabaseApi,
  config: CollectionsConfig,
  log: (line: string) => void,
): Promise<DatabasePlan> {
  const plan = planDatabase(config, await readExistingState(api, config))
  if (plan.operations.length === 0 && plan.conflicts.length === 0) {
    log('  database already matches deploy/collections.json')
    return plan
  }
  await executePlan(api, plan, log)
  return plan
}
