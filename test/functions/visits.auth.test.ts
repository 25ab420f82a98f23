/**
 * Who may take which visits action: every action × every demo role (plus 陈静, a member of
 * 县人社局 living in 西门社区, never paired here). Exactly the permitted callers succeed; the others get
 * FORBIDDEN (may see the household or the thing, not theirs to do) or NOT_FOUND (may not even
 * know the household is key), with a Chinese message, and a refusal changes nothing.
 *
 * The expected tables are written from DESIGN.md (Pillar 3) and the comments of `VisitsApi`
 * (types/visits.ts), not read back from core/visits-access.ts.
 */
import type { ActionName } from '../../types/api';
import type { ErrorCode } from '../../types/errors';
import { openHarness, PEOPLE, snapshot, type Harness } from './harness';
import { FIELDS, keyHousehold } from './visits.fixtures';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(() => h.close());

type Action = ActionName<'visits'>;
type Caller = keyof typeof PEOPLE | 'memberChen';
const OPENID: Record<Caller, string> = { ...PEOPLE, memberChen: 'demo-member-chen' };
const CALLERS = Object.keys(OPENID) as Caller[];
const CHINESE = /[\u4e00-\u9fa5]/;

/** Staff of 东街: manage key households and pairings. */
const DONGJIE_STAFF: Caller[] = ['staff', 'gridWorker', 'secretary'];
/** Who may see that a 东街 household paired with 张伟 is key: its visitor, its staff, the county. */
const SEES: Caller[] = ['member', ...DONGJIE_STAFF, 'admin'];

/** 东街's 36 households, used one by one so that each case starts clean. */
const FREE = ['xingfu', 'heping'].flatMap((e) => [1, 2, 3].flatMap((b) => ['101', '102', '201', '202', '301', '302'].map((r) => `h-${e}-${b}-${r}`)));
const fresh = () => FREE.shift()!;
/** A 东街 key household paired with 张伟. */
const paired = async () => (await keyHousehold(h, fresh(), [PEOPLE.member])).householdId;

interface Row {
  action: Action;
  prepare: () => Promise<string>;
  payload: (id: string) => Record<string, unknown>;
  allowed: Caller[];
  /** Who gets FORBIDDEN; everyone else not allowed gets NOT_FOUND. */
  forbidden: Caller[];
  /** Each success changes the household so that the next caller needs a fresh one. */
  consumes?: boolean;
}

const visit = { method: 'door', outcome: 'contact', wellbeing: 'good', notes: '一切安好' };

const ROWS: Record<string, Row> = {
  markKey: {
    action: 'markKey', prepare: async () => fresh(), payload: (householdId) => ({ householdId, ...FIELDS }),
    // Households are not secret (the region tree): outsiders are told it is not theirs to do.
    allowed: DONGJIE_STAFF, forbidden: CALLERS.filter((c) => !DONGJIE_STAFF.includes(c)), consumes: true,
  },
  updateKey: {
    action: 'updateKey', prepare: paired, payload: (householdId) => ({ householdId, careLevel: 'fortnightly' }),
    allowed: DONGJIE_STAFF, forbidden: ['member', 'admin'],
  },
  unmarkKey: {
    action: 'unmarkKey', prepare: paired, payload: (householdId) => ({ householdId, reason: '已搬去子女家居住' }),
    allowed: DONGJIE_STAFF, forbidden: ['member', 'admin'], consumes: true,
  },
  detail: {
    action: 'detail', prepare: paired, payload: (householdId) => ({ householdId }),
    allowed: SEES, forbidden: [],
  },
  listVisits: {
    action: 'listVisits', prepare: paired, payload: (householdId) => ({ householdId }),
    allowed: ['member', ...DONGJIE_STAFF], forbidden: ['admin'],
  },
  pair: {
    action: 'pair', prepare: paired, payload: (householdId) => ({ householdId, visitorOpenid: PEOPLE.gridWorker }),
    allowed: DONGJIE_STAFF, forbidden: ['member', 'admin'],
  },
  unpair: {
    action: 'unpair', prepare: paired, payload: (householdId) => ({ householdId, visitorOpenid: PEOPLE.member, reason: '工作调动' }),
    allowed: DONGJIE_STAFF, forbidden: ['member', 'admin'], consumes: true,
  },
  recordVisit: {
    action: 'recordVisit', prepare: paired, payload: (householdId) => ({ householdId, ...visit }),
    allowed: ['member', ...DONGJIE_STAFF], forbidden: ['admin'],
  },
  'recordVisit (书记敲门)': {
    action: 'recordVisit', prepare: paired, payload: (householdId) => ({ householdId, ...visit, secretaryVisit: true }),
    allowed: ['secretary'], forbidden: ['member', 'staff', 'gridWorker', 'admin'],
  },
  'list (mine)': {
    action: 'list', prepare: async () => '', payload: () => ({ scope: 'mine' }),
    allowed: CALLERS, forbidden: [],
  },
  'list (community)': {
    action: 'list', prepare: async () => '', payload: () => ({ scope: 'community' }),
    allowed: [...DONGJIE_STAFF, 'staffXimen'], forbidden: CALLERS.filter((c) => ![...DONGJIE_STAFF, 'staffXimen'].includes(c)),
  },
  'list (community of 东街, asked by name)': {
    action: 'list', prepare: async () => '', payload: () => ({ scope: 'community', communityId: 'c-dongjie' }),
    allowed: DONGJIE_STAFF, forbidden: CALLERS.filter((c) => !DONGJIE_STAFF.includes(c)),
  },
  buildingHouseholds: {
    action: 'buildingHouseholds', prepare: async () => '', payload: () => ({ buildingId: 'b-xingfu-1' }),
    allowed: DONGJIE_STAFF, forbidden: CALLERS.filter((c) => !DONGJIE_STAFF.includes(c)),
  },
  visitorCandidates: {
    action: 'visitorCandidates', prepare: async () => '', payload: () => ({}),
    allowed: [...DONGJIE_STAFF, 'staffXimen'], forbidden: CALLERS.filter((c) => ![...DONGJIE_STAFF, 'staffXimen'].includes(c)),
  },
  coverage: {
    action: 'coverage', prepare: async () => '', payload: () => ({ communityId: 'c-dongjie', month: '2026-11' }),
    allowed: [...DONGJIE_STAFF, 'admin'], forbidden: CALLERS.filter((c) => ![...DONGJIE_STAFF, 'admin'].includes(c)),
  },
  sensitiveReads: {
    action: 'sensitiveReads', prepare: async () => '', payload: () => ({ communityId: 'c-dongjie' }),
    allowed: ['secretary'], forbidden: CALLERS.filter((c) => c !== 'secretary'),
  },
};

