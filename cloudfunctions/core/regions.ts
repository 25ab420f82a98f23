/** The region tree as nested nodes, built from a flat list (pure). */
import type { Region, RegionNode } from '../../types/domain';

/** Nests `regions` under their parents; the roots are those whose parent is `rootParentId`. */
export function buildTree(regions: Region[], rootParentId: string | null): RegionNode[] {
  const nodes = new Map<string, RegionNode>(regions.map((r) => [r._id, { ...r, children: [] }]));
  const roots: RegionNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (parent) parent.children.push(node);
    else if (node.parentId === rootParentId) roots.push(node);
  }
  const byName = (a: RegionNode, b: RegionNode) => a.name.localeCompare(b.name, 'zh-CN');
  const sort = (list: RegionNode[]) => {
    list.sort(byName);
    list.forEach((n) => sort(n.children));
  };
  sort(roots);
  return roots;
}
