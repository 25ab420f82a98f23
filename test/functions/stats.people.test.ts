/**
 * The dashboards' 党员 and 敲门 figures against hand computations: service hours against the
 * yearly target by unit, points earned and redeemed by community and unit (month and year),
 * 双报到 by unit and month — on ledger entries and check-ins of October and November 2025 across
 * three communities and two units — and 敲门 coverage by community and visitor (October 2026,
 * the clock moved with fake timers). Drill-downs list exactly what a figure counts; a community's
 * staff never see another community's figures.
 */
import { recordCheckIn } from '../../cloudfunctions/points/checkins';
import { db } from '../../cloudfunctions/lib/cloud';
import { postEntry } from '../../cloudfunctions/lib/ledger';
import { foldPending } from '../../cloudfunctions/lib/tallies';
import type { LedgerSourceType } from '../../types/points';
import type { User } from '../../types/domain';
import type { CoverageDashboard, HoursRow, MemberDashboard, PointsDrillPage, PointsFigureKey, PointsRow } from '../../types/stats';
import { PENDING } from '../../cloudfunctions/lib/tallies';
import { FIELDS } from './visits.fixtures';
import { fund, item } from './points.fixtures';
import { openHarness, PEOPLE, type Harness } from './harness';

let h: Harness;

const ZHANG = PEOPLE.member; // 县人社局, lives in 东街
const CHEN = 'demo-member-chen'; // 县人社局, lives in 西门
const LIU = PEOPLE.memberWeijian; // 县卫健局, lives in 东街
const ZHAO = 'demo-liaison-renshe'; // 县人社局, lives in 南山 — no hours at all
const SUN = 'demo-liaison-weijian'; // 县卫健局, lives in 西门

const cst = (s: string) => new Date(`${s}+08:00`);
const HOME: Record<string, [string, string | null]> = {
  [PEOPLE.resident]: ['c-dongjie', null], // 王: a resident who volunteers, no unit
  [ZHANG]: ['c-dongjie', 'unit-renshe'],
  [CHEN]: ['c-ximen', 'unit-renshe'],
  [LIU]: ['c-dongjie', 'unit-weijian'],
  [SUN]: ['c-ximen', 'unit-weijian'],
};

let seq = 0;
/** One ledger entry at `at`, as its source writes it (service: where earned; redeem/refund: no community, the person's home). */
async function entry(openid: string, at: string, type: LedgerSourceType, points: number, hours = 0, communityId: string | null = null) {
  seq += 1;
  const [homeCommunity, homeUnit] = HOME[openid];
  const earning = type !== 'redeem' && type !== 'refund';
  await h.local.invoke(
    {
      main: () =>
        postEntry(
          {
            key: `${type}_fixture_${seq}_${openid}`,
            openid,
            name: openid,
            points,
            hours,
            source: { type, id: `fixture_${seq}`, label: '测试' },
            reason: '测试',
            actor: 'test',
            actorName: '测试',
            communityId: earning ? communityId : null,
            unitId: earning ? homeUnit : null,
            home: { communityId: homeCommunity, unitId: homeUnit },
          },
          cst(at),
        ),
    },
    {},
    'test',
  );
}

async function checkIn(openid: string, at: string) {
  await h.local.invoke(
    {
      main: async () => {
        const user = (await db.collection('users').doc(openid).get<User>()).data!;
        return recordCheckIn(user, cst(at), '');
      },
    },
    {},
    openid,
  );
}

beforeAll(async () => {
  h = await openHarness();
  // Hours (service, 5 points an hour, under the daily cap) where the work was done.
  await entry(ZHANG, '2025-10-08T10:00:00', 'service', 60, 12, 'c-dongjie');
  await entry(CHEN, '2025-10-09T10:00:00', 'service', 25, 5, 'c-ximen');
  await entry(SUN, '2025-10-10T10:00:00', 'service', 95, 19, 'c-ximen');
  await entry(ZHANG, '2025-11-03T10:00:00', 'service', 45, 9, 'c-ximen');
  await entry(LIU, '2025-11-04T10:00:00', 'service', 100, 20, 'c-dongjie');
  // 双报到 (5 points each, at home).
  await checkIn(ZHANG, '2025-10-02T09:00:00');
  await checkIn(CHEN, '2025-10-02T09:30:00');
  await checkIn(SUN, '2025-10-03T09:00:00');
  await checkIn(ZHANG, '2025-11-01T09:00:00');
  await checkIn(LIU, '2025-11-02T09:00:00');
  // Redemptions and a refund, on the home community and unit.
  await entry(CHEN, '2025-10-20T10:00:00', 'redeem', -20);
  await entry(ZHANG, '2025-11-10T10:00:00', 'redeem', -30);
  await entry(ZHANG, '2025-11-12T10:00:00', 'refund', 10);
  // Whatever a post could not fold, the timer folds.
  await h.local.invoke({ main: () => foldPending() }, {}, 'test');
}, 120_000);
afterAll(() => {
  jest.useRealTimers();
  h.close();
});

