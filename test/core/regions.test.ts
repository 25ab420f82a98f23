/** buildTree: nesting a flat region list, ordered by Chinese name (pinyin), from any subtree root. */
import { buildTree } from '../../cloudfunctions/core/regions';
import type { Region, RegionNode } from '../../types/domain';
import { demoRegions } from '../../local/seed/demo-county';

const names = (nodes: RegionNode[]) => nodes.map((n) => n.name);
const count = (nodes: RegionNode[]): number => nodes.reduce((s, n) => s + 1 + count(n.children), 0);

function region(_id: string, name: string, path: string[], level: Region['level'] = 'community'): Region {
  return { _id, level, name, parentId: path.length ? path[path.length - 1] : null, path, depth: path.length };
}

describe('buildTree', () => {
  test('nests the whole demo county under its one root', () => {
    const tree = buildTree(demoRegions(), null);
    expect(tree).toHaveLength(1);
    const [county] = tree;
    expect(county).toMatchObject({ _id: 'county-qingshan', level: 'county', name: '青山县' });
    expect(count(tree)).toBe(demoRegions().length);
    const [town] = county.children;
    expect(county.children).toHaveLength(1);
    expect(town.level).toBe('town');
    expect(town.children).toHaveLength(3);
    for (const community of town.children) {
      expect(community.level).toBe('community');
      expect(community.parentId).toBe(town._id);
      expect(community.children).toHaveLength(2);
      for (const estate of community.children) {
        expect(estate.level).toBe('estate');
        expect(estate.children).toHaveLength(3);
        for (const b of estate.children) {
          expect(b.level).toBe('building');
          expect(b.parentId).toBe(estate._id);
          expect(b.children).toEqual([]);
        }
      }
    }
  });

  test('orders siblings by Chinese name (pinyin), whatever the input order', () => {
    const tree = buildTree([...demoRegions()].reverse(), null);
    const town = tree[0].children[0];
    expect(names(town.children)).toEqual(['东街社区', '南山社区', '西门社区']);
    const byId = Object.fromEntries(town.children.map((c) => [c._id, c]));
    expect(names(byId['c-dongjie'].children)).toEqual(['和平小区', '幸福小区']);
    expect(names(byId['c-ximen'].children)).toEqual(['书香苑', '西门花园']);
    expect(names(byId['c-nanshan'].children)).toEqual(['锦绣家园', '南山新村']);
    expect(names(byId['c-dongjie'].children[1].children)).toEqual(['幸福小区1号楼', '幸福小区2号楼', '幸福小区3号楼']);
  });

  test('several roots are ordered too', () => {
    const regions = [region('c', '西门', ['t']), region('a', '东街', ['t']), region('b', '南山', ['t'])];
    expect(buildTree(regions, 't').map((n) => n._id)).toEqual(['a', 'b', 'c']);
  });

  test('a subtree: roots are the regions whose parent is the given id', () => {
    const all = demoRegions();
    const dongjie = all.filter((r) => r._id === 'c-dongjie' || r.path.includes('c-dongjie'));
    const tree = buildTree(dongjie, 'town-chengguan');
    expect(tree.map((n) => n._id)).toEqual(['c-dongjie']);
    expect(count(tree)).toBe(1 + 2 + 6);

    const communities = all.filter((r) => r.level === 'community' || r.level === 'estate');
    const forest = buildTree(communities, 'town-chengguan');
    expect(names(forest)).toEqual(['东街社区', '南山社区', '西门社区']);
    expect(forest.every((c) => c.children.length === 2 && c.children.every((e) => e.children.length === 0))).toBe(true);
  });

  test('regions hanging from neither a listed region nor the root parent are left out', () => {
    const regions = [region('a', '甲', ['t']), region('orphan', '孤', ['elsewhere']), region('x', '乙', ['t', 'a'], 'estate')];
    const tree = buildTree(regions, 't');
    expect(tree.map((n) => n._id)).toEqual(['a']);
    expect(tree[0].children.map((n) => n._id)).toEqual(['x']);
  });

  test('an empty list gives an empty tree; the input is not mutated', () => {
    expect(buildTree([], null)).toEqual([]);
    const input = demoRegions();
    const copy = JSON.parse(JSON.stringify(input));
    buildTree(input, null);
    expect(input).toEqual(copy);
  });
});
