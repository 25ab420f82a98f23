import { useEffect, useMemo, useState } from 'react'

import type { Me } from '@/types/domain'

import { communitiesOf } from '@/domain/regions'
import type { ScopeNames } from '@/domain/roles'
import { call } from '@/services/api'

/**
 * Names for the communities and units the caller's roles are scoped to. `me` already names the
 * caller's own community and unit; anything else is looked up once (org.regionTree / org.listUnits).
 * A failed lookup just leaves the role without its scope name.
 */
export function useScopeNames(me: Me): ScopeNames {
  const [looked, setLooked] = useState<ScopeNames>({ communities: {}, units: {} })

  const needCommunities = me.roles.some((g) => g.communityId && g.communityId !== me.community?._id)
  const needUnits = me.roles.some((g) => g.unitId && g.unitId !== me.unit?._id)

  useEffect(() => {
    if (!needCommunities) return undefined
    let live = true
    call('org', 'regionTree', {})
      .then((tree) => {
        if (live) setLooked((prev) => ({ ...prev, communities: Object.fromEntries(communitiesOf(tree).map((c) => [c._id, c.name])) }))
      })
      .catch(() => undefined)
    return () => {
      live = false
    }
  }, [needCommunities])

  useEffect(() => {
    if (!needUnits) return undefined
    let live = true
    call('org', 'listUnits', {})
      .then((units) => {
        if (live) setLooked((prev) => ({ ...prev, units: Object.fromEntries(units.map((u) => [u._id, u.name])) }))
      })
      .catch(() => undefined)
    return () => {
      live = false
    }
  }, [needUnits])

  return useMemo(() => {
    const communities = { ...looked.communities }
    const units = { ...looked.units }
    if (me.community) communities[me.community._id] = me.community.name
    if (me.unit) units[me.unit._id] = me.unit.name
    return { communities, units }
  }, [looked, me.community, me.unit])
}
