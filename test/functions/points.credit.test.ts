/**
 * A verification whose credit never reached the ledger (the function died between saving the
 * demand and posting the entries) is completed by the person simply tapping 验收 again.
 */
import { openHarness, PEOPLE, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(() => h.close());

const ZHANG = PEOPLE.member;
const ZHAO = PEOPLE.liaison; // 赵敏: liaison and member of 县人社局
const balance = async (openid: string) => (await h.ok(openid, 'points', 'account')).balance;

async function completedTask(text: string): Promise<string> {
  const d = await h.ok(PEOPLE.resident, 'dispatch', 'submit', { category: 'facilities', text });
  await h.ok(PEOPLE.staff, 'dispatch', 'dispatch', { id: d._id, unitId: 'unit-renshe', slots: 2, expectedHours: 2 });
  await h.ok(ZHAO, 'dispatch', 'accept', { id: d._id });
  await h.ok(ZHANG, 'dispatch', 'claim', { id: d._id });
  await h.ok(ZHAO, 'dispatch', 'claim', { id: d._id });
  await h.ok(ZHANG, 'dispatch', 'complete', { id: d._id, notes: '更换了门禁读卡器', hours: 1.5 });
  await h.ok(ZHAO, 'dispatch', 'complete', { id: d._id, notes: '调试了线路', hours: 2 });
  return d._id;
}

test('a verification saved but never credited (the function died in between) is completed by retrying verify', async () => {
  const id = await completedTask('单元门禁坏了');
  const before = [await balance(ZHANG), await balance(ZHAO)];
  // The state such a crash leaves: the demand verified by staff, no ledger entry.
  const d = h.local.db.store.get('demands', id)!;
  const verifiedAt = new Date();
  const timeline = [...(d.timeline as object[]), { at: verifiedAt, actor: PEOPLE.staff, actorName: '周芳', event: 'verify', from: 'completed', to: 'verified' }];
  h.local.db.store.commit([{ coll: 'demands', id, doc: { ...d, status: 'verified', resolvedAt: verifiedAt, timeline, version: (d.version as number) + 1 } }] as never);
  expect((await h.ok(PEOPLE.admin, 'points', 'reconcile')).differences.filter((x) => x.kind === 'credit')).toHaveLength(2);

  await h.ok(PEOPLE.staff, 'dispatch', 'verify', { id }); // the person taps 验收 again
  expect([await balance(ZHANG), await balance(ZHAO)]).toEqual([before[0] + 15, before[1] + 20]);
  expect((await h.ok(PEOPLE.admin, 'points', 'reconcile')).differences).toEqual([]);
});
