import type { RegionNode } from '@/types/domain'

/** The communities of a region tree (org.regionTree), in tree order. */
/** The towns (镇街) of a region tree. */
export function townsOf(nodes: RegionNode[], into: RegionNode[] = []): RegionNode[] {
  for (const n of nodes) {
    if (n.level === 'town') into.push(n)
    else if (n.level === 'county') townsOf(n.children, into)
  }
  return into
}

export function communitiesOf(nodes: RegionNode[], into: RegionNode[] = []): RegionNode[] {
  for (const n of nodes) {
    if (n.level === 'community') into.push(n)
    else communitiesOf(n.children, into)
  }
  return into
}
