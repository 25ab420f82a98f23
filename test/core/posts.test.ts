/** The pure rules of posts, pledges and yearly duties, as tables: every state × event × role. */
import { DEFAULT_POINT_RULES } from '../../cloudfunctions/core/points';
import {
  allowedLogActions,
  allowedPledgeActions,
  behindFirst,
  claimPostRefusal,
  DEFAULT_DUTY_RULES,
  dutyProgress,
  dutyRulesRefusal,
  logRefusal,
  logTransition,
  pledgeTransition,
  quarterOf,
} from '../../cloudfunctions/core/posts';
import type { Actor } from '../../cloudfunctions/core/actor';
import type { RoleGrant } from '../../types/domain';
import type { Pledge, PledgeStatus, Post, PostLog, PostLogStatus } from '../../types/posts';

const NOW = new Date('2026-07-01T10:00:00+08:00');
const C = 'c-own';
const PEOPLE: Record<string, { roles: RoleGrant[]; communityId: string | null }> = {
  holder: { roles: [{ role: 'resident' }, { role: 'member', unitId: 'u1' }], communityId: C },
  neighbourMember: { roles: [{ role: 'resident' }, { role: 'member', unitId: 'u2' }], communityId: C },
  outsideMember: { roles: [{ role: 'resident' }, { role: 'member', unitId: 'u1' }], communityId: 'c-other' },
  resident: { roles: [{ role: 'resident' }], communityId: C },
  staff: { roles: [{ role: 'staff', communityId: C }], communityId: null },
  secretary: { roles: [{ role: 'secretary', communityId: C }], communityId: null },
  otherStaff: { roles: [{ role: 'staff', communityId: 'c-other' }], communityId: null },
  liaison: { roles: [{ role: 'liaison', unitId: 'u1' }], communityId: 'c-other' },
  admin: { roles: [{ role: 'admin' }], communityId: null },
};
const ROLES = Object.keys(PEOPLE);
const actor = (r: string): Actor => ({ openid: r, name: r, phone: '', roles: PEOPLE[r].roles, communityId: PEOPLE[r].communityId, unitId: null });

const post: Post = { _id: 'p1', communityId: C, communityName: '东街社区', pairedUnitIds: [], kind: 'post', name: '民情收集岗', duties: '收集民意', hoursPerYear: 20, holders: 0, createdBy: { openid: 'staff', name: 'staff' }, archived: false, createdAt: NOW };
const logIn = (status: PostLogStatus): PostLog => ({
  _id: 'l1', postId: 'p1', postName: '民情收集岗', communityId: C, openid: 'holder', name: '张伟', unitId: 'u1', home: { communityId: C, unitId: 'u1' },
  workedOn: '2026-07-01', hours: 3, note: '走访', status, decidedBy: null, returnReason: null, entryId: null, points: null, version: 1, createdAt: NOW,
});
const pledgeIn = (status: PledgeStatus): Pledge => ({
  _id: 'g1', openid: 'holder', name: '张伟', communityId: C, unitId: 'u1', year: '2026', text: '每月代购药品', status,
  fulfilment: status === 'pledged' ? null : { note: '做了', photos: ['cloud://x/a.jpg'], at: NOW },
  rating: status === 'rated' ? { grade: 'good', comment: '', by: 'secretary', byName: 's', at: NOW } : null,
  residents: { satisfied: 0, basic: 0, unsatisfied: 0 }, version: 1, createdAt: NOW,
});

test('claiming a post: members who live in its community or whose unit is paired with it, while it is open', () => {
  expect(ROLES.filter((r) => !claimPostRefusal(post, actor(r)))).toEqual(['holder', 'neighbourMember']);
  // u1 is paired with the community: its member living elsewhere may claim; its liaison (not a member) may not.
  expect(ROLES.filter((r) => !claimPostRefusal({ ...post, pairedUnitIds: ['u1'] }, actor(r)))).toEqual(['holder', 'neighbourMember', 'outsideMember']);
  expect(claimPostRefusal({ ...post, pairedUnitIds: ['u3'] }, actor('outsideMember'))).toMatchObject({ code: 'FORBIDDEN', message: '只能认领居住社区或本单位结对社区的岗位和责任区' });
  expect(claimPostRefusal({ ...post, archived: true }, actor('holder'))).toMatchObject({ code: 'INVALID_STATE' });
});

const LOG_ALLOWED: Record<PostLogStatus, string[]> = { pending: ['staff', 'secretary'], verified: [], returned: [] };
test.each(Object.keys(LOG_ALLOWED) as PostLogStatus[])('a log %s: verify and return only by its community’s staff, never the holder', (status) => {
  for (const r of ROLES) expect([r, allowedLogActions(logIn(status), actor(r))]).toEqual([r, LOG_ALLOWED[status].includes(r) ? ['verify', 'return'] : []]);
});

