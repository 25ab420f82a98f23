/** The commands a deploy runs, in order. Pure, so --dry-run and the tests see exactly what a real run does. */

/**
 * The CloudBase CLI, pinned. Not a project dependency on purpose (a 34 MB bundle only a deployer
 * needs); npx fetches it once into its cache. The package has several binaries (tcb, cloudbase,
 * cloudbase-mcp), so npx must be told the package and the binary: `npx @cloudbase/cli@x fn …`
 * fails with "could not determine executable to run".
 */
export const CLOUDBASE_CLI = '@cloudbase/cli@2.12.10'

/** A program and its arguments, run without a shell. */
export interface Command {
  label: string
  program: string
  args: string[]
}

export function buildFunctionsCommand(): Command {
  return { label: 'build cloud functions', program: 'npm', args: ['run', 'build:functions'] }
}

export function applyDatabaseCommand(envId: string): Command {
  return {
    label: 'apply deploy/collections.json',
    program: process.execPath,
    args: ['deploy/run.mjs', 'deploy/apply-database.ts', '--env', envId],
  }
}

export function deployFunctionCommand(name: string, envId: string): Command {
  return {
    label: `deploy function ${name}`,
    program: 'npx',
    args: ['--yes', `--package=${CLOUDBASE_CLI}`, 'tcb', 'fn', 'deploy', name, '--force', '-e', envId],
  }
}

export interface DeployPlanInput {
  envId: string
  functionNames: readonly string[]
  skipBuild: boolean
  skipDb: boolean
  skipFunctions: boolean
}

/**
 * Build first (so a broken build stops everything), then the database (new code may need its
 * indexes), then each function. cloudbaserc.json is rendered between build and database.
 */
export function planDeploy(input: DeployPlanInput): Command[] {
  const commands: Command[] = []
  if (!input.skipBuild && !input.skipFunctions) commands.push(buildFunctionsCommand())
  if (!input.skipDb) commands.push(applyDatabaseCommand(input.envId))
  if (!input.skipFunctions) {
    for (const name of [...input.functionNames].sort()) commands.push(deployFunctionCommand(name, input.envId))
  }
  return commands
}

/** For printing only: quotes arguments that a shell would split or expand. */
export function formatCommand(command: Command): string {
  const program = command.program === process.execPath ? 'node' : command.program
  return [program, ...command.args].map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ')
}

/**
 * The CLI prints "✖ …" and still exits 0 when a function deploy fails (seen with 2.12.10), so
 * its output is checked too. Returns the failing line, or null.
 */
export function cliFailure(output: string): string | null {
  const lines = output.split(/\r?\n/)
  const line = lines.find((l) => l.includes('✖')) ?? lines.find((l) => /部署失败|No valid identity information/.test(l))
  return line ? line.trim() : null
}
