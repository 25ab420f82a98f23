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

test('every step stays within 2 reads and 5 writes (4 before: the fifth removes the applied effects)', async () => {
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
    expect({ action, read: counts.read <= 2, write: counts.write <= 5 }).toEqual({ action, read: true, write: true });
  }
  // 验收 also credits the hours: per member the ledger's transaction (entry, account, pending
  // tally) and the fold of the leaderboard tallies after it (lib/ledger.ts), as before.
  const verify = await step(PEOPLE.staff, 'verify', { id });
  const rate = await step(PEOPLE.resident, 'rate', { id, value: 'satisfied' });
  console.log(rows.join('\n'));
  expect(verify.counts.write).toBeLessThanOrEqual(14);
  expect(rate.counts.write).toBeLessThanOrEqual(5);
});
