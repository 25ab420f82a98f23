/**
 * The project state machine as a table: every state × every event × every role — allowed exactly
 * where the README's table says, refused otherwise with a typed code and the project unchanged;
 * `allowedActions` agrees with the transition; repeats record nothing; each step's facts.
 */
import { allowedProjectActions, PROJECT_EVENTS, PROJECT_STATES, periodRefusal, projectTransition, requestRefusal, type ProjectStepInput } from '../../cloudfunctions/core/project';
import type { Actor } from '../../cloudfunctions/core/actor';
import type { RoleGrant } from '../../types/domain';
import type { Project, ProjectEvent, ProjectStatus, Service } from '../../types/projects';

const NOW = new Date('2026-11-10T10:00:00+08:00');
const actor = (openid: string, roles: RoleGrant[]): Actor => ({ openid, name: openid, phone: '13800000000', roles, communityId: null, unitId: null });

const ROLES = {
  staff: actor('staff', [{ role: 'staff', communityId: 'c1' }]),
  otherStaff: actor('other-staff', [{ role: 'staff', communityId: 'c2' }]),
  liaison: actor('liaison', [{ role: 'liaison', unitId: 'u1' }]),
  pairedLiaison: actor('paired-liaison', [{ role: 'liaison', unitId: 'u2' }]),
  unpairedLiaison: actor('unpaired-liaison', [{ role: 'liaison', unitId: 'u9' }]),
  member: actor('member', [{ role: 'member', unitId: 'u1' }]),
  joinedMember: actor('joined', [{ role: 'member', unitId: 'u1' }]),
  otherMember: actor('other-member', [{ role: 'member', unitId: 'u9' }]),
  resident: actor('resident', [{ role: 'resident' }]),
  admin: actor('admin', [{ role: 'admin' }]),
};
type RoleName = keyof typeof ROLES;

function project(status: ProjectStatus, origin: 'need' | 'service' = status === 'requested' || status === 'declined' ? 'service' : 'need'): Project {
  const taken = !['open', 'withdrawn'].includes(status);
  return {
    _id: 'p1', origin, communityId: 'c1', communityName: '东街社区', title: '四点半学校辅导', description: '放学后作业辅导', helpWanted: '每周两次，每次两名党员',
    period: { from: '2026-11-01', to: '2026-12-31' }, year: '2026',
    unitId: taken ? 'u1' : null, unitName: taken ? '县人社局' : null, pairingId: taken ? 'u1_c1' : null, serviceId: origin === 'service' ? 's1' : null,
    pairedUnitIds: origin === 'need' ? ['u1', 'u2'] : [], pairedUnitNames: { u1: '县人社局', u2: '县卫健局' },
    publishedBy: { openid: 'staff', name: '社区' }, claim: ['active', 'completed', 'rated'].includes(status) ? { openid: 'liaison', name: 'liaison', at: NOW } : null, serviceBy: null,
    members: status === 'open' ? [] : [{ openid: 'joined', name: 'joined', at: NOW }], memberIds: status === 'open' ? [] : ['joined'],
    progress: ['active', 'completed', 'rated'].includes(status) ? [{ text: '第一次辅导', photos: [], by: 'joined', byName: 'joined', at: NOW }] : [],
    completion: ['completed', 'rated'].includes(status) ? { note: '完成', by: 'liaison', byName: 'liaison', at: NOW } : null,
    rating: status === 'rated' ? { value: 'satisfied', comment: '好', by: 'staff', byName: 'staff', at: NOW } : null,
    declineReason: null, status, timeline: [], version: 3, createdAt: NOW, updatedAt: NOW,
  };
}

const STEP: Record<ProjectEvent, ProjectStepInput> = {
  claim: { event: 'claim' },
  withdraw: { event: 'withdraw', reason: '不再需要' },
  accept: { event: 'accept' },
  decline: { event: 'decline', reason: '时间冲突' },
  join: { event: 'join' },
  progress: { event: 'progress', text: '又辅导了一次', photos: [] },
  complete: { event: 'complete', note: '本学期完成' },
  rate: { event: 'rate', value: 'satisfied', comment: '孩子们进步明显' },
};

/** Who may take each step in which state, and where it leads: the README's table. */
const ALLOWED: Partial<Record<`${ProjectStatus}.${ProjectEvent}`, [RoleName[], ProjectStatus]>> = {
  'open.claim': [['liaison', 'pairedLiaison'], 'active'],
  'open.withdraw': [['staff'], 'withdrawn'],
  'requested.accept': [['liaison'], 'active'],
  'requested.decline': [['liaison'], 'declined'],
  'active.join': [['member'], 'active'],
  'active.progress': [['liaison', 'joinedMember'], 'active'],
  'active.complete': [['liaison'], 'completed'],
  'completed.rate': [['staff'], 'rated'],
};
/** Steps already taken by this side: answered as they stand, nothing recorded. */
const REPEATS = new Set(['active.claim.liaison', 'completed.claim.liaison', 'rated.claim.liaison', 'withdrawn.withdraw.staff', 'declined.decline.liaison', 'completed.complete.liaison', 'rated.complete.liaison', 'rated.rate.staff',
  'active.join.joinedMember', 'completed.join.joinedMember', 'rated.join.joinedMember', 'declined.join.joinedMember', 'requested.join.joinedMember']);

