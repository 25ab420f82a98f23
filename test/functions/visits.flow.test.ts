/**
 * The 敲门 loop through the functions: mark and pair, 我的包户, a visit with a need found → a
 * demand in the triage queue → resolved through dispatch → a return visit due → recorded, loop closed.
 */
import { returnVisitDue } from '../../cloudfunctions/lib/return-visits';
import { openHarness, PEOPLE, type Harness } from './harness';
import { HH, keyHousehold } from './visits.fixtures';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(() => h.close());

test('a need found on a visit becomes a demand; resolving it makes a return visit due; recording it closes the loop', async () => {
  await keyHousehold(h, HH.a, [PEOPLE.member]);

  const mine = await h.ok(PEOPLE.member, 'visits', 'list', { scope: 'mine' });
  expect(mine.items.map((i) => i.householdId)).toEqual([HH.a]);
  expect(mine.items[0]).toMatchObject({ address: '幸福小区1号楼 101', dueStatus: 'due', contactPhone: '139****5678' });

  const visit = await h.ok(PEOPLE.member, 'visits', 'recordVisit', {
    householdId: HH.a,
    method: 'door',
    outcome: 'contact',
    wellbeing: 'fair',
    notes: '精神不错，冰箱空了',
    needs: [{ category: 'facilities', text: '卫生间水龙头漏水，需要上门维修' }],
  });
  expect(visit.demandIds).toHaveLength(1);
  expect(visit.household.dueStatus).toBe('notDue');
  const demandId = visit.demandIds[0];

  // In the community's triage queue, linked to the household, reported by the visitor.
  const triage = await h.ok(PEOPLE.staff, 'dispatch', 'list', { scope: 'triage' });
  expect(triage.items.map((i) => i._id)).toContain(demandId);
  const demand = await h.ok(PEOPLE.staff, 'dispatch', 'detail', { id: demandId });
  expect(demand).toMatchObject({ status: 'submitted', communityId: 'c-dongjie', submitterName: '张伟（走访发现）', source: 'visit', text: '卫生间水龙头漏水，需要上门维修' });
  expect(demand.household).toMatchObject({ mayOpen: true });

  // Resolved through Pillar 1: dispatched, accepted, claimed, completed, verified.
  await h.ok(PEOPLE.staff, 'dispatch', 'dispatch', { id: demandId, unitId: 'unit-renshe', slots: 1, expectedHours: 1 });
  await h.ok(PEOPLE.liaison, 'dispatch', 'accept', { id: demandId });
  await h.ok(PEOPLE.liaison, 'dispatch', 'claim', { id: demandId });
  await h.ok(PEOPLE.liaison, 'dispatch', 'complete', { id: demandId, notes: '换了水龙头', hours: 1 });
  const verified = await h.ok(PEOPLE.staff, 'dispatch', 'verify', { id: demandId });
  expect(verified.status).toBe('verified');

  const due = await h.ok(PEOPLE.member, 'visits', 'list', { scope: 'mine', due: 'due' });
  expect(due.items).toHaveLength(1);
  expect(due.items[0].returnsDue.map((r) => r.demandId)).toEqual([demandId]);
  expect(due.items[0].dueStatus).toBe('due');

  const back = await h.ok(PEOPLE.member, 'visits', 'recordVisit', {
    householdId: HH.a,
    method: 'phone',
    outcome: 'contact',
    wellbeing: 'good',
    notes: '水龙头不漏了，很满意',
    returnForDemandId: demandId,
  });
  expect(back.visit.returnForDemandId).toBe(demandId);
  expect(back.household.returnsDue).toEqual([]);
  expect(back.household.dueStatus).toBe('notDue');
  expect((await h.ok(PEOPLE.member, 'visits', 'list', { scope: 'mine', due: 'due' })).items).toEqual([]);
  // The demand shows the return visit too, without the visit's notes about the household.
  const linked = await h.ok(PEOPLE.staff, 'dispatch', 'detail', { id: demandId });
  expect(linked.returnVisits).toEqual([expect.objectContaining({ by: PEOPLE.member, note: '包户电话回访，已见到本人' })]);
  expect(linked.timeline.at(-1)).toMatchObject({ event: 'returnVisit', actorName: '张伟', from: 'verified', to: 'verified' });

  // Verifying again (after a reopen) owes no second return visit.
  await h.local.invoke({ main: () => returnVisitDue({ kind: 'resolved', demandId, householdId: HH.a, communityId: 'c-dongjie' }, new Date()) }, {}, 'test');
  const detail = await h.ok(PEOPLE.member, 'visits', 'detail', { householdId: HH.a });
  expect(detail.returnsDue).toEqual([]);
  expect(detail.recentVisits.map((v) => v.returnForDemandId)).toEqual([demandId, null]);
});