const members = (as: string, scope: MemberDashboard['scope'], period: string, id?: string) =>
  h.ok(as, 'stats', 'members', { scope, period, ...(id ? { id } : {}) }) as Promise<MemberDashboard>;
const hoursOf = (rows: HoursRow[], unitId: string) => {
  const r = rows.find((x) => x.unitId === unitId)!;
  return { members: r.members, atTarget: r.atTarget, behind: r.behind, hours: r.hours, rate: r.rate };
};
const pointsOf = (rows: PointsRow[], id: string) => {
  const { earnedMonth, redeemedMonth, earnedYear, redeemedYear } = rows.find((x) => x.id === id)!;
  return { earnedMonth, redeemedMonth, earnedYear, redeemedYear };
};

test('hours against the yearly target (the point rules, 20 h): by unit, as counted by hand', async () => {
  const d = await members(PEOPLE.admin, 'county', '2025');
  expect(d.hourTarget).toBe(20);
  // 人社局: 张伟 12 + 9 = 21 ≥ 20; 陈静 5; 赵敏 0. 卫健局: 刘洋 20 (= target counts); 孙磊 19.
  expect(hoursOf(d.hours, 'unit-renshe')).toEqual({ members: 3, atTarget: 1, behind: 2, hours: 26, rate: 0.333 });
  expect(hoursOf(d.hours, 'unit-weijian')).toEqual({ members: 2, atTarget: 1, behind: 1, hours: 39, rate: 0.5 });
  expect(hoursOf(d.hours, 'unit-zhujian')).toEqual({ members: 0, atTarget: 0, behind: 0, hours: 0, rate: null });
  expect(d.hoursTotal).toEqual({ members: 5, atTarget: 2, behind: 3, hours: 65, rate: 0.4 });
  // Lowest first; units with nobody to count last.
  expect(d.hours.map((r) => r.unitId).slice(0, 2)).toEqual(['unit-renshe', 'unit-weijian']);

  // Who is behind: exactly those the figure counts, fewest hours first.
  const behind = await h.ok(PEOPLE.admin, 'stats', 'memberItems', { scope: 'county', period: '2025', figure: 'behind' });
  expect(behind.items.map((m) => [m.openid, m.hours])).toEqual([[ZHAO, 0], [CHEN, 5], [SUN, 19]]);
  expect(behind.total).toBe(d.hoursTotal.behind);
  const renshe = await h.ok(PEOPLE.admin, 'stats', 'memberItems', { scope: 'county', period: '2025', figure: 'behind', unitId: 'unit-renshe' });
  expect(renshe.items.map((m) => m.openid)).toEqual([ZHAO, CHEN]);
  const met = await h.ok(PEOPLE.admin, 'stats', 'memberItems', { scope: 'county', period: '2025', figure: 'atTarget' });
  expect(met.items.map((m) => m.openid).sort()).toEqual([LIU, ZHANG].sort());

  // The target is configuration: at 21 h 刘洋 falls behind.
  await h.ok(PEOPLE.admin, 'points', 'setRules', { yearlyHourTarget: 21 });
  const stricter = await members(PEOPLE.admin, 'county', '2025');
  expect(stricter.hourTarget).toBe(21);
  expect(hoursOf(stricter.hours, 'unit-weijian')).toMatchObject({ atTarget: 0, behind: 2 });
  await h.ok(PEOPLE.admin, 'points', 'setRules', { yearlyHourTarget: 20 });
});

