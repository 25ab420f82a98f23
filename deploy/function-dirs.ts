/** Which cloud functions exist, in the source tree and in the build, and whether a build folder is deployable. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { NON_FUNCTION_DIRS, openapiMismatch, settingsFor } from './functions'

/** SCF function names: a letter, then letters, digits, `_` or `-`; at most 60 characters. */
const FUNCTION_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,59}$/

function subdirs(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('.'))
    .map((d) => d.name)
    .sort()
}

/** Function folders under cloudfunctions/ (shared code folders excluded). */
export function sourceFunctionNames(root: string): string[] {
  return subdirs(join(root, 'cloudfunctions')).filter((name) => !NON_FUNCTION_DIRS.includes(name))
}

/** Folders under build/cloudfunctions/, i.e. what the build produced. */
export function builtFunctionNames(root: string): string[] {
  return subdirs(join(root, 'build', 'cloudfunctions'))
}

/** Everything wrong with one built function folder; empty when it can be deployed. */
export function builtFunctionProblems(root: string, name: string): string[] {
  const dir = join(root, 'build', 'cloudfunctions', name)
  const problems: string[] = []
  if (!FUNCTION_NAME.test(name)) problems.push(`${name}: not a valid function name (${FUNCTION_NAME})`)
  try {
    settingsFor(name)
  } catch (e) {
    problems.push((e as Error).message)
    return problems
  }
  if (!existsSync(join(dir, 'index.js'))) problems.push(`${name}: build/cloudfunctions/${name}/index.js is missing`)
  if (!existsSync(join(dir, 'package.json'))) problems.push(`${name}: build/cloudfunctions/${name}/package.json is missing`)
  const ts = findFiles(dir, (f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
  if (ts.length > 0) problems.push(`${name}: TypeScript files in the deploy folder break deploys: ${ts.join(', ')}`)
  let config: unknown
  const configFile = join(dir, 'config.json')
  if (existsSync(configFile)) {
    try {
      config = JSON.parse(readFileSync(configFile, 'utf8'))
    } catch (e) {
      problems.push(`${name}: config.json is not valid JSON: ${(e as Error).message}`)
      return problems
    }
  }
  const mismatch = openapiMismatch(name, config)
  if (mismatch) problems.push(mismatch)
  return problems
}

function findFiles(dir: string, match: (file: string) => boolean, prefix = ''): string[] {
  if (!existsSync(dir)) return []
  const found: string[] = []
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules') continue
    const full = join(dir, entry)
    const rel = prefix ? `${prefix}/${entry}` : entry
    if (statSync(full).isDirectory()) found.push(...findFiles(full, match, rel))
    else if (match(entry)) found.push(rel)
  }
  return found
}
