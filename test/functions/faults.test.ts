/**
 * All or nothing under crashes (#10): the local cloud kills an invocation right after its n-th
 * durable write (LocalCloud.crashAfterWrites), for every n the action makes. After a retry of the
 * same request, or after the repair pass, every scorecard counter, open deadline, notification job
 * and ledger entry is as if the action had run once.
 */
import { repairPending } from '../../cloudfunctions/lib/effects';
import { drain } from '../../cloudfunctions/notify/drain';
import * as notifyFn from '../../cloudfunctions/notify/index';
import * as pointsFn from '../../cloudfunctions/points/index';
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

// ---- wishes, projects, posts and visits: each step one transaction, its message job in it -------

/**
 * A step of another pillar, crashed after each of its durable writes (the transaction's commit,
 * then what follows it: the leaderboard folds of a credit, a visit's queue counters and their
 * clearing). After a retry of the same request, or the repair passes (the notify and points
 * timers), its message job is queued once, its messages are sent once, and every counter it moves
 * changed as a recount of the documents says it should.
 */
interface Case {
  /** A fresh subject, moved to just before the step. */
  setup: () => Promise<string>;
  run: (id: string) => Promise<{ ok: boolean }>;
  /** The counters the step moves, and the same figures recounted from the documents. */
  counters: () => Record<string, number>;
  recount: () => Record<string, number>;
  /** The message jobs about the subject (their `_id`s start with this), and its messages' page query. */
  jobsOf: (id: string) => string;
}

const year = () => new Date().toISOString().slice(0, 4);
const add = (o: Record<string, number>, k: string, by = 1) => (o[k] = (o[k] ?? 0) + by);
const numbers = (d: Doc, prefix: string, out: Record<string, number>, fields: string[]) => {
  for (const f of fields) if (typeof d[f] === 'number') out[`${prefix}.${f}`] = d[f] as number;
};

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex').toString('base64');
const photo = async (who: string) => (await h.ok(who, 'dispatch', 'uploadPhoto', { contentType: 'image/png', base64: PNG })).fileID;
const neededBy = () => new Date(Date.now() + (8 + 10 * 24) * 3600_000).toISOString().slice(0, 10);

const wishCounters = () => {
  const out: Record<string, number> = {};
  for (const d of h.local.db.store.all('wishCounts')) numbers(d, d._id as string, out, ['claimed', 'confirmed']);
  return out;
};
/** 认领 counts a wish while it is claimed, fulfilled or confirmed; 完成 once confirmed. */
const wishRecount = () => {
  const out: Record<string, number> = {};
  for (const w of h.local.db.store.all('wishes')) {
    const unit = (w.claim as Doc | null)?.unitId as string | undefined;
    const scopes = [`community_${w.communityId}`, ...(unit ? [`unit_${unit}`] : [])];
    for (const s of scopes) {
      if (['claimed', 'fulfilled', 'confirmed'].includes(w.status as string)) add(out, `${s}.claimed`);
      if (w.status === 'confirmed') add(out, `${s}.confirmed`);
    }
  }
  return out;
};
async function wishAt(status: 'pending' | 'approved' | 'claimed' | 'fulfilled'): Promise<string> {
  const w = await h.ok(PEOPLE.resident, 'wishes', 'post', { title: '想要一副老花镜', reason: '看报纸看不清', neededBy: neededBy(), address: '幸福小区1号楼 101' });
  if (status === 'pending') return w._id;
  await h.ok(PEOPLE.staff, 'wishes', 'approve', { id: w._id });
  if (status === 'approved') return w._id;
  await h.ok(PEOPLE.member, 'wishes', 'claim', { id: w._id });
  if (status === 'claimed') return w._id;
  await h.ok(PEOPLE.member, 'wishes', 'fulfil', { id: w._id, note: '送到了', photos: [await photo(PEOPLE.member)] });
  return w._id;
}
/** A step's payload beyond its id, made with its subject (a photo is uploaded before the crash is armed). */
const prepared = new Map<string, Record<string, unknown>>();
const wishCase = (from: Parameters<typeof wishAt>[0], who: string, action: 'approve' | 'claim' | 'fulfil' | 'confirm', prepare?: () => Promise<Record<string, unknown>>): Case => ({
  setup: async () => {
    const id = await wishAt(from);
    if (prepare) prepared.set(id, await prepare());
    return id;
  },
  run: (id) => h.call(who, 'wishes', action, { id, ...prepared.get(id) } as never),
  counters: wishCounters,
  recount: wishRecount,
  jobsOf: (id) => `wish_${id}_`,
});

