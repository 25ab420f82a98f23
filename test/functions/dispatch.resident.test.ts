/**
 * What the resident who asked, and everyone else, may see of a demand (issue 14): an anonymous
 * submitter is hidden in the detail AND the timeline from every reader who does not handle it; a
 * need found on a visit keeps its household (address, the phone for those who handle it, the
 * link back for those who may open the key household); the resident's own view names organisations,
 * not staff; the resident hears 已受理 / 已办结 / 请评价, and is reminded to rate at 3 and 7 days —
 * twice at most, never rated for them.
 */
import * as notifyFn from '../../cloudfunctions/notify/index';
import type { DemandDetail } from '../../types/dispatch';
import { openHarness, PEOPLE, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(() => h.close());

const WANG = { openid: PEOPLE.resident, name: '王秀英', phone: '13800001001' };
const detail = (who: string, id: string) => h.call(who, 'dispatch', 'detail', { id });

/** Everything of the submitter that could identify them, anywhere in what a reader got. */
function leaks(d: unknown): string[] {
  const json = JSON.stringify(d);
  return [WANG.openid, WANG.name, WANG.phone, WANG.phone.slice(-4)].filter((s) => json.includes(s));
}

describe('an anonymous demand', () => {
  let id: string;
  beforeAll(async () => {
    const d = await h.ok(WANG.openid, 'dispatch', 'submit', { category: 'neighbourhood', text: '楼上装修噪声太大，不想让邻居知道是我反映的', anonymous: true });
    id = d._id;
    await h.ok(PEOPLE.staff, 'dispatch', 'dispatch', { id, unitId: 'unit-renshe', slots: 1, expectedHours: 1 });
    await h.ok(PEOPLE.liaison, 'dispatch', 'accept', { id });
  });

  // Those who handle it: its community's staff (staff, grid worker, secretary) and its unit's liaison.
  test.each(['staff', 'gridWorker', 'secretary', 'liaison'] as const)('%s, who handles it, sees who asked and can call them', async (role) => {
    const res = await detail(PEOPLE[role], id);
    if (!res.ok) throw new Error(res.error.message);
    expect(res.data.submitterName).toBe(WANG.name);
    expect(res.data.submitterPhone).toBe(WANG.phone);
    expect(res.data.timeline[0]).toMatchObject({ actor: WANG.openid, actorName: WANG.name, event: 'submit' });
  });

  test('a member of the unit who has not claimed it sees no name, openid or phone — in the detail or the timeline', async () => {
    const res = await detail(PEOPLE.member, id);
    if (!res.ok) throw new Error(res.error.message);
    expect(res.data.submitterName).toBe('匿名居民');
    expect(res.data.submitterPhone).toBe('');
    expect(res.data.timeline[0]).toMatchObject({ actor: '', actorName: '匿名居民', event: 'submit' });
    expect(leaks(res.data)).toEqual([]);
    // The lists too.
    const listed = await h.ok(PEOPLE.member, 'dispatch', 'list', { scope: 'claimable' });
    expect(listed.items.find((x) => x._id === id)?.submitterName).toBe('匿名居民');
  });

  test('the county admin, who reads but does not handle it, sees no more', async () => {
    const res = await detail(PEOPLE.admin, id);
    if (!res.ok) throw new Error(res.error.message);
    expect(res.data.submitterName).toBe('匿名居民');
    expect(leaks(res.data)).toEqual([]);
  });

  test('people of other communities and units are told it does not exist', async () => {
    for (const who of [PEOPLE.residentXimen, PEOPLE.staffXimen, PEOPLE.memberWeijian, 'demo-liaison-weijian']) {
      expect(await detail(who, id)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
  });

  test('the resident sees their own demand, themselves as 您', async () => {
    const res = await detail(WANG.openid, id);
    if (!res.ok) throw new Error(res.error.message);
    expect(res.data).toMatchObject({ submitterName: WANG.name, residentView: true });
    expect(res.data.timeline[0]).toMatchObject({ actorName: '您', actor: WANG.openid });
  });

  test('once the member claims it they handle it and may call; the rating stays anonymous to the others', async () => {
    await h.ok(PEOPLE.member, 'dispatch', 'claim', { id });
    const claimant = await detail(PEOPLE.member, id);
    if (!claimant.ok) throw new Error(claimant.error.message);
    expect(claimant.data).toMatchObject({ submitterName: WANG.name, submitterPhone: WANG.phone });
    // Another member of the unit still does not.
    const other = await detail('demo-member-chen', id);
    if (!other.ok) throw new Error(other.error.message);
    expect(leaks(other.data)).toEqual([]);
    await h.ok(PEOPLE.member, 'dispatch', 'complete', { id, notes: '已上门协调', hours: 1 });
    await h.ok(PEOPLE.staff, 'dispatch', 'verify', { id });
    await h.ok(WANG.openid, 'dispatch', 'rate', { id, value: 'satisfied', comment: '谢谢' });
    const admin = await detail(PEOPLE.admin, id);
    if (!admin.ok) throw new Error(admin.error.message);
    expect(admin.data.timeline.at(-1)).toMatchObject({ event: 'rate', actorName: '匿名居民', actor: '' });
    expect(leaks(admin.data)).toEqual([]);
  });

  test('offered to every paired unit: their members and liaisons read it; the members see nobody', async () => {
    const d = await h.ok(WANG.openid, 'dispatch', 'submit', { category: 'safety', text: '楼道堆放杂物堵住消防通道', anonymous: true });
    await h.ok(PEOPLE.staff, 'dispatch', 'dispatch', { id: d._id, slots: 1, expectedHours: 1 });
    const member = await detail(PEOPLE.memberWeijian, d._id);
    if (!member.ok) throw new Error(member.error.message);
    expect(leaks(member.data)).toEqual([]);
  });
});

describe('a need found at a door', () => {
  let id: string;
  let householdId: string;
  let visitors: string[];
  let address: string;
  beforeAll(async () => {
    // 东街's staff mark a household key and pair 张伟 with it.
    householdId = 'h-xingfu-3-101';
    await h.ok(PEOPLE.staff, 'visits', 'markKey', { householdId, categories: ['livingAlone'], careLevel: 'weekly', contactName: '赵桂兰', contactPhone: '13907009001' });
    await h.ok(PEOPLE.staff, 'visits', 'pair', { householdId, visitorOpenid: PEOPLE.member });
    const mine = await h.ok(PEOPLE.member, 'visits', 'list', { scope: 'mine' });
    const first = mine.items.find((x) => x.householdId === householdId)!;
    address = first.address;
    visitors = first.visitors.map((v) => v.openid);
    const visit = await h.ok(PEOPLE.member, 'visits', 'recordVisit', {
      householdId,
      method: 'door',
      outcome: 'contact',
      wellbeing: 'good',
      needs: [{ category: 'facilities', text: '卫生间水管漏水，需要上门修理' }],
    });
    id = visit.visit.needs[0].demandId;
  });

  test('keeps its household: address, whom to ask for, the phone for those who handle it', async () => {
    const staff = await h.ok(PEOPLE.staff, 'dispatch', 'detail', { id });
    expect(staff).toMatchObject({ source: 'visit', submitterName: '张伟（走访发现）', residentView: false });
    expect(staff.household).toMatchObject({ id: householdId, address, mayOpen: true });
    expect(staff.household).toMatchObject({ contactName: '赵桂兰', contactPhone: '13907009001' }); // unmasked: staff call the household
    // In the triage queue it reads as found on a visit.
    const triage = await h.ok(PEOPLE.staff, 'dispatch', 'list', { scope: 'triage' });
    expect(triage.items.find((x) => x._id === id)?.submitterName).toBe('张伟（走访发现）');
  });

  test('all the way to 验收: the unit sees the address, the phone only once it handles it, never the link', async () => {
    await h.ok(PEOPLE.staff, 'dispatch', 'dispatch', { id, unitId: 'unit-weijian', slots: 1, expectedHours: 1 });
    const liaison = await h.ok('demo-liaison-weijian', 'dispatch', 'detail', { id });
    expect(liaison.household).toMatchObject({ address, mayOpen: false });
    expect(liaison.household!.contactPhone).toMatch(/^1\d{10}$/);
    await h.ok('demo-liaison-weijian', 'dispatch', 'accept', { id });
    const before = await h.ok(PEOPLE.memberWeijian, 'dispatch', 'detail', { id });
    expect(before.household!.contactPhone).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect(before.household!.mayOpen).toBe(visitors.includes(PEOPLE.memberWeijian));
    const claimed = await h.ok(PEOPLE.memberWeijian, 'dispatch', 'claim', { id });
    expect(claimed.household!.contactPhone).toMatch(/^1\d{10}$/);
    await h.ok(PEOPLE.memberWeijian, 'dispatch', 'complete', { id, notes: '已换水管', hours: 1 });
    const verified = await h.ok(PEOPLE.staff, 'dispatch', 'verify', { id });
    expect(verified).toMatchObject({ status: 'verified', submitterName: '张伟（走访发现）', household: { address, mayOpen: true } });
    // The visitor who found it follows it: they may open the key household, and see no phone of their own as the contact.
    const visitor = await h.ok(PEOPLE.member, 'dispatch', 'detail', { id });
    expect(visitor).toMatchObject({ residentView: true, submitterPhone: '', household: { mayOpen: true } });
    expect(visitor.household!.contactPhone).toMatch(/\*{4}/);
  });
});

describe('the resident’s own view', () => {
  test('names organisations, not staff, and keeps only the reasons meant for the resident', async () => {
    const d = await h.ok(WANG.openid, 'dispatch', 'submit', { category: 'facilities', text: '小区门口路灯不亮' });
    await h.ok(PEOPLE.staff, 'dispatch', 'dispatch', { id: d._id, unitId: 'unit-renshe', slots: 1, expectedHours: 1 });
    await h.ok(PEOPLE.liaison, 'dispatch', 'reject', { id: d._id, reason: '内部原因：本周人手不足' });
    await h.ok(PEOPLE.staff, 'dispatch', 'handle', { id: d._id, note: '由网格员上门处理' });
    const mine: DemandDetail = await h.ok(WANG.openid, 'dispatch', 'detail', { id: d._id });
    expect(mine.residentView).toBe(true);
    expect(mine.timeline.map((e) => [e.actorName, e.event, e.reason ?? ''])).toEqual([
      ['您', 'submit', ''],
      ['社区', 'dispatch', ''],
      ['结对单位', 'reject', ''], // no longer with the unit: it is named only while it has the demand
      ['社区', 'handle', '由网格员上门处理'],
    ]);
    const json = JSON.stringify(mine);
    for (const staffName of ['周芳', '赵敏', PEOPLE.staff, PEOPLE.liaison]) expect(json).not.toContain(staffName);
  });
});

describe('messages to the resident', () => {
  const toWang = (id: string) =>
    h.local
      .outbox()
      .filter((m) => m.touser === WANG.openid && m.page === `packages/dispatch/detail/index?id=${id}`)
      .map((m) => [m.templateId, (m.data as Record<string, { value: string }>).thing1.value]);

  test('已受理 when the community takes it up (社区自办 or 派单), 已办结 when the unit is done, 请评价 after 验收', async () => {
    const a = await h.ok(WANG.openid, 'dispatch', 'submit', { category: 'environment', text: '垃圾桶满了没人清' });
    await h.ok(PEOPLE.staff, 'dispatch', 'handle', { id: a._id });
    await h.ok(PEOPLE.staff, 'dispatch', 'complete', { id: a._id, notes: '已清运' });
    await h.drainNotifications();
    expect(toWang(a._id)).toEqual([
      ['TPL_RECEIVED', '已受理，由社区自办'],
      ['TPL_PLEASE_RATE', '请评价办理结果'],
    ]);

    const b = await h.ok(WANG.openid, 'dispatch', 'submit', { category: 'facilities', text: '单元门禁坏了' });
    await h.ok(PEOPLE.staff, 'dispatch', 'dispatch', { id: b._id, unitId: 'unit-renshe', slots: 1, expectedHours: 1 });
    await h.ok(PEOPLE.liaison, 'dispatch', 'accept', { id: b._id });
    await h.ok(PEOPLE.member, 'dispatch', 'claim', { id: b._id });
    await h.ok(PEOPLE.member, 'dispatch', 'complete', { id: b._id, notes: '已修好', hours: 1 });
    await h.ok(PEOPLE.staff, 'dispatch', 'verify', { id: b._id });
    await h.drainNotifications();
    expect(toWang(b._id)).toEqual([
      ['TPL_RECEIVED', '已受理，已派单给结对单位'],
      ['TPL_WORK_DONE', '已办结，社区验收后请评价'],
      ['TPL_PLEASE_RATE', '请评价办理结果'],
    ]);
  });

  describe('reminders to rate', () => {
    const DAY = 24 * 3600_000;
    let id: string;

    /** Moves the demand's wait back in time by `days`, as if they had passed. */
    function age(days: number) {
      const store = h.local.db.store;
      const d = store.get('demands', id)!;
      const r = d.rateReminder as { since: Date; sent: number; nextAt: Date | null };
      const shift = (t: Date | null) => (t ? new Date(new Date(t).getTime() - days * DAY) : null);
      store.commit([{ coll: 'demands', id, doc: { ...d, rateReminder: { ...r, since: shift(r.since), nextAt: shift(r.nextAt) } } }] as never);
    }
    const reminders = () => toWang(id).filter(([, title]) => title === '您还未评价，请评价办理结果').length;
    const tick = async () => {
      const { result } = await h.local.trigger(notifyFn, 'notify-timer');
      expect(result).toMatchObject({ ok: true });
    };

    beforeAll(async () => {
      const d = await h.ok(WANG.openid, 'dispatch', 'submit', { category: 'facilities', text: '楼道扶手松了' });
      id = d._id;
      await h.ok(PEOPLE.staff, 'dispatch', 'handle', { id });
      await h.ok(PEOPLE.staff, 'dispatch', 'complete', { id, notes: '已加固' });
      await tick();
    });

    test('none before 3 days; one at 3 days however often the timer runs; the second at 7; then none', async () => {
      await tick();
      expect(reminders()).toBe(0);
      age(3);
      await Promise.all([tick(), tick(), tick()]);
      await tick();
      expect(reminders()).toBe(1);
      age(3); // 6 days
      await tick();
      expect(reminders()).toBe(1);
      age(1); // 7 days
      await Promise.all([tick(), tick()]);
      expect(reminders()).toBe(2);
      age(30);
      await tick();
      expect(reminders()).toBe(2);
      expect(h.local.db.store.get('demands', id)!.rateReminder).toMatchObject({ sent: 2, nextAt: null });
    });

    test('an unrated demand stays 待评价 and unrated: nothing rates or closes it for the resident', async () => {
      const d = await h.ok(WANG.openid, 'dispatch', 'detail', { id });
      expect(d).toMatchObject({ status: 'verified', rating: null, allowedActions: ['rate'] });
      expect(d.timeline.map((e) => e.event)).toEqual(['submit', 'handle', 'complete']);
    });

    test('rating ends the reminders', async () => {
      const d = await h.ok(WANG.openid, 'dispatch', 'submit', { category: 'facilities', text: '信报箱坏了' });
      await h.ok(PEOPLE.staff, 'dispatch', 'handle', { id: d._id });
      await h.ok(PEOPLE.staff, 'dispatch', 'complete', { id: d._id, notes: '已换新' });
      await h.ok(WANG.openid, 'dispatch', 'rate', { id: d._id, value: 'basic' });
      expect(h.local.db.store.get('demands', d._id)!.rateReminder).toBeNull();
    });

    test('a client cannot run the timer', async () => {
      const res = await h.local.invoke(notifyFn, { Type: 'Timer', TriggerName: 'notify-timer' }, WANG.openid);
      expect(res.result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    });
  });
});
