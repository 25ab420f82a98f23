/**
 * 延期, 催办 and 督办 as tables: every supervision event × every state × every actor (on time and
 * overdue) against a spec written here, independently of the guards; refused steps change
 * nothing; then what each step records and whom it tells.
 */
import { guard, isOverdue } from '../../cloudfunctions/core/demand';
import { actionsOf, endOfChinaDay, guardOf, holders, step, SUPERVISION_EVENTS, supervisionGuard, type SupervisionEvent, type SupervisionStep } from '../../cloudfunctions/core/supervision';
import type { Demand, DemandStatus } from '../../types/dispatch';
import { DEFAULT_SLA } from '../../cloudfunctions/core/sla';
import { WEEKENDS_ONLY } from '../../cloudfunctions/core/workdays';
import { ACTORS, demand, HOUR, T0, type ActorName } from './demand.fixtures';

const STATES: DemandStatus[] = ['submitted', 'handling', 'dispatched', 'accepted', 'completed', 'verified', 'closed', 'declined', 'merged', 'escalated'];
const ALL = Object.keys(ACTORS) as ActorName[];
const COMMUNITY_STAFF: ActorName[] = ['staff', 'gridWorker', 'secretary'];
const ON_TIME = new Date(T0.getTime() + 2 * HOUR);
/** Past the fixtures' finish time (7 days after T0). */
const LATE = new Date(T0.getTime() + 8 * 24 * HOUR);
const UNRESOLVED_DISPATCHED: DemandStatus[] = ['dispatched', 'accepted', 'completed', 'escalated'];

/** A state with a pending 延期 where one makes sense (accepted, completed), for the decisions. */
function subject(status: DemandStatus, event: SupervisionEvent): Demand {
  const d = demand(status);
  if ((event === 'approveExtension' || event === 'refuseExtension') && d.dispatch) {
    d.extension = { status: 'pending', until: new Date(T0.getTime() + 10 * 24 * HOUR), previous: d.dispatch.finishBy, reason: '需采购配件', requestedBy: 'l1', requestedAt: T0 };
  }
  return d;
}

/** Who may, by state, on time and overdue ("overdue" as core/demand isOverdue says). */
function expected(event: SupervisionEvent, status: DemandStatus, late: boolean, who: ActorName): boolean {
  const d = demand(status);
  const overdue = late && UNRESOLVED_DISPATCHED.includes(status) && isOverdue(d, LATE);
  switch (event) {
    case 'extend':
      return status === 'accepted' && !late && who === 'liaison';
    case 'approveExtension':
    case 'refuseExtension':
      // A pending request (set on every dispatched fixture) is decided while unresolved.
      return UNRESOLVED_DISPATCHED.includes(status) && COMMUNITY_STAFF.includes(who);
    case 'urge':
      return overdue && [...COMMUNITY_STAFF, 'town', 'admin'].includes(who);
    case 'supervise':
      return overdue && ['town', 'admin'].includes(who);
    case 'redispatch':
      // 改派: staff of its community, an overdue item still with the unit (dispatched or accepted, no work reported done).
      return overdue && (status === 'dispatched' || status === 'accepted') && COMMUNITY_STAFF.includes(who);
  }
}

const cases = SUPERVISION_EVENTS.flatMap((e) => STATES.flatMap((s) => [false, true].flatMap((late) => ALL.map((a) => [e, s, late ? 'overdue' : 'on time', a] as const))));

const STEPS: Record<SupervisionEvent, SupervisionStep> = {
  extend: { event: 'extend', until: new Date(T0.getTime() + 10 * 24 * HOUR), reason: '需采购配件' },
  approveExtension: { event: 'approveExtension' },
  refuseExtension: { event: 'refuseExtension', reason: '居民急需' },
  urge: { event: 'urge', note: '请今天联系居民' },
  supervise: { event: 'supervise', reason: '三日内办结' },
  redispatch: { event: 'redispatch', unitId: 'u2', pairedUnitIds: ['u1', 'u2'], reason: '原单位逾期未办', sla: { grades: DEFAULT_SLA, calendar: WEEKENDS_ONLY } },
};

