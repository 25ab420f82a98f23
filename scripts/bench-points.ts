/**
 * Points (Pillar 2) in the benchmark: database requests per points action against budgets, and
 * proof that the member's page and the leaderboards read a fixed number of documents however
 * long the ledger grows (20,000 entries). Called once from scripts/bench.ts.
 */
import { db } from '../cloudfunctions/lib/cloud';
import * as pointsFn from '../cloudfunctions/points/index';
import { periodsOf } from '../cloudfunctions/core/calendar';
import type { LocalCloud, RequestCounts } from '../local/runtime';
import { budgetHead, budgetRow, invoke, table, timed, type Budget, type Cell } from './bench-table';

const STAFF = 'demo-staff-dongjie';
const SECRETARY = 'demo-secretary-dongjie';
const MEMBER = 'demo-member-zhang';
const MEMBER_WJ = 'demo-member-liu';
const LIAISON = 'demo-liaison-renshe';
const ADMIN = 'demo-admin';
const HOUR = 3600_000;

function call<T = { _id: string; code: string }>(local: LocalCloud, as: string, action: string, payload: Record<string, unknown> = {}): Promise<{ data: T; counts: RequestCounts }> {
  return invoke<T>(local, pointsFn, 'points', as, action, payload);
}

interface Case {
  as: string;
  action: string;
  payload?: () => Promise<Record<string, unknown>> | Record<string, unknown>;
  budget: Budget;
  note?: string;
}