test('points earned (where earned) and redeemed (at home) by community and unit, month and year', async () => {
  const oct = await members(PEOPLE.admin, 'county', '2025-10');
  // 东街 Oct: 张伟 60 + his 双报到 5; Nov: 刘洋 100 + 双报到 张伟 5, 刘洋 5. Redeemed (张伟's home): Nov 30 − 10 refunded.
  expect(pointsOf(oct.points, 'c-dongjie')).toEqual({ earnedMonth: 65, redeemedMonth: 0, earnedYear: 175, redeemedYear: 20 });
  // 西门 Oct: 陈静 25 + 孙磊 95 + 双报到 5 + 5; Nov: 张伟's 45 earned there. Redeemed: 陈静 20 in Oct.
  expect(pointsOf(oct.points, 'c-ximen')).toEqual({ earnedMonth: 130, redeemedMonth: 20, earnedYear: 175, redeemedYear: 20 });
  expect(pointsOf(oct.points, 'c-nanshan')).toEqual({ earnedMonth: 0, redeemedMonth: 0, earnedYear: 0, redeemedYear: 0 });
  // 人社局 Oct: 60 + 25 + 5 + 5, Nov: 45 + 5; redeemed 20 (Oct), 20 (Nov). 卫健局 Oct: 95 + 5, Nov: 100 + 5.
  expect(pointsOf(oct.points, 'unit-renshe')).toEqual({ earnedMonth: 95, redeemedMonth: 20, earnedYear: 145, redeemedYear: 40 });
  expect(pointsOf(oct.points, 'unit-weijian')).toEqual({ earnedMonth: 100, redeemedMonth: 0, earnedYear: 205, redeemedYear: 0 });
  const nov = await members(PEOPLE.admin, 'county', '2025-11');
  expect(pointsOf(nov.points, 'unit-renshe')).toMatchObject({ earnedMonth: 50, redeemedMonth: 20 });
  expect(pointsOf(nov.points, 'c-dongjie')).toMatchObject({ earnedMonth: 110, redeemedMonth: 20 });
});

test('双报到 by unit and month: members who reported ÷ members', async () => {
  const oct = await members(PEOPLE.admin, 'county', '2025-10');
  const row = (d: MemberDashboard, unitId: string) => {
    const r = d.checkIns.find((x) => x.unitId === unitId)!;
    return [r.reported, r.members, r.rate];
  };
  expect(oct.month).toBe('2025-10');
  expect(row(oct, 'unit-renshe')).toEqual([2, 3, 0.667]); // 张伟, 陈静 of 3
  expect(row(oct, 'unit-weijian')).toEqual([1, 2, 0.5]); // 孙磊
  expect(oct.checkInTotal).toEqual({ month: '2025-10', members: 5, reported: 3, rate: 0.6 });
  const nov = await members(PEOPLE.admin, 'county', '2025-11');
  expect(row(nov, 'unit-renshe')).toEqual([1, 3, 0.333]);
  expect(row(nov, 'unit-weijian')).toEqual([1, 2, 0.5]);
  // The year: each month's whole-county figure.
  const year = await members(PEOPLE.admin, 'county', '2025');
  expect(year.checkInMonths.map((m) => m.reported)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 2, 0]);
  // Drill-down: who has not reported, exactly.
  const missing = await h.ok(PEOPLE.admin, 'stats', 'memberItems', { scope: 'county', period: '2025-10', figure: 'notReported', unitId: 'unit-weijian' });
  expect(missing.items.map((m) => m.openid)).toEqual([LIU]);
  const reported = await h.ok(PEOPLE.admin, 'stats', 'memberItems', { scope: 'county', period: '2025-11', figure: 'reported' });
  expect(reported.items.map((m) => m.openid).sort()).toEqual([LIU, ZHANG].sort());
});

