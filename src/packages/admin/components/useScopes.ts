import { communitiesOf, townsOf } from '@/domain/regions'
import { useLoad } from '@/hooks/useLoad'
import { call } from '@/services/api'

/** The communities, towns and units a back-office form chooses from, with their names by id. */
export function useScopes(version = 0) {
  const { state, reload } = useLoad(
    async () => {
      const [tree, units] = await Promise.all([call('org', 'regionTree', { depth: 3 }), call('org', 'listUnits', {})])
      const communities = communitiesOf(tree).map((c) => ({ _id: c._id, name: c.name }))
      const towns = townsOf(tree).map((t) => ({ _id: t._id, name: t.name }))
      return {
        communities,
        units,
        towns,
        names: {
          communities: Object.fromEntries(communities.map((c) => [c._id, c.name])),
          units: Object.fromEntries(units.map((u) => [u._id, u.name])),
          towns: Object.fromEntries(towns.map((t) => [t._id, t.name])),
        },
      }
    },
    'scopes',
    version,
  )
  return { state, reload }
}
