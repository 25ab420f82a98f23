/**
 * Who sees a key household's sensitive fields (care categories, notes, the unmasked phone, visit
 * notes), and the log of every read: the acceptance, through the function.
 */
import type { KeyHouseholdDetail } from '../../types/visits';
import { openHarness, PEOPLE, type Harness } from './harness';
import { FIELDS, HH, keyHousehold } from './visits.fixtures';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
  await keyHousehold(h, HH.a, [PEOPLE.member, PEOPLE.gridWorker]);
  await keyHousehold(h, HH.b, ['demo-member-chen'], { careLevel: 'monthly', contactPhone: '13700001111' });
  await h.ok(PEOPLE.member, 'visits', 'recordVisit', { householdId: HH.a, method: 'door', outcome: 'contact', wellbeing: 'poor', notes: '腿脚不便，下楼困难' });
});
afterAll(() => h.close());

/** Every string anywhere in a response. */
const strings = (x: unknown): string[] =>
  typeof x === 'string' ? [x] : Array.isArray(x) ? x.flatMap(strings) : x && typeof x === 'object' ? Object.values(x).flatMap(strings) : [];

const SENSITIVE = [FIELDS.contactPhone, '13700001111', FIELDS.notes!, '腿脚不便，下楼困难', 'livingAlone', 'disabled'];

