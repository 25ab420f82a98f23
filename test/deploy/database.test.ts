/** The database step against a recording fake of the CloudBase calls (nothing here reaches CloudBase). */
import type { CollectionsConfig } from '../../deploy/collections'
import { executePlan, syncDatabase, type DatabaseApi } from '../../deploy/database'
import type { CreateIndexRequest, ExistingIndex } from '../../deploy/plan-database'

interface FakeCollection {
  indexes: ExistingIndex[]
  aclTag: string
}

function fakeApi(initial: Record<string, FakeCollection> = {}, failOn?: string) {
  const collections = new Map(Object.entries(initial))
  const calls: string[] = []
  const api: DatabaseApi = {
    async collectionExists(name) {
      calls.push(`exists ${name}`)
      return collections.has(name)
    },
    async listIndexes(name) {
      calls.push(`listIndexes ${name}`)
      return collections.get(name)?.indexes ?? []
    },
    async getAclTag(name) {
      calls.push(`getAcl ${name}`)
      return collections.get(name)?.aclTag ?? null
    },
    async createCollection(name) {
      calls.push(`createCollection ${name}`)
      if (failOn === name) throw new Error('LimitExceeded')
      collections.set(name, { indexes: [{ name: '_id_', keys: [{ name: '_id', direction: '1' }], unique: true }], aclTag: 'PRIVATE' })
    },
    async createIndex(name, request: CreateIndexRequest) {
      calls.push(`createIndex ${name} ${JSON.stringify(request)}`)
      collections.get(name)!.indexes.push({
        name: request.IndexName,
        keys: request.MgoKeySchema.MgoIndexKeys.map((k) => ({ name: k.Name, direction: k.Direction })),
        unique: request.MgoKeySchema.MgoIsUnique,
      })
    },
    async setAdminOnly(name) {
      calls.push(`setAdminOnly ${name}`)
      collections.get(name)!.aclTag = 'ADMINONLY'
    },
  }
  return { api, calls }
}

const config: CollectionsConfig = {
  collections: [
    { name: 'units', description: 'Units', indexes: [{ name: 'name_1', keys: { name: 1 }, unique: true }] },
    { name: 'regions', description: 'Regions', indexes: [{ name: 'parentId_1', keys: { parentId: 1 } }] },
  ],
}

describe('syncDatabase', () => {
  it('creates what is missing, then finds nothing to do on a second run', async () => {
    const { api, calls } = fakeApi({
      regions: { aclTag: 'ADMINONLY', indexes: [{ name: 'parentId_1', keys: [{ name: 'parentId', direction: '1' }], unique: false }] },
    })
    const log: string[] = []
    await syncDatabase(api, config, (l) => log.push(l))
    expect(calls.filter((c) => !/^(exists|listIndexes|getAcl) /.test(c))).toEqual([
      'createCollection units',
      'createIndex units {"IndexName":"name_1","MgoKeySchema":{"MgoIndexKeys":[{"Name":"name","Direction":"1"}],"MgoIsUnique":true}}',
      'setAdminOnly units',
    ])

    calls.length = 0
    const again = await syncDatabase(api, config, (l) => log.push(l))
    expect(again.operations).toEqual([])
    expect(calls.every((c) => /^(exists|listIndexes|getAcl) /.test(c))).toBe(true)
    expect(log[log.length - 1]).toMatch(/already matches/)
  })

  it('stops at the first failure and names the operation', async () => {
    const { api, calls } = fakeApi({}, 'units')
    await expect(syncDatabase(api, config, () => undefined)).rejects.toThrow(/failed to create collection units: LimitExceeded/)
    expect(calls).not.toContain('createCollection regions')
  })

  it('applies nothing when an index conflicts', async () => {
    const { api, calls } = fakeApi()
    const plan = { operations: [{ kind: 'createCollection' as const, collection: 'units' }], conflicts: ['units.name_1: differs'] }
    await expect(executePlan(api, plan, () => undefined)).rejects.toThrow(/index conflicts, nothing applied/)
    expect(calls).toEqual([])
  })
})
