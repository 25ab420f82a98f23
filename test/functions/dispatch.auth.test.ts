/**
 * Who may take which dispatch step: every action × every demo role (plus 县卫健局's liaison 孙磊),
 * each on a fresh demand prepared through the API in the state where the step is legitimately
 * possible. Exactly the permitted callers succeed; the others get FORBIDDEN (may see it, not theirs
 * to do), NOT_FOUND (may not even see it) or INVALID_STATE (theirs to do, not now), and a refusal
 * changes nothing. Then lists and scorecards per role and scope, and callers the platform does not
 * vouch for.
 *
 * The expected tables are written from DESIGN.md (People and roles, Pillar 1) and the action
 * comments in types/dispatch.ts, not read back from core/demand.ts.
 */
import type { ActionName } from '../../types/api';
import type { ErrorCode } from '../../types/errors';
import { openHarness, PEOPLE, snapshot, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(() => h.close());

type Action = ActionName<'dispatch'>;
type Caller = keyof typeof PEOPLE | 'liaisonWeijian';

const OPENID: Record<Caller, string> = { ...PEOPLE, liaisonWeijian: 'demo-liaison-weijian' };
const CALLERS = Object.keys(OPENID) as Caller[];
const CHINESE = /[\u4e00-\u9fa5]/;
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex').toString('base64');

// ---- who may see a demand (DESIGN: the submitter, the community's staff, the county; once
// ---- dispatched, the unit(s) it is offered to) -------------------------------------------------

/** A demand of 东街 not (or no longer) dispatched. */
const COMMUNITY_READERS: Caller[] = ['resident', 'staff', 'gridWorker', 'secretary', 'admin'];
/** Dispatched to 县人社局: its liaison 赵敏 and its member 张伟 see it too. */
const UNIT_READERS: Caller[] = [...COMMUNITY_READERS, 'member', 'liaison'];
/** Offered to every unit paired with 东街 (县人社局, 县卫健局, 供电公司). */
const OFFER_READERS: Caller[] = [...UNIT_READERS, 'memberWeijian', 'liaisonWeijian'];
/** Staff of 东街: triage, dispatch, verify, return visits. */
const DONGJIE_STAFF: Caller[] = ['staff', 'gridWorker', 'secretary'];

// ---- preparing demands through the API, as the people who would ---------------------------------

interface Prepared {
  id: string;
  /** A second demand of the same community (merge target). */
  other?: string;
}

/** A step that must succeed (preparation). */
function ok<A extends Action>(who: string, action: A, payload: Record<string, unknown>) {
  return h.ok(who, 'dispatch', action, payload as never);
}

let seq = 0;
async function submitted(): Promise<string> {
  seq += 1;
  const d = await ok(PEOPLE.resident, 'submit', { category: 'facilities', text: `幸福小区1号楼楼道灯不亮（第${seq}件）` });
  return d._id;
}
/** To 县人社局, or (unitId null) offered to every unit paired with 东街. */
async function dispatched(slots = 2, unitId: string | null = 'unit-renshe'): Promise<string> {
  const id = await submitted();
  await ok(PEOPLE.staff, 'dispatch', { id, ...(unitId ? { unitId } : {}), slots, expectedHours: 2 });
  return id;
}
async function accepted(slots = 2): Promise<string> {
  const id = await dispatched(slots);
  await ok(PEOPLE.liaison, 'accept', { id });
  return id;
}
async function claimedByZhang(slots = 2): Promise<string> {
  const id = await accepted(slots);
  await ok(PEOPLE.member, 'claim', { id });
  return id;
}
async function completed(): Promise<string> {
  const id = await claimedByZhang(1);
  await ok(PEOPLE.member, 'complete', { id, notes: '更换了灯泡', hours: 1.5 });
  return id;
}
async function verified(): Promise<string> {
  const id = await completed();
  await ok(PEOPLE.staff, 'verify', { id });
  return id;
}
/** 小事不出小区: handled inside the community. */
async function handling(): Promise<string> {
  const id = await submitted();
  await ok(PEOPLE.staff, 'handle', { id, note: '物业当天处理' });
  return id;
}
async function closedInCommunity(): Promise<string> {
  const id = await handling();
  await ok(PEOPLE.staff, 'complete', { id, notes: '物业已修好' });
  await ok(PEOPLE.resident, 'rate', { id, value: 'satisfied' });
  return id;
}
/** Two 不满意 in a row: the second escalates it (已吹哨). */
async function escalated(): Promise<string> {
  const id = await handling();
  await ok(PEOPLE.staff, 'complete', { id, notes: '物业已修好' });
  await ok(PEOPLE.resident, 'rate', { id, value: 'unsatisfied', comment: '还是不亮' });
  await ok(PEOPLE.staff, 'complete', { id, notes: '换了整条线路' });
  const d = await ok(PEOPLE.resident, 'rate', { id, value: 'unsatisfied', comment: '还是不亮' });
  expect(d.status).toBe('escalated');
  return id;
}
/** Only the clock moves: the local cloud's own timers keep running. */
const NOT_DATE = [
  'hrtime', 'nextTick', 'performance', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame',
  'requestIdleCallback', 'cancelIdleCallback', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval',
  'setTimeout', 'clearTimeout',
] as const;
/** Dispatched to 县人社局 three days ago and never accepted: overdue (一般: accept within 24 h). */
async function overdue(): Promise<string> {
  jest.useFakeTimers({ now: Date.now() - 3 * 24 * 3600_000, doNotFake: [...NOT_DATE] });
  try {
    return await dispatched();
  } finally {
    jest.useRealTimers();
  }
}

const one = (prepare: () => Promise<string>) => async (): Promise<Prepared> => ({ id: await prepare() });

// ---- the table -----------------------------------------------------------------------------------

interface Row {
  action: Action;
  prepare: () => Promise<Prepared>;
  payload: (p: Prepared) => Record<string, unknown>;
  /** Who succeeds. */
  allowed: Caller[];
  /** Who may see the demand: everyone else gets NOT_FOUND; readers not allowed get FORBIDDEN. */
  readers: Caller[];
  /** Exceptions to that rule. */
  other?: Partial<Record<Caller, ErrorCode>>;
  /** The status after a successful step (for steps). */
  to?: string;
}

const ROWS: Record<string, Row> = {
  // staff of 东街: triage
  'handle (submitted)': {
    action: 'handle', prepare: one(submitted), payload: ({ id }) => ({ id, note: '物业处理' }),
    allowed: DONGJIE_STAFF, readers: COMMUNITY_READERS, to: 'handling',
  },
  'dispatch (submitted)': {
    action: 'dispatch', prepare: one(submitted), payload: ({ id }) => ({ id, unitId: 'unit-renshe', slots: 1, expectedHours: 2 }),
    allowed: DONGJIE_STAFF, readers: COMMUNITY_READERS, to: 'dispatched',
  },
  'merge (submitted, into another of 东街)': {
    action: 'merge',
    prepare: async () => ({ id: await submitted(), other: await submitted() }),
    payload: ({ id, other }) => ({ id, intoId: other }),
    allowed: DONGJIE_STAFF, readers: COMMUNITY_READERS, to: 'merged',
  },
  'decline (submitted)': {
    action: 'decline', prepare: one(submitted), payload: ({ id }) => ({ id, reason: '不属于社区职责范围' }),
    allowed: DONGJIE_STAFF, readers: COMMUNITY_READERS, to: 'declined',
  },
  // the unit's liaison
  'accept (dispatched to 县人社局)': {
    action: 'accept', prepare: one(() => dispatched()), payload: ({ id }) => ({ id }),
    allowed: ['liaison'], readers: UNIT_READERS, to: 'accepted',
  },
  'accept (offered to every paired unit)': {
    action: 'accept', prepare: one(() => dispatched(2, null)), payload: ({ id }) => ({ id }),
    allowed: ['liaison', 'liaisonWeijian'], readers: OFFER_READERS, to: 'accepted',
  },
  'reject (dispatched to 县人社局)': {
    action: 'reject', prepare: one(() => dispatched()), payload: ({ id }) => ({ id, reason: '本单位人手不足' }),
    allowed: ['liaison'], readers: UNIT_READERS, to: 'submitted',
  },
  'assign (accepted by 县人社局)': {
    action: 'assign', prepare: one(() => accepted()), payload: ({ id }) => ({ id, memberOpenids: [PEOPLE.member] }),
    allowed: ['liaison'], readers: UNIT_READERS, to: 'accepted',
  },
  // the unit's members (赵敏 is a member of 县人社局 as well as its liaison)
  'claim (accepted by 县人社局)': {
    action: 'claim', prepare: one(() => accepted()), payload: ({ id }) => ({ id }),
    allowed: ['member', 'liaison'], readers: UNIT_READERS, to: 'accepted',
  },
  'withdraw (claimed by 张伟)': {
    action: 'withdraw', prepare: one(() => claimedByZhang()), payload: ({ id }) => ({ id }),
    allowed: ['member'], readers: UNIT_READERS, to: 'accepted',
  },
  'complete (claimed by 张伟)': {
    action: 'complete', prepare: one(() => claimedByZhang()), payload: ({ id }) => ({ id, notes: '更换了灯泡', hours: 1 }),
    allowed: ['member'], readers: UNIT_READERS, to: 'completed',
  },
  'complete (handled in the community)': {
    action: 'complete', prepare: one(handling), payload: ({ id }) => ({ id, notes: '物业已修好' }),
    allowed: DONGJIE_STAFF, readers: COMMUNITY_READERS, to: 'verified',
  },
  // staff of 东街: acceptance
  'verify (completed)': {
    action: 'verify', prepare: one(completed), payload: ({ id }) => ({ id }),
    allowed: DONGJIE_STAFF, readers: UNIT_READERS, to: 'verified',
  },
  'sendBack (completed)': {
    action: 'sendBack', prepare: one(completed), payload: ({ id }) => ({ id, reason: '灯还是不亮' }),
    allowed: DONGJIE_STAFF, readers: UNIT_READERS, to: 'accepted',
  },
  // only the submitter rates
  'rate (verified)': {
    action: 'rate', prepare: one(verified), payload: ({ id }) => ({ id, value: 'satisfied', comment: '很及时' }),
    allowed: ['resident'], readers: UNIT_READERS, to: 'closed',
  },
  'returnVisit (closed)': {
    action: 'returnVisit', prepare: one(closedInCommunity), payload: ({ id }) => ({ id, note: '回访：灯一直正常' }),
    allowed: DONGJIE_STAFF, readers: COMMUNITY_READERS, to: 'closed',
  },
  // 吹哨 an overdue item: the community's secretary (DESIGN.md's role table).
  'escalate (dispatched, not accepted within SLA)': {
    action: 'escalate', prepare: one(overdue), payload: ({ id }) => ({ id, reason: '超时未接单' }),
    allowed: ['secretary'], readers: UNIT_READERS, to: 'dispatched',
  },
  // an escalated one: the secretary of 东街 or the county closes or redispatches it
  'close (escalated)': {
    action: 'close', prepare: one(escalated), payload: ({ id }) => ({ id, note: '书记协调后办结' }),
    allowed: ['secretary', 'admin'], readers: COMMUNITY_READERS, to: 'closed',
  },
  'dispatch (escalated: redispatch)': {
    action: 'dispatch', prepare: one(escalated), payload: ({ id }) => ({ id, unitId: 'unit-renshe', slots: 1, expectedHours: 2 }),
    allowed: ['secretary', 'admin'], readers: COMMUNITY_READERS, to: 'dispatched',
  },
  // reading one
  'detail (submitted)': {
    action: 'detail', prepare: one(submitted), payload: ({ id }) => ({ id }),
    allowed: COMMUNITY_READERS, readers: COMMUNITY_READERS,
  },
  'detail (dispatched to 县人社局)': {
    action: 'detail', prepare: one(() => dispatched()), payload: ({ id }) => ({ id }),
    allowed: UNIT_READERS, readers: UNIT_READERS,
  },
  'detail (offered to every paired unit)': {
    action: 'detail', prepare: one(() => dispatched(2, null)), payload: ({ id }) => ({ id }),
    allowed: OFFER_READERS, readers: OFFER_READERS,
  },
  'detail (returned by 县人社局: the offer is withdrawn)': {
    action: 'detail',
    prepare: one(async () => {
      const id = await dispatched();
      await ok(PEOPLE.liaison, 'reject', { id, reason: '本单位人手不足' });
      return id;
    }),
    payload: ({ id }) => ({ id }),
    allowed: COMMUNITY_READERS, readers: COMMUNITY_READERS,
  },
  'detail (closed after the whole loop)': {
    action: 'detail',
    prepare: one(async () => {
      const id = await verified();
      await ok(PEOPLE.resident, 'rate', { id, value: 'basic' });
      return id;
    }),
    payload: ({ id }) => ({ id }),
    allowed: UNIT_READERS, readers: UNIT_READERS,
  },
  // anyone bound to a community submits; the county admin lives in none
  submit: {
    action: 'submit', prepare: async () => ({ id: '' }), payload: () => ({ category: 'other', text: '小区门口路灯不亮' }),
    allowed: CALLERS.filter((c) => c !== 'admin'), readers: CALLERS, other: { admin: 'INVALID_STATE' }, to: 'submitted',
  },
  uploadPhoto: {
    action: 'uploadPhoto', prepare: async () => ({ id: '' }), payload: () => ({ contentType: 'image/png', base64: PNG }),
    allowed: CALLERS, readers: CALLERS,
  },
};

function expected(row: Row, caller: Caller): 'ok' | ErrorCode {
  if (row.other?.[caller]) return row.other[caller]!;
  if (row.allowed.includes(caller)) return 'ok';
  return row.readers.includes(caller) ? 'FORBIDDEN' : 'NOT_FOUND';
}

/**
 * Calls and checks the outcome; a refusal must carry a Chinese message and change nothing, and so
 * must a successful read (`reads`).
 */
async function attempt(caller: Caller | string, action: Action, payload: Record<string, unknown>, want: 'ok' | ErrorCode, reads = false) {
  const openid = (OPENID as Record<string, string>)[caller] ?? caller;
  const before = want !== 'ok' || reads ? snapshot(h.local) : '';
  const res = await h.call(openid, 'dispatch', action, payload);
  if (want === 'ok') {
    if (!res.ok) throw new Error(`${action} as ${caller}: expected ok, got ${res.error.code} ${res.error.message}`);
    if (reads) expect(snapshot(h.local)).toBe(before);
    return res.data;
  }
  expect(res).toMatchObject({ ok: false, error: { code: want } });
  if (!res.ok) expect(res.error.message).toMatch(CHINESE);
  expect(snapshot(h.local)).toBe(before);
  return null;
}

describe('across boundaries', () => {
  test('staff of 西门 verifying 东街’s completed item → NOT_FOUND', async () => {
    await attempt('staffXimen', 'verify', { id: await completed() }, 'NOT_FOUND');
  });

  test('staff of 西门 sending back, declining, dispatching 东街’s items → NOT_FOUND', async () => {
    await attempt('staffXimen', 'sendBack', { id: await completed(), reason: '不合格' }, 'NOT_FOUND');
    await attempt('staffXimen', 'decline', { id: await submitted(), reason: '不受理' }, 'NOT_FOUND');
    await attempt('staffXimen', 'dispatch', { id: await submitted(), unitId: 'unit-weijian', slots: 1, expectedHours: 1 }, 'NOT_FOUND');
  });

  test('a member of 县卫健局 claiming 县人社局’s task → NOT_FOUND', async () => {
    await attempt('memberWeijian', 'claim', { id: await accepted() }, 'NOT_FOUND');
  });

  test('县卫健局’s liaison rejecting or accepting 县人社局’s dispatch → NOT_FOUND', async () => {
    const id = await dispatched();
    await attempt('liaisonWeijian', 'reject', { id, reason: '不是我们的' }, 'NOT_FOUND');
    await attempt('liaisonWeijian', 'accept', { id }, 'NOT_FOUND');
  });

  test('an open offer taken by 县卫健局 is gone from 县人社局: its liaison and members no longer see it', async () => {
    const id = await dispatched(2, null);
    await attempt('liaisonWeijian', 'accept', { id }, 'ok');
    await attempt('liaison', 'accept', { id }, 'NOT_FOUND');
    await attempt('liaison', 'detail', { id }, 'NOT_FOUND');
    await attempt('member', 'claim', { id }, 'NOT_FOUND');
    await attempt('memberWeijian', 'claim', { id }, 'ok');
  });

  test('a member completing a task someone else claimed → FORBIDDEN', async () => {
    const id = await accepted();
    await ok('demo-member-chen', 'claim', { id });
    await attempt('member', 'complete', { id, notes: '做完了', hours: 1 }, 'FORBIDDEN');
    await attempt('liaison', 'complete', { id, notes: '做完了', hours: 1 }, 'FORBIDDEN');
  });

  test('a member withdrawing someone else’s claim → FORBIDDEN', async () => {
    const id = await claimedByZhang();
    await attempt('liaison', 'withdraw', { id }, 'FORBIDDEN');
  });

  test('only the claimants complete: the liaison assigned 张伟, so only 张伟 reports', async () => {
    const id = await accepted();
    await ok(PEOPLE.liaison, 'assign', { id, memberOpenids: [PEOPLE.member] });
    await attempt('liaison', 'complete', { id, notes: '做完了', hours: 1 }, 'FORBIDDEN');
    await attempt('member', 'complete', { id, notes: '做完了', hours: 1 }, 'ok');
  });

  test('a liaison may assign only members of the unit', async () => {
    const id = await accepted();
    await attempt('liaison', 'assign', { id, memberOpenids: [PEOPLE.memberWeijian] }, 'INVALID_INPUT');
    await attempt('liaison', 'assign', { id, memberOpenids: [PEOPLE.staff] }, 'INVALID_INPUT');
  });

  test('staff submit on behalf of their own community’s residents only; the resident, not the staff, rates', async () => {
    await attempt('staffXimen', 'submit', { category: 'other', text: '代居民反映', onBehalfOf: PEOPLE.resident }, 'FORBIDDEN');
    await attempt('resident', 'submit', { category: 'other', text: '替邻居反映', onBehalfOf: PEOPLE.member }, 'FORBIDDEN');
    await attempt('admin', 'submit', { category: 'other', text: '代居民反映', onBehalfOf: PEOPLE.resident }, 'FORBIDDEN');
    const d = await attempt('staff', 'submit', { category: 'other', text: '代王秀英反映：楼道堆物', onBehalfOf: PEOPLE.resident }, 'ok');
    const id = (d as { _id: string })._id;
    await ok(PEOPLE.staff, 'handle', { id });
    await ok(PEOPLE.staff, 'complete', { id, notes: '已清理' });
    await attempt('staff', 'rate', { id, value: 'satisfied' }, 'FORBIDDEN');
    await attempt('resident', 'rate', { id, value: 'satisfied' }, 'ok');
  });

  test('the county admin closes an escalated item of any community; 西门’s staff cannot even see it', async () => {
    const id = await escalated();
    await attempt('staffXimen', 'close', { id, note: '关闭' }, 'NOT_FOUND');
    await attempt('staff', 'close', { id, note: '关闭' }, 'FORBIDDEN');
    await attempt('admin', 'close', { id, note: '县委组织部协调办结' }, 'ok');
  });
});

describe('the right person at the wrong step → INVALID_STATE', () => {
  test.each<[string, () => Promise<string>, Caller, Action, (id: string) => Record<string, unknown>]>([
    ['staff verifying a dispatched item', () => dispatched(), 'staff', 'verify', (id) => ({ id })],
    ['grid worker dispatching an already dispatched item', () => dispatched(), 'gridWorker', 'dispatch', (id) => ({ id, unitId: 'unit-renshe', slots: 1, expectedHours: 1 })],
    ['staff handling an accepted item', () => accepted(), 'staff', 'handle', (id) => ({ id })],
    ['liaison assigning before accepting', () => dispatched(), 'liaison', 'assign', (id) => ({ id, memberOpenids: [PEOPLE.member] })],
    ['member claiming before the unit accepted', () => dispatched(), 'member', 'claim', (id) => ({ id })],
    ['member claiming a full task', () => claimedByZhang(1), 'liaison', 'claim', (id) => ({ id })],
    ['member withdrawing after completing', completed, 'member', 'withdraw', (id) => ({ id })],
    ['resident rating a submitted item', submitted, 'resident', 'rate', (id) => ({ id, value: 'satisfied' })],
    ['resident rating a completed but not verified item', completed, 'resident', 'rate', (id) => ({ id, value: 'satisfied' })],
    ['staff verifying an item handled in the community before it is done', handling, 'staff', 'verify', (id) => ({ id })],
    ['staff returning to a verified, not yet closed item', verified, 'staff', 'returnVisit', (id) => ({ id, note: '回访' })],
    ['secretary escalating an item within its SLA', () => dispatched(), 'secretary', 'escalate', (id) => ({ id, reason: '催办' })],
    ['secretary closing an item that is not escalated', () => accepted(), 'secretary', 'close', (id) => ({ id, note: '关闭' })],
    ['secretary redispatching an item that is not escalated', () => accepted(), 'secretary', 'dispatch', (id) => ({ id, unitId: 'unit-renshe', slots: 1, expectedHours: 1 })],
  ])('%s', async (_label, prepare, caller, action, payload) => {
    await attempt(caller, action, payload(await prepare()), 'INVALID_STATE');
  });

  test('an item escalated once is not escalated again: the same request again changes nothing', async () => {
    const id = await overdue();
    await ok(PEOPLE.secretary, 'escalate', { id, reason: '超时未接单' });
    await attempt('secretary', 'escalate', { id, reason: '再次吹哨' }, 'ok', true);
    await attempt('staff', 'escalate', { id, reason: '再次吹哨' }, 'FORBIDDEN');
  });
});

describe('lists by scope and role', () => {
  type Scope = 'mine' | 'triage' | 'community' | 'unit' | 'claimable' | 'myTasks';
  const LIST_ALLOWED: Record<Scope, Caller[]> = {
    mine: CALLERS,
    myTasks: CALLERS,
    triage: DONGJIE_STAFF.concat('staffXimen'),
    community: DONGJIE_STAFF.concat('staffXimen'),
    unit: ['liaison', 'liaisonWeijian'],
    claimable: ['member', 'memberWeijian', 'liaison', 'liaisonWeijian'],
  };
  const rows = (Object.keys(LIST_ALLOWED) as Scope[]).flatMap((scope) =>
    CALLERS.map((c) => [scope, c, LIST_ALLOWED[scope].includes(c) ? 'ok' : 'FORBIDDEN'] as const),
  );

  test.each(rows)('list %s as %s → %s', async (scope, caller, want) => {
    await attempt(caller, 'list', { scope }, want, true); // a list reads only
  });

  test('each list holds only what is in the caller’s scope', async () => {
    const ownSubmitted = await submitted();
    const toRenshe = await dispatched();
    const claimable = await accepted();
    const ids = async (caller: Caller, scope: Scope) =>
      (await ok(OPENID[caller], 'list', { scope, pageSize: 50 })).items.map((i) => i._id);
    expect(await ids('staff', 'triage')).toContain(ownSubmitted);
    expect(await ids('staffXimen', 'triage')).not.toContain(ownSubmitted);
    expect(await ids('staffXimen', 'community')).not.toContain(toRenshe);
    expect(await ids('liaison', 'unit')).toContain(toRenshe);
    expect(await ids('liaisonWeijian', 'unit')).not.toContain(toRenshe);
    expect(await ids('member', 'claimable')).toContain(claimable);
    expect(await ids('memberWeijian', 'claimable')).not.toContain(claimable);
    expect(await ids('residentXimen', 'mine')).not.toContain(ownSubmitted);
    expect(await ids('member', 'mine')).not.toContain(ownSubmitted);
    expect(await ids('resident', 'mine')).toContain(ownSubmitted);
    // Every item anyone's list shows, that person may open.
    for (const [caller, scope] of [['staffXimen', 'community'], ['liaisonWeijian', 'unit'], ['memberWeijian', 'claimable'], ['member', 'myTasks']] as [Caller, Scope][]) {
      for (const id of await ids(caller, scope)) await attempt(caller, 'detail', { id }, 'ok');
    }
  });
});

describe('scorecards: own community or unit only; the county any', () => {
  const month = new Date().toISOString().slice(0, 7);
  const SCORECARDS: [scope: 'community' | 'unit', id: string, allowed: Caller[]][] = [
    ['community', 'c-dongjie', [...DONGJIE_STAFF, 'admin']],
    ['community', 'c-ximen', ['staffXimen', 'admin']],
    ['community', 'c-nanshan', ['admin']],
    ['unit', 'unit-renshe', ['liaison', 'admin']],
    ['unit', 'unit-weijian', ['liaisonWeijian', 'admin']],
    ['unit', 'unit-gongdian', ['admin']],
  ];
  const rows = SCORECARDS.flatMap(([scope, id, allowed]) => CALLERS.map((c) => [scope, id, c, allowed.includes(c) ? 'ok' : 'FORBIDDEN'] as const));

  test.each(rows)('scorecard %s %s as %s → %s', async (scope, id, caller, want) => {
    const card = await attempt(caller, 'scorecard', { scope, id, month }, want, true);
    if (card) expect(card).toMatchObject({ scope, id, month });
  });
});

describe('callers the platform does not vouch for', () => {
  /** A valid payload for each action; the id names a real demand. */
  let id: string;
  beforeAll(async () => {
    id = await accepted();
  });
  const PAYLOADS: Record<Action, () => Record<string, unknown>> = {
    submit: () => ({ category: 'other', text: '路灯不亮' }),
    uploadPhoto: () => ({ contentType: 'image/png', base64: PNG }),
    list: () => ({ scope: 'mine' }),
    detail: () => ({ id }),
    handle: () => ({ id }),
    dispatch: () => ({ id, unitId: 'unit-renshe', slots: 1, expectedHours: 1 }),
    merge: () => ({ id, intoId: id }),
    decline: () => ({ id, reason: '不受理' }),
    accept: () => ({ id }),
    reject: () => ({ id, reason: '退单' }),
    assign: () => ({ id, memberOpenids: [PEOPLE.member] }),
    claim: () => ({ id }),
    withdraw: () => ({ id }),
    complete: () => ({ id, notes: '完成', hours: 1 }),
    verify: () => ({ id }),
    sendBack: () => ({ id, reason: '退回' }),
    rate: () => ({ id, value: 'satisfied' }),
    returnVisit: () => ({ id, note: '回访' }),
    escalate: () => ({ id, reason: '吹哨' }),
    close: () => ({ id, note: '关闭' }),
    extend: () => ({ id, until: '2030-01-01', reason: '延期' }),
    approveExtension: () => ({ id }),
    refuseExtension: () => ({ id, reason: '不同意' }),
    urge: () => ({ id }),
    supervise: () => ({ id, reason: '督办' }),
    redispatch: () => ({ id, unitId: 'unit-weijian', reason: '改派' }),
    queueCounts: () => ({}),
    reconcileQueues: () => ({}),
    scorecard: () => ({ scope: 'community', id: 'c-dongjie', month: '2026-11' }),
  };
  const ACTIONS = Object.keys(PAYLOADS) as Action[];

  test.each(ACTIONS)('%s with no openid → UNAUTHENTICATED, nothing changed', async (action) => {
    const before = snapshot(h.local);
    const res = await h.call(null, 'dispatch', action, PAYLOADS[action]());
    expect(res).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    if (!res.ok) expect(res.error.message).toMatch(CHINESE);
    expect(snapshot(h.local)).toBe(before);
  });

  test.each(ACTIONS)('%s by an unknown openid → NOT_REGISTERED, nothing changed', async (action) => {
    const before = snapshot(h.local);
    const res = await h.call(`stranger-${action}`, 'dispatch', action, PAYLOADS[action]());
    expect(res).toMatchObject({ ok: false, error: { code: 'NOT_REGISTERED' } });
    if (!res.ok) expect(res.error.message).toMatch(CHINESE);
    expect(snapshot(h.local)).toBe(before);
  });
});

// Last: it prepares a demand per case, and snapshots grow with the store.
describe('every action × every demo role', () => {
  const rows = Object.entries(ROWS).flatMap(([label, row]) => CALLERS.map((c) => [label, c, expected(row, c)] as const));

  test.each(rows)('%s as %s → %s', async (label, caller, want) => {
    const row = ROWS[label];
    const prepared = await row.prepare();
    const data = (await attempt(caller, row.action, row.payload(prepared), want, row.action === 'detail')) as { status?: string; timeline?: { event: string; actor: string }[] } | null;
    if (want === 'ok' && row.to) {
      expect(data?.status).toBe(row.to);
      // The step is in the timeline, by the caller (identity from the platform, never the event).
      expect(data?.timeline?.at(-1)).toMatchObject({ event: row.action === 'submit' ? 'submit' : row.action, actor: OPENID[caller] });
    }
  });

  test('every dispatch action appears in the table', () => {
    const actions = new Set(Object.values(ROWS).map((r) => r.action));
    for (const a of ['list', 'scorecard']) actions.add(a as Action);
    // 延期, 催办 and 督办 have their own table × every role: dispatch.supervision.test.ts.
    for (const a of ['extend', 'approveExtension', 'refuseExtension', 'urge', 'supervise']) actions.add(a as Action);
    // 改派 × every role, queueCounts per role and reconcileQueues: dispatch.queues.test.ts.
    for (const a of ['redispatch', 'queueCounts', 'reconcileQueues']) actions.add(a as Action);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const described = Object.keys(require('../../cloudfunctions/dispatch/index').describe());
    expect([...actions].sort()).toEqual(described.sort());
  });
});
