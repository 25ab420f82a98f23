import { useCallback, useEffect, useState } from 'react'

import type { Me, RegionNode } from '@/types/domain'

import { coverageCommunities, workCommunities } from '../../../domain/visits'
import { call } from '../../../services/api'
import { messageOf } from '../../dispatch/components/useDemand'

export interface Community {
  id: string
  name: string
  /** May read its coverage (staff, secretary, the county). */
  coverage: boolean
  /** Works there: lists, marking and pairing. */
  work: boolean
}

type Load = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; communities: Community[] }

function communitiesOf(nodes: RegionNode[], into: RegionNode[] = []): RegionNode[] {
  for (const n of nodes) {
    if (n.level === 'community') into.push(n)
    else communitiesOf(n.children, into)
  }
  return into
}

/** The communities this person looks after, with names: where they work, or (the county) every one. */
export function useCommunities(me: Me) {
  const [state, setState] = useState<Load>({ status: 'loading' })
  const load = useCallback(async () => {
    setState({ status: 'loading' })
    try {
      const all = communitiesOf(await call('org', 'regionTree', { depth: 3 }))
      const admin = me.roles.some((g) => g.role === 'admin')
      const work = new Set(workCommunities(me))
      const coverage = new Set(coverageCommunities(me))
      const communities = all
        .filter((c) => admin || work.has(c._id))
        .map((c) => ({ id: c._id, name: c.name, coverage: admin || coverage.has(c._id), work: work.has(c._id) }))
      setState({ status: 'ready', communities })
    } catch (e) {
      setState({ status: 'error', message: messageOf(e) })
    }
  }, [me])
  useEffect(() => {
    void load()
  }, [load])
  return { state, reload: load }
}
