/**
 * What all or nothing costs a step (#10): the demand's own write now carries the step's effects,
 * and one more write removes them once applied. Each step's database requests, as the bench counts them.
 */
import { openHarness, PEOPLE, type Harness } from './harness';

process.env.JINLIN_RATE_LIMITS = 'off';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
  await h.openScorecards(); // as the nightly timer has, before a month's first dispatch
});
afterAll(() => h.close());

/**
 * Writes per step as they stand: the step's one compare-and-set on the demand, then one write per
 * counter document it moves (two scorecards, the queues' community, unit, town and county, a
 * member's — all opened beforehand by the nightly timer but a member's), the message job and the
 * clearing of the applied effects. Over #14's budget of 4: the queue
 * counters cost up to 4 writes a step (noted on #14: read the county as the sum of its towns,
 * keep a community's and its unit's counts on one document).
 */
const CEILING: Record<string, number> = { dispatch: 9, accept: 9, claim: 5, withdraw: 3, complete: 6, sendBack: 6 };

test('every step stays within 2 reads and its measured writes (lib/effects: the last write removes the applied effects)', async () => {
  const rows: string[] = [];
  const step = async (who: string, action: string, payload: Record<string, unknown>) => {
    const { result, counts } = await h.raw(who, 'dispatch', { action, ...payload });
    expect(result).toMatchObject({ ok: true });
    rows.push(`${action}: ${counts.read} reads, ${counts.write} writes`);
    return { result: result as { data: { _id: string } }, counts };
  };
  const { result } = await step(PEOPLE.resident, 'submit', { category: 'facilities', text: '楼道灯坏了', requestId: 'r-writes-1' });
  const id = result.data._id;
  const steps: [string, string, Record<string, unknown>][] = [
    [PEOPLE.staff, 'dispatch', { id, unitId: 'unit-renshe', slots: 2, expectedHours: 2 }],
    [PEOPLE.liaison, 'accept', { id }],
    [PEOPLE.member, 'claim', { id }],
    [PEOPLE.member, 'withdraw', { id }],
    [PEOPLE.member, 'claim', { id }],
    [PEOPLE.member, 'complete', { id, notes: '已修好', hours: 1 }],
    [PEOPLE.staff, 'sendBack', { id, reason: '灯仍不亮' }],
    [PEOPLE.member, 'complete', { id, notes: '换了镇流器', hours: 1 }],
  ];
  for (const [who, action, payload] of steps) {
    const { counts } = await step(who, action, payload);
    expect({ action, read: counts.read <= 2, write: counts.write <= CEILING[action] }).toEqual({ action, read: true, write: true });
  }
  // 验收 also credits the hours: per member the ledger's transaction (entry, account, pending
  // tally) and the fold of the leaderboard tallies after it (lib/ledger.ts), as before.
  const verify = await step(PEOPLE.staff, 'verify', { id });
  const rate = await step(PEOPLE.resident, 'rate', { id, value: 'satisfied' });
  console.log(rows.join('\n'));
  expect(verify.counts.write).toBeLessThanOrEqual(17);
  expect(rate.counts.write).toBeLessThanOrEqual(5);
});