test("a community, a town, a unit: their own members only; a community's staff never see another's", async () => {
  // 东街: 张伟 (人社局) and 刘洋 (卫健局) live there.
  const dj = await members(PEOPLE.staff, 'community', '2025-11', 'c-dongjie');
  expect(dj.hoursTotal).toEqual({ members: 2, atTarget: 2, behind: 0, hours: 41, rate: 1 });
  expect(dj.hours.map((r) => [r.unitId, r.members])).toEqual([['unit-renshe', 1], ['unit-weijian', 1]]);
  expect(dj.checkInTotal).toMatchObject({ reported: 2, members: 2 });
  expect(dj.points.map((p) => p.id)).toEqual(['c-dongjie']);
  const djBehind = await h.ok(PEOPLE.staff, 'stats', 'memberItems', { scope: 'community', id: 'c-dongjie', period: '2025', figure: 'members' });
  expect(djBehind.items.map((m) => m.openid).sort()).toEqual([LIU, ZHANG].sort());
  for (const action of ['members', 'memberItems'] as const) {
    const refused = await h.call(PEOPLE.staffXimen, 'stats', action, { scope: 'community', id: 'c-dongjie', period: '2025', ...(action === 'memberItems' ? { figure: 'behind' } : {}) } as never);
    expect(refused.ok ? 'ok' : refused.error.code).toBe('FORBIDDEN');
  }
  const county = await h.call(PEOPLE.staff, 'stats', 'members', { scope: 'county', period: '2025' });
  expect(county.ok ? 'ok' : county.error.code).toBe('FORBIDDEN');
  const town = await members('demo-town-chengguan', 'town', '2025', 'town-chengguan');
  expect(town.hoursTotal.members).toBe(5);
  expect(town.points.map((p) => p.id).sort()).toEqual(['c-dongjie', 'c-nanshan', 'c-ximen']);
  const unit = await members('demo-liaison-weijian', 'unit', '2025', 'unit-weijian');
  expect(unit.hoursTotal).toEqual({ members: 2, atTarget: 1, behind: 1, hours: 39, rate: 0.5 });
  expect(unit.points).toEqual([{ scope: 'unit', id: 'unit-weijian', name: '县卫健局', earnedMonth: 0, redeemedMonth: 0, earnedYear: 205, redeemedYear: 0 }]);
  const other = await h.call('demo-liaison-weijian', 'stats', 'members', { scope: 'unit', id: 'unit-renshe', period: '2025' });
  expect(other.ok ? 'ok' : other.error.code).toBe('FORBIDDEN');
});

test('reads: names, rules, the roster and the tallies — never the ledger; no writes', async () => {
  const reads = async (as: string, action: string, payload: Record<string, unknown>) => {
    const { result, counts } = await h.raw(as, 'stats', { action, ...payload });
    expect(result.ok).toBe(true);
    expect(counts.write).toBe(0);
    if (process.env.SHOW_READS) console.log(action, payload.scope, counts.read);
    return counts.read;
  };
  await expect(reads(PEOPLE.admin, 'members', { scope: 'county', period: '2025' })).resolves.toBeLessThanOrEqual(6);
  await expect(reads(PEOPLE.staff, 'members', { scope: 'community', id: 'c-dongjie', period: '2025' })).resolves.toBeLessThanOrEqual(6);
  await expect(reads('demo-liaison-weijian', 'members', { scope: 'unit', id: 'unit-weijian', period: '2025-10' })).resolves.toBeLessThanOrEqual(5);
});

test('the books agree: reconcile recomputes the tallies’ points, hours and 双报到 from the ledger', async () => {
  const report = await h.ok(PEOPLE.admin, 'points', 'reconcile', {});
  expect(report.differences).toEqual([]);
});

test('a redemption writes one document more (its 已兑换 increment), folded later by the timer', async () => {
  await fund(h, LIU, 50);
  const it = await item(h, { cost: 10 });
  const { result, counts } = await h.raw(LIU, 'points', { action: 'redeem', itemId: it._id });
  expect(result.ok).toBe(true);
  // Stock, entry, account, redemption — and the pending increment, in the same transaction.
  expect(counts.write).toBe(5);
  await h.local.invoke({ main: () => foldPending() }, {}, 'test');
  const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
  const d = await members(PEOPLE.admin, 'county', month);
  expect(d.points.find((p) => p.id === 'c-dongjie')!.redeemedMonth).toBe(10);
  expect(d.points.find((p) => p.id === 'unit-weijian')!.redeemedMonth).toBe(10);
  expect((await h.ok(PEOPLE.admin, 'points', 'reconcile', {})).differences).toEqual([]);
});

/** Every page of a 志愿积分 figure's people, two at a time. */
async function pointPeople(as: string, scope: 'community' | 'unit', id: string, period: string, figure: PointsFigureKey) {
  const pages: PointsDrillPage[] = [];
  for (let page = 1; ; page++) {
    const p = (await h.ok(as, 'stats', 'pointItems', { scope, id, period, figure, page, pageSize: 2 })) as PointsDrillPage;
    pages.push(p);
    if (page * p.pageSize >= p.total) break;
  }
  const items = pages.flatMap((p) => p.items);
  return { items, sum: pages[0].sum, total: pages[0].total, listed: items.reduce((s, p) => s + p.points, 0) };
}