test('verify: the ledger entry post_<id> with hours × perServiceHour, the claim’s hours, a message; again a repeat', () => {
  const r = logTransition(logIn('pending'), { event: 'verify', rules: DEFAULT_POINT_RULES }, actor('staff'), NOW);
  expect(r).toMatchObject({
    ok: true,
    repeat: false,
    log: { status: 'verified', entryId: 'post_l1', version: 2 },
    facts: [
      { kind: 'credit', entry: { key: 'post_l1', openid: 'holder', hours: 3, points: 30, source: { type: 'post', id: 'l1' } } },
      { kind: 'claimHours', claimId: 'p1_holder', year: '2026', hours: 3 },
      { kind: 'notify', to: 'holder', template: 'postLogVerified' },
    ],
  });
  if (!r.ok) throw new Error('refused');
  expect(logTransition(r.log, { event: 'verify', rules: DEFAULT_POINT_RULES }, actor('secretary'), NOW)).toMatchObject({ ok: true, repeat: true, facts: [] });
  expect(logTransition(r.log, { event: 'return', reason: 'x' }, actor('staff'), NOW)).toMatchObject({ ok: false, code: 'INVALID_STATE' });
  expect(logTransition(logIn('pending'), { event: 'verify', rules: DEFAULT_POINT_RULES }, actor('holder'), NOW)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
});

test.each([
  ['2026-07-01', 3, null],
  ['2026-07-02', 3, 'INVALID_INPUT'],
  ['2026-04-01', 3, 'INVALID_INPUT'],
  ['2026-02-30', 3, 'INVALID_INPUT'],
  ['2026-06-30', 0, 'INVALID_INPUT'],
  ['2026-06-30', 12.5, 'INVALID_INPUT'],
  ['2026-06-30', 1.25, 'INVALID_INPUT'],
  ['2026-06-30', 0.5, null],
])('a log of %s, %p hours → %p', (day, hours, code) => {
  expect(logRefusal(day, hours, NOW)?.code ?? null).toBe(code);
});

const PLEDGE_ALLOWED: Record<PledgeStatus, Record<string, string[]>> = {
  pledged: { holder: ['fulfil'] },
  fulfilled: { staff: ['rate'], secretary: ['rate'], neighbourMember: ['residentRate'], resident: ['residentRate'] },
  rated: { staff: ['rate'], secretary: ['rate'], neighbourMember: ['residentRate'], resident: ['residentRate'] },
};
test.each(Object.keys(PLEDGE_ALLOWED) as PledgeStatus[])('a pledge %s: who may take which step', (status) => {
  for (const r of ROLES) expect([r, allowedPledgeActions(pledgeIn(status), actor(r), null)]).toEqual([r, PLEDGE_ALLOWED[status][r] ?? []]);
  expect(allowedPledgeActions(pledgeIn(status), actor('resident'), 'basic')).toEqual([]);
});

test('pledge steps: 践诺 needs a photo; 评诺 tells the member; a resident’s verdict counts once', () => {
  expect(pledgeTransition(pledgeIn('pledged'), { event: 'fulfil', note: '做了', photos: [] }, actor('holder'), NOW)).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  expect(pledgeTransition(pledgeIn('fulfilled'), { event: 'rate', grade: 'excellent', comment: '' }, actor('secretary'), NOW)).toMatchObject({
    ok: true, pledge: { status: 'rated', rating: { grade: 'excellent' } }, facts: [{ kind: 'notify', to: 'holder', template: 'pledgeRated' }],
  });
  expect(pledgeTransition(pledgeIn('rated'), { event: 'residentRate', verdict: 'basic', already: null }, actor('resident'), NOW)).toMatchObject({ ok: true, pledge: { residents: { basic: 1 } } });
  expect(pledgeTransition(pledgeIn('rated'), { event: 'residentRate', verdict: 'basic', already: 'basic' }, actor('resident'), NOW)).toMatchObject({ ok: true, repeat: true, facts: [] });
  expect(pledgeTransition(pledgeIn('rated'), { event: 'residentRate', verdict: 'satisfied', already: 'basic' }, actor('resident'), NOW)).toMatchObject({ ok: false, code: 'INVALID_STATE' });
});

test('yearly duties: done against target, behind by the share of the year gone', () => {
  const p = dutyProgress({ openid: 'holder', name: '张伟' }, '2026', { hours: 8, checkIns: 5, counts: { surveys: 1, problems: 0 } }, DEFAULT_DUTY_RULES, NOW);
  expect(p.items.map((i) => [i.field, i.done, i.target, i.met])).toEqual([
    ['serviceHours', 8, 20, false],
    ['checkIns', 5, 12, false],
    ['surveys', 1, 4, false],
    ['problems', 0, 1, false],
  ]);
  // 1 July, 49.7% of the year gone: floor(20×.497)=9 h → 8 h behind; floor(12×.497)=5 ok; floor(4×.497)=1 ok; 0 难题 ok.
  expect(p.behind).toBe(1);
  const onNewYear = dutyProgress({ openid: 'x', name: '甲' }, '2026', { hours: 0, checkIns: 0, counts: null }, DEFAULT_DUTY_RULES, new Date('2026-01-01T08:00:00+08:00'));
  expect(onNewYear.behind).toBe(0);
  const all = dutyProgress({ openid: 'y', name: '乙' }, '2026', { hours: 20, checkIns: 12, counts: { surveys: 4, problems: 1 } }, DEFAULT_DUTY_RULES, NOW);
  expect(all).toMatchObject({ met: true, behind: 0 });
  expect(behindFirst([all, p, onNewYear]).map((r) => r.openid)).toEqual(['holder', 'x', 'y']);
  expect([quarterOf(new Date('2026-01-01T00:30:00+08:00')), quarterOf(NOW), quarterOf(new Date('2026-12-31T23:00:00+08:00'))]).toEqual([1, 3, 4]);
  expect(dutyRulesRefusal({ surveys: 4 })).toBeNull();
  expect(dutyRulesRefusal({ serviceHours: 501 })).toMatchObject({ code: 'INVALID_INPUT' });
});
