/**
 * The demand lifecycle as tables: every state × event × actor against a spec written here,
 * independently of the guards; then the effects of each transition.
 */
import { allowedActions, EVENTS, guard, isOverdue, transition, type Step } from '../../cloudfunctions/core/demand';
import type { DemandEvent, DemandStatus } from '../../types/dispatch';
import { DEFAULT_SLA } from '../../cloudfunctions/core/sla';
import { WEEKENDS_ONLY } from '../../cloudfunctions/core/workdays';
import { ACTORS, demand, HOUR, T0, type ActorName } from './demand.fixtures';

const STATES: DemandStatus[] = ['submitted', 'handling', 'dispatched', 'accepted', 'completed', 'verified', 'closed', 'declined', 'merged', 'escalated'];
const COMMUNITY_STAFF: ActorName[] = ['staff', 'gridWorker', 'secretary'];

/** Who may take which step in which state (member2 holds the one claim of an accepted demand). */
const SPEC: Record<DemandEvent, Partial<Record<DemandStatus, ActorName[]>>> = {
  handle: { submitted: COMMUNITY_STAFF },
  dispatch: { submitted: COMMUNITY_STAFF, escalated: ['secretary', 'admin'] },
  merge: { submitted: COMMUNITY_STAFF },
  decline: { submitted: COMMUNITY_STAFF },
  accept: { dispatched: ['liaison'] },
  reject: { dispatched: ['liaison'] },
  assign: { accepted: ['liaison'] },
  claim: { accepted: ['member'] },
  withdraw: { accepted: ['member2'] },
  complete: { accepted: ['member2'], handling: COMMUNITY_STAFF },
  verify: { completed: COMMUNITY_STAFF },
  sendBack: { completed: COMMUNITY_STAFF },
  rate: { verified: ['submitter'] },
  returnVisit: { closed: COMMUNITY_STAFF },
  // 吹哨: by the secretary, on an unresolved item that is urgent, overdue (see below) or came back after a second 不满意.
  escalate: { escalated: ['secretary'] },
  close: { escalated: ['secretary', 'admin'] },
  // 延期, 催办, 督办 are core/supervision.ts (test/core/supervision.test.ts): never a lifecycle step.
  extend: {},
  approveExtension: {},
  refuseExtension: {},
  urge: {},
  supervise: {},
  redispatch: {},
};

const NOW = new Date(T0.getTime() + 2 * HOUR);
const cases = STATES.flatMap((s) => EVENTS.flatMap((e) => (Object.keys(ACTORS) as ActorName[]).map((a) => [s, e, a] as const)));

test.each(cases)('%s × %s × %s', (status, event, actor) => {
  const expected = SPEC[event][status]?.includes(actor) ?? false;
  const refusal = guard(demand(status), event, ACTORS[actor], NOW);
  expect(refusal === null).toBe(expected);
  if (refusal && !expected) {
    // Outsiders are told they may not; insiders are told the state does not allow it.
    expect(['FORBIDDEN', 'INVALID_STATE']).toContain(refusal.code);
    expect(refusal.message).toMatch(/[\u4e00-\u9fa5]/);
  }
});

/**
 * A return visit recorded from a visit (Pillar 3): member (张伟) is the household's paired visitor,
 * member2 is not; the demand is about household h1. Allowed once the demand was resolved (the
 * fixtures resolve verified and closed demands), for the visitor and the community's staff.
 */
const VIA = { householdId: 'h1', visitors: [ACTORS.member.openid] };
const VIA_SPEC: Partial<Record<DemandStatus, ActorName[]>> = {
  verified: ['member', ...COMMUNITY_STAFF],
  closed: ['member', ...COMMUNITY_STAFF],
};
const viaCases = STATES.flatMap((s) => (Object.keys(ACTORS) as ActorName[]).map((a) => [s, a] as const));