const projectCounters = () => {
  const out: Record<string, number> = {};
  for (const d of h.local.db.store.all('projectCounts')) numbers(d, d._id as string, out, ['claimed', 'completed', 'rated']);
  return out;
};
const projectRecount = () => {
  const out: Record<string, number> = {};
  for (const p of h.local.db.store.all('projects')) {
    if (!p.pairingId) continue;
    const k = `${p.pairingId}_${p.year}`;
    if (['active', 'completed', 'rated'].includes(p.status as string)) add(out, `${k}.claimed`);
    if (['completed', 'rated'].includes(p.status as string)) add(out, `${k}.completed`);
    if (p.status === 'rated') add(out, `${k}.rated`);
  }
  return out;
};

let postId = '';
const claimHours = () => {
  const out: Record<string, number> = {};
  for (const c of h.local.db.store.all('postClaims')) for (const [y, n] of Object.entries((c.hours ?? {}) as Record<string, number>)) out[`${c._id}.${y}`] = n;
  return out;
};
/** A claim's hours of the year: its verified logs' (all verified this year, in this test). */
const claimRecount = () => {
  const out: Record<string, number> = {};
  for (const l of h.local.db.store.all('postLogs')) if (l.status === 'verified') add(out, `${l.postId}_${l.openid}.${year()}`, l.hours as number);
  return out;
};

const visitInput = (requestId: string) => ({ householdId: HH.c, method: 'door' as const, outcome: 'contact' as const, wellbeing: 'fair' as const, needs: [{ category: 'facilities' as const, text: '楼道扶手松了' }], requestId });
let visitRuns = 0;
/** The queues' counters as reconcileQueues recounts them: every cached figure that differs from the demands (none). */
const queueDifferences = async () => (await h.ok(PEOPLE.admin, 'dispatch', 'reconcileQueues', {})).differences;

const CASES: [string, Case][] = [
  ['wishes.approve', wishCase('pending', PEOPLE.staff, 'approve')],
  ['wishes.claim', wishCase('approved', PEOPLE.member, 'claim')],
  ['wishes.fulfil', wishCase('claimed', PEOPLE.member, 'fulfil', async () => ({ note: '已送到家里', photos: [await photo(PEOPLE.member)] }))],
  ['wishes.confirm', wishCase('fulfilled', PEOPLE.resident, 'confirm')],
  [
    'projects.claim',
    {
      setup: async () => (await h.ok(PEOPLE.staff, 'projects', 'publishNeed', { communityId: 'c-dongjie', title: '四点半学校', description: '放学后的作业辅导', helpWanted: '两名党员', period: { from: neededBy(), to: neededBy() } }))._id,
      run: (id) => h.call(PEOPLE.liaison, 'projects', 'claim', { id }),
      counters: projectCounters,
      recount: projectRecount,
      jobsOf: (id) => `project_${id}_`,
    },
  ],
  [
    'posts.verifyLog',
    {
      setup: async () => {
        if (!postId) {
          postId = (await h.ok(PEOPLE.staff, 'posts', 'createPost', { communityId: 'c-dongjie', kind: 'post', name: '民情收集岗', duties: '走访楼栋', hoursPerYear: 20 }))._id;
          await h.ok(PEOPLE.member, 'posts', 'claimPost', { id: postId });
        }
        return (await h.ok(PEOPLE.member, 'posts', 'logWork', { postId, workedOn: new Date().toISOString().slice(0, 10), hours: 1, note: '走访' }))._id;
      },
      run: (id) => h.call(PEOPLE.staff, 'posts', 'verifyLog', { id }),
      counters: claimHours,
      recount: claimRecount,
      jobsOf: (id) => `postLog_${id}_`,
    },
  ],
];

