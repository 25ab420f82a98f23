/** The dispatch loop through the function, as each demo role, with the races that matter. */
import type { DemandDetail } from '../../types/dispatch';
import { openHarness, PEOPLE, snapshot, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(() => h.close());

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex').toString('base64');

async function submitted(text = '幸福小区1号楼楼道灯不亮，晚上老人上下楼不方便'): Promise<DemandDetail> {
  return h.ok(PEOPLE.resident, 'dispatch', 'submit', { category: 'facilities', text });
}

async function acceptedTask(slots: number): Promise<string> {
  const d = await submitted();
  await h.ok(PEOPLE.staff, 'dispatch', 'dispatch', { id: d._id, unitId: 'unit-renshe', slots, expectedHours: 2 });
  await h.ok(PEOPLE.liaison, 'dispatch', 'accept', { id: d._id });
  return d._id;
}

test('the whole loop: submit with a photo → dispatch → accept → claims → complete → verify → rate', async () => {
  const photo = await h.ok(PEOPLE.resident, 'dispatch', 'uploadPhoto', { contentType: 'image/png', base64: PNG });
  const d = await h.ok(PEOPLE.resident, 'dispatch', 'submit', { category: 'facilities', text: '楼道灯坏了', photos: [photo.fileID], urgency: 'urgent' });
  expect(d).toMatchObject({ status: 'submitted', communityId: 'c-dongjie', submitterName: '王秀英' });

  const triage = await h.ok(PEOPLE.staff, 'dispatch', 'list', { scope: 'triage' });
  expect(triage.items.map((i) => i._id)).toContain(d._id);
  const staffView = await h.ok(PEOPLE.staff, 'dispatch', 'detail', { id: d._id });
  expect(staffView.allowedActions).toEqual(['handle', 'dispatch', 'merge', 'decline']);
  expect(staffView.photos).toEqual([{ fileID: photo.fileID, url: expect.stringMatching(/^\/files\/demands\//) }]);

  await h.ok(PEOPLE.staff, 'dispatch', 'dispatch', { id: d._id, unitId: 'unit-renshe', slots: 2, expectedHours: 2 });
  const unitQueue = await h.ok(PEOPLE.liaison, 'dispatch', 'list', { scope: 'unit' });
  expect(unitQueue.items.map((i) => i._id)).toContain(d._id);
  await h.ok(PEOPLE.liaison, 'dispatch', 'accept', { id: d._id });

  const claimable = await h.ok(PEOPLE.member, 'dispatch', 'list', { scope: 'claimable' });
  expect(claimable.items.map((i) => i._id)).toContain(d._id);
  await h.ok(PEOPLE.member, 'dispatch', 'claim', { id: d._id });
  await h.ok(PEOPLE.liaison, 'dispatch', 'claim', { id: d._id }); // 赵敏 is also a member of 县人社局
  const third = await h.call('demo-member-chen', 'dispatch', 'claim', { id: d._id });
  expect(third).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });

  await h.ok(PEOPLE.member, 'dispatch', 'complete', { id: d._id, notes: '更换了灯泡', hours: 1.5 });
  const done = await h.ok(PEOPLE.liaison, 'dispatch', 'complete', { id: d._id, notes: '检查了线路', hours: 2 });
  expect(done.status).toBe('completed');
  await h.ok(PEOPLE.staff, 'dispatch', 'verify', { id: d._id });
  const closed = await h.ok(PEOPLE.resident, 'dispatch', 'rate', { id: d._id, value: 'satisfied', comment: '修得很快' });
  expect(closed.status).toBe('closed');
  // The resident reads organisations, not staff (dispatch.resident.test.ts); staff read who did each step.
  expect(closed.timeline.map((e) => e.actorName)).toEqual(['您', '社区', '县人社局', '县人社局', '县人社局', '县人社局', '县人社局', '社区', '您']);
  const staffLog = await h.ok(PEOPLE.staff, 'dispatch', 'detail', { id: d._id });
  expect(staffLog.timeline.map((e) => [e.event, e.actorName])).toEqual([
    ['submit', '王秀英'],
    ['dispatch', '周芳'],
    ['accept', '赵敏'],
    ['claim', '张伟'],
    ['claim', '赵敏'],
    ['complete', '张伟'],
    ['complete', '赵敏'],
    ['verify', '周芳'],
    ['rate', '王秀英'],
  ]);
  expect(h.local.outbox().filter((m) => m.templateId === 'TPL_PLEASE_RATE')).toHaveLength(0); // queued, not yet sent
  await h.drainNotifications();
  const messages = h.local.outbox().map((m) => [m.templateId, m.touser]);
  expect(messages).toEqual(
    expect.arrayContaining([
      ['TPL_NEW_DISPATCH', 'demo-liaison-renshe'],
      ['TPL_ACCEPTED', 'demo-staff-dongjie'],
      ['TPL_CLAIM', 'demo-member-zhang'],
      ['TPL_PLEASE_RATE', 'demo-resident-wang'],
      ['TPL_RECEIVED', 'demo-resident-wang'],
      ['TPL_WORK_DONE', 'demo-resident-wang'],
    ]),
  );
});

test('50 concurrent claims on a 3-slot task: exactly 3 claims', async () => {
  const id = await acceptedTask(3);
  // 50 distinct members of 县人社局
  const members = Array.from({ length: 50 }, (_x, i) => `bench-member-${i}`);
  h.local.db.store.commit(
    members.map((openid, i) => ({
      coll: 'users',
      id: openid,
      doc: { _id: openid, name: `党员${i}`, phone: '', roles: [{ role: 'member', unitId: 'unit-renshe' }], communityId: 'c-dongjie', buildingId: null, unitId: 'unit-renshe', elderMode: null, createdAt: new Date() },
    })),
  );
  const results = await Promise.all(members.map((m) => h.call(m, 'dispatch', 'claim', { id })));
  expect(results.filter((r) => r.ok)).toHaveLength(3);
  expect(results.filter((r) => !r.ok).every((r) => !r.ok && ['INVALID_STATE', 'CONFLICT'].includes(r.error.code))).toBe(true);
  const d = await h.ok(PEOPLE.staff, 'dispatch', 'detail', { id });
  expect(d.claims).toHaveLength(3);
  expect(d.claimedCount).toBe(3);
  expect(d.timeline.filter((e) => e.event === 'claim')).toHaveLength(3);
});

test('retries of claim, complete, verify and rate create no duplicates', async () => {
  const id = await acceptedTask(1);
  await h.ok(PEOPLE.member, 'dispatch', 'claim', { id });
  await h.ok(PEOPLE.member, 'dispatch', 'claim', { id });
  await h.ok(PEOPLE.member, 'dispatch', 'complete', { id, notes: '完成', hours: 1 });
  await h.ok(PEOPLE.member, 'dispatch', 'complete', { id, notes: '完成', hours: 1 });
  await h.ok(PEOPLE.staff, 'dispatch', 'verify', { id });
  await h.ok(PEOPLE.staff, 'dispatch', 'verify', { id });
  await h.ok(PEOPLE.resident, 'dispatch', 'rate', { id, value: 'basic' });
  const last = await h.ok(PEOPLE.resident, 'dispatch', 'rate', { id, value: 'basic' });
  expect(last.timeline.map((e) => e.event)).toEqual(['submit', 'dispatch', 'accept', 'claim', 'complete', 'verify', 'rate']);
  expect(last.claims).toHaveLength(1);
});

test('two units accepting an open offer at once: exactly one wins', async () => {
  const d = await submitted();
  await h.ok(PEOPLE.staff, 'dispatch', 'dispatch', { id: d._id, slots: 1, expectedHours: 1 });
  const [a, b] = await Promise.all([
    h.call(PEOPLE.liaison, 'dispatch', 'accept', { id: d._id }),
    h.call('demo-liaison-weijian', 'dispatch', 'accept', { id: d._id }),
  ]);
  expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
  const after = await h.ok(PEOPLE.staff, 'dispatch', 'detail', { id: d._id });
  expect(after.timeline.filter((e) => e.event === 'accept')).toHaveLength(1);
  expect(['unit-renshe', 'unit-weijian']).toContain(after.dispatch?.unitId);
});

test('refusals change nothing: another community, another unit, a task not claimed', async () => {
  const id = await acceptedTask(2);
  const before = snapshot(h.local);
  expect((await h.call(PEOPLE.staffXimen, 'dispatch', 'verify', { id })).ok).toBe(false);
  expect((await h.call(PEOPLE.staffXimen, 'dispatch', 'detail', { id })).ok).toBe(false);
  expect((await h.call('demo-liaison-weijian', 'dispatch', 'reject', { id, reason: '不是我们的' })).ok).toBe(false);
  expect((await h.call(PEOPLE.memberWeijian, 'dispatch', 'claim', { id })).ok).toBe(false);
  const notClaimed = await h.call(PEOPLE.member, 'dispatch', 'complete', { id, notes: '做完了', hours: 1 });
  expect(notClaimed).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  expect(snapshot(h.local)).toBe(before);
});

test('bad input is refused with a typed error and nothing changes', async () => {
  const before = snapshot(h.local);
  const cases: Record<string, unknown>[] = [
    { action: 'submit', text: '缺类别' },
    { action: 'submit', category: 'weather', text: '错误类别' },
    { action: 'submit', category: 'other', text: '长'.repeat(501) },
    { action: 'submit', category: 'other', text: 'x', photos: ['http://evil/x.png'] },
    { action: 'detail', id: 'no such id' },
    { action: 'uploadPhoto', contentType: 'image/gif', base64: PNG },
    { action: 'uploadPhoto', contentType: 'image/jpeg', base64: PNG },
    { action: 'uploadPhoto', contentType: 'image/png', base64: 'A'.repeat(1_500_000) },
  ];
  for (const event of cases) {
    const { result } = await h.raw(PEOPLE.resident, 'dispatch', event);
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  }
  const unknown = await h.call(PEOPLE.staff, 'dispatch', 'detail', { id: 'nosuchdemand' });
  expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  expect(snapshot(h.local)).toBe(before);
});

test('the scorecard equals hand-computed figures, with open overdue items counted against 解决率', async () => {
  const month = new Date().toISOString().slice(0, 7);
  const card = await h.ok(PEOPLE.liaison, 'dispatch', 'scorecard', { scope: 'unit', id: 'unit-renshe', month });
  expect(card.dispatched).toBeGreaterThan(0);
  expect(card.responseRate).toBe(Math.round((card.acceptedWithinSla / card.dispatched) * 1000) / 1000);
  expect((await h.call(PEOPLE.member, 'dispatch', 'scorecard', { scope: 'unit', id: 'unit-renshe', month })).ok).toBe(false);
});

test('lists read one page and say whether there is more, without counting the collection', async () => {
  const first = await h.raw(PEOPLE.resident, 'dispatch', { action: 'list', scope: 'mine', pageSize: 2 });
  const page1 = first.result as { ok: true; data: { items: { _id: string }[]; hasMore: boolean } };
  expect(page1.data.items).toHaveLength(2);
  expect(page1.data.hasMore).toBe(true);
  expect(first.counts.read).toBe(2); // the caller, and one page
  const page2 = await h.ok(PEOPLE.resident, 'dispatch', 'list', { scope: 'mine', page: 2, pageSize: 2 });
  expect(page2.items.map((i) => i._id)).not.toContain(page1.data.items[0]._id);
  const all = await h.ok(PEOPLE.resident, 'dispatch', 'list', { scope: 'mine', pageSize: 50 });
  expect(all.hasMore).toBe(false);
  // Another resident's list never shows these.
  const other = await h.ok(PEOPLE.residentXimen, 'dispatch', 'list', { scope: 'mine' });
  expect(other.items.filter((i) => all.items.some((a) => a._id === i._id))).toHaveLength(0);
  // Lists are role-bound.
  expect(await h.call(PEOPLE.resident, 'dispatch', 'list', { scope: 'triage' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  expect(await h.call(PEOPLE.resident, 'dispatch', 'list', { scope: 'claimable' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
});

test('the phone is unmasked only for those who must call', async () => {
  const d = await submitted('需要上门，请电话联系');
  const staff = await h.ok(PEOPLE.staff, 'dispatch', 'detail', { id: d._id });
  expect(staff.submitterPhone).toBe('13800001001');
  const self = await h.ok(PEOPLE.resident, 'dispatch', 'detail', { id: d._id });
  expect(self.submitterPhone).toBe('138****1001');
});

describe('photos from WeChat arrive as a temporary-CDN URL (wx.cloud.CDN)', () => {
  const realFetch = global.fetch;
  afterEach(() => {
    global.fetch = realFetch;
  });

  test('the function fetches an allowed https CDN URL, checks the bytes and stores them', async () => {
    const fetched: string[] = [];
    global.fetch = (async (url: string) => {
      fetched.push(String(url));
      return new Response(Buffer.from(PNG, 'base64'), { status: 200, headers: { 'content-length': String(Buffer.from(PNG, 'base64').length) } });
    }) as typeof fetch;
    const cdn = 'https://636c-cloud1-123.tcb.qcloud.la/tmp/abc.png';
    const photo = await h.ok(PEOPLE.resident, 'dispatch', 'uploadPhoto', { contentType: 'image/png', cdn });
    expect(fetched).toEqual([cdn]);
    expect(photo.fileID).toMatch(new RegExp(`/demands/${PEOPLE.resident}/\\w+\\.png$`));
  });

  test.each([
    ['plain http', 'http://636c-cloud1-123.tcb.qcloud.la/tmp/abc.png'],
    ['another host', 'https://evil.example.com/abc.png'],
    ['a look-alike host', 'https://tcb.qcloud.la.evil.example.com/abc.png'],
    ['an IP address (metadata service)', 'https://169.254.0.23/latest/meta-data'],
    ['credentials in the URL', 'https://user:pw@636c.tcb.qcloud.la/abc.png'],
    ['an explicit port', 'https://636c.tcb.qcloud.la:8443/abc.png'],
    ['not a URL', 'cloud-cdn-marker'],
  ])('refuses %s without fetching it, and logs the host for the operator', async (_what, cdn) => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    let fetched = 0;
    global.fetch = (async () => {
      fetched++;
      return new Response('x');
    }) as typeof fetch;
    const res = await h.call(PEOPLE.resident, 'dispatch', 'uploadPhoto', { contentType: 'image/png', cdn });
    expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(fetched).toBe(0);
    expect(warn).toHaveBeenCalledWith('[photo] refused a CDN URL on host', expect.any(String));
    warn.mockRestore();
  });

  test('refuses a CDN file over 1 MB (read is cut off) or of the wrong type, and both or neither field', async () => {
    global.fetch = (async () => new Response(new Uint8Array(1024 * 1024 + 10).fill(0x89))) as typeof fetch;
    const big = await h.call(PEOPLE.resident, 'dispatch', 'uploadPhoto', { contentType: 'image/png', cdn: 'https://a.tcb.qcloud.la/big.png' });
    expect(big).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('1 MB') } });
    global.fetch = (async () => new Response(Buffer.from('GIF89a-not-a-png'))) as typeof fetch;
    const gif = await h.call(PEOPLE.resident, 'dispatch', 'uploadPhoto', { contentType: 'image/png', cdn: 'https://a.tcb.qcloud.la/x.png' });
    expect(gif).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const both = await h.call(PEOPLE.resident, 'dispatch', 'uploadPhoto', { contentType: 'image/png', base64: PNG, cdn: 'https://a.tcb.qcloud.la/x.png' });
    expect(both).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('二选一') } });
    const neither = await h.call(PEOPLE.resident, 'dispatch', 'uploadPhoto', { contentType: 'image/png' });
    expect(neither).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});

test('a demand may name a household of the resident’s own building; staff may name any of their community', async () => {
  // 王秀英 lives in 幸福小区1号楼 (b-xingfu-1) of 东街社区.
  const own = await h.ok(PEOPLE.resident, 'dispatch', 'submit', { category: 'elderlyCare', text: '隔壁老人需要帮助', householdId: 'h-xingfu-1-102' });
  const stored = (id: string) => h.local.db.store.get('demands', id)?.householdId;
  expect(stored(own._id)).toBe('h-xingfu-1-102');
  const before = snapshot(h.local);
  for (const householdId of ['h-xingfu-2-101', 'h-ximenhuayuan-1-101', 'h-nosuch-1-101']) {
    const res = await h.call(PEOPLE.resident, 'dispatch', 'submit', { category: 'elderlyCare', text: '别楼的住户', householdId });
    expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  }
  expect(snapshot(h.local)).toBe(before);
  const staff = await h.ok(PEOPLE.staff, 'dispatch', 'submit', { category: 'elderlyCare', text: '代居民反映', householdId: 'h-xingfu-2-101', onBehalfOf: PEOPLE.resident });
  expect(stored(staff._id)).toBe('h-xingfu-2-101');
  const otherCommunity = await h.call(PEOPLE.staff, 'dispatch', 'submit', { category: 'elderlyCare', text: '外社区', householdId: 'h-ximenhuayuan-1-101', onBehalfOf: PEOPLE.resident });
  expect(otherCommunity).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
});

describe('the detail in one call: photos apart, units named, two reads', () => {
  test('report photos and completion photos come apart, each with its URL, and the units it concerns by name', async () => {
    const report = await h.ok(PEOPLE.resident, 'dispatch', 'uploadPhoto', { contentType: 'image/png', base64: PNG });
    const d = await h.ok(PEOPLE.resident, 'dispatch', 'submit', { category: 'facilities', text: '楼道灯坏了', photos: [report.fileID] });
    expect(d.unitNames).toEqual({});
    expect(d.completion).toBeNull();

    // An open offer names every paired unit of 东街社区, in the step's answer and in the detail.
    const offered = await h.ok(PEOPLE.staff, 'dispatch', 'dispatch', { id: d._id, slots: 1, expectedHours: 1 });
    expect(offered.unitNames).toEqual({ 'unit-renshe': '县人社局', 'unit-weijian': '县卫健局', 'unit-gongdian': '国网青山县供电公司' });
    const { result, counts } = await h.raw(PEOPLE.liaison, 'dispatch', { action: 'detail', id: d._id });
    expect((result as { ok: true; data: typeof offered }).data.unitNames).toEqual(offered.unitNames);
    expect(counts).toMatchObject({ read: 2, write: 0 }); // the caller, and the demand with its units

    // Accepted: only the unit that took it.
    const accepted = await h.ok(PEOPLE.liaison, 'dispatch', 'accept', { id: d._id });
    expect(accepted.unitNames).toEqual({ 'unit-renshe': '县人社局' });
    await h.ok(PEOPLE.member, 'dispatch', 'claim', { id: d._id });
    const work = await h.ok(PEOPLE.member, 'dispatch', 'uploadPhoto', { contentType: 'image/png', base64: PNG });
    const done = await h.ok(PEOPLE.member, 'dispatch', 'complete', { id: d._id, notes: '换了灯泡', photos: [work.fileID], hours: 1 });
    expect(done.photos).toEqual([{ fileID: report.fileID, url: `/files/demands/${PEOPLE.resident}/${report.fileID.split('/').pop()}` }]);
    expect(done.completion?.photos).toEqual([{ fileID: work.fileID, url: `/files/demands/${PEOPLE.member}/${work.fileID.split('/').pop()}` }]);
    const staffView = await h.ok(PEOPLE.staff, 'dispatch', 'detail', { id: d._id });
    expect(staffView.photos.map((p) => p.fileID)).toEqual([report.fileID]);
    expect(staffView.completion?.photos.map((p) => p.fileID)).toEqual([work.fileID]);
    expect(staffView.unitNames).toEqual({ 'unit-renshe': '县人社局' });
  });

  test('a task whose slots are all taken offers its liaison no 指派, and assigning is refused in words', async () => {
    const id = await acceptedTask(1);
    expect((await h.ok(PEOPLE.liaison, 'dispatch', 'detail', { id })).allowedActions).toContain('assign');
    const claimed = await h.ok(PEOPLE.member, 'dispatch', 'claim', { id });
    expect(claimed.claimedCount).toBe(1);
    expect((await h.ok(PEOPLE.liaison, 'dispatch', 'detail', { id })).allowedActions).not.toContain('assign');
    const before = snapshot(h.local);
    const refused = await h.call(PEOPLE.liaison, 'dispatch', 'assign', { id, memberOpenids: ['demo-member-chen'] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_STATE', message: expect.stringMatching(/名额已满/) } });
    expect(snapshot(h.local)).toBe(before);
  });
});