test.each(cases)('%s × %s × %s × %s', (event, status, when, who) => {
  const now = when === 'overdue' ? LATE : ON_TIME;
  const d = subject(status, event);
  const before = JSON.stringify(d);
  const want = expected(event, status, when === 'overdue', who);
  const refusal = supervisionGuard(d, event, ACTORS[who], now);
  expect(refusal === null).toBe(want);
  expect(actionsOf(d, ACTORS[who], now).includes(event)).toBe(want);
  const r = step(d, STEPS[event], ACTORS[who], now);
  expect(r.ok).toBe(want);
  if (!r.ok) {
    expect(['FORBIDDEN', 'INVALID_STATE', 'RATE_LIMITED']).toContain(r.code);
    expect(r.message).toMatch(/[\u4e00-\u9fa5]/);
  } else {
    // No supervision step moves the status (改派 sends it to the new unit: 已派单); each appends one timeline event.
    expect(r.demand.status).toBe(event === 'redispatch' ? 'dispatched' : d.status);
    expect(r.demand.timeline).toHaveLength(d.timeline.length + 1);
    expect(r.demand.version).toBe(d.version + 1);
  }
  // Refused or not, the demand given is never changed.
  expect(JSON.stringify(d)).toBe(before);
});

test('the lifecycle guard never allows a supervision event, and guardOf routes each to its own guard', () => {
  for (const e of SUPERVISION_EVENTS) {
    expect(guard(demand('accepted'), e, ACTORS.admin, LATE)?.code).toBe('FORBIDDEN');
    expect(guardOf(demand('accepted'), e, ACTORS.admin, LATE)).toEqual(supervisionGuard(demand('accepted'), e, ACTORS.admin, LATE));
  }
});

describe('延期', () => {
  const until = endOfChinaDay('2026-11-12');

  test('a request records the date and reason and tells the community; nothing moves until approved', () => {
    const r = step(demand('accepted'), { event: 'extend', until, reason: '需采购配件' }, ACTORS.liaison, ON_TIME);
    if (!r.ok) throw new Error(r.message);
    expect(r.demand.extension).toMatchObject({ status: 'pending', until, reason: '需采购配件', requestedBy: 'l1' });
    expect(r.demand.dispatch!.finishBy).toEqual(demand('accepted').dispatch!.finishBy);
    expect(r.demand.timeline.at(-1)).toMatchObject({ event: 'extend', reason: '申请延期至 2026-11-12：需采购配件' });
    expect(r.effects).toEqual([{ kind: 'notify', template: 'extensionAsked', to: { staffOf: 'c1' } }]);
    // A second request waits for the decision on the first.
    expect(supervisionGuard(r.demand, 'extend', ACTORS.liaison, ON_TIME)).toMatchObject({ code: 'INVALID_STATE', message: expect.stringMatching(/待社区审核/) });
  });

  test('the new date must be later than the time limit, and at most 30 days later', () => {
    expect(step(demand('accepted'), { event: 'extend', until: endOfChinaDay('2026-11-08'), reason: '理由' }, ACTORS.liaison, ON_TIME)).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(step(demand('accepted'), { event: 'extend', until: endOfChinaDay('2026-12-31'), reason: '理由' }, ACTORS.liaison, ON_TIME)).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });

  test('an overdue item cannot be extended out of overdue', () => {
    expect(supervisionGuard(demand('accepted'), 'extend', ACTORS.liaison, LATE)).toMatchObject({ code: 'INVALID_STATE', message: expect.stringMatching(/已超过办结时限/) });
  });

  test('approval moves the tracked finish time, counts the extension, and keeps the item in the denominators', () => {
    const asked = step(demand('accepted'), { event: 'extend', until, reason: '需采购配件' }, ACTORS.liaison, ON_TIME);
    if (!asked.ok) throw new Error(asked.message);
    const r = step(asked.demand, { event: 'approveExtension' }, ACTORS.staff, ON_TIME);
    if (!r.ok) throw new Error(r.message);
    expect(r.demand.dispatch!.finishBy).toEqual(until);
    expect(r.demand).toMatchObject({ extensions: 1, extension: { status: 'approved', decidedBy: 's1' } });
    expect(r.effects).toEqual(
      expect.arrayContaining([
        { kind: 'score', scope: 'community', id: 'c1', month: '2026-11', field: 'extended', by: 1 },
        { kind: 'score', scope: 'unit', id: 'u1', month: '2026-11', field: 'extended', by: 1 },
        // The open entry is moved, never removed: still open, still counted.
        { kind: 'deadline', scope: 'community', id: 'c1', month: '2026-11', demandId: 'd1', finishBy: until },
        { kind: 'deadline', scope: 'unit', id: 'u1', month: '2026-11', demandId: 'd1', finishBy: until },
        { kind: 'notify', template: 'extensionDecided', to: { liaisonsOf: ['u1'] } },
      ]),
    );
    expect(r.effects.some((e) => e.kind === 'deadline' && e.finishBy === null)).toBe(false);
    expect(r.demand.timeline.at(-1)).toMatchObject({ event: 'approveExtension', reason: '同意延期，办结时限改为 2026-11-12' });
  });

  test('refusal keeps the time limit and tells the unit why', () => {
    const asked = step(demand('accepted'), { event: 'extend', until, reason: '需采购配件' }, ACTORS.liaison, ON_TIME);
    if (!asked.ok) throw new Error(asked.message);
    const r = step(asked.demand, { event: 'refuseExtension', reason: '居民急需' }, ACTORS.secretary, ON_TIME);
    if (!r.ok) throw new Error(r.message);
    expect(r.demand.dispatch!.finishBy).toEqual(demand('accepted').dispatch!.finishBy);
    expect(r.demand.extension).toMatchObject({ status: 'refused', decision: '居民急需' });
    expect(r.effects).toEqual([{ kind: 'notify', template: 'extensionDecided', to: { liaisonsOf: ['u1'] } }]);
    // Decided: no second decision; the unit may ask again while on time.
    expect(supervisionGuard(r.demand, 'approveExtension', ACTORS.staff, ON_TIME)?.code).toBe('INVALID_STATE');
    expect(supervisionGuard(r.demand, 'extend', ACTORS.liaison, ON_TIME)).toBeNull();
  });
});

