import type { Me } from '@/types/domain'

import { useLoad } from '@/hooks/useLoad'
import { communitiesOf } from '@/domain/regions'
import { coverageCommunities, workCommunities } from '@/domain/visits'
import { call } from '@/services/api'

export interface Community {
  id: string
  name: string
  /** May read its coverage (staff, secretary, the county). */
  coverage: boolean
  /** Works there: lists, marking and pairing. */
  work: boolean
}

/** The communities this person looks after, with names: where they work, or (the county) every one. */
export function useCommunities(me: Me) {
  return useLoad<Community[]>(async () => {
    const all = communitiesOf(await call('org', 'regionTree', { depth: 3 }))
    const admin = me.roles.some((g) => g.role === 'admin')
    const work = new Set(workCommunities(me))
    const coverage = new Set(coverageCommunities(me))
    return all.filter((c) => admin || work.has(c._id)).map((c) => ({ id: c._id, name: c.name, coverage: admin || coverage.has(c._id), work: work.has(c._id) }))
  }, me.openid)
}
