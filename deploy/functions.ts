/**
 * Per-function deploy settings: the one place that says how each cloud function runs on CloudBase.
 *
 * The set of functions deployed is whatever folders the build leaves under build/cloudfunctions/;
 * each of them must have an entry here (the deploy refuses one that has none, and a test checks
 * every folder under cloudfunctions/). Entries for functions not written yet are harmless: they
 * are only used once the folder exists.
 *
 * cloudbaserc.json at the repository root is rendered from this table by `npm run deploy`
 * (see renderCloudbaserc) — edit this file, not that one.
 */

/** Runtimes this project accepts. CloudBase also has newer Node runtimes; 18.15 is the CLI default. */
export const RUNTIMES = ['Nodejs16.13', 'Nodejs18.15'] as const
export type Runtime = (typeof RUNTIMES)[number]

/** Memory sizes CloudBase offers for a function, in MB. */
export const MEMORY_SIZES = [128, 256, 512, 1024, 2048] as const
export type MemorySize = (typeof MEMORY_SIZES)[number]

/** CloudBase accepts 1–60 s; below 3 s a cold start (1–3 s) alone can time a call out. */
export const MIN_TIMEOUT_S = 3
export const MAX_TIMEOUT_S = 60

export interface FunctionSettings {
  /** Seconds before the platform kills an invocation. */
  timeout: number
  memorySize: MemorySize
  runtime: Runtime
  /** Let CloudBase run `npm install` for the function's package.json (only wx-server-sdk). */
  installDependency: boolean
  /**
   * Cloud-call (云调用) APIs the function may use, e.g. 'subscribeMessage.send'. Must equal
   * `permissions.openapi` in the function's built config.json (the deploy checks it).
   */
  openapi: readonly string[]
  /**
   * A timer trigger, as a 7-field CloudBase cron (second minute hour day month weekday year), for
   * functions that run on a schedule rather than being called.
   */
  timer?: string
  /**
   * Environment variables the function reads, by name. Their values never live in the repository:
   * cloudbaserc.json carries `{{env.NAME}}`, which the CloudBase CLI fills from the deployer's
   * environment (or .env.local) at deploy time.
   */
  envVariables?: readonly string[]
}

/** Cloud calls of content security (lib/content.ts): every function that takes user text or photos. */
const CONTENT_CHECKS = ['security.msgSecCheck'] as const
const PHOTO_CHECKS = ['security.msgSecCheck', 'security.mediaCheckAsync'] as const

const DEFAULTS = {
  memorySize: 256,
  runtime: 'Nodejs18.15',
  installDependency: true,
  openapi: [],
} as const satisfies Omit<FunctionSettings, 'timeout'>

/** Function name → settings. Names are the folder names under cloudfunctions/. */
export const FUNCTION_SETTINGS: Readonly<Record<string, FunctionSettings>> = {
  // JINLIN_SETUP_CODE: the one-time setup code that makes the first admin (deploy/README.md).
  org: { ...DEFAULTS, timeout: 10, openapi: CONTENT_CHECKS, envVariables: ['JINLIN_SETUP_CODE'] },
  // Reserved for the functions being written; they are deployed once their build folder exists.
  // Transactions (points ledger, dispatch claims) may take a few round trips: 20 s.
  dispatch: { ...DEFAULTS, timeout: 20, openapi: PHOTO_CHECKS },
  // Drains the subscribe-message queue every minute (steps only enqueue, so no step waits on WeChat).
  notify: { ...DEFAULTS, timeout: 20, openapi: ['subscribeMessage.send'], timer: '0 * * * * * *' },
  // Opens this month's and next month's 三率 counter documents every night at 00:05.
  scorecards: { ...DEFAULTS, timeout: 20, timer: '0 5 0 * * * *' },
  // Folds the leaderboard increments posts left pending every minute (lib/tallies.ts): the bound on a board's lag.
  points: { ...DEFAULTS, timeout: 20, timer: '0 * * * * * *', openapi: CONTENT_CHECKS },
  // Sends visit reminders hourly (one per household's due window) from its timer trigger.
  visits: { ...DEFAULTS, timeout: 20, openapi: ['subscribeMessage.send', ...CONTENT_CHECKS], timer: '0 0 * * * * *' },
  stats: { ...DEFAULTS, timeout: 20 },
  // The 微心愿 wall: sends the wisher's messages itself (approved, claimed, fulfilled) after each step.
  wishes: { ...DEFAULTS, timeout: 20, openapi: ['subscribeMessage.send'] },
  // 共建项目: sends its messages itself (claimed, requested, accepted or declined, completed, rated) after each step.
  projects: { ...DEFAULTS, timeout: 20, openapi: ['subscribeMessage.send'] },
  // 设岗定责, 承诺践诺评诺, 年度任务: sends the member's messages (a log verified or returned, a pledge rated).
  posts: { ...DEFAULTS, timeout: 20, openapi: ['subscribeMessage.send'] },
  // The workbook import: CloudBase's most (60 s). apply works in 20 s chunks and a dry run reads
  // and checks a whole county's file in one call; exceljs needs the memory (512 MB).
  imports: { ...DEFAULTS, timeout: 60, memorySize: 512 },
  // Exports to .xlsx: chunks of 20 s within CloudBase's 60 s, exceljs's writer needs the memory;
  // the hourly timer writes the monthly report pack of the month just ended (one count once done).
  exports: { ...DEFAULTS, timeout: 60, memorySize: 512, timer: '0 30 * * * * *' },
}