export async function benchPoints(local: LocalCloud, failures: string[]): Promise<string> {
  const at = (ms: number) => new Date(Date.now() + ms).toISOString();
  const { month, year } = periodsOf(new Date());
  const setup = <T = { _id: string; code: string }>(as: string, action: string, payload: Record<string, unknown> = {}) => call<T>(local, as, action, payload).then((r) => r.data);
  let activityId = '';
  let code = '';
  let itemId = '';
  let redemption = { _id: '', code: '' };
  let entryId = '';

  const cases: Case[] = [
    { as: MEMBER, action: 'account', budget: { read: 4, write: 0 }, note: 'user, account, rules, this month’s 双报到' },
    { as: MEMBER, action: 'ledger', payload: () => ({ pageSize: 20 }), budget: { read: 2, write: 0 } },
    { as: STAFF, action: 'award', payload: () => ({ openid: MEMBER_WJ, points: 10, reason: '楼道清扫' }), budget: { read: 5, write: 8 }, note: 'entry, account read; entry, account, board increment written in one transaction; then the fold: increment read, 4 tallies ($inc), increment removed' },
    {
      as: SECRETARY,
      action: 'reverse',
      payload: async () => {
        entryId = (await setup(STAFF, 'award', { openid: MEMBER_WJ, points: 5, reason: '登记' }))._id;
        return { entryId, reason: '重复登记' };
      },
      budget: { read: 6, write: 8 },
    },
    { as: MEMBER, action: 'rules', budget: { read: 2, write: 0 } },
    {
      as: STAFF,
      action: 'createActivity',
      payload: () => ({ title: '社区义诊', place: '党群服务中心', startAt: at(-HOUR), endAt: at(2 * HOUR), capacity: 20, hoursRule: 'fixed', fixedHours: 2 }),
      budget: { read: 4, write: 1 },
    },
    { as: MEMBER, action: 'listActivities', payload: () => ({ scope: 'open' }), budget: { read: 4, write: 0 } },
    { as: MEMBER, action: 'activityDetail', payload: () => ({ id: activityId }), budget: { read: 4, write: 0 } },
    { as: MEMBER, action: 'signUp', payload: () => ({ id: activityId }), budget: { read: 7, write: 2 }, note: 'count and sign-up in one transaction' },
    { as: MEMBER, action: 'activityCheckIn', payload: () => ({ id: activityId, code }), budget: { read: 5, write: 1 } },
    { as: MEMBER, action: 'activityCheckOut', payload: () => ({ id: activityId, code }), budget: { read: 5, write: 1 } },
    { as: SECRETARY, action: 'approveHours', payload: () => ({ id: activityId }), budget: { read: 12, write: 9 }, note: 'per person: sign-up, entry, account, board increment in one transaction; then the fold of the increments' },
    { as: 'demo-liaison-weijian', action: 'checkIn', payload: () => ({ note: '报到' }), budget: { read: 7, write: 9 }, note: 'check-in, entry, account, board increment in one transaction; then the fold: increment read, 4 tallies, increment removed (+1 should the nightly timer not have opened a board yet)' },
    { as: LIAISON, action: 'compliance', payload: () => ({ scope: 'unit', id: 'unit-renshe', month }), budget: { read: 6, write: 0 } },
    {
      as: STAFF,
      action: 'createItem',
      payload: () => ({ ownerScope: 'community', ownerId: 'c-dongjie', title: '理发券', cost: 10, stock: 50, perPersonLimit: 5, validFrom: at(-HOUR), validUntil: at(100 * HOUR) }),
      budget: { read: 3, write: 1 },
    },
    { as: STAFF, action: 'updateItem', payload: () => ({ id: itemId, addStock: 5 }), budget: { read: 4, write: 1 } },
    { as: MEMBER, action: 'listItems', payload: () => ({ scope: 'available' }), budget: { read: 3, write: 0 } },
    { as: MEMBER, action: 'redeem', payload: () => ({ itemId }), budget: { read: 5, write: 5 }, note: 'stock, entry, account, redemption and the 已兑换 increment (folded by the timer) in one transaction' },
    { as: STAFF, action: 'lookupRedemption', payload: () => ({ code: redemption.code }), budget: { read: 2, write: 0 } },
    { as: STAFF, action: 'fulfil', payload: () => ({ code: redemption.code }), budget: { read: 2, write: 1 } },
    {
      as: MEMBER,
      action: 'cancelRedemption',
      payload: async () => ({ id: (await setup(MEMBER, 'redeem', { itemId }))._id }),
      budget: { read: 6, write: 5 },
      note: 'refund entry, account, stock, status and the 已兑换 increment (folded by the timer) in one transaction',
    },
    { as: MEMBER, action: 'listRedemptions', payload: () => ({ scope: 'mine' }), budget: { read: 2, write: 0 } },
    { as: MEMBER, action: 'leaderboard', payload: () => ({ scope: 'community', id: 'c-dongjie', period: month }), budget: { read: 3, write: 0 } },
    { as: LIAISON, action: 'memberProfile', payload: () => ({ openid: MEMBER }), budget: { read: 9, write: 0 }, note: 'the caller, the member, account, rules, reviews, 双报到 by ids, service entries, their demands, the year’s pledges (≤ 10: 承诺 in 双认双评)' },
    { as: LIAISON, action: 'reviewMember', payload: () => ({ openid: MEMBER, year, scope: 'unit', grade: 'good' }), budget: { read: 2, write: 1 } },
    { as: ADMIN, action: 'setRules', payload: () => ({ perCheckIn: 5 }), budget: { read: 2, write: 2 }, note: 'rules and their audit entry in one transaction' },
  ];

  const rows: Cell[][] = [];
  for (const c of cases) {
    const payload = c.payload ? await c.payload() : {};
    const { data, counts: n } = await call<{ _id: string; code: string | null }>(local, c.as, c.action, payload);
    if (c.action === 'createActivity') ({ _id: activityId, code: code = '' } = { _id: data._id, code: data.code ?? '' });
    if (c.action === 'createItem') itemId = data._id;
    if (c.action === 'redeem') redemption = { _id: data._id, code: data.code ?? '' };
    rows.push(budgetRow(failures, `points.${c.action}`, `points.${c.action}`, n, c.budget, c.note));
  }
  const roundTrips = table(budgetHead('why'), rows);
  return roundTrips + '\n\n' + (await atVolume(local, failures, month, year));
}

const ENTRIES = 20_000;
const EARNERS = 2_000;

/**
 * The ledger grown to 20,000 entries (2,000 people of 东街 and 县人社局, 张伟 among them with
 * thousands of his own), written straight into the store with matching tallies: the member's
 * page, the leaderboards and the profile must make the same number of reads as before.
 */
