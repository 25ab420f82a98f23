/**
 * The deploy configuration, checked without CloudBase: collections.json, the database planner,
 * the function settings table, cloudbaserc.json, project.config.json and the deploy commands.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { envIdProblem, parseDeployArgs } from '../../deploy/cli-args'
import { collectionsProblems, indexNameFor, parseCollections, type CollectionsConfig } from '../../deploy/collections'
import { sourceFunctionNames } from '../../deploy/function-dirs'
import {
  ENV_ID_PLACEHOLDER,
  FUNCTION_ROOT,
  FUNCTION_SETTINGS,
  MAX_TIMEOUT_S,
  MIN_TIMEOUT_S,
  openapiMismatch,
  renderCloudbaserc,
  renderFunctionEntry,
  serialiseCloudbaserc,
  settingsProblems,
} from '../../deploy/functions'
import { ADMIN_ONLY, planDatabase, type ExistingCollection } from '../../deploy/plan-database'
import { CLOUDBASE_CLI, cliFailure, formatCommand, planDeploy } from '../../deploy/plan-deploy'

const root = join(__dirname, '..', '..')
const readJson = (file: string): unknown => JSON.parse(readFileSync(join(root, file), 'utf8'))

describe('deploy/collections.json', () => {
  const raw = readJson('deploy/collections.json') as { collections: Array<Record<string, unknown>> }

  it('passes the validator', () => {
    expect(collectionsProblems(raw)).toEqual([])
  })

  it('has no duplicate collection names', () => {
    const names = raw.collections.map((c) => c.name)
    expect(new Set(names).size).toBe(names.length)
  })

  it.each(raw.collections.map((c) => [c.name as string, c]))('%s: name, description and well-formed indexes', (_name, c) => {
    expect(typeof c.name).toBe('string')
    expect(typeof c.description === 'string' && c.description.trim().length > 0).toBe(true)
    const indexes = c.indexes as Array<{ name: string; keys: Record<string, number>; unique?: boolean }>
    expect(Array.isArray(indexes)).toBe(true)
    expect(new Set(indexes.map((ix) => ix.name)).size).toBe(indexes.length)
    for (const ix of indexes) {
      const entries = Object.entries(ix.keys)
      expect(entries.length).toBeGreaterThan(0)
      for (const [, dir] of entries) expect([1, -1]).toContain(dir)
      expect(ix.name).toBe(entries.map(([field, dir]) => `${field}_${dir}`).join('_'))
    }
  })
})

describe('collectionsProblems', () => {
  const valid = (): CollectionsConfig => ({
    collections: [
      { name: 'a', description: 'A', indexes: [{ name: 'x_1_y_-1', keys: { x: 1, y: -1 } }] },
      { name: 'b', description: 'B', indexes: [] },
    ],
  })

  it('accepts a valid config', () => {
    expect(collectionsProblems(valid())).toEqual([])
  })

  it('names every kind of mistake', () => {
    const bad = {
      collections: [
        { name: 'a', description: '', indexes: [{ name: 'x_1', keys: { x: 2 } }] },
        { name: 'a', description: 'dup', indexes: [{ name: 'y_1', keys: {} }] },
        {
          name: 'c',
          description: 'C',
          indexes: [
            { name: 'wrong', keys: { z: 1 } },
            { name: 'wrong', keys: { z: -1 } },
          ],
        },
      ],
    }
    const problems = collectionsProblems(bad).join('\n')
    expect(problems).toMatch(/collection "a": description must be a non-empty string/)
    expect(problems).toMatch(/direction of "x" must be 1 or -1, got 2/)
    expect(problems).toMatch(/collection "a": duplicate collection name/)
    expect(problems).toMatch(/keys must be a non-empty object/)
    expect(problems).toMatch(/name "wrong" should be "z_1"/)
    expect(problems).toMatch(/duplicate index name "wrong"/)
  })

  it('rejects a file without a collections array', () => {
    expect(collectionsProblems({})).toHaveLength(1)
    expect(() => parseCollections('{"collections": [{"name": "x"}]}')).toThrow(/description/)
    expect(() => parseCollections('not json')).toThrow(/not valid JSON/)
  })

  it('builds index names from keys in order', () => {
    expect(indexNameFor({ openid: 1, at: -1 })).toBe('openid_1_at_-1')
  })
})

describe('planDatabase', () => {
  const config: CollectionsConfig = {
    collections: [
      {
        name: 'households',
        description: 'Households',
        indexes: [
          { name: 'buildingId_1_room_1', keys: { buildingId: 1, room: 1 }, unique: true },
          { name: 'communityId_1', keys: { communityId: 1 } },
        ],
      },
      { name: 'roleEvents', description: 'Role log', indexes: [{ name: 'openid_1_at_-1', keys: { openid: 1, at: -1 } }] },
    ],
  }

  it('plans everything for an empty environment, with the exact UpdateTable index shape', () => {
    const { operations, conflicts } = planDatabase(config)
    expect(conflicts).toEqual([])
    expect(operations).toEqual([
      { kind: 'createCollection', collection: 'households' },
      {
        kind: 'createIndex',
        collection: 'households',
        index: 'buildingId_1_room_1',
        request: {
          IndexName: 'buildingId_1_room_1',
          MgoKeySchema: {
            MgoIndexKeys: [
              { Name: 'buildingId', Direction: '1' },
              { Name: 'room', Direction: '1' },
            ],
            MgoIsUnique: true,
          },
        },
      },
      {
        kind: 'createIndex',
        collection: 'households',
        index: 'communityId_1',
        request: {
          IndexName: 'communityId_1',
          MgoKeySchema: { MgoIndexKeys: [{ Name: 'communityId', Direction: '1' }], MgoIsUnique: false },
        },
      },
      { kind: 'setAdminOnly', collection: 'households', from: null },
      { kind: 'createCollection', collection: 'roleEvents' },
      {
        kind: 'createIndex',
        collection: 'roleEvents',
        index: 'openid_1_at_-1',
        request: {
          IndexName: 'openid_1_at_-1',
          MgoKeySchema: {
            MgoIndexKeys: [
              { Name: 'openid', Direction: '1' },
              { Name: 'at', Direction: '-1' },
            ],
            MgoIsUnique: false,
          },
        },
      },
      { kind: 'setAdminOnly', collection: 'roleEvents', from: null },
    ])
  })

  it('does not recreate an index or a rule that already exist', () => {
    const existing = new Map<string, ExistingCollection>([
      [
        'households',
        {
          exists: true,
          aclTag: 'PRIVATE',
          indexes: [
            { name: '_id_', keys: [{ name: '_id', direction: '1' }], unique: true },
            {
              name: 'buildingId_1_room_1',
              keys: [
                { name: 'buildingId', direction: '1' },
                { name: 'room', direction: '1' },
              ],
              unique: true,
            },
          ],
        },
      ],
      ['roleEvents', { exists: true, aclTag: ADMIN_ONLY, indexes: [{ name: 'openid_1_at_-1', keys: [{ name: 'openid', direction: 1 }, { name: 'at', direction: -1 }], unique: false }] }],
    ])
    const { operations, conflicts } = planDatabase(config, existing)
    expect(conflicts).toEqual([])
    expect(operations.map((op) => [op.kind, op.collection, op.kind === 'createIndex' ? op.index : ''])).toEqual([
      ['createIndex', 'households', 'communityId_1'],
      ['setAdminOnly', 'households', ''],
    ])
    expect(operations[1]).toEqual({ kind: 'setAdminOnly', collection: 'households', from: 'PRIVATE' })
  })

  it('reports an index that exists with another definition instead of touching it', () => {
    const existing = new Map<string, ExistingCollection>([
      ['households', { exists: true, aclTag: ADMIN_ONLY, indexes: [{ name: 'communityId_1', keys: [{ name: 'communityId', direction: '1' }], unique: true }] }],
    ])
    const { operations, conflicts } = planDatabase(config, existing)
    expect(conflicts).toHaveLength(1)
    expect(conflicts[0]).toMatch(/^households\.communityId_1: exists as \{"communityId":1\} unique/)
    expect(operations.some((op) => op.kind === 'createIndex' && op.index === 'communityId_1')).toBe(false)
  })

  it('plans the real collections.json: every collection gets the admin-only rule', () => {
    const real = parseCollections(readFileSync(join(root, 'deploy/collections.json'), 'utf8'))
    const { operations } = planDatabase(real)
    const ruled = operations.filter((op) => op.kind === 'setAdminOnly').map((op) => op.collection)
    expect(ruled).toEqual(real.collections.map((c) => c.name))
    const indexCount = real.collections.reduce((n, c) => n + c.indexes.length, 0)
    expect(operations.filter((op) => op.kind === 'createIndex')).toHaveLength(indexCount)
  })
})

describe('deploy/functions.ts settings', () => {
  it('has an entry with a 3–60 s timeout for every function folder under cloudfunctions/', () => {
    const folders = sourceFunctionNames(root)
    expect(folders).not.toContain('core')
    expect(folders).not.toContain('lib')
    for (const name of folders) {
      const settings = FUNCTION_SETTINGS[name]
      expect({ name, hasSettings: settings !== undefined }).toEqual({ name, hasSettings: true })
      expect(settings.timeout).toBeGreaterThanOrEqual(MIN_TIMEOUT_S)
      expect(settings.timeout).toBeLessThanOrEqual(MAX_TIMEOUT_S)
    }
  })

  it('holds only valid settings', () => {
    const problems = Object.entries(FUNCTION_SETTINGS).flatMap(([name, s]) => settingsProblems(name, s))
    expect(problems).toEqual([])
    expect(FUNCTION_SETTINGS.org.timeout).toBe(10)
  })

  it('flags a timeout out of range', () => {
    expect(settingsProblems('x', { ...FUNCTION_SETTINGS.org, timeout: 90 })).toEqual(['x: timeout 90 s is outside 3–60 s'])
  })

  it('compares openapi permissions with a built config.json', () => {
    expect(openapiMismatch('scorecards', undefined)).toBeNull()
    expect(openapiMismatch('scorecards', { permissions: { openapi: [] } })).toBeNull()
    expect(openapiMismatch('scorecards', { permissions: { openapi: ['subscribeMessage.send'] } })).toMatch(/make them agree/)
    expect(openapiMismatch('scorecards', { permissions: { openapi: 'x' } })).toMatch(/no valid permissions\.openapi/)
    expect(openapiMismatch('org', undefined)).toMatch(/make them agree/)
  })

  it('matches source config.json permissions where a function declares them', () => {
    for (const name of sourceFunctionNames(root)) {
      const file = join(root, 'cloudfunctions', name, 'config.json')
      if (existsSync(file)) expect(openapiMismatch(name, JSON.parse(readFileSync(file, 'utf8')))).toBeNull()
    }
  })

  it('org reads JINLIN_SETUP_CODE from the deployer’s environment, never from the repository', () => {
    expect(renderFunctionEntry('org').envVariables).toEqual({ JINLIN_SETUP_CODE: '{{env.JINLIN_SETUP_CODE}}' })
    expect(renderFunctionEntry('dispatch')).not.toHaveProperty('envVariables')
  })

  it('refuses to render a function without settings', () => {
    expect(() => renderFunctionEntry('nosuch')).toThrow(/no entry in deploy\/functions\.ts/)
  })
})

describe('cloudbaserc.json', () => {
  const file = join(root, 'cloudbaserc.json')
  const config = JSON.parse(readFileSync(file, 'utf8')) as ReturnType<typeof renderCloudbaserc>

  it('parses and points functionRoot at build/cloudfunctions, with the env id as a placeholder', () => {
    expect(config.functionRoot).toBe('build/cloudfunctions')
    expect(FUNCTION_ROOT).toBe('build/cloudfunctions')
    expect(config.envId).toBe(ENV_ID_PLACEHOLDER)
    expect(config.version).toBe('2.0')
  })

  it('is exactly what the deploy renders for its functions (edit deploy/functions.ts, not the file)', () => {
    const names = config.functions.map((f) => f.name)
    expect(readFileSync(file, 'utf8')).toBe(serialiseCloudbaserc(renderCloudbaserc(names)))
    for (const f of config.functions) {
      expect(f.timeout).toBeGreaterThanOrEqual(MIN_TIMEOUT_S)
      expect(f.timeout).toBeLessThanOrEqual(MAX_TIMEOUT_S)
      expect(f.installDependency).toBe(true)
    }
  })
})

describe('project.config.json', () => {
  const file = join(root, 'project.config.json')
  const maybe = existsSync(file) ? it : it.skip

  maybe('points cloudfunctionRoot at the built functions', () => {
    expect((readJson('project.config.json') as { cloudfunctionRoot: string }).cloudfunctionRoot).toBe('build/cloudfunctions/')
  })
})

describe('deploy commands', () => {
  it('builds, applies the database, then deploys each function with the pinned CLI, env id as its own argument', () => {
    const commands = planDeploy({
      envId: 'jinlin-prod-4f2a1b',
      functionNames: ['points', 'org'],
      skipBuild: false,
      skipDb: false,
      skipFunctions: false,
    })
    expect(commands.map(formatCommand)).toEqual([
      'npm run build:functions',
      'node deploy/run.mjs deploy/apply-database.ts --env jinlin-prod-4f2a1b',
      `npx --yes --package=${CLOUDBASE_CLI} tcb fn deploy org --force -e jinlin-prod-4f2a1b`,
      `npx --yes --package=${CLOUDBASE_CLI} tcb fn deploy points --force -e jinlin-prod-4f2a1b`,
    ])
    expect(commands[2].args).toEqual(['--yes', '--package=@cloudbase/cli@2.12.10', 'tcb', 'fn', 'deploy', 'org', '--force', '-e', 'jinlin-prod-4f2a1b'])
  })

  it('honours the skip flags', () => {
    const base = { envId: 'jinlin-prod-4f2a1b', functionNames: ['org'] }
    expect(planDeploy({ ...base, skipBuild: false, skipDb: true, skipFunctions: true })).toEqual([])
    expect(planDeploy({ ...base, skipBuild: true, skipDb: false, skipFunctions: true }).map((c) => c.label)).toEqual([
      'apply deploy/collections.json',
    ])
    expect(planDeploy({ ...base, skipBuild: true, skipDb: true, skipFunctions: false }).map((c) => c.label)).toEqual([
      'deploy function org',
    ])
  })

  it('accepts real env ids and refuses anything else', () => {
    for (const ok of ['cloud1-9gabc123', 'jinlin-prod-4f2a1b', 'test-2a3b4c']) expect(envIdProblem(ok)).toBeNull()
    for (const bad of ['', '-e', '--force', 'a;rm -rf /', 'Prod-1', '{{env.CLOUDBASE_ENV_ID}}', 'ab', 'x'.repeat(65), 'env-']) {
      expect(envIdProblem(bad)).not.toBeNull()
    }
  })

  it('takes the env id from --env or CLOUDBASE_ENV_ID, and needs one unless dry-running', () => {
    expect(parseDeployArgs(['--env', 'cloud1-9gabc123'], {}).envId).toBe('cloud1-9gabc123')
    expect(parseDeployArgs([], { CLOUDBASE_ENV_ID: 'cloud1-9gabc123' }).envId).toBe('cloud1-9gabc123')
    expect(parseDeployArgs(['--dry-run'], {})).toMatchObject({ envId: null, dryRun: true })
    expect(() => parseDeployArgs([], {})).toThrow(/no environment id/)
    expect(() => parseDeployArgs(['--env', 'x;y'], {})).toThrow(/not a CloudBase environment id/)
    expect(() => parseDeployArgs(['--bogus'], {})).toThrow()
  })

  it('detects a failed CLI deploy even though the CLI exits 0', () => {
    expect(cliFailure('- Cloud function deploying...\n✔ [org] 云函数部署成功')).toBeNull()
    expect(cliFailure('No valid identity information, will open\n✖ [org] 函数部署失败\n✖   错误信息: x')).toBe('✖ [org] 函数部署失败')
  })
})