test('志愿积分 drill-down: each figure lists the people behind it, highest first, and adds up to it', async () => {
  const oct = await members(PEOPLE.admin, 'county', '2025-10');
  // 西门 Oct earned: 孙磊 95 + 5, 陈静 25 + 5 (by hand); redeemed: 陈静 20.
  const ximen = await pointPeople(PEOPLE.admin, 'community', 'c-ximen', '2025-10', 'earned');
  expect(ximen.items.map((p) => [p.openid, p.points, p.member])).toEqual([[SUN, 100, true], [CHEN, 30, true]]);
  expect((await pointPeople(PEOPLE.admin, 'community', 'c-ximen', '2025-10', 'redeemed')).items.map((p) => [p.openid, p.points])).toEqual([[CHEN, 20]]);
  // 东街's year redeemed: 张伟 30 − 10 refunded, 刘洋 none (his redemption is this year's).
  const djYear = await pointPeople(PEOPLE.admin, 'community', 'c-dongjie', '2025', 'redeemed');
  expect(djYear.items.map((p) => [p.openid, p.points])).toEqual([[ZHANG, 20]]);
  // Every figure of every row, month and year: the list is the figure.
  for (const row of oct.points) {
    for (const [period, figure, value] of [
      [oct.month, 'earned', row.earnedMonth],
      [oct.month, 'redeemed', row.redeemedMonth],
      [oct.year, 'earned', row.earnedYear],
      [oct.year, 'redeemed', row.redeemedYear],
    ] as const) {
      const list = await pointPeople(PEOPLE.admin, row.scope, row.id, period, figure);
      expect([row.id, period, figure, list.listed, list.sum]).toEqual([row.id, period, figure, value, value]);
      expect(list.items.length).toBe(list.total);
      const shares = list.items.map((p) => p.points);
      expect(shares).toEqual([...shares].sort((a, b) => b - a));
    }
  }
  // A resident who volunteers counts in the community's figure, and is listed, as not a member.
  await entry(PEOPLE.resident, '2025-12-06T10:00:00', 'activity', 30, 3, 'c-dongjie');
  await h.local.invoke({ main: () => foldPending() }, {}, 'test');
  const dec = await members(PEOPLE.staff, 'community', '2025-12', 'c-dongjie');
  const resident = await pointPeople(PEOPLE.staff, 'community', 'c-dongjie', '2025-12', 'earned');
  expect(resident.items.map((p) => [p.openid, p.points, p.hours, p.member])).toEqual([[PEOPLE.resident, 30, 3, false]]);
  expect(resident.sum).toBe(dec.points[0].earnedMonth);
  // Whose may see it: as the dashboards (a community's staff not another's; a liaison their own unit).
  const refused = await h.call(PEOPLE.staffXimen, 'stats', 'pointItems', { scope: 'community', id: 'c-dongjie', period: '2025', figure: 'earned' });
  expect(refused.ok ? 'ok' : refused.error.code).toBe('FORBIDDEN');
  const otherUnit = await h.call('demo-liaison-weijian', 'stats', 'pointItems', { scope: 'unit', id: 'unit-renshe', period: '2025', figure: 'earned' });
  expect(otherUnit.ok ? 'ok' : otherUnit.error.code).toBe('FORBIDDEN');
  const town = await h.ok('demo-town-chengguan', 'stats', 'pointItems', { scope: 'community', id: 'c-ximen', period: '2025-10', figure: 'earned' });
  expect(town.sum).toBe(130);
  // Reads: the caller, the one tally, whether the page's people are members (a town official: the community first).
  for (const [as, payload, most] of [
    [PEOPLE.admin, { scope: 'unit', id: 'unit-renshe', period: '2025' }, 3],
    ['demo-town-chengguan', { scope: 'community', id: 'c-ximen', period: '2025-10' }, 4],
  ] as const) {
    const { result, counts } = await h.raw(as, 'stats', { action: 'pointItems', figure: 'earned', ...payload });
    expect(result.ok).toBe(true);
    expect([counts.read <= most, counts.write]).toEqual([true, 0]);
  }
});

