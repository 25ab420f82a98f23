import type { Me, RegionNode } from '@/types/domain'

/** The towns (镇街) of a region tree. */
export function townsOf(nodes: RegionNode[], into: RegionNode[] = []): RegionNode[] {
  for (const n of nodes) {
    if (n.level === 'town') into.push(n)
    else if (n.level === 'county') townsOf(n.children, into)
  }
  return into
}

/** The communities of a region tree (org.regionTree), in tree order. */
export function communitiesOf(nodes: RegionNode[], into: RegionNode[] = []): RegionNode[] {
  for (const n of nodes) {
    if (n.level === 'community') into.push(n)
    else communitiesOf(n.children, into)
  }
  return into
}

export interface ServedCommunity {
  _id: string
  name: string
  /** 居住 (where the person lives: 双报到) or 结对 (paired with their unit: 结对共建). */
  how: '居住' | '结对'
}

/**
 * The communities whose posts and wishes a person may take on: where they live, then those paired
 * with their work unit (the server decides again on every claim).
 */
export function servedCommunities(me: Me): ServedCommunity[] {
  const out: ServedCommunity[] = me.community ? [{ ...me.community, how: '居住' }] : []
  for (const c of me.unit?.communities ?? []) if (!out.some((o) => o._id === c._id)) out.push({ ...c, how: '结对' })
  return out
}