const rows = PROJECT_STATES.flatMap((s) => PROJECT_EVENTS.flatMap((e) => (Object.keys(ROLES) as RoleName[]).map((r) => [s, e, r] as const)));

test.each(rows)('%s × %s × %s', (status, event, role) => {
  const p = project(status);
  const before = JSON.stringify(p);
  const r = projectTransition(p, STEP[event], ROLES[role], NOW);
  const rule = ALLOWED[`${status}.${event}`];
  const allowed = !!rule && rule[0].includes(role);
  expect(allowedProjectActions(p, ROLES[role]).includes(event)).toBe(allowed);
  if (REPEATS.has(`${status}.${event}.${role}`)) {
    expect(r).toMatchObject({ ok: true, repeat: true, facts: [] });
  } else if (allowed) {
    expect(r).toMatchObject({ ok: true, repeat: false });
    if (r.ok) {
      expect(r.project.status).toBe(rule[1]);
      expect(r.project.version).toBe(p.version + 1);
      expect(r.project.timeline.at(-1)).toMatchObject({ event, from: status, to: rule[1], by: ROLES[role].openid });
    }
  } else {
    expect(r.ok).toBe(false);
    if (!r.ok) expect(['FORBIDDEN', 'INVALID_STATE']).toContain(r.code);
  }
  expect(JSON.stringify(p)).toBe(before);
});

test('a claim takes the pairing, counts 认领 and tells the publisher', () => {
  const r = projectTransition(project('open'), { event: 'claim', unitId: 'u2' }, actor('l', [{ role: 'liaison', unitId: 'u1' }, { role: 'liaison', unitId: 'u2' }]), NOW);
  expect(r).toMatchObject({ ok: true, project: { unitId: 'u2', unitName: '县卫健局', pairingId: 'u2_c1', claim: { openid: 'l' } }, facts: [{ kind: 'count', field: 'claimed' }, { kind: 'notify', template: 'projectClaimed', to: 'staff' }] });
  expect(projectTransition(project('open'), { event: 'claim', unitId: 'u9' }, ROLES.liaison, NOW)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
});

test('accept, complete and rate count and notify; decline only notifies', () => {
  const facts = (s: ProjectStatus, e: ProjectEvent, who: RoleName) => { const r = projectTransition(project(s), STEP[e], ROLES[who], NOW); return r.ok ? r.facts : r; };
  expect(facts('requested', 'accept', 'liaison')).toEqual([{ kind: 'count', field: 'claimed' }, { kind: 'notify', template: 'serviceAccepted', to: 'staff' }]);
  expect(facts('requested', 'decline', 'liaison')).toEqual([{ kind: 'notify', template: 'serviceDeclined', to: 'staff' }]);
  expect(facts('active', 'complete', 'liaison')).toEqual([{ kind: 'count', field: 'completed' }, { kind: 'notify', template: 'projectCompleted', to: 'staff' }]);
  expect(facts('completed', 'rate', 'staff')).toEqual([{ kind: 'count', field: 'rated' }, { kind: 'notify', template: 'projectRated', to: 'liaison' }]);
});

test('completion needs a progress update first; a blank update is refused', () => {
  expect(projectTransition({ ...project('active'), progress: [] }, STEP.complete, ROLES.liaison, NOW)).toMatchObject({ ok: false, code: 'INVALID_STATE' });
  expect(projectTransition(project('active'), { event: 'progress', text: '  ', photos: [] }, ROLES.liaison, NOW)).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
});

test.each([
  [{ from: '2026-11-01', to: '2026-12-31' }, null],
  [{ from: '2026-11-10', to: '2026-11-10' }, null],
  [{ from: '2026-10-01', to: '2026-11-09' }, '项目周期的结束日期不能早于今天'],
  [{ from: '2026-12-01', to: '2026-11-30' }, '项目周期的开始日期不能晚于结束日期'],
  [{ from: '2026-02-30', to: '2026-12-01' }, '项目周期的日期格式不正确'],
  [{ from: '2026-11-10', to: '2028-01-01' }, '一个项目的周期最长一年'],
  [{ from: '2028-01-01', to: '2028-02-01' }, '项目要在一年之内开始'],
])('period %o → %s', (period, refusal) => {
  expect(periodRefusal(period, NOW)).toBe(refusal);
});

test('a request: staff of a paired community, a listed service', () => {
  const s: Service = { _id: 's1', unitId: 'u1', unitName: '县人社局', kind: 'service', title: '法律咨询', description: '', withdrawn: false, by: 'liaison', byName: '', createdAt: NOW };
  expect(requestRefusal(s, 'c1', true, ROLES.staff)).toBeNull();
  expect(requestRefusal(s, 'c1', false, ROLES.staff)).toMatchObject({ code: 'FORBIDDEN' });
  expect(requestRefusal(s, 'c1', true, ROLES.otherStaff)).toMatchObject({ code: 'FORBIDDEN' });
  expect(requestRefusal(s, 'c1', true, ROLES.liaison)).toMatchObject({ code: 'FORBIDDEN' });
  expect(requestRefusal({ ...s, withdrawn: true }, 'c1', true, ROLES.staff)).toMatchObject({ code: 'INVALID_STATE' });
});
