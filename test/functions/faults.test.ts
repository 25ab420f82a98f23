/**
 * All or nothing under crashes (#10): the local cloud kills an invocation right after its n-th
 * durable write (LocalCloud.crashAfterWrites), for every n the action makes. After a retry of the
 * same request, or after the repair pass, every scorecard counter, open deadline, notification job
 * and ledger entry is as if the action had run once.
 */
import { repairPending } from '../../cloudfunctions/lib/effects';
import { drain } from '../../cloudfunctions/notify/drain';
import * as notifyFn from '../../cloudfunctions/notify/index';
import type { DemandDetail } from '../../types/dispatch';
import { openHarness, PEOPLE, type Harness } from './harness';
import { fund, item } from './points.fixtures';
import { HH, keyHousehold } from './visits.fixtures';

process.env.JINLIN_RATE_LIMITS = 'off'; // the counters' writes are not what is tested here

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(() => h.close());
afterEach(() => jest.restoreAllMocks());

type Doc = Record<string, unknown>;

/** Every counter of every scorecard, as `<doc>.<field>` → value, and each open deadline of `id`. */
function counters(id: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const d of h.local.db.store.all('scorecards')) {
    for (const [k, v] of Object.entries(d)) if (typeof v === 'number') out[`${d._id}.${k}`] = v;
    const open = (d.open ?? {}) as Doc;
    if (open[id]) out[`${d._id}.open`] = new Date(open[id] as string).toISOString();
  }
  return out;
}

/** What the action left in the world, about demand `id`. */
function effects(id: string): { counters: Record<string, unknown>; jobs: string[]; ledger: string[]; status: unknown } {
  const jobs = h.local.db.store
    .all('notifications')
    .filter((j) => j.demandId === id)
    .map((j) => JSON.stringify(j.messages))
    .sort();
  const ledger = h.local.db.store
    .all('pointLedger')
    .filter((e) => (e.source as Doc | undefined)?.id === id)
    // Hours, not points: the points depend on what the member's daily cap has left by then.
    .map((e) => `${e._id}:${e.hours}`)
    .sort();
  return { counters: counters(id), jobs, ledger, status: h.local.db.store.get('demands', id)?.status };
}

/** The counters' change between two snapshots (fields that did not change are left out). */
function delta(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const a = before[k];
    const b = after[k];
    if (a === b) continue;
    const by = typeof b === 'number' ? b - ((a as number) ?? 0) : (b ?? null);
    if (by !== 0) out[k] = by;
  }
  return out;
}

type Action = { who: string; action: 'dispatch' | 'accept' | 'claim' | 'complete' | 'verify' | 'rate' | 'sendBack' | 'escalate'; payload: (id: string) => Record<string, unknown> };

const STEPS: Action[] = [
  { who: PEOPLE.staff, action: 'dispatch', payload: (id) => ({ id, unitId: 'unit-renshe', slots: 1, expectedHours: 2 }) },
  { who: PEOPLE.liaison, action: 'accept', payload: (id) => ({ id }) },
  { who: PEOPLE.member, action: 'claim', payload: (id) => ({ id }) },
  { who: PEOPLE.member, action: 'complete', payload: (id) => ({ id, notes: '更换了灯泡', hours: 1.5 }) },
  { who: PEOPLE.staff, action: 'verify', payload: (id) => ({ id }) },
  { who: PEOPLE.resident, action: 'rate', payload: (id) => ({ id, value: 'satisfied', comment: '修得很快' }) },
];

/** A step and how many of STEPS come before it; `urgent` submits the demand as 紧急. */
interface Scenario {
  prefix: number;
  step: Action;
  urgent?: boolean;
}

const SCENARIOS: [string, Scenario][] = [
  ...STEPS.map((step, prefix) => [step.action, { prefix, step }] as [string, Scenario]),
  ['sendBack', { prefix: 4, step: { who: PEOPLE.staff, action: 'sendBack', payload: (id) => ({ id, reason: '灯还是不亮，请再看看' }) } }],
  // 吹哨, a supervision step: the units and the town are called in.
  ['escalate', { prefix: 0, urgent: true, step: { who: PEOPLE.secretary, action: 'escalate', payload: (id) => ({ id, reason: '电梯困人' }) } }],
];

