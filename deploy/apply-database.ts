/**
 * `npm run deploy:db -- --env <id> [--dry-run]`
 *
 * Brings the CloudBase database of one environment in line with deploy/collections.json:
 * creates missing collections, creates missing indexes (existing ones are left alone), and sets
 * every collection's security rule to ADMINONLY — clients can neither read nor write; all access
 * goes through cloud functions, which bypass the rules.
 *
 * manager-node 4.10.6 has no typed permission API (no `permission.modifyResourcePermission`), so
 * the rule goes through `commonService('tcb').call` with the TCB cloud API actions
 * DescribeDatabaseACL / ModifyDatabaseACL (AclTag ADMINONLY = "仅管理员可读写").
 *
 * Credentials: TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY (optional TENCENTCLOUD_SESSIONTOKEN).
 * --dry-run needs none and contacts nothing: it prints the plan against an empty environment.
 */
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import CloudBase from '@cloudbase/manager-node'
import { credentialsFromEnv, ENV_ID_UNSET, parseDeployArgs, USAGE, type Credentials } from './cli-args'
import { parseCollections } from './collections'
import { syncDatabase, type DatabaseApi } from './database'
import { ADMIN_ONLY, describeOperation, planDatabase } from './plan-database'

/** The DatabaseApi over @cloudbase/manager-node. */
export function managerNodeApi(envId: string, credentials: Credentials): DatabaseApi {
  const app = new CloudBase({
    secretId: credentials.secretId,
    secretKey: credentials.secretKey,
    token: credentials.token,
    envId,
  })
  const db = app.database
  const tcb = app.commonService('tcb', '2018-06-08')
  return {
    async collectionExists(name) {
      return (await db.checkCollectionExists(name)).Exists
    },
    async listIndexes(name) {
      const info = await db.describeCollection(name)
      return (info.Indexes ?? []).map((ix) => ({
        name: ix.Name,
        keys: (ix.Keys ?? []).map((k) => ({ name: k.Name ?? '', direction: k.Direction ?? '' })),
        unique: ix.Unique === true,
      }))
    },
    async getAclTag(name) {
      const res: unknown = await tcb.call({ Action: 'DescribeDatabaseACL', Param: { EnvId: envId, CollectionName: name } })
      const tag = (res as { AclTag?: unknown } | null)?.AclTag
      return typeof tag === 'string' ? tag : null
    },
    async createCollection(name) {
      await db.createCollectionIfNotExists(name)
    },
    async createIndex(name, request) {
      await db.updateCollection(name, { CreateIndexes: [request] })
    },
    async setAdminOnly(name) {
      await tcb.call({ Action: 'ModifyDatabaseACL', Param: { EnvId: envId, CollectionName: name, AclTag: ADMIN_ONLY } })
    },
  }
}

async function main(): Promise<void> {
  const options = parseDeployArgs(process.argv.slice(2))
  if (options.skipBuild || options.skipDb || options.skipFunctions) {
    throw new Error(`apply-database takes only --env and --dry-run\n${USAGE}`)
  }
  const file = resolve(process.cwd(), 'deploy/collections.json')
  if (!existsSync(file)) throw new Error(`${file} not found: run from the repository root (npm run deploy:db)`)
  const config = parseCollections(readFileSync(file, 'utf8'))
  const envId = options.envId

  if (options.dryRun) {
    const plan = planDatabase(config)
    console.log(`[dry run] database plan for ${envId ?? ENV_ID_UNSET} (against an empty environment; a real run skips what exists):`)
    for (const op of plan.operations) console.log(`  ${describeOperation(op)}`)
    return
  }
  if (envId === null) throw new Error('no environment id') // parseDeployArgs already refuses this
  const credentials = credentialsFromEnv()
  if (!credentials) {
    throw new Error('set TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY (API keys of the Tencent Cloud account that owns the environment)')
  }
  console.log(`database of ${envId}: applying deploy/collections.json`)
  await syncDatabase(managerNodeApi(envId, credentials), config, (line) => console.log(line))
  console.log('database done')
}

main().catch((e: unknown) => {
  console.error(`deploy:db failed: ${e instanceof Error ? e.message : String(e)}`)
  process.exitCode = 1
})