test('a return visit reaches its demand through the demand’s rules: also after a 不满意 reopened it, and when staff make it', async () => {
  const [reopenedAt, staffAt] = ['h-xingfu-2-101', 'h-xingfu-2-102'];
  const resolvedNeed = async (householdId: string) => {
    await keyHousehold(h, householdId, [PEOPLE.member]);
    const v = await h.ok(PEOPLE.member, 'visits', 'recordVisit', {
      householdId, method: 'door', outcome: 'contact', wellbeing: 'fair', needs: [{ category: 'facilities', text: '楼道扶手松动' }],
    });
    await h.ok(PEOPLE.staff, 'dispatch', 'handle', { id: v.demandIds[0] });
    await h.ok(PEOPLE.staff, 'dispatch', 'complete', { id: v.demandIds[0], notes: '已加固' });
    return v.demandIds[0];
  };

  // 张伟 reported it, so he rates it: 不满意 sends it back to the community, the return stays owed.
  const reopened = await resolvedNeed(reopenedAt);
  expect((await h.ok(PEOPLE.member, 'dispatch', 'rate', { id: reopened, value: 'unsatisfied', comment: '还是晃' })).status).toBe('handling');
  const before = await h.ok(PEOPLE.staff, 'dispatch', 'detail', { id: reopened });
  const back = await h.ok(PEOPLE.member, 'visits', 'recordVisit', { householdId: reopenedAt, method: 'door', outcome: 'contact', wellbeing: 'good', returnForDemandId: reopened });
  expect(back.household.returnsDue).toEqual([]);
  const after = await h.ok(PEOPLE.staff, 'dispatch', 'detail', { id: reopened });
  expect(after.status).toBe('handling');
  expect(after.returnVisits).toEqual([expect.objectContaining({ by: PEOPLE.member, note: '包户上门回访，已见到本人' })]);
  expect(after.timeline.slice(0, before.timeline.length)).toEqual(before.timeline); // appended, never rewritten
  expect(after.timeline.slice(before.timeline.length)).toEqual([expect.objectContaining({ event: 'returnVisit', actor: PEOPLE.member, from: 'handling', to: 'handling' })]);

  // The community's grid worker may record any of its households' visits, the return included.
  const verified = await resolvedNeed(staffAt);
  await h.ok(PEOPLE.gridWorker, 'visits', 'recordVisit', { householdId: staffAt, method: 'phone', outcome: 'contact', wellbeing: 'good', returnForDemandId: verified });
  const linked = await h.ok(PEOPLE.staff, 'dispatch', 'detail', { id: verified });
  expect(linked.returnVisits).toEqual([expect.objectContaining({ by: PEOPLE.gridWorker, note: '包户电话回访，已见到本人' })]);
  expect(linked.timeline.at(-1)).toMatchObject({ event: 'returnVisit', actor: PEOPLE.gridWorker, from: 'verified', to: 'verified' });
});

test('a resolved demand about a household that is not key, or of another community, owes no return visit and fails nothing', async () => {
  await keyHousehold(h, HH.b, [PEOPLE.member]);
  const plain = await h.ok(PEOPLE.staff, 'dispatch', 'submit', { category: 'facilities', text: '楼道灯不亮', householdId: HH.c, onBehalfOf: PEOPLE.resident });
  const wrongCommunity = { kind: 'resolved' as const, demandId: plain._id, householdId: HH.b, communityId: 'c-ximen' };
  await h.ok(PEOPLE.staff, 'dispatch', 'handle', { id: plain._id });
  const done = await h.ok(PEOPLE.staff, 'dispatch', 'complete', { id: plain._id, notes: '已修好' });
  expect(done.status).toBe('verified');
  await h.local.invoke({ main: () => returnVisitDue(wrongCommunity, new Date()) }, {}, 'test');
  const b = await h.ok(PEOPLE.member, 'visits', 'detail', { householdId: HH.b });
  expect(b.returnsDue).toEqual([]);
  expect(h.local.db.store.all('keyHouseholds').map((k) => k._id)).not.toContain(HH.c);
});

test('a household unmarked before its demand is resolved owes nothing', async () => {
  await keyHousehold(h, HH.d, [PEOPLE.member]);
  const v = await h.ok(PEOPLE.member, 'visits', 'recordVisit', {
    householdId: HH.d, method: 'door', outcome: 'contact', wellbeing: 'good', needs: [{ category: 'environment', text: '门口垃圾堆放' }],
  });
  await h.ok(PEOPLE.staff, 'visits', 'unmarkKey', { householdId: HH.d, reason: '已搬走' });
  await h.ok(PEOPLE.staff, 'dispatch', 'handle', { id: v.demandIds[0] });
  await h.ok(PEOPLE.staff, 'dispatch', 'complete', { id: v.demandIds[0], notes: '已清理' });
  expect((await h.ok(PEOPLE.staff, 'visits', 'detail', { householdId: HH.d })).returnsDue).toEqual([]);
});

test('staff choose visitors among the community’s workers and the members who live there or whose unit is paired with it', async () => {
  const c = await h.ok(PEOPLE.staff, 'visits', 'visitorCandidates', { pageSize: 50 });
  const kinds = Object.fromEntries(c.items.map((i) => [i.openid, i.kind]));
  expect(kinds).toMatchObject({
    'demo-member-zhang': 'member', // lives in 东街
    'demo-member-chen': 'member', // 县人社局 is paired with 东街
    'demo-liaison-weijian': 'member', // 县卫健局 too
    'demo-grid-dongjie': 'gridWorker',
    'demo-staff-dongjie': 'staff',
    'demo-secretary-dongjie': 'secretary',
  });
  expect(kinds).not.toHaveProperty('demo-resident-wang');
  expect(kinds).not.toHaveProperty('demo-staff-ximen');
  expect(c.items.find((i) => i.openid === 'demo-member-chen')?.unitId).toBe('unit-renshe');

  // …and find the households nobody visits yet.
  await h.ok(PEOPLE.staff, 'visits', 'markKey', { householdId: 'h-heping-2-101', categories: ['hardship'], careLevel: 'monthly', contactName: '邵大爷', contactPhone: '13900009999' });
  const unpaired = await h.ok(PEOPLE.staff, 'visits', 'list', { scope: 'community', unpaired: true });
  expect(unpaired.items.map((i) => i.householdId)).toEqual(['h-heping-2-101']);
});