describe('those with no business cannot read the sensitive fields', () => {
  test.each([
    ['a member not paired with it (刘洋, lives in 东街)', PEOPLE.memberWeijian],
    ['a member paired elsewhere (陈静, paired with 102)', 'demo-member-chen'],
    ['a resident of the same building', PEOPLE.resident],
    ['a resident of another community', PEOPLE.residentXimen],
    ['a unit liaison', PEOPLE.liaison],
    ['staff of another community', PEOPLE.staffXimen],
  ])('%s → NOT_FOUND on detail and on its visits', async (_label, openid) => {
    expect(await h.call(openid, 'visits', 'detail', { householdId: HH.a })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await h.call(openid, 'visits', 'listVisits', { householdId: HH.a })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  test('the county admin sees the schedule, never what the household is', async () => {
    const d = await h.ok(PEOPLE.admin, 'visits', 'detail', { householdId: HH.a });
    expect(d.care).toBeNull();
    expect(d.recentVisits).toEqual([]);
    expect(d.contactPhone).toBe('139****5678');
    expect(strings(d).filter((s) => SENSITIVE.some((x) => s.includes(x)))).toEqual([]);
  });
});

describe('permitted readers see them, and every such read is logged', () => {
  test.each([
    ['the paired member', PEOPLE.member, 'visitor'],
    ['the paired grid worker (his community role is the right)', PEOPLE.gridWorker, 'gridWorker'],
    ['the community staff', PEOPLE.staff, 'staff'],
    ['the community secretary', PEOPLE.secretary, 'secretary'],
  ])('%s', async (_label, openid, role) => {
    const before = (await h.ok(PEOPLE.secretary, 'visits', 'sensitiveReads', { communityId: 'c-dongjie', householdId: HH.a, pageSize: 50 })).items.length;
    const d: KeyHouseholdDetail = await h.ok(openid, 'visits', 'detail', { householdId: HH.a });
    expect(d.care).toEqual({ categories: FIELDS.categories, contactPhone: FIELDS.contactPhone, notes: FIELDS.notes });
    expect(d.recentVisits[0]).toMatchObject({ notes: '腿脚不便，下楼困难', wellbeing: 'poor' });
    const log = (await h.ok(PEOPLE.secretary, 'visits', 'sensitiveReads', { communityId: 'c-dongjie', householdId: HH.a, pageSize: 50 })).items;
    // The secretary's own read of the log is not a read of the household: only the detail adds one.
    expect(log).toHaveLength(before + 1);
    expect(log[0]).toMatchObject({ householdId: HH.a, address: '幸福小区1号楼 101', reader: { openid }, readerRole: role, action: 'detail', communityId: 'c-dongjie' });
    expect(Math.abs(new Date(log[0].at).getTime() - Date.now())).toBeLessThan(60_000);
  });

  test('reading visit notes page by page is logged too', async () => {
    await h.ok(PEOPLE.member, 'visits', 'listVisits', { householdId: HH.a });
    const [last] = (await h.ok(PEOPLE.secretary, 'visits', 'sensitiveReads', { communityId: 'c-dongjie', pageSize: 1 })).items;
    expect(last).toMatchObject({ reader: { openid: PEOPLE.member }, action: 'listVisits' });
  });

  test('only the secretary reads the log', async () => {
    expect(await h.call(PEOPLE.staff, 'visits', 'sensitiveReads', { communityId: 'c-dongjie' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('lists never carry sensitive fields or unmarked phones', () => {
  test.each([
    ['我的包户 of the member', PEOPLE.member, { scope: 'mine' }],
    ['我的包户 of 陈静', 'demo-member-chen', { scope: 'mine' }],
    ['the community list of the staff', PEOPLE.staff, { scope: 'community' }],
    ['the overdue list of the secretary', PEOPLE.secretary, { scope: 'community', due: 'due' }],
    ['one visitor’s households', PEOPLE.staff, { scope: 'community', visitorOpenid: PEOPLE.gridWorker }],
  ] as const)('%s', async (_label, openid, req) => {
    const page = await h.ok(openid, 'visits', 'list', req);
    expect(page.items.length).toBeGreaterThan(0);
    for (const item of page.items) {
      expect(Object.keys(item).sort()).toEqual(
        ['address', 'buildingId', 'communityId', 'careLevel', 'contactName', 'contactPhone', 'dueBy', 'dueFrom', 'dueStatus', 'householdId', 'lastContactAt', 'lastVisitAt', 'returnsDue', 'visitors'].sort(),
      );
      expect(item.contactPhone).toMatch(/^\d{3}\*{4}\d{4}$/);
    }
    expect(strings(page).filter((s) => SENSITIVE.some((x) => s.includes(x)))).toEqual([]);
  });

  test('a visit result and the building list carry none either', async () => {
    const r = await h.ok(PEOPLE.member, 'visits', 'recordVisit', { householdId: HH.a, method: 'phone', outcome: 'noContact' });
    expect(strings(r.household).filter((s) => SENSITIVE.some((x) => s.includes(x)))).toEqual([]);
    const b = await h.ok(PEOPLE.staff, 'visits', 'buildingHouseholds', { buildingId: 'b-xingfu-1' });
    expect(b.filter((x) => x.isKey).map((x) => x.householdId)).toEqual([HH.a, HH.b]);
    expect(strings(b).filter((s) => SENSITIVE.some((x) => s.includes(x)))).toEqual([]);
  });
});

describe('no free-text diagnoses, and unmarking deletes the details', () => {
  test('notes naming a diagnosis are refused with what to do instead', async () => {
    const res = await h.call(PEOPLE.staff, 'visits', 'updateKey', { householdId: HH.a, notes: '确诊阿尔茨海默病' });
    expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    if (!res.ok) expect(res.error.message).toContain('关爱类别');
  });

  test('unmarked: the care details are gone, visitors unpaired (recorded), the household leaves the lists', async () => {
    await h.ok(PEOPLE.staff, 'visits', 'unmarkKey', { householdId: HH.b, reason: '已随子女迁出' });
    expect(h.local.db.store.all('householdCare').map((c) => (c as { _id: string })._id)).not.toContain(HH.b);
    const d = await h.ok(PEOPLE.staff, 'visits', 'detail', { householdId: HH.b });
    expect(d).toMatchObject({ active: false, care: null, visitors: [], allowedActions: [] });
    expect(d.pairingChanges.map((c) => [c.change, c.visitor.openid, c.reason])).toEqual([
      ['unpair', 'demo-member-chen', '已随子女迁出'],
      ['pair', 'demo-member-chen', ''],
    ]);
    expect(await h.call('demo-member-chen', 'visits', 'detail', { householdId: HH.b })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect((await h.ok(PEOPLE.staff, 'visits', 'list', { scope: 'community' })).items.map((i) => i.householdId)).not.toContain(HH.b);
  });
});