/** A new demand moved through the steps before `upTo` (each run cleanly). */
async function demandBefore(upTo: number, urgent = false): Promise<string> {
  const d = await h.ok(PEOPLE.resident, 'dispatch', 'submit', { category: 'facilities', text: '幸福小区1号楼楼道灯不亮，晚上老人上下楼不方便', ...(urgent ? { urgency: 'urgent' as const } : {}) });
  for (const s of STEPS.slice(0, upTo)) await h.ok(s.who as never, 'dispatch', s.action as never, s.payload(d._id) as never);
  return d._id;
}

const run = (s: Action, id: string) => h.call(s.who, 'dispatch', s.action as never, s.payload(id) as never);

/** The effects of running the scenario's step once, cleanly; and how many durable writes it made. */
async function reference(sc: Scenario): Promise<{ writes: number; once: ReturnType<typeof effects> & { delta: Record<string, unknown> } }> {
  const id = await demandBefore(sc.prefix, sc.urgent);
  const before = effects(id);
  expect(await run(sc.step, id)).toMatchObject({ ok: true });
  const writes = h.local.lastDurableWrites;
  const after = effects(id);
  return { writes, once: { ...after, delta: delta(before.counters, after.counters) } };
}

async function crashedThen(sc: Scenario, n: number, recover: 'retry' | 'repair') {
  const id = await demandBefore(sc.prefix, sc.urgent);
  const before = effects(id);
  jest.spyOn(console, 'error').mockImplementation(() => undefined); // the router logs the crash
  h.local.crashAfterWrites(n);
  const crashed = await run(sc.step, id);
  // Fewer writes than the reference made (its scorecards were new that month): no crash, nothing to recover.
  if (crashed.ok) return null;
  expect(crashed).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  if (recover === 'retry') {
    expect(await run(sc.step, id)).toMatchObject({ ok: true });
  } else {
    // The timer, once the request's time to finish has passed.
    await repairPending(new Date(Date.now() + 10 * 60_000));
  }
  const after = effects(id);
  const doc = h.local.db.store.get('demands', id)!;
  return { after: { ...after, delta: delta(before.counters, after.counters) }, doc };
}

/** The counters' deltas and jobs with the demand's own values: per-demand keys differ between runs. */
const comparable = (e: ReturnType<typeof effects> & { delta: Record<string, unknown> }) => ({
  delta: Object.fromEntries(Object.entries(e.delta).map(([k, v]) => [k, k.endsWith('.open') ? 'set' : v])),
  jobs: e.jobs.length,
  ledger: e.ledger.map((l) => l.split(':').slice(1).join(':')),
  status: e.status,
});

describe.each(SCENARIOS)('%s', (_name, sc) => {
  test('a crash after any of its writes, then a retry of the same request or the repair pass: as if it ran once', async () => {
    const ref = await reference(sc);
    expect(ref.writes).toBeGreaterThan(1);
    for (let n = 1; n <= ref.writes; n++) {
      for (const recover of ['retry', 'repair'] as const) {
        const crashed = await crashedThen(sc, n, recover);
        if (!crashed) continue;
        const { after, doc } = crashed;
        expect({ n, recover, ...comparable(after) }).toEqual({ n, recover, ...comparable(ref.once) });
        expect({ n, recover, left: Object.keys((doc.pendingEffects as Doc | undefined) ?? {}), due: doc.effectsDue ?? null }).toEqual({ n, recover, left: [], due: null });
      }
    }
  });
});

/** Sends every job queued so far (the steps above queued many). */
async function drainAll(): Promise<void> {
  await drain(new Date(), 1000);
}

