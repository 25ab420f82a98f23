/**
 * The store's index lookups: a query tests only the documents its `_id` or an indexed first field
 * names, and answers exactly as a scan of the whole collection would, in the same order.
 */
import { Query } from 'mingo';
import { Journal } from '../../local/db/journal';
import { docKeys, equalities, keyOf } from '../../local/db/lookup';
import { Store, type CollectionSpec } from '../../local/db/store';
import { tempDir } from './helpers';

const SPECS: CollectionSpec[] = [
  {
    name: 'items',
    indexes: [
      { name: 'communityId_1_status_1', keys: { communityId: 1, status: 1 } },
      { name: 'claims.openid_1', keys: { 'claims.openid': 1 } },
      { name: 'month_1', keys: { month: 1 } },
      { name: 'at_-1', keys: { at: -1 } },
    ],
  },
];

function openStore(dir = tempDir()): { store: Store; journal: Journal } {
  const journal = new Journal(dir);
  return { store: new Store(journal, SPECS), journal };
}

/** What the store answers through its lookups, and what a scan of everything answers. */
function both(store: Store, query: Record<string, unknown>) {
  const q = new Query(query);
  return {
    looked: store.candidates('items', query).filter((d) => q.test(d)).map((d) => d._id),
    scanned: store.all('items').filter((d) => q.test(d)).map((d) => d._id),
    tested: store.candidates('items', query).length,
  };
}

const DAY = new Date('2026-11-02T00:00:00Z');

function seed(store: Store) {
  const docs = Array.from({ length: 60 }, (_, i) => ({
    _id: `d${String(59 - i).padStart(2, '0')}`, // ids not in insertion order, so order is tested
    communityId: `c${i % 3}`,
    status: ['open', 'done', 'closed'][i % 4 === 0 ? 2 : i % 2],
    month: `2026-${String((i % 12) + 1).padStart(2, '0')}`,
    claims: i % 5 === 0 ? [] : [{ openid: `m${i % 4}` }, { openid: `m${(i + 1) % 4}` }],
    at: new Date(DAY.getTime() + (i % 6) * 86_400_000),
    rank: i,
    ...(i % 7 === 0 ? { tags: ['a', 'b'] } : {}),
  }));
  store.commit(docs.map((doc) => ({ coll: 'items', id: doc._id, doc })));
}

describe('keys and conditions', () => {
  test('values become keys by type; others cannot be looked up', () => {
    expect(keyOf('1')).not.toBe(keyOf(1));
    expect(keyOf(true)).toBe('btrue');
    expect(keyOf(new Date(5))).toBe('d5');
    for (const v of [null, undefined, {}, [], /x/, NaN]) expect(keyOf(v)).toBeNull();
  });

  test('a document’s keys follow paths through arrays and take each element', () => {
    expect(docKeys({ claims: [{ openid: 'a' }, { openid: 'b' }, { other: 1 }] }, 'claims.openid').sort()).toEqual(['sa', 'sb']);
    expect(docKeys({ tags: ['x', 'y'] }, 'tags').sort()).toEqual(['sx', 'sy']);
    expect(docKeys({ a: { b: 2 } }, 'a.b')).toEqual(['n2']);
    expect(docKeys({ a: null }, 'a.b')).toEqual([]);
  });

  test('equalities come from plain values, $eq and $in, within $and; never from $or, ranges or null', () => {
    const eq = equalities({
      communityId: 'c1',
      status: { $in: ['open', 'done'] },
      $and: [{ month: { $eq: '2026-01' } }, { rank: { $gte: 3 } }],
      $or: [{ other: 1 }],
      gone: null,
      list: { $in: ['a', null] },
      'arr.0.x': 'y',
    });
    expect(Object.fromEntries([...eq].map(([f, keys]) => [f, [...keys]]))).toEqual({
      communityId: ['sc1'],
      status: ['sopen', 'sdone'],
      month: ['s2026-01'],
    });
  });
});

describe('the store answers as a scan would', () => {
  const QUERIES: Record<string, unknown>[] = [
    { communityId: 'c1' },
    { communityId: { $in: ['c0', 'c2'] }, status: 'open' },
    { status: 'open' }, // status is not a first field: a scan
    { 'claims.openid': 'm2' },
    { 'claims.openid': { $in: ['m0', 'm3'] }, rank: { $lt: 30 } },
    { month: { $in: ['2026-01', '2026-02'] }, communityId: 'c0' },
    { at: new Date(DAY.getTime() + 86_400_000) },
    { _id: { $in: ['d03', 'd50', 'nope'] } },
    { _id: 'd10', communityId: 'c9' },
    { $and: [{ communityId: 'c2' }, { month: '2026-03' }] },
    { $or: [{ communityId: 'c1' }, { month: '2026-01' }] },
    { communityId: 'nowhere' },
    { tags: 'a' },
  ];

  test.each(QUERIES.map((q) => [JSON.stringify(q), q]))('%s', (_name, query) => {
    const { store } = openStore();
    seed(store);
    const { looked, scanned } = both(store, query as Record<string, unknown>);
    expect(looked).toEqual(scanned);
  });

  test('an indexed equality tests only its documents; the smallest one is chosen', () => {
    const { store } = openStore();
    seed(store);
    expect(both(store, { communityId: 'c1' }).tested).toBe(20);
    expect(both(store, { communityId: 'c1', month: '2026-02' }).tested).toBe(5); // month is narrower
    expect(both(store, { _id: { $in: ['d01', 'd02'] }, communityId: 'c1' }).tested).toBe(2);
    expect(both(store, { status: 'open' }).tested).toBe(60);
  });

  test('updates and removals move a document’s keys; a document keeps its place', () => {
    const { store } = openStore();
    seed(store);
    const doc = store.get('items', 'd59')!; // the first inserted
    store.commit([{ coll: 'items', id: 'd59', doc: { ...doc, communityId: 'c9', claims: [{ openid: 'new' }] } }]);
    expect(both(store, { communityId: 'c0' }).looked).not.toContain('d59');
    expect(both(store, { communityId: 'c9' }).looked).toEqual(['d59']);
    expect(both(store, { 'claims.openid': 'new' }).looked).toEqual(['d59']);
    store.commit([{ coll: 'items', id: 'd58', doc: null }]);
    expect(both(store, { communityId: 'c1' }).looked).not.toContain('d58');
    // Removed and written again, it comes back in its first place, as a scan has it.
    store.commit([{ coll: 'items', id: 'd58', doc: { _id: 'd58', communityId: 'c9' } }]);
    const { looked, scanned } = both(store, { communityId: 'c9' });
    expect(looked).toEqual(['d59', 'd58']);
    expect(looked).toEqual(scanned);
  });

  test('a batch that writes one document twice ends with its last keys', () => {
    const { store } = openStore();
    store.commit([
      { coll: 'items', id: 'x', doc: { _id: 'x', communityId: 'c1' } },
      { coll: 'items', id: 'x', doc: { _id: 'x', communityId: 'c2' } },
    ]);
    expect(both(store, { communityId: 'c1' }).looked).toEqual([]);
    expect(both(store, { communityId: 'c2' }).looked).toEqual(['x']);
  });

  test('lookups are rebuilt from the journal on reopening', () => {
    const dir = tempDir();
    const first = openStore(dir);
    seed(first.store);
    first.journal.close();
    const { store } = openStore(dir);
    for (const query of QUERIES) {
      const { looked, scanned } = both(store, query);
      expect(looked).toEqual(scanned);
    }
    expect(both(store, { communityId: 'c1' }).tested).toBe(20);
  });
});