test('a member who changes unit keeps the year’s hours: all of them count under the new unit', async () => {
  // 陈静 served 5 h in October under 人社局; she moves to 卫健局 (the admin grants her membership there and revokes the old one) and serves 16 h more.
  await h.ok(PEOPLE.admin, 'org', 'grantRole', { openid: CHEN, role: 'member', unitId: 'unit-weijian' });
  await h.ok(PEOPLE.admin, 'org', 'revokeRole', { openid: CHEN, role: 'member', unitId: 'unit-renshe' });
  expect((await db.collection('users').doc(CHEN).get<User>()).data!.unitId).toBe('unit-weijian');
  HOME[CHEN] = ['c-ximen', 'unit-weijian'];
  await entry(CHEN, '2025-12-08T10:00:00', 'service', 80, 16, 'c-ximen');
  await h.local.invoke({ main: () => foldPending() }, {}, 'test');

  const d = await members(PEOPLE.admin, 'county', '2025');
  // 卫健局: 刘洋 20, 孙磊 19, 陈静 5 + 16 = 21 (at target). 人社局: 张伟 21, 赵敏 0.
  expect(hoursOf(d.hours, 'unit-weijian')).toEqual({ members: 3, atTarget: 2, behind: 1, hours: 60, rate: 0.667 });
  expect(hoursOf(d.hours, 'unit-renshe')).toEqual({ members: 2, atTarget: 1, behind: 1, hours: 21, rate: 0.5 });
  expect(d.hoursTotal).toEqual({ members: 5, atTarget: 3, behind: 2, hours: 81, rate: 0.6 });
  const met = await h.ok(PEOPLE.admin, 'stats', 'memberItems', { scope: 'county', period: '2025', figure: 'atTarget', unitId: 'unit-weijian' });
  expect(met.items.map((m) => [m.openid, m.hours])).toEqual([[LIU, 20], [CHEN, 21]]);
  // The unit's own dashboard and 名单, and her community's.
  const unit = await members('demo-liaison-weijian', 'unit', '2025', 'unit-weijian');
  expect(unit.hoursTotal).toEqual({ members: 3, atTarget: 2, behind: 1, hours: 60, rate: 0.667 });
  const all = await h.ok('demo-liaison-weijian', 'stats', 'memberItems', { scope: 'unit', id: 'unit-weijian', period: '2025', figure: 'members' });
  expect(all.items.find((m) => m.openid === CHEN)).toMatchObject({ unitId: 'unit-weijian', hours: 21 });
  const ximen = await members(PEOPLE.staffXimen, 'community', '2025', 'c-ximen');
  expect(hoursOf(ximen.hours, 'unit-weijian')).toMatchObject({ members: 2, atTarget: 1, hours: 40 });
  // Points stay where they were earned: the old unit keeps October's, the new one has December's.
  expect(pointsOf(d.points, 'unit-renshe').earnedYear).toBe(145);
  expect(pointsOf(d.points, 'unit-weijian').earnedYear).toBe(205 + 80);
  expect((await h.ok(PEOPLE.admin, 'points', 'reconcile', {})).differences).toEqual([]);
});

