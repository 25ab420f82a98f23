/** The 党员 figures' pure parts: a member's hours from their own year total, and the people behind a 志愿积分 figure. */
import { redeemedKeys } from '../../cloudfunctions/core/points';
import { hoursRows, memberFigures, pointPeople, pointsRow, tallyKey, type RosterMember, type TallyDoc } from '../../cloudfunctions/core/stats-people';

const doc = (_id: string, people: TallyDoc['people']): TallyDoc => ({ _id, people });

test('a member’s hours are their own year total, counted under the unit they are in now', () => {
  // 陈静 earned 5 h under 人社局 (its tally says so) and 16 h under 卫健局, where she is now.
  const tallies = new Map([
    [tallyKey('unit', 'A', '2025'), doc('unit_A_2025', { chen: { name: '陈静', points: 25, hours: 5 } })],
    [tallyKey('unit', 'B', '2025'), doc('unit_B_2025', { chen: { name: '陈静', points: 80, hours: 16 } })],
  ]);
  const roster: RosterMember[] = [
    { _id: 'chen', name: '陈静', unitId: 'B', communityId: 'c', hours: 21 },
    { _id: 'zhao', name: '赵敏', unitId: 'A', communityId: 'c', hours: 0 },
  ];
  const people = memberFigures(roster, tallies, []);
  expect(people.map((m) => [m.openid, m.unitId, m.hours])).toEqual([['chen', 'B', 21], ['zhao', 'A', 0]]);
  const { rows, total } = hoursRows(people, [{ _id: 'A', name: '人社局' }, { _id: 'B', name: '卫健局' }], 20);
  expect(rows.map((r) => [r.unitId, r.members, r.atTarget, r.hours])).toEqual([['A', 1, 0, 0], ['B', 1, 1, 21]]);
  expect(total).toMatchObject({ members: 2, atTarget: 1, behind: 1 });
});

test('the people behind a 志愿积分 figure: every share, highest first, adding up to the figure (negatives too)', () => {
  const t = doc('community_c_2025-11', {
    a: { name: '甲', points: 30, hours: 3, redeemed: 0 },
    b: { name: '乙', points: 0, hours: 0, redeemed: 20 },
    c: { name: '丙', points: 45, hours: 4.5 },
    d: { name: '丁', points: -5, hours: -0.5, redeemed: -10 }, // a reversal, a refund of last month's
  });
  const earned = pointPeople(t, 'earned');
  expect(earned.rows.map((p) => [p.openid, p.points, p.hours])).toEqual([['c', 45, 4.5], ['a', 30, 3], ['d', -5, -0.5]]);
  const row = pointsRow('community', 'c', '丙社区', new Map([[t._id, t]]), '2025-11', '2025');
  expect(earned.sum).toBe(row.earnedMonth);
  expect(earned.rows.reduce((s, p) => s + p.points, 0)).toBe(row.earnedMonth);
  const redeemed = pointPeople(t, 'redeemed');
  expect(redeemed.rows.map((p) => [p.openid, p.points])).toEqual([['b', 20], ['d', -10]]);
  expect(redeemed.sum).toBe(row.redeemedMonth);
  expect(pointPeople(undefined, 'earned')).toEqual({ rows: [], sum: 0 });
});

test('已兑换 counts on the home a redemption’s entry records; none without it, none for earning entries', () => {
  const at = { month: '2025-10', year: '2025' };
  expect(redeemedKeys({ ...at, source: { type: 'redeem', id: 'r', label: '' }, home: { communityId: 'c', unitId: 'u' } })).toEqual([
    'community_c_2025-10', 'community_c_2025', 'unit_u_2025-10', 'unit_u_2025',
  ]);
  expect(redeemedKeys({ ...at, source: { type: 'refund', id: 'r', label: '' }, home: { communityId: 'c', unitId: null } })).toEqual(['community_c_2025-10', 'community_c_2025']);
  expect(redeemedKeys({ ...at, source: { type: 'redeem', id: 'r', label: '' } })).toEqual([]);
  expect(redeemedKeys({ ...at, source: { type: 'service', id: 'd', label: '' }, home: { communityId: 'c', unitId: 'u' } })).toEqual([]);
});
