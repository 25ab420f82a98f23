import type { RegionNode } from '@/types/domain'

/** The communities of a region tree (org.regionTree), in tree order. */
export function communitiesOf(nodes: RegionNode[], into: RegionNode[] = []): RegionNode[] {
  for (const n of nodes) {
    if (n.level === 'community') into.push(n)
    else communitiesOf(n.children, into)
  }
  return into
}