test('the notify timer repairs and then sends the left-over job: one message per recipient', async () => {
  await drainAll();
  const id = await demandBefore(0);
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  h.local.crashAfterWrites(1); // only the demand's own write (its effects recorded on it)
  expect(await run(STEPS[0], id)).toMatchObject({ ok: false });
  expect(h.local.db.store.all('notifications').filter((j) => j.demandId === id)).toEqual([]);
  // Not yet due for the repair (its request may still be finishing), so the timer leaves it now.
  await h.local.trigger(notifyFn, 'notify-timer');
  expect(h.local.db.store.all('notifications').filter((j) => j.demandId === id)).toEqual([]);
  await repairPending(new Date(Date.now() + 10 * 60_000));
  await h.local.trigger(notifyFn, 'notify-timer');
  await h.local.trigger(notifyFn, 'notify-timer');
  const sent = h.local.outbox().filter((m) => m.page === `packages/dispatch/detail/index?id=${id}`);
  expect(sent.map((m) => [m.templateId, m.touser]).sort()).toEqual([
    ['TPL_NEW_DISPATCH', 'demo-liaison-renshe'],
    ['TPL_RECEIVED', PEOPLE.resident],
  ]);
});

test('a job left sending by a drain that died is sent after its lease, each message once', async () => {
  const id = await demandBefore(0);
  await run(STEPS[0], id);
  await drainAll();
  await run(STEPS[1], id); // 接单: to the community's staff and secretary
  const job = h.local.db.store.all('notifications').find((j) => j.demandId === id && j.status === 'pending')!;
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  // The drain dies after taking the job and sending its first message (and recording it).
  h.local.crashAfterWrites(2);
  await expect(h.local.trigger(notifyFn, 'notify-timer')).rejects.toThrow('injected crash');
  const accepted = () => h.local.outbox().filter((m) => m.page === `packages/dispatch/detail/index?id=${id}` && m.templateId === 'TPL_ACCEPTED');
  const messages = accepted;
  expect(messages()).toHaveLength(1);
  expect(h.local.db.store.get('notifications', job._id as string)).toMatchObject({ status: 'sending' });
  // Within its lease nobody takes it again.
  await h.local.trigger(notifyFn, 'notify-timer');
  expect(messages()).toHaveLength(1);
  // After it, the next drain sends what was not sent.
  const r = await drain(new Date(Date.now() + 10 * 60_000));
  expect(r.sent).toBe(1);
  expect(messages().map((m) => m.touser).sort()).toEqual(['demo-secretary-dongjie', 'demo-staff-dongjie']);
  expect(h.local.db.store.get('notifications', job._id as string)).toMatchObject({ status: 'sent', sent: 2, failed: 0 });
});

test('a retried submit with the same request id files one demand and answers with it', async () => {
  const count = () => h.local.db.store.all('demands').length;
  const before = count();
  const input = { category: 'facilities' as const, text: '小区东门路灯坏了', requestId: 'r-test-once-1' };
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  h.local.crashAfterWrites(1); // filed, then the answer is lost
  expect(await h.call(PEOPLE.resident, 'dispatch', 'submit', input)).toMatchObject({ ok: false });
  const again = (await h.ok(PEOPLE.resident, 'dispatch', 'submit', input)) as DemandDetail;
  const third = await h.ok(PEOPLE.resident, 'dispatch', 'submit', input);
  expect(count()).toBe(before + 1);
  expect(third._id).toBe(again._id);
  expect(again.text).toBe('小区东门路灯坏了');
  // Another person's same key is their own request.
  const other = await h.ok(PEOPLE.residentXimen, 'dispatch', 'submit', { ...input, text: '西门路灯坏了' });
  expect(other._id).not.toBe(again._id);
  expect(count()).toBe(before + 2);
});

// ---- one transaction each: the redemption, its cancelling, a visit ------------------------------