/** Reads that write nothing (detail and listVisits log the read, so they are not among them). */
const PURE_READS = new Set<Action>(['list', 'buildingHouseholds', 'visitorCandidates', 'coverage', 'sensitiveReads']);

describe.each(Object.entries(ROWS))('%s', (_name, row) => {
  /** One household per row, replaced only after a success that used it up. */
  let prepared: string | undefined;
  test.each(CALLERS)('as %s', async (caller) => {
    const id = (prepared ??= await row.prepare());
    const want: 'ok' | ErrorCode = row.allowed.includes(caller) ? 'ok' : row.forbidden.includes(caller) ? 'FORBIDDEN' : 'NOT_FOUND';
    const before = snapshot(h.local);
    const res = await h.call(OPENID[caller], 'visits', row.action, row.payload(id));
    if (want === 'ok') {
      if (!res.ok) throw new Error(`${row.action} as ${caller}: expected ok, got ${res.error.code} ${res.error.message}`);
      if (PURE_READS.has(row.action)) expect(snapshot(h.local)).toBe(before);
      if (row.consumes) prepared = undefined;
      return;
    }
    expect(res).toMatchObject({ ok: false, error: { code: want } });
    if (!res.ok) expect(res.error.message).toMatch(CHINESE);
    expect(snapshot(h.local)).toBe(before);
  });
});

describe('callers the platform does not vouch for', () => {
  test.each(Object.keys(ROWS))('%s: no openid → UNAUTHENTICATED; an unregistered openid → NOT_REGISTERED; nothing changes', async (name) => {
    const row = ROWS[name];
    const before = snapshot(h.local);
    expect(await h.call(null, 'visits', row.action, row.payload('h-xingfu-1-101'))).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await h.call('stranger', 'visits', row.action, row.payload('h-xingfu-1-101'))).toMatchObject({ ok: false, error: { code: 'NOT_REGISTERED' } });
    expect(snapshot(h.local)).toBe(before);
  });

  test('a timer event from a client is an unknown action, not a reminder run', async () => {
    const before = snapshot(h.local);
    expect(await h.raw(PEOPLE.admin, 'visits', { Type: 'Timer' })).toMatchObject({ result: { ok: false, error: { code: 'UNKNOWN_ACTION' } } });
    expect(snapshot(h.local)).toBe(before);
  });
});

describe('across communities and pairings', () => {
  test('staff of 西门 cannot mark, pair, visit or read a 东街 household', async () => {
    const id = await paired();
    const before = snapshot(h.local);
    expect(await h.call(PEOPLE.staffXimen, 'visits', 'detail', { householdId: id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await h.call(PEOPLE.staffXimen, 'visits', 'pair', { householdId: id, visitorOpenid: PEOPLE.staffXimen })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await h.call(PEOPLE.staffXimen, 'visits', 'coverage', { communityId: 'c-dongjie', month: '2026-11' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(snapshot(h.local)).toBe(before);
  });

  test('a visitor unpaired loses the household at once', async () => {
    const id = await paired();
    await h.ok(PEOPLE.member, 'visits', 'detail', { householdId: id });
    await h.ok(PEOPLE.staff, 'visits', 'unpair', { householdId: id, visitorOpenid: PEOPLE.member });
    expect(await h.call(PEOPLE.member, 'visits', 'detail', { householdId: id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await h.call(PEOPLE.member, 'visits', 'recordVisit', { householdId: id, method: 'door', outcome: 'noContact' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect((await h.ok(PEOPLE.member, 'visits', 'list', { scope: 'mine' })).items.map((i) => i.householdId)).not.toContain(id);
  });

  test('only people of the community or of its paired units can be paired', async () => {
    const id = await paired();
    // 孙磊 is a member of 县卫健局 (paired with 东街) living in 西门: allowed. A resident is not a visitor.
    await h.ok(PEOPLE.staff, 'visits', 'pair', { householdId: id, visitorOpenid: 'demo-liaison-weijian' });
    const before = snapshot(h.local);
    expect(await h.call(PEOPLE.staff, 'visits', 'pair', { householdId: id, visitorOpenid: PEOPLE.resident })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await h.call(PEOPLE.staff, 'visits', 'pair', { householdId: id, visitorOpenid: PEOPLE.staffXimen })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await h.call(PEOPLE.staff, 'visits', 'pair', { householdId: id, visitorOpenid: 'nobody' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(snapshot(h.local)).toBe(before);
  });
});
