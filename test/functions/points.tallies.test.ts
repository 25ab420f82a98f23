/**
 * Leaderboard tallies off the ledger's hot path (lib/tallies.ts): a post records its increment
 * under its own key and folds it after the commit; a fold that is lost leaves it pending, counted
 * by reconcile as folded and folded by the points timer exactly once; many staff awarding at once
 * in one community are never refused and the boards end exact.
 */
import { PENDING } from '../../cloudfunctions/lib/tallies';
import * as pointsFn from '../../cloudfunctions/points/index';
import { periodsOf } from '../../cloudfunctions/core/calendar';
import { openHarness, PEOPLE, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(() => h.close());

const month = () => periodsOf(new Date()).month;
const board = (key: string) => (h.local.db.store.get('pointTallies', key) as { people: Record<string, { points: number; hours: number }> } | null)?.people ?? {};
const pending = () => h.local.db.store.all(PENDING);
const foldByTimer = async () => (await h.local.trigger(pointsFn, 'points-timer')).result as { ok: boolean; data: { folded: number; left: boolean } };

/**
 * Makes the commits after the first one from now fail as live conflicts (the transaction ends):
 * the ledger's transaction commits, the fold after it loses (and the SDK's one retry of it too).
 */
function loseTheFold(): () => void {
  const db = h.local.db;
  const real = db.handle.bind(db);
  let commits = 0;
  db.handle = (api, p = {}) => {
    if (api === 'database.commitTransaction' && ++commits >= 2) {
      real('database.abortTransaction', p);
      return { requestId: 'lost-fold', code: 'DATABASE_TRANSACTION_CONFLICT', message: '[ResourceUnavailable.TransactionConflict] Transaction is conflict' };
    }
    return real(api, p);
  };
  return () => delete (db as unknown as Record<string, unknown>).handle;
}

test('an award folds its own increment into the four boards right after its commit', async () => {
  const key = `community_c-dongjie_${month()}`;
  const before = board(key)[PEOPLE.member]?.points ?? 0;
  await h.ok(PEOPLE.staff, 'points', 'award', { openid: PEOPLE.member, points: 12, reason: '楼道清扫' });
  expect(board(key)[PEOPLE.member].points).toBe(before + 12);
  expect(pending()).toEqual([]);
});

test('a fold lost after the commit leaves the increment pending: the award stands, reconcile agrees, the timer folds it once', async () => {
  const key = `community_c-dongjie_${month()}`;
  const before = board(key)[PEOPLE.member]?.points ?? 0;
  const restore = loseTheFold();
  try {
    const entry = await h.ok(PEOPLE.staff, 'points', 'award', { openid: PEOPLE.member, points: 9, reason: '帮助邻居' });
    expect(pending()).toEqual([expect.objectContaining({ _id: entry._id, points: 9 })]);
  } finally {
    restore();
  }
  expect(board(key)[PEOPLE.member].points).toBe(before); // not yet on the board
  const report = await h.ok(PEOPLE.admin, 'points', 'reconcile');
  expect(report).toMatchObject({ pendingTallies: 1, differences: [] });

  expect(await foldByTimer()).toEqual({ ok: true, data: { folded: 1, left: false } });
  expect(board(key)[PEOPLE.member].points).toBe(before + 9);
  expect(await foldByTimer()).toEqual({ ok: true, data: { folded: 0, left: false } });
  expect(board(key)[PEOPLE.member].points).toBe(before + 9);
  expect(await h.ok(PEOPLE.admin, 'points', 'reconcile')).toMatchObject({ pendingTallies: 0, differences: [] });
});

test('a lost tally increment is named by reconcile once it is neither on the board nor pending', async () => {
  const restore = loseTheFold();
  try {
    await h.ok(PEOPLE.staff, 'points', 'award', { openid: PEOPLE.member, points: 4, reason: '清理小广告' });
  } finally {
    restore();
  }
  const [lost] = pending();
  h.local.db.store.commit([{ coll: PENDING, id: lost._id, doc: null }]); // as a bug that dropped it would
  const report = await h.ok(PEOPLE.admin, 'points', 'reconcile');
  expect(report.differences).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'tally', key: `community_c-dongjie_${month()}/${PEOPLE.member}`, field: 'points' })]));
  // Put it back as the ledger wrote it, and let the timer fold it.
  h.local.db.store.commit([{ coll: PENDING, id: lost._id, doc: lost }]);
  await foldByTimer();
  expect((await h.ok(PEOPLE.admin, 'points', 'reconcile')).differences).toEqual([]);
});

test('40 awards at once by two staff in one community: none refused, every board exact after the timer', async () => {
  const people = Array.from({ length: 20 }, (_x, i) => `tally-person-${i}`);
  h.local.db.store.commit(
    people.map((openid, i) => ({
      coll: 'users',
      id: openid,
      doc: { _id: openid, name: `居民${i}`, phone: `1390000${String(i).padStart(4, '0')}`, roles: [{ role: 'resident' }], communityId: 'c-dongjie', buildingId: null, unitId: null, elderMode: null, createdAt: new Date() },
    })),
  );
  const calls = people.flatMap((openid) => [PEOPLE.staff, PEOPLE.gridWorker].map((by) => h.call(by, 'points', 'award', { openid, points: 3, reason: '参加议事会' })));
  const results = await Promise.all(calls);
  expect(results.filter((r) => !r.ok)).toEqual([]);
  for (let i = 0; i < 10 && pending().length; i++) await foldByTimer();
  expect(pending()).toEqual([]);
  const key = `community_c-dongjie_${month()}`;
  for (const openid of people) expect(board(key)[openid]).toMatchObject({ points: 6, hours: 0 });
  expect((await h.ok(PEOPLE.admin, 'points', 'reconcile')).differences).toEqual([]);
});