test.each(viaCases)('%s × returnVisit from a visit × %s', (status, actor) => {
  const expected = VIA_SPEC[status]?.includes(actor) ?? false;
  const d = demand(status, { householdId: 'h1' });
  const refusal = guard(d, 'returnVisit', ACTORS[actor], NOW, VIA);
  expect(refusal === null).toBe(expected);
  // The transition decides with the same guard.
  const r = transition(d, { event: 'returnVisit', note: '包户上门回访，已见到本人', via: VIA }, ACTORS[actor], NOW);
  expect(r.ok).toBe(expected);
  if (refusal && !expected) {
    expect(['FORBIDDEN', 'INVALID_STATE']).toContain(refusal.code);
    expect(refusal.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(r).toEqual(refusal);
  }
});

describe('a return visit from a visit', () => {
  const note = '包户电话回访，已见到本人';
  const resolved = demand('verified', { householdId: 'h1' });

  test('is refused for a demand about another household, or none, whoever asks', () => {
    for (const actor of ['member', 'staff'] as const) {
      expect(guard(demand('verified', { householdId: 'h2' }), 'returnVisit', ACTORS[actor], NOW, VIA)?.code).toBe('FORBIDDEN');
      expect(guard(demand('verified'), 'returnVisit', ACTORS[actor], NOW, VIA)?.code).toBe('FORBIDDEN');
    }
  });

  test('still counts after a 不满意 reopened the demand (the return it owes stays owed), never before it was resolved', () => {
    const reopened = run(resolved, { event: 'rate', value: 'unsatisfied', comment: '没修好' }, 'submitter').demand;
    expect(reopened).toMatchObject({ status: 'accepted', reopenCount: 1 });
    expect(guard(reopened, 'returnVisit', ACTORS.member, NOW, VIA)).toBeNull();
    expect(guard(reopened, 'returnVisit', ACTORS.staff, NOW)?.code).toBe('INVALID_STATE'); // a staff 回访 waits for closed
    expect(guard(demand('accepted', { householdId: 'h1' }), 'returnVisit', ACTORS.member, NOW, VIA)?.code).toBe('INVALID_STATE');
  });

  test('the visitor may not take the staff step: without where it came from it is a staff 回访', () => {
    expect(guard(demand('closed', { householdId: 'h1' }), 'returnVisit', ACTORS.member, NOW)?.code).toBe('FORBIDDEN');
    expect(allowedActions(resolved, ACTORS.member, NOW)).not.toContain('returnVisit');
  });

  test('appends the return and its timeline event at the visit’s time, and changes nothing else', () => {
    const visitAt = new Date(NOW.getTime() - 2 * HOUR);
    const r = run(resolved, { event: 'returnVisit', note, via: VIA }, 'member', visitAt);
    expect(r.demand.returnVisits).toEqual([{ at: visitAt, by: 'm1', note }]);
    expect(r.demand.timeline).toEqual([{ at: visitAt, actor: 'm1', actorName: '张伟', event: 'returnVisit', from: 'verified', to: 'verified', reason: note }]);
    expect(r.effects).toEqual([]);
    // What visits/store.ts writeReturnVisit writes is all that changed.
    const changed = (Object.keys(r.demand) as (keyof typeof r.demand)[]).filter((k) => JSON.stringify(r.demand[k]) !== JSON.stringify(resolved[k]));
    expect(changed.sort()).toEqual(['returnVisits', 'timeline', 'version']);
    expect(r.demand.version).toBe(resolved.version + 1);
  });
});

/**
 * An accepted demand whose slots are all taken (member2 and member hold both): nobody may assign
 * or claim, the claimants may still withdraw or finish their part.
 */
const FULL_SPEC: Partial<Record<DemandEvent, ActorName[]>> = { withdraw: ['member', 'member2'], complete: ['member', 'member2'] };
const full = () =>
  demand('accepted', {
    claims: [
      { openid: 'm2', name: '陈静', at: T0, by: 'self', done: false, hours: null },
      { openid: 'm1', name: '张伟', at: T0, by: 'liaison', done: false, hours: null },
    ],
    claimedCount: 2,
    openSlots: 0,
  });
const fullCases = EVENTS.flatMap((e) => (Object.keys(ACTORS) as ActorName[]).map((a) => [e, a] as const));

test.each(fullCases)('accepted, every slot taken × %s × %s', (event, actor) => {
  const expected = FULL_SPEC[event]?.includes(actor) ?? false;
  const refusal = guard(full(), event, ACTORS[actor], NOW);
  expect(refusal === null).toBe(expected);
  if (refusal) {
    expect(['FORBIDDEN', 'INVALID_STATE']).toContain(refusal.code);
    expect(refusal.message).toMatch(/[\u4e00-\u9fa5]/);
  }
});

test('a full task: its liaison is told the slots are taken, and is not offered 指派 (the transition agrees)', () => {
  expect(guard(full(), 'assign', ACTORS.liaison, NOW)).toMatchObject({ code: 'INVALID_STATE', message: expect.stringMatching(/名额已满/) });
  expect(allowedActions(full(), ACTORS.liaison, NOW)).not.toContain('assign');
  expect(transition(full(), { event: 'assign', members: [{ openid: 'm4', name: '某某' }] }, ACTORS.liaison, NOW)).toMatchObject({ ok: false, code: 'INVALID_STATE' });
  // One slot free: offered again.
  expect(allowedActions(demand('accepted'), ACTORS.liaison, NOW)).toContain('assign');
});

test('allowedActions is exactly what the guards allow', () => {
  expect(allowedActions(demand('submitted'), ACTORS.staff, NOW)).toEqual(['handle', 'dispatch', 'merge', 'decline']);
  expect(allowedActions(demand('accepted'), ACTORS.member2, NOW)).toEqual(['withdraw', 'complete']);
  expect(allowedActions(demand('accepted'), ACTORS.otherResident, NOW)).toEqual([]);
});

describe('SLA and overdue', () => {
  const d = demand('dispatched');
  test.each([
    ['just before the accept time', 24 * HOUR - 1, false],
    ['just after the accept time, not accepted', 24 * HOUR + 1, true],
  ])('dispatched: %s', (_label, offset, overdue) => {
    expect(isOverdue(d, new Date(T0.getTime() + offset))).toBe(overdue);
  });
  test.each([
    ['accepted, before finish', 7 * 24 * HOUR - 1, false],
    ['accepted, after finish', 7 * 24 * HOUR + 1, true],
  ])('%s', (_label, offset, overdue) => {
    expect(isOverdue(demand('accepted'), new Date(T0.getTime() + offset))).toBe(overdue);
  });
  test('verified, closed and community-handled items are never overdue', () => {
    const late = new Date(T0.getTime() + 100 * 24 * HOUR);
    for (const s of ['verified', 'closed', 'handling'] as DemandStatus[]) expect(isOverdue(demand(s), late)).toBe(false);
    // Reopened by a 不满意 after it was resolved: it counted as resolved, not as open overdue again.
    expect(isOverdue(demand('accepted', { resolvedAt: T0, reopenCount: 1 }), late)).toBe(false);
  });
  test('completed (待验收) past its finish time is still overdue until it is verified', () => {
    const late = new Date(T0.getTime() + 7 * 24 * HOUR + 1);
    expect(isOverdue(demand('completed'), late)).toBe(true);
    expect(isOverdue(demand('completed'), new Date(T0.getTime() + 7 * 24 * HOUR - 1))).toBe(false);
  });
  test('escalate (吹哨) is the community secretary’s, only once an item is overdue, and once', () => {
    const late = new Date(T0.getTime() + 25 * HOUR);
    expect(guard(d, 'escalate', ACTORS.secretary, NOW)?.code).toBe('INVALID_STATE');
    expect(guard(d, 'escalate', ACTORS.secretary, late)).toBeNull();
    expect(guard(d, 'escalate', ACTORS.staff, late)?.code).toBe('FORBIDDEN');
    expect(guard(d, 'escalate', ACTORS.liaison, late)?.code).toBe('FORBIDDEN');
    const r = transition(d, { event: 'escalate', reason: '超期未接单' }, ACTORS.secretary, late);
    expect(r.ok && guard(r.demand, 'escalate', ACTORS.secretary, late)?.code).toBe('INVALID_STATE');
  });
  test('吹哨 is a flag: the status stays where the work is; the units, the town and the county are told', () => {
    const late = new Date(T0.getTime() + 25 * HOUR);
    const r = transition({ ...d, townId: 't1' }, { event: 'escalate', reason: '超期未接单' }, ACTORS.secretary, late);
    if (!r.ok) throw new Error(r.message);
    expect(r.demand).toMatchObject({ status: d.status, escalatedAt: late });
    expect(r.effects).toEqual(
      expect.arrayContaining([
        { kind: 'notify', template: 'escalated', to: { admins: true } },
        { kind: 'notify', template: 'escalated', to: { townOf: 't1' } },
        { kind: 'notify', template: 'escalated', to: { liaisonsOf: ['u1'] } },
      ]),
    );
  });
  test('an urgent item may be 吹哨 before it is overdue; a resolved one never', () => {
    expect(guard(demand('submitted', { urgency: 'urgent' }), 'escalate', ACTORS.secretary, NOW)).toBeNull();
    expect(guard(demand('verified', { urgency: 'urgent' }), 'escalate', ACTORS.secretary, NOW)?.code).toBe('INVALID_STATE');
  });
});

function run(d: ReturnType<typeof demand>, step: Step, actor: ActorName, at = NOW) {
  const r = transition(d, step, ACTORS[actor], at);
  if (!r.ok) throw new Error(`${step.event} refused: ${r.message}`);
  return r;
}

describe('transitions', () => {
  const dispatchStep: Step = { event: 'dispatch', unitId: 'u1', pairedUnitIds: ['u1', 'u2'], slots: 2, expectedHours: 3, urgency: 'urgent', deadline: null, sla: { grades: DEFAULT_SLA, calendar: WEEKENDS_ONLY } };

  test('dispatch sets the SLA of the grade, counts for community and unit, and notifies the liaisons', () => {
    const r = run(demand('submitted'), dispatchStep, 'staff', T0);
    expect(r.demand.status).toBe('dispatched');
    expect(r.demand.dispatch).toMatchObject({ unitId: 'u1', slots: 2, month: '2026-11' });
    expect(new Date(r.demand.dispatch!.acceptBy).getTime() - T0.getTime()).toBe(2 * HOUR);
    expect(new Date(r.demand.dispatch!.finishBy).getTime() - T0.getTime()).toBe(24 * HOUR);
    expect(r.effects).toEqual(
      expect.arrayContaining([
        { kind: 'score', scope: 'community', id: 'c1', month: '2026-11', field: 'dispatched', by: 1 },
        { kind: 'score', scope: 'unit', id: 'u1', month: '2026-11', field: 'dispatched', by: 1 },
        { kind: 'notify', template: 'newDispatch', to: { liaisonsOf: ['u1'] } },
      ]),
    );
    expect(r.demand.timeline.at(-1)).toMatchObject({ actor: 's1', actorName: '周芳', event: 'dispatch', from: 'submitted', to: 'dispatched' });
  });

  test('a staff deadline earlier than the grade wins; a later one does not', () => {
    const early = new Date(T0.getTime() + 5 * HOUR);
    expect(run(demand('submitted'), { ...dispatchStep, deadline: early }, 'staff', T0).demand.dispatch!.finishBy).toEqual(early);
    const late = new Date(T0.getTime() + 500 * HOUR);
    expect(new Date(run(demand('submitted'), { ...dispatchStep, deadline: late }, 'staff', T0).demand.dispatch!.finishBy).getTime()).toBe(T0.getTime() + 24 * HOUR);
  });

  test('dispatching to a unit the community is not paired with is refused', () => {
    const r = transition(demand('submitted'), { ...dispatchStep, unitId: 'u9' }, ACTORS.staff, T0);
    expect(r).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  test('an open offer is accepted by a liaison of any offered unit, who takes it', () => {
    const offered = run(demand('submitted'), { ...dispatchStep, unitId: null }, 'staff', T0).demand;
    expect(offered.dispatch!.offeredTo).toEqual(['u1', 'u2']);
    expect(guard(offered, 'accept', ACTORS.liaisonUnpaired, NOW)?.code).toBe('FORBIDDEN');
    const taken = run(offered, { event: 'accept' }, 'liaisonOtherUnit', new Date(T0.getTime() + HOUR));
    expect(taken.demand.dispatch).toMatchObject({ unitId: 'u2', offeredTo: ['u2'], acceptedWithinSla: true });
    expect(taken.effects).toContainEqual({ kind: 'score', scope: 'unit', id: 'u2', month: '2026-11', field: 'dispatched', by: 1 });
  });

  test('accepting late is recorded as outside the SLA', () => {
    const d = run(demand('submitted'), dispatchStep, 'staff', T0).demand;
    const late = run(d, { event: 'accept' }, 'liaison', new Date(T0.getTime() + 3 * HOUR));
    expect(late.demand.dispatch!.acceptedWithinSla).toBe(false);
    expect(late.effects.some((e) => e.kind === 'score' && e.field === 'acceptedWithinSla')).toBe(false);
  });

  test('reject sends it back to the community with the reason in the timeline', () => {
    const r = run(demand('dispatched'), { event: 'reject', reason: '不属于本单位职责' }, 'liaison');
    expect(r.demand.status).toBe('submitted');
    expect(r.demand.dispatch).toBeNull(); // the unit no longer sees it; the timeline keeps the history
    expect(r.demand.timeline.at(-1)).toMatchObject({ event: 'reject', reason: '不属于本单位职责' });
  });

  test('claims never exceed the slots and a member holds one slot', () => {
    let d = demand('accepted'); // member2 holds 1 of 2
    d = run(d, { event: 'claim' }, 'member').demand;
    expect(d.claimedCount).toBe(2);
    expect(guard(d, 'claim', ACTORS.member, NOW)?.message).toMatch(/已认领/);
    const full = { ...d, claims: d.claims.filter((c) => c.openid !== 'm1'), claimedCount: 2 };
    expect(guard(full, 'claim', ACTORS.member, NOW)?.message).toMatch(/名额已满/);
  });

  test('assign fills slots with the unit’s members and refuses more than the slots left', () => {
    const d = demand('accepted');
    const r = run(d, { event: 'assign', members: [{ openid: 'm1', name: '张伟' }] }, 'liaison');
    expect(r.demand.claims.map((c) => [c.openid, c.by])).toEqual([['m2', 'self'], ['m1', 'liaison']]);
    const tooMany = transition(d, { event: 'assign', members: [{ openid: 'm1', name: '张伟' }, { openid: 'm4', name: '某某' }] }, ACTORS.liaison, NOW);
    expect(tooMany).toMatchObject({ ok: false, code: 'INVALID_STATE' });
  });

  test('the demand is completed when every claimant has reported, then verified, then rated', () => {
    let d = run(demand('accepted'), { event: 'claim' }, 'member').demand;
    d = run(d, { event: 'complete', notes: '已更换灯泡', photos: [], hours: 1.5 }, 'member').demand;
    expect(d.status).toBe('accepted');
    d = run(d, { event: 'complete', notes: '已检查线路', photos: [], hours: 2 }, 'member2').demand;
    expect(d.status).toBe('completed');
    expect(d.claims.map((c) => c.hours)).toEqual([2, 1.5]);
    const verified = run(d, { event: 'verify' }, 'staff');
    expect(verified.demand.status).toBe('verified');
    expect(verified.effects).toContainEqual({ kind: 'notify', template: 'pleaseRate', to: { openid: 'r1' } });
    // Each member's reported hours go to the ledger (the ledger's source key makes it once).
    const credit = verified.effects.find((e) => e.kind === 'credit');
    expect(credit).toMatchObject({ kind: 'credit', demandId: d._id, unitId: 'u1' });
    expect(credit?.kind === 'credit' && credit.members.map((m) => [m.openid, m.hours]).sort()).toEqual([
      [ACTORS.member.openid, 1.5],
      [ACTORS.member2.openid, 2],
    ].sort());
    expect(verified.effects.some((e) => e.kind === 'resolved')).toBe(false); // not about a household
    const rated = run(verified.demand, { event: 'rate', value: 'basic', comment: '还行' }, 'submitter');
    expect(rated.demand.status).toBe('closed');
    expect(rated.effects).toContainEqual({ kind: 'score', scope: 'unit', id: 'u1', month: '2026-11', field: 'satisfiedOrBasic', by: 1 });
  });

  test('a claimant must report hours', () => {
    expect(transition(demand('accepted'), { event: 'complete', notes: 'x', photos: [], hours: null }, ACTORS.member2, NOW)).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
    });
  });

  test('send back reopens every claim with the reason', () => {
    const d = demand('completed', { claims: [{ openid: 'm2', name: '陈静', at: T0, by: 'self', done: true, hours: 2 }], claimedCount: 1 });
    const r = run(d, { event: 'sendBack', reason: '灯仍不亮' }, 'staff');
    expect(r.demand.status).toBe('accepted');
    expect(r.demand.claims[0].done).toBe(false);
    expect(r.effects).toContainEqual({ kind: 'notify', template: 'sentBack', to: { openid: 'm2' } });
  });

  test('不满意 reopens once, and the second 不满意 goes back to the secretary (书记研判), who may 吹哨', () => {
    const first = run(demand('verified'), { event: 'rate', value: 'unsatisfied', comment: '没修好' }, 'submitter');
    expect(first.demand).toMatchObject({ status: 'accepted', reopenCount: 1 });
    const again = { ...first.demand, status: 'verified' as const };
    const second = run(again, { event: 'rate', value: 'unsatisfied', comment: '还是没修好' }, 'submitter');
    expect(second.demand).toMatchObject({ status: 'escalated', escalatedAt: null });
    expect(second.effects).toContainEqual({ kind: 'notify', template: 'returnedToSecretary', to: { staffOf: 'c1' } });
    expect(guard(second.demand, 'escalate', ACTORS.secretary, NOW)).toBeNull();
    const closed = run(second.demand, { event: 'close', note: '镇里协调解决' }, 'secretary');
    expect(closed.demand.status).toBe('closed');
  });

  test('handled inside the community: staff complete it and the resident rates', () => {
    const handling = run(demand('submitted'), { event: 'handle', note: '网格员上门处理' }, 'gridWorker').demand;
    const done = run(handling, { event: 'complete', notes: '已处理', photos: [], hours: null }, 'staff');
    expect(done.demand.status).toBe('verified');
    expect(done.demand.resolvedAt).toEqual(NOW);
  });

  test('open deadlines: tracked from dispatch, moved to the unit that accepts an offer, dropped on resolution', () => {
    const deadlines = (r: ReturnType<typeof run>) => r.effects.filter((e) => e.kind === 'deadline').map((e) => e.kind === 'deadline' && [e.scope, e.id, e.finishBy === null ? null : 'set']);
    const offered = run(demand('submitted'), { ...dispatchStep, unitId: null }, 'staff', T0);
    expect(deadlines(offered)).toEqual([['community', 'c1', 'set']]);
    const taken = run(offered.demand, { event: 'accept' }, 'liaison', new Date(T0.getTime() + HOUR));
    expect(deadlines(taken)).toEqual([['unit', 'u1', 'set']]);
    const d = demand('completed', { claims: [{ openid: 'm2', name: '陈静', at: T0, by: 'self', done: true, hours: 2 }], claimedCount: 1 });
    // 待验收 is still open: tracked until verified, then dropped from both scopes.
    const completed = run(demand('accepted'), { event: 'complete', notes: '已完成', photos: [], hours: 2 }, 'member2');
    expect(completed.demand.status).toBe('completed');
    expect(deadlines(completed)).toEqual([]); // unchanged: still tracked
    expect(deadlines(run(d, { event: 'verify' }, 'staff'))).toEqual([['community', 'c1', null], ['unit', 'u1', null]]);
    const rejected = run(demand('dispatched'), { event: 'reject', reason: '不是本单位职责' }, 'liaison');
    expect(deadlines(rejected)).toEqual([['community', 'c1', null], ['unit', 'u1', null]]);
  });

  test('every transition appends exactly one timeline event and bumps the version', () => {
    const d = demand('submitted');
    const r = run(d, { event: 'decline', reason: '不属于社区职责范围' }, 'staff');
    expect(r.demand.timeline).toHaveLength(d.timeline.length + 1);
    expect(r.demand.version).toBe(d.version + 1);
    expect(d.status).toBe('submitted'); // the input is never mutated
  });
});

describe('links to the other pillars', () => {
  test('a household demand resolved by the community or by verification makes a return visit due, once', () => {
    const handled = run(demand('handling', { householdId: 'h1' }), { event: 'complete', notes: '已处理', photos: [], hours: null }, 'staff');
    expect(handled.effects).toContainEqual({ kind: 'resolved', demandId: 'd1', householdId: 'h1', communityId: 'c1' });
    const completed = demand('completed', { householdId: 'h1', claims: [{ openid: 'm2', name: '陈静', at: T0, by: 'self', done: true, hours: 2 }], claimedCount: 1 });
    const verified = run(completed, { event: 'verify' }, 'staff');
    expect(verified.effects).toContainEqual({ kind: 'resolved', demandId: 'd1', householdId: 'h1', communityId: 'c1' });
    expect(verified.effects).toContainEqual({ kind: 'credit', demandId: 'd1', communityId: 'c1', unitId: 'u1', round: 0, members: [{ openid: 'm2', name: '陈静', hours: 2 }] });
    // Verified again after a 不满意 reopen: the redone hours are offered as round 1, no second return visit.
    const again = run({ ...completed, resolvedAt: T0, reopenCount: 1 }, { event: 'verify' }, 'staff');
    expect(again.effects.some((e) => e.kind === 'resolved')).toBe(false);
    expect(again.effects).toContainEqual(expect.objectContaining({ kind: 'credit', round: 1 }));
  });
});