async function atVolume(local: LocalCloud, failures: string[], month: string, year: string): Promise<string> {
  const cases: [string, string, Record<string, unknown>][] = [
    [MEMBER, 'account', {}],
    [MEMBER, 'leaderboard', { scope: 'community', id: 'c-dongjie', period: month }],
    [MEMBER, 'leaderboard', { scope: 'unit', id: 'unit-renshe', period: year }],
    [LIAISON, 'memberProfile', { openid: MEMBER }],
    [MEMBER, 'ledger', { page: 50, pageSize: 20 }],
  ];
  const before = new Map<string, number>();
  for (const [as, action, payload] of cases) before.set(action + JSON.stringify(payload), (await call(local, as, action, payload)).counts.read);

  const now = new Date();
  const p = periodsOf(now);
  const tallies = new Map<string, Record<string, { name: string; points: number; hours: number }>>();
  const docs = Array.from({ length: ENTRIES }, (_x, i) => {
    const openid = i % 4 === 0 ? MEMBER : `bench-earner-${i % EARNERS}`;
    const entry = {
      _id: `bench_entry_${i}`, openid, name: openid === MEMBER ? '张伟' : `志愿者${i % EARNERS}`, points: 10, requestedPoints: 10, hours: 1,
      source: { type: 'activity', id: `bench-activity-${i % 500}`, label: '志愿活动' }, reason: '志愿服务 1 小时', actor: STAFF, actorName: '周芳',
      communityId: 'c-dongjie', unitId: 'unit-renshe', reverses: null, at: new Date(now.getTime() - (ENTRIES - i) * 60_000), ...p,
    };
    for (const key of [`community_c-dongjie_${p.month}`, `community_c-dongjie_${p.year}`, `unit_unit-renshe_${p.month}`, `unit_unit-renshe_${p.year}`]) {
      const people = tallies.get(key) ?? {};
      const row = people[openid] ?? { name: entry.name, points: 0, hours: 0 };
      people[openid] = { ...row, points: row.points + 10, hours: row.hours + 1 };
      tallies.set(key, people);
    }
    return { coll: 'pointLedger', id: entry._id, doc: entry };
  });
  local.db.store.commit(docs as never); // setup only: straight into the store, not measured
  // The tallies are merged into the documents the ledger keeps (setup, outside the measurement).
  await local.invoke(
    {
      main: async () => {
        for (const [key, people] of tallies) {
          const have = (await db.collection('pointTallies').doc(key).get<{ people: Record<string, { name: string; points: number; hours: number }> }>()).data;
          const merged = { ...(have?.people ?? {}) };
          for (const [o, r] of Object.entries(people)) merged[o] = { name: r.name, points: (merged[o]?.points ?? 0) + r.points, hours: (merged[o]?.hours ?? 0) + r.hours };
          const [scope, ...rest] = key.split('_');
          const period = rest.pop()!;
          await db.collection('pointTallies').doc(key).set({ data: { scope, id: rest.join('_'), period, people: merged } });
        }
      },
    },
    {},
    'bench',
  );

  const rows: Cell[][] = [];
  for (const [as, action, payload] of cases) {
    const { last: reads, median } = await timed(15, async () => (await call(local, as, action, payload)).counts.read);
    const was = before.get(action + JSON.stringify(payload))!;
    if (reads !== was) failures.push(`points.${action} reads grew with the ledger: ${was} → ${reads}`);
    rows.push([`points.${action} ${JSON.stringify(payload)}`, was, reads, `${median.toFixed(1)} ms`]);
  }
  return (
    `The ledger grown by ${ENTRIES.toLocaleString('en')} entries (${EARNERS.toLocaleString('en')} people; 张伟 ${(ENTRIES / 4).toLocaleString('en')} of them): ` +
    'the same reads as on the demo data — the account and the boards are maintained documents, never a scan of the ledger ' +
    '(the history is one indexed page):\n\n' +
    table(['action', 'reads (demo ledger)', `reads (+${ENTRIES.toLocaleString('en')} entries)`, 'median time (local cloud)'], rows)
  );
}