describe('催办', () => {
  test('tells whoever holds it: the unit before acceptance, the claimants and liaison after, the community otherwise', () => {
    expect(holders(demand('dispatched'))).toEqual([{ liaisonsOf: ['u1'] }]);
    expect(holders(demand('accepted'))).toEqual([{ openid: 'm2' }, { liaisonsOf: ['u1'] }]);
    expect(holders(demand('completed'))).toEqual([{ staffOf: 'c1' }]);
    expect(holders(demand('handling'))).toEqual([{ staffOf: 'c1' }]);
  });

  test('is recorded in the timeline, once per person per item per day, with a clear refusal', () => {
    const r = step(demand('accepted'), { event: 'urge' }, ACTORS.admin, LATE);
    if (!r.ok) throw new Error(r.message);
    expect(r.demand.timeline.at(-1)).toMatchObject({ event: 'urge', actor: 'a1', from: 'accepted', to: 'accepted' });
    expect(r.effects).toEqual([
      { kind: 'notify', template: 'urged', to: { openid: 'm2' } },
      { kind: 'notify', template: 'urged', to: { liaisonsOf: ['u1'] } },
    ]);
    expect(step(r.demand, { event: 'urge' }, ACTORS.admin, new Date(LATE.getTime() + HOUR))).toMatchObject({ ok: false, code: 'RATE_LIMITED', message: '您今天已催办过该诉求，请明天再催' });
    expect(actionsOf(r.demand, ACTORS.admin, LATE)).not.toContain('urge');
    // Someone else may urge the same day; the same person again the next China day.
    expect(supervisionGuard(r.demand, 'urge', ACTORS.town, LATE)).toBeNull();
    expect(supervisionGuard(r.demand, 'urge', ACTORS.admin, new Date(LATE.getTime() + 24 * HOUR))).toBeNull();
  });

  test('the town official of another town may not', () => {
    expect(supervisionGuard(demand('accepted'), 'urge', ACTORS.townOther, LATE)?.code).toBe('FORBIDDEN');
  });
});

describe('督办', () => {
  test('marks it supervised until resolved, tells the holders and the community, and is not repeated', () => {
    const r = step(demand('accepted'), { event: 'supervise', reason: '三日内办结' }, ACTORS.town, LATE);
    if (!r.ok) throw new Error(r.message);
    expect(r.demand).toMatchObject({ supervisedAt: LATE, supervisedBy: 't1o', status: 'accepted' });
    expect(r.effects).toEqual([
      { kind: 'notify', template: 'supervised', to: { openid: 'm2' } },
      { kind: 'notify', template: 'supervised', to: { liaisonsOf: ['u1'] } },
      { kind: 'notify', template: 'supervised', to: { staffOf: 'c1' } },
    ]);
    expect(supervisionGuard(r.demand, 'supervise', ACTORS.admin, LATE)).toMatchObject({ code: 'INVALID_STATE', message: '该诉求已在督办中' });
  });

  test('an escalated item may be supervised before it is overdue', () => {
    expect(supervisionGuard(demand('accepted', { escalatedAt: T0 }), 'supervise', ACTORS.town, ON_TIME)).toBeNull();
  });
});