/** What a case left: its counters' change, their recount's change, its jobs, its messages' templates. */
async function outcome(c: Case, id: string, before: { counters: Record<string, number>; recount: Record<string, number> }) {
  const jobs = h.local.db.store.all('notifications').filter((j) => (j._id as string).startsWith(c.jobsOf(id)));
  await h.drainNotifications();
  const sent = h.local
    .outbox()
    .filter((m) => m.page?.endsWith(`?id=${id}`))
    .map((m) => `${m.templateId}→${m.touser}`)
    .sort();
  return { counters: delta(before.counters, c.counters()), recount: delta(before.recount, c.recount()), jobs: jobs.length, sent };
}

describe.each(CASES)('%s: a crash after any of its writes', (_name, c) => {
  test('then a retry of the same request or the repair passes: its job queued once, its messages sent once, its counters as a recount', async () => {
    await h.drainNotifications();
    const refId = await c.setup();
    const refBefore = { counters: c.counters(), recount: c.recount() };
    expect(await c.run(refId)).toMatchObject({ ok: true });
    const writes = h.local.lastDurableWrites;
    const ref = await outcome(c, refId, refBefore);
    expect(ref.counters).toEqual(ref.recount);
    const sentShape = (s: string[]) => s.map((m) => m.split('→')[0]);
    let crashes = 0;
    for (let n = 1; n <= writes; n++) {
      for (const recover of ['retry', 'repair'] as const) {
        const id = await c.setup();
        const before = { counters: c.counters(), recount: c.recount() };
        jest.spyOn(console, 'error').mockImplementation(() => undefined);
        h.local.crashAfterWrites(n);
        // A crash after the commit's followers (the leaderboard folds) is swallowed with them: the
        // answer can be ok though the process died. Either way, recover and look.
        if (!(await c.run(id)).ok) crashes++;
        if (recover === 'retry') expect(await c.run(id)).toMatchObject({ ok: true });
        else {
          await repairPending(new Date(Date.now() + 10 * 60_000));
          await h.local.trigger(pointsFn, 'points-timer'); // folds the leaderboard increments left pending
        }
        const got = await outcome(c, id, before);
        expect({ n, recover, counters: got.counters, jobs: got.jobs, sent: sentShape(got.sent) }).toEqual({ n, recover, counters: got.recount, jobs: ref.jobs, sent: sentShape(ref.sent) });
        expect({ n, recover, counters: got.counters }).toEqual({ n, recover, counters: ref.counters });
      }
    }
    expect(crashes).toBeGreaterThan(0);
    expect((await h.ok(PEOPLE.admin, 'points', 'reconcile', {})).differences).toEqual([]);
  });
});

describe('recordVisit: a crash after any of its writes', () => {
  test('then a retry with its request id or the repair pass: one visit, one demand, every queue counter as a recount', async () => {
    await keyHousehold(h, HH.c, [PEOPLE.member]);
    const visitsOf = () => h.local.db.store.all('visits').filter((v) => v.householdId === HH.c).length;
    const ref = await h.call(PEOPLE.member, 'visits', 'recordVisit', visitInput(`r-visit-ref`));
    expect(ref).toMatchObject({ ok: true });
    const writes = h.local.lastDurableWrites;
    expect(writes).toBeGreaterThan(1);
    expect(await queueDifferences()).toEqual([]);
    let crashes = 0;
    for (let n = 1; n <= writes; n++) {
      for (const recover of ['retry', 'repair'] as const) {
        const input = visitInput(`r-visit-crash-${++visitRuns}`);
        const visits = visitsOf();
        jest.spyOn(console, 'error').mockImplementation(() => undefined);
        h.local.crashAfterWrites(n);
        if ((await h.call(PEOPLE.member, 'visits', 'recordVisit', input)).ok) continue;
        crashes++;
        if (recover === 'retry') expect(await h.call(PEOPLE.member, 'visits', 'recordVisit', input)).toMatchObject({ ok: true });
        else await repairPending(new Date(Date.now() + 10 * 60_000));
        const left = h.local.db.store.all('visits').filter((v) => Object.keys((v.pendingEffects as Doc | undefined) ?? {}).length || v.effectsDue);
        expect({ n, recover, visits: visitsOf() - visits, left: left.length, differences: await queueDifferences() }).toEqual({ n, recover, visits: 1, left: 0, differences: [] });
      }
    }
    expect(crashes).toBeGreaterThan(0);
  });
});
