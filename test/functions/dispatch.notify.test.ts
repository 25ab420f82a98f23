/**
 * The `notify` timer that drains the queue of subscribe messages a dispatch step leaves: who
 * receives each message, a job sent once however many drains run, a failed message counted on
 * its job without undoing anything, and no way in for a client.
 */
import * as notifyFn from '../../cloudfunctions/notify/index';
import { cloud } from '../../cloudfunctions/lib/cloud';
import { openHarness, PEOPLE, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(() => h.close());
afterEach(() => jest.restoreAllMocks());

const TEXT = '幸福小区1号楼楼道灯不亮，晚上老人上下楼不方便';

/** Runs the timer once; returns what it reports. */
async function drain(): Promise<{ jobs: number; sent: number; failed: number }> {
  const { result } = await h.local.trigger(notifyFn, 'notify-timer');
  expect(result).toMatchObject({ ok: true, data: { reminded: 0 } }); // reminders to rate: dispatch.resident.test.ts
  const { reminded: _r, repaired: _p, ...counts } = (result as { data: { jobs: number; sent: number; failed: number; reminded: number; repaired: unknown } }).data;
  return counts;
}

/**
 * The messages about one demand to the people who work on it: [template, recipient], in the order
 * sent. The resident's own (已受理, 已办结, 请评价) are in dispatch.resident.test.ts; here they
 * only count in `sent`.
 */
const about = (id: string) =>
  h.local
    .outbox()
    .filter((m) => m.page === `packages/dispatch/detail/index?id=${id}` && m.touser !== PEOPLE.resident)
    .map((m) => [m.templateId, m.touser]);

const jobsOf = (id: string) => h.local.db.store.all('notifications').filter((j) => j.demandId === id);

test('each step’s message reaches its people: the unit’s liaisons, the community’s staff and secretary, the member, the resident', async () => {
  await drain(); // whatever the seed queued
  const d = await h.ok(PEOPLE.resident, 'dispatch', 'submit', { category: 'facilities', text: TEXT });
  await h.ok(PEOPLE.staff, 'dispatch', 'dispatch', { id: d._id, unitId: 'unit-renshe', slots: 1, expectedHours: 1 });
  // Queued in the step, sent by the timer.
  expect(about(d._id)).toEqual([]);
  expect(jobsOf(d._id)).toEqual([expect.objectContaining({ status: 'pending', text: TEXT.slice(0, 20) })]);
  expect(await drain()).toEqual({ jobs: 1, sent: 2, failed: 0 }); // + 已受理（已派单） to the resident
  expect(about(d._id)).toEqual([['TPL_NEW_DISPATCH', 'demo-liaison-renshe']]);

  await h.ok(PEOPLE.liaison, 'dispatch', 'accept', { id: d._id });
  await h.ok(PEOPLE.member, 'dispatch', 'claim', { id: d._id });
  await drain();
  const sent = about(d._id).slice(1);
  // 接单 → the community's staff and secretary (not its grid worker); 认领 → the member.
  expect(sent.filter(([t]) => t === 'TPL_ACCEPTED').map(([, to]) => to).sort()).toEqual(['demo-secretary-dongjie', 'demo-staff-dongjie']);
  expect(sent.filter(([t]) => t === 'TPL_CLAIM')).toEqual([['TPL_CLAIM', PEOPLE.member]]);
  const message = h.local.outbox().find((m) => m.page === `packages/dispatch/detail/index?id=${d._id}` && m.templateId === 'TPL_CLAIM')!;
  expect(message.data).toEqual({ thing1: { value: '认领成功' }, thing2: { value: TEXT.slice(0, 20) } });
  expect(jobsOf(d._id).every((j) => j.status === 'sent')).toBe(true);
});

test('two drains at once send every job once', async () => {
  const d = await h.ok(PEOPLE.resident, 'dispatch', 'submit', { category: 'facilities', text: '路灯坏了' });
  await h.ok(PEOPLE.staff, 'dispatch', 'dispatch', { id: d._id, slots: 1, expectedHours: 1 }); // offered to all 3 paired units
  const [a, b] = await Promise.all([drain(), drain()]);
  expect(a.jobs + b.jobs).toBe(1);
  expect(about(d._id).map(([, to]) => to).sort()).toEqual(['demo-liaison-renshe', 'demo-liaison-weijian']); // 供电公司 has no liaison
  expect(await drain()).toEqual({ jobs: 0, sent: 0, failed: 0 });
});

test('a message that fails is counted on its job, the others go out, and nothing is sent again', async () => {
  const d = await h.ok(PEOPLE.resident, 'dispatch', 'submit', { category: 'facilities', text: '电梯坏了' });
  await h.ok(PEOPLE.staff, 'dispatch', 'dispatch', { id: d._id, slots: 1, expectedHours: 1 });
  const send = cloud.openapi.subscribeMessage.send.bind(cloud.openapi.subscribeMessage);
  jest.spyOn(cloud.openapi.subscribeMessage, 'send').mockImplementation(((msg: { touser: string }) => {
    // Not consented: WeChat refuses the message.
    if (msg.touser === 'demo-liaison-weijian') return Promise.reject(new Error('43101 user refuse to accept the msg'));
    return send(msg as never);
  }) as never);
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  expect(await drain()).toEqual({ jobs: 1, sent: 2, failed: 1 }); // the liaison of 县人社局 and the resident
  expect(about(d._id)).toEqual([['TPL_NEW_DISPATCH', 'demo-liaison-renshe']]);
  expect(jobsOf(d._id)).toEqual([expect.objectContaining({ status: 'sent', sent: 2, failed: 1 })]);
  // The step stands.
  expect((await h.ok(PEOPLE.staff, 'dispatch', 'detail', { id: d._id })).status).toBe('dispatched');
  expect(await drain()).toEqual({ jobs: 0, sent: 0, failed: 0 });
});

test('a client (any caller with an openid) cannot run the timer, and nothing is sent', async () => {
  const d = await h.ok(PEOPLE.resident, 'dispatch', 'submit', { category: 'facilities', text: '井盖松了' });
  await h.ok(PEOPLE.staff, 'dispatch', 'dispatch', { id: d._id, unitId: 'unit-renshe', slots: 1, expectedHours: 1 });
  const { result } = await h.local.invoke(notifyFn, { Type: 'Timer' }, PEOPLE.admin);
  expect(result).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: '此功能由系统定时运行' } });
  expect(about(d._id)).toEqual([]);
  expect(jobsOf(d._id)).toEqual([expect.objectContaining({ status: 'pending' })]);
  // Nor can a call without identity that is not the platform's timer (the HTTP API, another function).
  const anonymous = await h.local.invoke(notifyFn, { Type: 'Timer', TriggerName: 'notify-timer' }, null);
  expect(anonymous.result).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: '此功能由系统定时运行' } });
  expect(jobsOf(d._id)).toEqual([expect.objectContaining({ status: 'pending' })]);
});