test('reconcile rechecks 已兑换 from the home each redemption records; older redemptions without it are counted, not guessed', async () => {
  const tally = (key: string) => h.local.db.store.all('pointTallies').find((t) => t._id === key) as { _id: string; people: Record<string, { redeemed?: number }> };
  const set = (key: string, openid: string, redeemed: number) => {
    const doc = structuredClone(tally(key));
    doc.people[openid].redeemed = redeemed;
    h.local.db.store.commit([{ coll: 'pointTallies', id: key, doc }]);
  };
  // Each redemption's entry says where its 已兑换 counts.
  const ledger = () => h.local.db.store.all('pointLedger') as { _id: string; openid: string; source: { type: string }; home?: unknown }[];
  const chenRedeem = ledger().find((e) => e.openid === CHEN && e.source.type === 'redeem')!;
  expect(chenRedeem.home).toEqual({ communityId: 'c-ximen', unitId: 'unit-renshe' });
  expect(ledger().filter((e) => e.source.type !== 'redeem' && e.source.type !== 'refund' && 'home' in e)).toEqual([]);

  // A wrong 已兑换 is found, with the figure the ledger gives.
  set('unit_unit-renshe_2025-10', CHEN, 25);
  let report = await h.ok(PEOPLE.admin, 'points', 'reconcile', {});
  expect(report.differences).toEqual([{ kind: 'tally', key: `unit_unit-renshe_2025-10/${CHEN}`, field: 'redeemed', cached: 25, computed: 20 }]);
  expect(report.redemptionsWithoutHome).toBe(0);
  // Put right (as the ledger says), the books agree again.
  set('unit_unit-renshe_2025-10', CHEN, 20);
  expect((await h.ok(PEOPLE.admin, 'points', 'reconcile', {})).differences).toEqual([]);
  // A row lost altogether is found too: 已兑换 the ledger owes a tally that has no such row.
  const dj = structuredClone(tally('community_c-dongjie_2025-11'));
  const zhang = dj.people[ZHANG];
  delete (zhang as { redeemed?: number }).redeemed;
  h.local.db.store.commit([{ coll: 'pointTallies', id: dj._id, doc: dj }]);
  report = await h.ok(PEOPLE.admin, 'points', 'reconcile', {});
  expect(report.differences).toEqual([{ kind: 'tally', key: `community_c-dongjie_2025-11/${ZHANG}`, field: 'redeemed', cached: 0, computed: 20 }]);
  set('community_c-dongjie_2025-11', ZHANG, 20);

  // An older redemption, written before entries recorded the home: counted, and that person's 已兑换
  // in its month and year left unchecked — the rest still checked.
  const { home: _home, ...old } = structuredClone(chenRedeem);
  h.local.db.store.commit([{ coll: 'pointLedger', id: chenRedeem._id, doc: old }]);
  set('community_c-ximen_2025-10', CHEN, 99);
  set('community_c-dongjie_2025-11', ZHANG, 21);
  report = await h.ok(PEOPLE.admin, 'points', 'reconcile', {});
  expect(report.redemptionsWithoutHome).toBe(1);
  expect(report.differences).toEqual([{ kind: 'tally', key: `community_c-dongjie_2025-11/${ZHANG}`, field: 'redeemed', cached: 21, computed: 20 }]);
  h.local.db.store.commit([{ coll: 'pointLedger', id: chenRedeem._id, doc: chenRedeem }]);
  set('community_c-ximen_2025-10', CHEN, 20);
  set('community_c-dongjie_2025-11', ZHANG, 20);
  expect(await h.ok(PEOPLE.admin, 'points', 'reconcile', {})).toMatchObject({ redemptionsWithoutHome: 0, differences: [] });
  expect(h.local.db.store.all(PENDING)).toEqual([]);
});

// ---- 敲门 coverage ---------------------------------------------------------------------------

const NOT_DATE = [
  'hrtime', 'nextTick', 'performance', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame',
  'requestIdleCallback', 'cancelIdleCallback', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval',
  'setTimeout', 'clearTimeout',
] as const;
const at = (s: string) => jest.useFakeTimers({ now: cst(s), doNotFake: [...NOT_DATE] });
const contact = { method: 'door', outcome: 'contact', wellbeing: 'good' } as const;

const D = { a: 'h-xingfu-1-101', b: 'h-xingfu-1-102', c: 'h-xingfu-1-201' };
const X = { x1: 'h-ximenhuayuan-2-101', x2: 'h-ximenhuayuan-2-102', x3: 'h-ximenhuayuan-2-201' };

