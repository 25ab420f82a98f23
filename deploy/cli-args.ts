/** Command-line options and the environment id, shared by deploy.ts and apply-database.ts. */
import { parseArgs } from 'node:util'

/**
 * CloudBase environment ids are lowercase letters, digits and hyphens (e.g. `cloud1-9gabc123`,
 * `jinlin-prod-4f2a1b`). Checked before the id reaches any command line: it must not start with
 * `-` (it would read as an option) or hold anything a program could interpret.
 */
const ENV_ID = /^[a-z][a-z0-9-]{2,62}[a-z0-9]$/

export function envIdProblem(envId: string): string | null {
  if (ENV_ID.test(envId)) return null
  return `"${envId}" is not a CloudBase environment id (lowercase letters, digits and "-", starting with a letter, 4–64 characters)`
}

/** Environment variables as read here (plain record, so tests can pass their own). */
export type EnvVars = Readonly<Record<string, string | undefined>>

export interface DeployOptions {
  envId: string | null
  dryRun: boolean
  skipBuild: boolean
  skipDb: boolean
  skipFunctions: boolean
}

export const USAGE = `options:
  --env <id>          CloudBase environment id (default: $CLOUDBASE_ENV_ID)
  --dry-run           print what would be done; needs no credentials and changes nothing
  --skip-build        deploy.ts: use build/cloudfunctions as it is
  --skip-db           deploy.ts: leave collections, indexes and rules alone
  --skip-functions    deploy.ts: leave the cloud functions alone`

/** Parse argv (without node and the script); the env id falls back to CLOUDBASE_ENV_ID. */
export function parseDeployArgs(argv: readonly string[], env: EnvVars = process.env): DeployOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      env: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      'skip-build': { type: 'boolean', default: false },
      'skip-db': { type: 'boolean', default: false },
      'skip-functions': { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  })
  const envId = values.env ?? (env.CLOUDBASE_ENV_ID || null)
  if (envId !== null) {
    const problem = envIdProblem(envId)
    if (problem) throw new Error(problem)
  }
  const dryRun = values['dry-run'] === true
  if (envId === null && !dryRun) {
    throw new Error('no environment id: pass --env <id> or set CLOUDBASE_ENV_ID')
  }
  return {
    envId,
    dryRun,
    skipBuild: values['skip-build'] === true,
    skipDb: values['skip-db'] === true,
    skipFunctions: values['skip-functions'] === true,
  }
}

export interface Credentials {
  secretId: string
  secretKey: string
  token?: string
}

/** Tencent Cloud API keys from the environment, or null when absent. */
export function credentialsFromEnv(env: EnvVars = process.env): Credentials | null {
  const secretId = env.TENCENTCLOUD_SECRETID
  const secretKey = env.TENCENTCLOUD_SECRETKEY
  if (!secretId || !secretKey) return null
  return { secretId, secretKey, token: env.TENCENTCLOUD_SESSIONTOKEN || undefined }
}

/** Shown in dry runs in place of an env id that was not given. */
export const ENV_ID_UNSET = '<env-id>'
