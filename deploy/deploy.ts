/**
 * `npm run deploy -- --env <id> [--dry-run] [--skip-build] [--skip-db] [--skip-functions]`
 *
 * 1. `npm run build:functions` → build/cloudfunctions/<fn>/{index.js,package.json,config.json?}
 * 2. checks every built folder (settings entry in deploy/functions.ts, no .ts, openapi permissions)
 *    and renders cloudbaserc.json from deploy/functions.ts for the built functions
 * 3. deploy/apply-database.ts: collections, indexes, admin-only rules (needs TENCENTCLOUD_SECRET*)
 * 4. the pinned CloudBase CLI deploys each built function (needs `tcb login` done once)
 *
 * Every program runs without a shell, with the env id as its own argument after validation.
 */
import { spawn } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { credentialsFromEnv, ENV_ID_UNSET, parseDeployArgs } from './cli-args'
import { builtFunctionNames, builtFunctionProblems, sourceFunctionNames } from './function-dirs'
import { renderCloudbaserc, serialiseCloudbaserc } from './functions'
import { buildFunctionsCommand, CLOUDBASE_CLI, cliFailure, formatCommand, planDeploy, type Command } from './plan-deploy'
import { describeOperation, planDatabase } from './plan-database'
import { parseCollections } from './collections'

const root = process.cwd()

async function main(): Promise<void> {
  const options = parseDeployArgs(process.argv.slice(2))
  if (!existsSync(join(root, 'deploy', 'collections.json'))) {
    throw new Error('run from the repository root (npm run deploy)')
  }
  if (options.dryRun) return dryRun(options)

  const envId = options.envId as string // parseDeployArgs refuses a real run without one
  if (!options.skipDb && !credentialsFromEnv()) {
    throw new Error('set TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY for the database step (or pass --skip-db)')
  }
  console.log(`deploying to ${envId}`)

  let names: string[] = []
  if (!options.skipFunctions) {
    if (!options.skipBuild) await run(buildFunctionsCommand())
    names = builtFunctionNames(root)
    if (names.length === 0) throw new Error('build/cloudfunctions holds no function: did the build run?')
    const problems = names.flatMap((name) => builtFunctionProblems(root, name))
    if (problems.length > 0) throw new Error(`cannot deploy:\n  - ${problems.join('\n  - ')}`)
    writeCloudbaserc(names)
  }
  // The build is done: the rest is exactly what --dry-run prints.
  for (const command of planDeploy({ ...options, envId, functionNames: names, skipBuild: true })) {
    await run(command, { checkCliOutput: command.program === 'npx' })
  }
  if (names.length > 0) console.log(`\ndeployed ${names.length} function(s): ${names.join(', ')}`)
  console.log('deploy done')
}

function dryRun(options: ReturnType<typeof parseDeployArgs>): void {
  const envId = options.envId ?? ENV_ID_UNSET
  let names = builtFunctionNames(root)
  let source = 'build/cloudfunctions, as last built'
  if (names.length === 0) {
    names = sourceFunctionNames(root)
    source = 'cloudfunctions/, since build/cloudfunctions is empty'
  }
  console.log(`[dry run] deploy to ${envId}; nothing is run or written`)
  console.log(`functions (from ${source}): ${names.join(', ') || 'none'}`)
  const commands = planDeploy({ ...options, envId, functionNames: names })
  if (!options.skipFunctions) {
    const rendered = serialiseCloudbaserc(renderCloudbaserc(names))
    const current = readIfExists(join(root, 'cloudbaserc.json'))
    console.log(current === rendered ? 'cloudbaserc.json: up to date' : 'cloudbaserc.json: would be rewritten:\n' + rendered)
  }
  console.log('commands:')
  for (const command of commands) console.log(`  $ ${formatCommand(command)}`)
  if (!options.skipDb) {
    const config = parseCollections(readFileSync(join(root, 'deploy', 'collections.json'), 'utf8'))
    console.log('database plan (against an empty environment; a real run skips what exists):')
    for (const op of planDatabase(config).operations) console.log(`  ${describeOperation(op)}`)
  }
}

function writeCloudbaserc(names: string[]): void {
  const file = join(root, 'cloudbaserc.json')
  const rendered = serialiseCloudbaserc(renderCloudbaserc(names))
  if (readIfExists(file) === rendered) return
  writeFileSync(file, rendered)
  console.log('cloudbaserc.json rewritten for the built functions: commit it')
}

function readIfExists(file: string): string | null {
  return existsSync(file) ? readFileSync(file, 'utf8') : null
}

/** Run a command without a shell; rejects on a non-zero exit or, for the CLI, a failure in its output. */
function run(command: Command, { checkCliOutput = false } = {}): Promise<void> {
  console.log(`\n$ ${formatCommand(command)}`)
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command.program, command.args, {
      cwd: root,
      shell: false,
      // The CLI must never wait for an answer: with stdin closed, a prompt fails instead of hanging.
      stdio: checkCliOutput ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    })
    let output = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      process.stdout.write(chunk)
    })
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      process.stderr.write(chunk)
    })
    child.on('error', (e) => reject(new Error(`${command.label}: cannot start ${command.program}: ${e.message}`)))
    child.on('close', (code, signal) => {
      if (code !== 0) return reject(new Error(`${command.label}: exited with ${signal ?? code}`))
      const failure = checkCliOutput ? cliFailure(output) : null
      if (failure) {
        const hint = /identity|login|登录/i.test(failure)
          ? ` (log the CLI in once: npx --yes --package=${CLOUDBASE_CLI} tcb login)`
          : ''
        return reject(new Error(`${command.label}: ${failure}${hint}`))
      }
      resolvePromise()
    })
  })
}

main().catch((e: unknown) => {
  console.error(`\ndeploy failed: ${e instanceof Error ? e.message : String(e)}`)
  process.exitCode = 1
})