describe('redeem, cancel and recordVisit write in one commit', () => {
  /** What a person's points look like: balance, entries, redemptions, the item's stock. */
  const pointsOf = (openid: string, itemId: string) => ({
    balance: h.local.db.store.get('pointAccounts', openid)?.balance,
    entries: h.local.db.store.all('pointLedger').filter((e) => e.openid === openid).length,
    redemptions: h.local.db.store.all('redemptions').filter((r) => r.openid === openid && r.itemId === itemId).map((r) => r.status),
    stock: h.local.db.store.get('catalogueItems', itemId)?.stock,
  });

  test('a redemption whose answer was lost: the retry with its request id redeems once', async () => {
    await fund(h, PEOPLE.gridWorker, 50);
    const it = await item(h, { stock: 5, cost: 10 });
    const before = pointsOf(PEOPLE.gridWorker, it._id);
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    h.local.crashAfterWrites(1); // the commit (entry, account, redemption, stock) is stored, the answer lost
    expect(await h.call(PEOPLE.gridWorker, 'points', 'redeem', { itemId: it._id, requestId: 'r-redeem-1' })).toMatchObject({ ok: false });
    const first = await h.ok(PEOPLE.gridWorker, 'points', 'redeem', { itemId: it._id, requestId: 'r-redeem-1' });
    const again = await h.ok(PEOPLE.gridWorker, 'points', 'redeem', { itemId: it._id, requestId: 'r-redeem-1' });
    expect(again.code).toBe(first.code);
    expect(pointsOf(PEOPLE.gridWorker, it._id)).toEqual({ balance: (before.balance as number) - 10, entries: before.entries + 1, redemptions: ['pending'], stock: 4 });

    // Cancelling, crashed after its commit: the retry is a repeat, refunded once.
    h.local.crashAfterWrites(1);
    expect(await h.call(PEOPLE.gridWorker, 'points', 'cancelRedemption', { id: first._id })).toMatchObject({ ok: false });
    await h.ok(PEOPLE.gridWorker, 'points', 'cancelRedemption', { id: first._id });
    expect(pointsOf(PEOPLE.gridWorker, it._id)).toEqual({ balance: before.balance, entries: before.entries + 2, redemptions: ['cancelled'], stock: 5 });
  });

  test('a visit whose answer was lost: the retry with its request id records it once, with its need and coverage', async () => {
    await keyHousehold(h, HH.b, [PEOPLE.member]);
    const input = { householdId: HH.b, method: 'door' as const, outcome: 'contact' as const, wellbeing: 'fair' as const, needs: [{ category: 'facilities' as const, text: '厨房水管漏水' }], requestId: 'r-visit-1' };
    const count = () => ({
      visits: h.local.db.store.all('visits').filter((v) => v.householdId === HH.b).length,
      demands: h.local.db.store.all('demands').filter((d) => (d.household as Doc | undefined)?.id === HH.b).length,
    });
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    h.local.crashAfterWrites(1);
    expect(await h.call(PEOPLE.member, 'visits', 'recordVisit', input)).toMatchObject({ ok: false });
    expect(count()).toEqual({ visits: 1, demands: 1 });
    await h.ok(PEOPLE.member, 'visits', 'recordVisit', input);
    expect(count()).toEqual({ visits: 1, demands: 1 });
  });
});

test('a wish whose answer was lost: the retry with its request id posts one wish', async () => {
  const count = () => h.local.db.store.all('wishes').filter((w) => w.title === '想要一副老花镜').length;
  const neededBy = new Date(Date.now() + (8 + 10 * 24) * 3600_000).toISOString().slice(0, 10);
  const input = { title: '想要一副老花镜', reason: '看报纸看不清', neededBy, address: '幸福小区1号楼 101', requestId: 'r-wish-1' };
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  h.local.crashAfterWrites(1);
  expect(await h.call(PEOPLE.resident, 'wishes', 'post', input)).toMatchObject({ ok: false });
  const first = await h.ok(PEOPLE.resident, 'wishes', 'post', input);
  const again = await h.ok(PEOPLE.resident, 'wishes', 'post', input);
  expect(again._id).toBe(first._id);
  expect(count()).toBe(1);
});