test('敲门 coverage by community and by visitor against 100 %, with the overdue households', async () => {
  at('2026-10-01T09:00:00');
  const mark = async (staff: string, id: string, careLevel: 'weekly' | 'monthly', visitors: string[]) => {
    await h.ok(staff, 'visits', 'markKey', { householdId: id, ...FIELDS, careLevel });
    for (const v of visitors) await h.ok(staff, 'visits', 'pair', { householdId: id, visitorOpenid: v });
  };
  await mark(PEOPLE.staff, D.a, 'weekly', [ZHANG]);
  await mark(PEOPLE.staff, D.b, 'monthly', [ZHANG, LIU]);
  await mark(PEOPLE.staff, D.c, 'weekly', [LIU]);
  await mark(PEOPLE.staffXimen, X.x1, 'weekly', [CHEN]);
  await mark(PEOPLE.staffXimen, X.x2, 'monthly', [SUN]);
  await mark(PEOPLE.staffXimen, X.x3, 'weekly', []);
  at('2026-10-05T10:00:00'); // b (monthly): on time
  await h.ok(LIU, 'visits', 'recordVisit', { householdId: D.b, ...contact });
  at('2026-10-06T10:00:00'); // a (weekly, due by 8 Oct): on time
  await h.ok(ZHANG, 'visits', 'recordVisit', { householdId: D.a, ...contact });
  at('2026-10-10T10:00:00'); // x1 (weekly, due by 8 Oct): late — visited, not covered
  await h.ok(CHEN, 'visits', 'recordVisit', { householdId: X.x1, ...contact });
  at('2026-10-11T10:00:00'); // x2: 敲门未遇, an attempt only
  await h.ok(SUN, 'visits', 'recordVisit', { householdId: X.x2, method: 'door', outcome: 'noContact' });

  at('2026-10-12T10:00:00'); // c and x3 (weekly, never visited) are past 8 Oct; the rest are within their windows.
  const d = (await h.ok(PEOPLE.admin, 'stats', 'coverage', { scope: 'county', month: '2026-10' })) as CoverageDashboard;
  const rows = (r: CoverageDashboard['communities']) => r.map((c) => [c.id, c.keyHouseholds, c.covered, c.rate, c.overdue]);
  expect(rows(d.communities)).toEqual([
    ['c-ximen', 3, 0, 0, 1],
    ['c-dongjie', 3, 2, 0.667, 1],
    ['c-nanshan', 0, 0, null, 0],
  ]);
  expect(d.total).toEqual({ keyHouseholds: 6, covered: 2, rate: 0.333, overdue: 2 });
  // Visitors: 张伟 a, b both covered; 刘洋 b covered, c overdue; 陈静 x1 late; 孙磊 x2 not reached.
  expect(rows(d.visitors)).toEqual([
    [CHEN, 1, 0, 0, 0],
    [SUN, 1, 0, 0, 0],
    [LIU, 2, 1, 0.5, 1],
    [ZHANG, 2, 2, 1, 0],
  ]);
  // The same figures as the visits function's own coverage of one community.
  const own = await h.ok(PEOPLE.staff, 'visits', 'coverage', { communityId: 'c-dongjie', month: '2026-10' });
  expect([own.keyHouseholds, own.coveredHouseholds, own.overdueNow]).toEqual([3, 2, 1]);

  // The community's staff: their own only, with the overdue household's address; the county without it.
  const dj = (await h.ok(PEOPLE.staff, 'stats', 'coverage', { scope: 'community', id: 'c-dongjie', month: '2026-10' })) as CoverageDashboard;
  expect(rows(dj.communities)).toEqual([['c-dongjie', 3, 2, 0.667, 1]]);
  expect(dj.visitors.map((v) => v.id).sort()).toEqual([LIU, ZHANG].sort());
  const overdue = await h.ok(PEOPLE.staff, 'stats', 'overdue', { communityId: 'c-dongjie' });
  expect(overdue.items.map((x) => x._id)).toEqual([D.c]);
  expect(overdue.total).toBe(1);
  expect(overdue.items[0]).toMatchObject({ visitorNames: ['刘洋'], contactName: FIELDS.contactName });
  expect(overdue.items[0].address).toBeTruthy();
  const asCounty = await h.ok(PEOPLE.admin, 'stats', 'overdue', { communityId: 'c-dongjie' });
  expect(asCounty.items.map((x) => [x._id, x.address, x.contactName])).toEqual([[D.c, null, null]]);
  for (const [action, payload] of [
    ['coverage', { scope: 'community', id: 'c-dongjie', month: '2026-10' }],
    ['overdue', { communityId: 'c-dongjie' }],
    ['coverage', { scope: 'county', month: '2026-10' }],
  ] as const) {
    const refused = await h.call(PEOPLE.staffXimen, 'stats', action, payload as never);
    expect(refused.ok ? 'ok' : refused.error.code).toBe('FORBIDDEN');
  }
  const town = (await h.ok('demo-town-chengguan', 'stats', 'coverage', { scope: 'town', id: 'town-chengguan', month: '2026-10' })) as CoverageDashboard;
  expect(town.total).toEqual(d.total);
  // Reads: the caller, the names, the month's coverage documents and the active households — never the visits.
  for (const [as, payload, most] of [
    [PEOPLE.admin, { scope: 'county', month: '2026-10' }, 4],
    [PEOPLE.staff, { scope: 'community', id: 'c-dongjie', month: '2026-10' }, 4],
    [PEOPLE.staff, { communityId: 'c-dongjie' }, 3],
  ] as const) {
    const { result, counts } = await h.raw(as, 'stats', { action: 'communityId' in payload ? 'overdue' : 'coverage', ...payload });
    expect(result.ok).toBe(true);
    expect([counts.read <= most, counts.write]).toEqual([true, 0]);
  }
  jest.useRealTimers();
});