/** Folders under cloudfunctions/ that are shared code, not deployable functions. */
export const NON_FUNCTION_DIRS: readonly string[] = ['core', 'lib']

/** One entry of cloudbaserc.json's `functions` array, as the CloudBase CLI reads it. */
export interface CloudbasercFunction {
  name: string
  handler: 'index.main'
  timeout: number
  memorySize: number
  runtime: string
  installDependency: boolean
  ignore: string[]
  triggers?: { name: string; type: 'timer'; config: string }[]
  envVariables?: Record<string, string>
}

export interface Cloudbaserc {
  $comment: string
  version: '2.0'
  envId: string
  functionRoot: string
  functions: CloudbasercFunction[]
}

export const FUNCTION_ROOT = 'build/cloudfunctions'

/**
 * The CLI (2.12.10) fills `"{{env.NAME}}"` from .env, .env.local and the process environment, so a
 * hand-run `tcb fn deploy org` picks up CLOUDBASE_ENV_ID; the deploy script passes `-e <envId>`,
 * which takes precedence.
 */
export const ENV_ID_PLACEHOLDER = '{{env.CLOUDBASE_ENV_ID}}'

/** `{{env.NAME}}`: filled by the CloudBase CLI from the deployer's environment. */
export const envPlaceholder = (name: string): string => `{{env.${name}}}`

export const CLOUDBASERC_COMMENT =
  'Generated by `npm run deploy` from deploy/functions.ts and the folders in build/cloudfunctions: edit deploy/functions.ts, not this file. See deploy/README.md.'

/** Problems with one settings entry (empty when valid). */
export function settingsProblems(name: string, s: FunctionSettings): string[] {
  const problems: string[] = []
  if (!Number.isInteger(s.timeout) || s.timeout < MIN_TIMEOUT_S || s.timeout > MAX_TIMEOUT_S) {
    problems.push(`${name}: timeout ${s.timeout} s is outside ${MIN_TIMEOUT_S}–${MAX_TIMEOUT_S} s`)
  }
  if (!(MEMORY_SIZES as readonly number[]).includes(s.memorySize)) {
    problems.push(`${name}: memorySize ${s.memorySize} is not one of ${MEMORY_SIZES.join(', ')}`)
  }
  if (!(RUNTIMES as readonly string[]).includes(s.runtime)) {
    problems.push(`${name}: runtime ${s.runtime} is not one of ${RUNTIMES.join(', ')}`)
  }
  return problems
}

/** Settings for a function, or an error naming the file to edit. */
export function settingsFor(name: string): FunctionSettings {
  const s = Object.prototype.hasOwnProperty.call(FUNCTION_SETTINGS, name) ? FUNCTION_SETTINGS[name] : undefined
  if (!s) {
    throw new Error(`cloud function "${name}" has no entry in deploy/functions.ts (FUNCTION_SETTINGS): add one with its timeout`)
  }
  return s
}

export function renderFunctionEntry(name: string): CloudbasercFunction {
  const s = settingsFor(name)
  return {
    name,
    handler: 'index.main',
    timeout: s.timeout,
    memorySize: s.memorySize,
    runtime: s.runtime,
    installDependency: s.installDependency,
    ignore: ['node_modules', 'node_modules/**/*'],
    ...(s.timer ? { triggers: [{ name: `${name}-timer`, type: 'timer' as const, config: s.timer }] } : {}),
    ...(s.envVariables?.length ? { envVariables: Object.fromEntries(s.envVariables.map((v) => [v, envPlaceholder(v)])) } : {}),
  }
}

/** The whole cloudbaserc.json for the given function names (sorted, so the file is stable). */
export function renderCloudbaserc(functionNames: readonly string[]): Cloudbaserc {
  return {
    $comment: CLOUDBASERC_COMMENT,
    version: '2.0',
    envId: ENV_ID_PLACEHOLDER,
    functionRoot: FUNCTION_ROOT,
    functions: [...functionNames].sort().map(renderFunctionEntry),
  }
}

/** Serialised exactly as committed: two-space JSON and a final newline. */
export function serialiseCloudbaserc(config: Cloudbaserc): string {
  return `${JSON.stringify(config, null, 2)}\n`
}

/**
 * Compare a built function's config.json permissions with the table. Returns a problem or null.
 * `builtConfig` is the parsed config.json, or undefined when the build wrote none.
 */
export function openapiMismatch(name: string, builtConfig: unknown): string | null {
  const declared = [...settingsFor(name).openapi].sort()
  const built = readOpenapi(builtConfig)
  if (built === 'invalid') return `${name}: build/cloudfunctions/${name}/config.json has no valid permissions.openapi array`
  const sortedBuilt = [...built].sort()
  if (declared.length === sortedBuilt.length && declared.every((p, i) => p === sortedBuilt[i])) return null
  return (
    `${name}: config.json grants openapi [${sortedBuilt.join(', ')}] but deploy/functions.ts declares ` +
    `[${declared.join(', ')}]; make them agree`
  )
}

function readOpenapi(config: unknown): string[] | 'invalid' {
  if (config === undefined) return []
  if (typeof config !== 'object' || config === null) return 'invalid'
  const permissions = (config as { permissions?: unknown }).permissions
  if (permissions === undefined) return []
  if (typeof permissions !== 'object' || permissions === null) return 'invalid'
  const openapi = (permissions as { openapi?: unknown }).openapi
  if (openapi === undefined) return []
  if (!Array.isArray(openapi) || !openapi.every((p) => typeof p === 'string')) return 'invalid'
  return openapi as string[]
}
