/**
 * 延期, 催办, 督办 and 吹哨 through the dispatch function: every new action × every demo role (the
 * 城关镇 official 钱立新 included), each on a fresh demand prepared through the API; exactly the
 * permitted callers succeed, the others are refused and nothing changes. Then the once-a-day
 * limit, whom each step tells, the town's and the county's queue, and the 三率 of an extended item.
 *
 * The expected tables are written from DESIGN.md (People and roles, Pillar 1 — supervision) and
 * issue #14, not read back from core/supervision.ts.
 */
import type { Demand, DemandDetail } from '../../types/dispatch';
import type { ActionName } from '../../types/api';
import type { ErrorCode } from '../../types/errors';
import { openHarness, PEOPLE, snapshot, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(() => h.close());

type Action = ActionName<'dispatch'>;
const TOWN = 'demo-town-chengguan';
const OPENID = { ...PEOPLE, liaisonWeijian: 'demo-liaison-weijian', town: TOWN };
type Caller = keyof typeof OPENID;
const CALLERS = Object.keys(OPENID) as Caller[];
const CHINESE = /[\u4e00-\u9fa5]/;
const DONGJIE_STAFF: Caller[] = ['staff', 'gridWorker', 'secretary'];
/** Who sees a 东街 item dispatched to 县人社局: the resident, 东街's staff, the county, the unit, the town. */
const READERS: Caller[] = ['resident', ...DONGJIE_STAFF, 'admin', 'member', 'liaison', 'town'];

/** Sends every queued message (the timer takes 20 jobs a run). */
async function drainAll(): Promise<void> {
  while (h.local.db.store.all('notifications').some((j) => j.status === 'pending')) await h.drainNotifications();
}

function ok<A extends Action>(who: string, action: A, payload: Record<string, unknown>) {
  return h.ok(who, 'dispatch', action, payload as never);
}

/** Only the clock moves: the local cloud's own timers keep running. */
const NOT_DATE = [
  'hrtime', 'nextTick', 'performance', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame',
  'requestIdleCallback', 'cancelIdleCallback', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval',
  'setTimeout', 'clearTimeout',
] as const;
async function daysAgo<T>(days: number, run: () => Promise<T>): Promise<T> {
  jest.useFakeTimers({ now: Date.now() - days * 24 * 3600_000, doNotFake: [...NOT_DATE] });
  try {
    return await run();
  } finally {
    jest.useRealTimers();
  }
}

let seq = 0;
async function submitted(urgency?: 'urgent'): Promise<string> {
  seq += 1;
  const d = await ok(PEOPLE.resident, 'submit', { category: 'facilities', text: `幸福小区2号楼电梯停运（第${seq}件）`, ...(urgency ? { urgency } : {}) });
  return d._id;
}
async function dispatched(): Promise<string> {
  const id = await submitted();
  await ok(PEOPLE.staff, 'dispatch', { id, unitId: 'unit-renshe', slots: 1, expectedHours: 2 });
  return id;
}
async function accepted(): Promise<string> {
  const id = await dispatched();
  await ok(PEOPLE.liaison, 'accept', { id });
  return id;
}
/**
 * Accepted by 县人社局 thirty days ago: past its 一般 finish time (7 工作日 — at most about 18 days
 * even across 春节), whatever day the test runs on.
 */
const acceptedOverdue = () => daysAgo(30, accepted);
/** Dispatched ten days ago and never accepted: past its accept time (1 工作日), whatever the day. */
const dispatchedOverdue = () => daysAgo(10, dispatched);
async function extensionAsked(): Promise<string> {
  const id = await accepted();
  await ok(PEOPLE.liaison, 'extend', { id, until: dayAfter(20), reason: '需要采购电梯配件' });
  return id;
}

/**
 * YYYY-MM-DD (China) `days` from now. An extension asks for 20 days: past any 一般 finish time
 * (7 工作日 spans 9–11 days on a Thursday or Friday, up to ~18 across 春节), within the 30-day limit.
 */
function dayAfter(days: number): string {
  return new Date(Date.now() + 8 * 3600_000 + days * 24 * 3600_000).toISOString().slice(0, 10);
}

interface Row {
  action: Action;
  prepare: () => Promise<string>;
  payload: (id: string) => Record<string, unknown>;
  allowed: Caller[];
  /** Allowed callers refused now (the state does not allow it). */
  notNow?: boolean;
}

const ROWS: Record<string, Row> = {
  'extend (accepted, on time)': { action: 'extend', prepare: accepted, payload: (id) => ({ id, until: dayAfter(20), reason: '需要采购电梯配件' }), allowed: ['liaison'] },
  'extend (accepted, overdue)': { action: 'extend', prepare: acceptedOverdue, payload: (id) => ({ id, until: dayAfter(20), reason: '需要采购电梯配件' }), allowed: ['liaison'], notNow: true },
  'approveExtension (asked)': { action: 'approveExtension', prepare: extensionAsked, payload: (id) => ({ id }), allowed: DONGJIE_STAFF },
  'refuseExtension (asked)': { action: 'refuseExtension', prepare: extensionAsked, payload: (id) => ({ id, reason: '居民急需，请按时办结' }), allowed: DONGJIE_STAFF },
  'approveExtension (nothing asked)': { action: 'approveExtension', prepare: accepted, payload: (id) => ({ id }), allowed: DONGJIE_STAFF, notNow: true },
  'urge (dispatched, not accepted in time)': { action: 'urge', prepare: dispatchedOverdue, payload: (id) => ({ id, note: '请今天接单' }), allowed: [...DONGJIE_STAFF, 'town', 'admin'] },
  'urge (accepted, past its finish time)': { action: 'urge', prepare: acceptedOverdue, payload: (id) => ({ id }), allowed: [...DONGJIE_STAFF, 'town', 'admin'] },
  'urge (on time)': { action: 'urge', prepare: accepted, payload: (id) => ({ id }), allowed: [...DONGJIE_STAFF, 'town', 'admin'], notNow: true },
  'supervise (overdue)': { action: 'supervise', prepare: acceptedOverdue, payload: (id) => ({ id, reason: '三日内办结并报告' }), allowed: ['town', 'admin'] },
  'supervise (on time, not escalated)': { action: 'supervise', prepare: accepted, payload: (id) => ({ id, reason: '三日内办结' }), allowed: ['town', 'admin'], notNow: true },
  'escalate (urgent, not yet triaged)': { action: 'escalate', prepare: () => submitted('urgent'), payload: (id) => ({ id, reason: '电梯困人' }), allowed: ['secretary'] },
  'escalate (accepted, overdue)': { action: 'escalate', prepare: acceptedOverdue, payload: (id) => ({ id, reason: '超期未办结' }), allowed: ['secretary'] },
};

/** A submitted item is not yet the unit's to see (the town sees its communities' items). */
function readersOf(label: string): Caller[] {
  return label.includes('not yet triaged') ? ['resident', ...DONGJIE_STAFF, 'admin', 'town'] : READERS;
}

function expected(label: string, row: Row, c: Caller): 'ok' | ErrorCode {
  if (row.allowed.includes(c)) return row.notNow ? 'INVALID_STATE' : 'ok';
  return readersOf(label).includes(c) ? 'FORBIDDEN' : 'NOT_FOUND';
}

async function attempt(caller: Caller, action: Action, payload: Record<string, unknown>, want: 'ok' | ErrorCode) {
  const before = snapshot(h.local);
  const res = await h.call(OPENID[caller], 'dispatch', action, payload);
  if (want === 'ok') {
    if (!res.ok) throw new Error(`${action} as ${caller}: expected ok, got ${res.error.code} ${res.error.message}`);
    return res.data as unknown as DemandDetail;
  }
  expect(res).toMatchObject({ ok: false, error: { code: want } });
  if (!res.ok) expect(res.error.message).toMatch(CHINESE);
  expect(snapshot(h.local)).toBe(before);
  return null;
}

describe('every new action × every demo role', () => {
  const rows = Object.entries(ROWS).flatMap(([label, row]) => CALLERS.map((c) => [label, c, expected(label, row, c)] as const));

  test.each(rows)('%s as %s → %s', async (label, caller, want) => {
    const row = ROWS[label];
    const id = await row.prepare();
    const before = (await ok(PEOPLE.admin, 'detail', { id })) as unknown as Demand;
    const data = await attempt(caller, row.action, row.payload(id), want);
    if (data) {
      // The status stays where the work is; the step is in the timeline, by the caller.
      expect(data.status).toBe(before.status);
      expect(data.timeline.at(-1)).toMatchObject({ event: row.action, actor: OPENID[caller] });
    }
  });
});

describe('催办', () => {
  test('once per person per item per day: the second is refused with a clear message, nothing changed', async () => {
    const id = await acceptedOverdue();
    await ok(PEOPLE.admin, 'urge', { id });
    const before = snapshot(h.local);
    const res = await h.call(PEOPLE.admin, 'dispatch', 'urge', { id });
    expect(res).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', message: '您今天已催办过该诉求，请明天再催' } });
    expect(snapshot(h.local)).toBe(before);
    // The town may still urge it today.
    await ok(TOWN, 'urge', { id });
  });

  test('reaches whoever holds it: the liaison before acceptance; the claimant and the liaison after', async () => {
    await drainAll();
    const a = await dispatchedOverdue();
    await ok(PEOPLE.admin, 'urge', { id: a });
    const b = await acceptedOverdue();
    await ok(PEOPLE.member, 'claim', { id: b });
    await ok(TOWN, 'urge', { id: b });
    await drainAll();
    const about = (id: string) => h.local.outbox().filter((m) => m.page?.endsWith(`id=${id}`) && m.templateId === 'TPL_URGED').map((m) => m.touser).sort();
    expect(about(a)).toEqual([PEOPLE.liaison]);
    expect(about(b)).toEqual([PEOPLE.member, PEOPLE.liaison].sort());
  });
});

describe('吹哨 and 督办 in the queues', () => {
  test('吹哨 keeps the status, tells the unit, the town and the county, and is in their queues until resolved', async () => {
    await drainAll();
    const id = await acceptedOverdue();
    await ok(PEOPLE.member, 'claim', { id });
    const d = await ok(PEOPLE.secretary, 'escalate', { id, reason: '超期未办结，请镇里协调' });
    expect(d).toMatchObject({ status: 'accepted', escalated: true });
    await drainAll();
    const told = h.local.outbox().filter((m) => m.page?.endsWith(`id=${id}`) && m.templateId === 'TPL_ESCALATED').map((m) => m.touser);
    expect(told).toEqual(expect.arrayContaining([TOWN, PEOPLE.admin, PEOPLE.liaison]));

    const inQueue = async (who: string, req: Record<string, unknown>) =>
      ((await ok(who, 'list', { scope: 'supervision', ...req })) as unknown as { items: { _id: string }[] }).items.some((i) => i._id === id);
    for (const who of [TOWN, PEOPLE.admin]) {
      expect(await inQueue(who, {})).toBe(true);
      expect(await inQueue(who, { flag: 'escalated' })).toBe(true);
      expect(await inQueue(who, { overdue: true })).toBe(true);
      expect(await inQueue(who, { flag: 'supervised' })).toBe(false);
    }
    await ok(TOWN, 'supervise', { id, reason: '三日内办结并报告' });
    expect(await inQueue(TOWN, { flag: 'supervised' })).toBe(true);
    // The staff see the flags on their own list.
    for (const who of [PEOPLE.staff, PEOPLE.liaison, PEOPLE.member, TOWN, PEOPLE.admin]) {
      expect(await ok(who, 'detail', { id })).toMatchObject({ status: 'accepted', escalated: true, supervised: true });
    }
    // The resident reads the status alone (their own words are the resident view's).
    expect(await ok(PEOPLE.resident, 'detail', { id })).toMatchObject({ escalated: false, supervised: false });

    // Resolved: it leaves the queues.
    await ok(PEOPLE.member, 'complete', { id, notes: '电梯已修复', hours: 2 });
    await ok(PEOPLE.staff, 'verify', { id });
    expect(await inQueue(TOWN, {})).toBe(false);
    expect(await inQueue(PEOPLE.admin, { flag: 'escalated' })).toBe(false);
  });

  test('the queue is the town’s and the county’s only', async () => {
    for (const who of ['resident', 'member', 'liaison', ...DONGJIE_STAFF, 'staffXimen'] as Caller[]) {
      await attempt(who, 'list', { scope: 'supervision' }, 'FORBIDDEN');
    }
  });
});

describe('延期 in the 三率', () => {
  test('an approved extension is counted, moves the tracked finish time, and the item stays in the denominator', async () => {
    const id = await extensionAsked();
    const month = dayAfter(0).slice(0, 7);
    const card = () => h.local.db.store.get('scorecards', `community_c-dongjie_${month}`) as unknown as { extended?: number; open: Record<string, Date> };
    const extendedBefore = card().extended ?? 0;
    const d = (await ok(PEOPLE.staff, 'approveExtension', { id })) as unknown as Demand;
    expect(d.extensions).toBe(1);
    expect(new Date(card().open[id]).toISOString()).toBe(new Date(d.dispatch!.finishBy).toISOString());
    expect(card().extended).toBe(extendedBefore + 1);
    const sc = (await ok(PEOPLE.staff, 'scorecard', { scope: 'community', id: 'c-dongjie', month })) as unknown as { extended: number; dispatched: number };
    expect(sc.extended).toBe(extendedBefore + 1);
    // The timeline names the new deadline.
    expect(d.timeline.at(-1)!.reason).toMatch(/办结时限改为 \d{4}-\d{2}-\d{2}/);
  });
});

describe('the town role (镇街干部) is granted like the others', () => {
  const grant = (who: string, payload: Record<string, unknown>) => h.call(who, 'org', 'grantRole', { openid: PEOPLE.residentXimen, role: 'town', ...payload } as never);

  test('by the county admin, in a town of the region tree; refused without one, elsewhere, or by anyone else — nothing changed', async () => {
    for (const [who, payload, code] of [
      [PEOPLE.admin, {}, 'INVALID_INPUT'],
      [PEOPLE.admin, { townId: 'c-dongjie' }, 'NOT_FOUND'],
      [PEOPLE.secretary, { townId: 'town-chengguan' }, 'FORBIDDEN'],
      [TOWN, { townId: 'town-chengguan' }, 'FORBIDDEN'],
    ] as const) {
      const before = snapshot(h.local);
      expect(await grant(who, payload)).toMatchObject({ ok: false, error: { code } });
      expect(snapshot(h.local)).toBe(before);
    }
    const res = await grant(PEOPLE.admin, { townId: 'town-chengguan' });
    expect(res).toMatchObject({ ok: true });
    const user = h.local.db.store.get('users', PEOPLE.residentXimen) as unknown as { roles: { role: string; townId?: string }[] };
    expect(user.roles).toContainEqual({ role: 'town', townId: 'town-chengguan' });
  });
});
