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
 * counter document it moves (two scorecards; the queues' community and unit documents, opened
 * beforehand by the nightly timer, and a member's, made on their first claim: update, then add;
 * a town's and the county's counts are sums of their communities' documents, so no step writes
 * them), the message job and the clearing of the applied effects. Over #14's budget of 4:
 * 派单/接单 (7) move both 三率 scorecards and both queue documents; 完成/退回 (6) move the
 * community's, the unit's and the member's queue documents; 验收 (15) adds the ledger's credits;
 * 评价 (5) moves both scorecards (满意率) and the community's 回访 queue. 认领 is 4 (5 on a
 * member's first, which makes their queue document).
 */
const CEILING: Record<string, number> = { dispatch: 7, accept: 7, claim: 5, withdraw: 3, complete: 6, sendBack: 6 };

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
  expect(verify.counts.write).toBeLessThanOrEqual(15);
  expect(rate.counts.write).toBeLessThanOrEqual(5);
});
