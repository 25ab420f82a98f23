/**
 * The queue counters (core/queues.ts) as a property: over random sequences of every step by every
 * actor, with time moving past deadlines, the counters kept by adding each step's deltas always
 * equal a recount of the demands — and the counts read from them equal the lists' definitions
 * (the same filters as dispatch.list), 超期 included, at every moment.
 */
import { isOverdue } from '../../cloudfunctions/core/demand';
import { emptyBuckets, flatten, overdueAt, queueCounts, queueEffects, recount, recountTowns, type QueueScopes } from '../../cloudfunctions/core/queues';
import { DEFAULT_SLA } from '../../cloudfunctions/core/sla';
import { actionsOf, step, type AnyStep } from '../../cloudfunctions/core/supervision';
import { WEEKENDS_ONLY } from '../../cloudfunctions/core/workdays';
import type { Demand, DemandEvent } from '../../types/dispatch';
import { ACTORS, demand, HOUR, T0, type ActorName } from './demand.fixtures';

const SLA = { grades: DEFAULT_SLA, calendar: WEEKENDS_ONLY };
const NAMES = Object.keys(ACTORS) as ActorName[];

/** A small seeded generator, so a failing sequence can be replayed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function stepFor(event: DemandEvent, d: Demand, r: () => number, now: Date): AnyStep {
  const other = (d.dispatch?.unitId ?? d.dispatch?.offeredTo[0]) === 'u1' ? 'u2' : 'u1';
  switch (event) {
    case 'dispatch':
      return { event, unitId: r() < 0.3 ? null : 'u1', pairedUnitIds: ['u1', 'u2'], slots: 1 + Math.floor(r() * 2), expectedHours: 2, urgency: r() < 0.3 ? 'urgent' : 'normal', deadline: null, sla: SLA };
    case 'redispatch':
      return { event, unitId: other, pairedUnitIds: ['u1', 'u2'], reason: '原单位逾期', sla: SLA };
    case 'assign':
      return { event, members: [{ openid: 'm1', name: '张伟' }] };
    case 'complete':
      return { event, notes: '已办', photos: [], hours: 1 };
    case 'rate':
      return { event, value: r() < 0.4 ? 'unsatisfied' : 'satisfied', comment: '' };
    case 'extend':
      return { event, until: new Date(new Date(d.dispatch?.finishBy ?? now).getTime() + 3 * 24 * HOUR), reason: '需采购' };
    case 'handle':
    case 'urge':
      return { event };
    case 'merge':
      return { event, intoId: 'other' };
    case 'returnVisit':
    case 'close':
      return { event, note: '记录' };
    default:
      return { event, reason: '理由' } as AnyStep;
  }
}

const EVENTS: DemandEvent[] = [
  'handle', 'dispatch', 'merge', 'decline', 'accept', 'reject', 'assign', 'claim', 'withdraw', 'complete', 'verify', 'sendBack',
  'rate', 'returnVisit', 'escalate', 'close', 'extend', 'approveExtension', 'refuseExtension', 'urge', 'supervise', 'redispatch',
];

/** Counters kept as the functions keep them: each step's deltas added, its labels set (lib/effects). */
function addDeltas(store: Map<string, Record<string, number>>, effects: ReturnType<typeof queueEffects>, labels?: Map<string, Record<string, string>>) {
  for (const e of effects) {
    if (e.kind === 'set') {
      if (labels && e.value !== null) labels.set(e.doc, { ...(labels.get(e.doc) ?? {}), [e.field]: e.value });
      continue;
    }
    if (labels && e.init && !labels.has(e.doc)) labels.set(e.doc, e.init as Record<string, string>);
    const doc = store.get(e.doc) ?? {};
    doc[e.field] = (doc[e.field] ?? 0) + e.by;
    store.set(e.doc, doc);
  }
}

const nonZero = (m: Map<string, Record<string, number>>) =>
  Object.fromEntries([...m].map(([k, v]) => [k, Object.fromEntries(Object.entries(v).filter(([, n]) => n !== 0))] as const).filter(([, v]) => Object.keys(v).length));

/** A stored-shape document (due.<ms> nested) from flat counters, with its labels. */
function nested(flat: Record<string, number> = {}, labels: Record<string, string> = {}): Record<string, unknown> {
  const doc: Record<string, unknown> = { ...labels, due: {} };
  for (const [k, v] of Object.entries(flat)) {
    if (k.startsWith('due.')) (doc.due as Record<string, number>)[k.slice(4)] = v;
    else doc[k] = v;
  }
  return doc;
}

const SEEDS = Array.from({ length: 40 }, (_, i) => i + 1);

test.each(SEEDS)('random sequence %i: counters equal a recount after every step, counts equal the lists', (seed) => {
  const r = rng(seed);
  let now = new Date(T0);
  // A community's town is the community's: 东街-like c1 in t1, c2 in t2, c3 under the county directly.
  const demands: Demand[] = [0, 1, 2].map((i) => demand('submitted', i === 2 ? { _id: `d${i}`, communityId: 'c3', townId: null } : { _id: `d${i}` }));
  const store = new Map<string, Record<string, number>>();
  const labels = new Map<string, Record<string, string>>();
  for (const d of demands) addDeltas(store, queueEffects(null, d), labels);
  let moved = 0;
  for (let n = 0; n < 120; n++) {
    // Time moves: mostly a little, sometimes past every deadline.
    now = new Date(now.getTime() + (r() < 0.1 ? 9 * 24 * HOUR : r() * 6 * HOUR));
    const i = Math.floor(r() * demands.length);
    const d = demands[i];
    // Mostly a step someone may take now (as allowedActions offers it), sometimes any step by anyone.
    const allowed = NAMES.flatMap((a) => actionsOf(d, ACTORS[a], now).map((e) => [e, a] as const));
    if (!allowed.length) {
      // Finished with: a new demand comes in (submitted), so the sequence keeps moving.
      const fresh = demand('submitted', r() < 0.6 ? { _id: `d${demands.length}`, createdAt: now } : { _id: `d${demands.length}`, communityId: 'c2', townId: 't2', createdAt: now });
      demands.push(fresh);
      addDeltas(store, queueEffects(null, fresh), labels);
    }
    const [event, name] = allowed.length && r() < 0.8 ? allowed[Math.floor(r() * allowed.length)] : [EVENTS[Math.floor(r() * EVENTS.length)], NAMES[Math.floor(r() * NAMES.length)]];
    const actor = ACTORS[name];
    const res = step(d, stepFor(event, d, r, now), actor, now);
    if (res.ok) {
      addDeltas(store, queueEffects(d, res.demand), labels);
      demands[i] = res.demand;
      moved++;
    }
    expect(nonZero(store)).toEqual(nonZero(recount(demands)));
    // Every community document is labelled, with its town once a demand of it knows it.
    for (const [doc, town] of recountTowns(demands)) expect(labels.get(doc)).toEqual({ scope: 'community', townId: town });
    for (const doc of store.keys()) if (doc.startsWith('community_')) expect(labels.get(doc)?.scope).toBe('community');
    // The counts a caller reads, against the lists' own filters at this moment.
    const docs = Object.fromEntries([...store].map(([k, v]) => [k, nested(v, labels.get(k))]));
    const staff: QueueScopes = { communities: ['c1'], liaisonUnits: ['u1'], memberUnits: ['u1'], openid: 'm1', towns: ['t1'], county: true };
    const counts = queueCounts(staff, docs, now);
    const c1 = demands.filter((x) => x.communityId === 'c1');
    expect(counts.staff).toEqual({
      triage: c1.filter((x) => x.status === 'submitted').length,
      working: c1.filter((x) => ['handling', 'dispatched', 'accepted'].includes(x.status)).length,
      verify: c1.filter((x) => x.status === 'completed').length,
      overdue: c1.filter((x) => isOverdue(x, now)).length,
      returnVisit: c1.filter((x) => x.status === 'closed' && x.resolvedAt && x.returnVisits.length === 0).length,
    });
    const u1 = demands.filter((x) => x.dispatch?.offeredTo.includes('u1'));
    expect(counts.liaison).toEqual({
      toAccept: u1.filter((x) => x.status === 'dispatched').length,
      toAssign: demands.filter((x) => x.status === 'accepted' && x.dispatch?.unitId === 'u1' && x.openSlots > 0).length,
      inProgress: demands.filter((x) => x.status === 'accepted' && x.dispatch?.unitId === 'u1' && x.openSlots === 0).length,
      overdue: u1.filter((x) => isOverdue(x, now)).length,
    });
    expect(counts.member).toEqual({
      claimable: demands.filter((x) => x.status === 'accepted' && x.dispatch?.unitId === 'u1' && x.openSlots > 0 && !x.claims.some((c) => c.openid === 'm1')).length,
      myTasks: demands.filter((x) => x.claims.some((c) => c.openid === 'm1')).length,
    });
    const unresolved = (x: Demand) => ['submitted', 'handling', 'dispatched', 'accepted', 'completed', 'escalated'].includes(x.status);
    expect(counts.supervision).toEqual({
      overdue: demands.filter((x) => isOverdue(x, now)).length,
      escalated: demands.filter((x) => x.escalatedAt && unresolved(x)).length,
      supervised: demands.filter((x) => x.supervisedAt && unresolved(x)).length,
    });
    const town = queueCounts({ ...staff, county: false }, docs, now).supervision!;
    expect(town).toEqual({
      overdue: demands.filter((x) => x.townId === 't1' && isOverdue(x, now)).length,
      escalated: demands.filter((x) => x.townId === 't1' && x.escalatedAt && unresolved(x)).length,
      supervised: demands.filter((x) => x.townId === 't1' && x.supervisedAt && unresolved(x)).length,
    });
    // No town or county document: a town's and the county's counts are sums of community documents.
    expect([...store.keys()].every((k) => /^(community|unit|member)_/.test(k))).toBe(true);
  }
  // The sequences do move demands (not only refusals).
  expect(moved).toBeGreaterThan(15);
});

test('overdue buckets: an item counts from the instant after its deadline, without any write', () => {
  const d = demand('accepted');
  const doc = nested(Object.fromEntries([...(recount([d]).get('community_c1') ? Object.entries(recount([d]).get('community_c1')!) : [])]));
  const finish = new Date(d.dispatch!.finishBy);
  expect(overdueAt(doc, finish)).toBe(0);
  expect(overdueAt(doc, new Date(finish.getTime() + 1))).toBe(1);
  expect(flatten(doc)).toEqual(recount([d]).get('community_c1'));
});

test('empty buckets: a bucket back at 0 is found for the timer to remove; others stay', () => {
  expect(emptyBuckets({ due: { '100': 0, '200': 2, '300': 0 }, triage: 0 })).toEqual(['100', '300']);
  expect(emptyBuckets({ triage: 1 })).toEqual([]);
  expect(emptyBuckets(undefined)).toEqual([]);
});

describe('改派', () => {
  const LATE = new Date(T0.getTime() + 8 * 24 * HOUR);
  const go = (d: Demand) => step(d, { event: 'redispatch', unitId: 'u2', pairedUnitIds: ['u1', 'u2'], reason: '逾期未办', sla: SLA }, ACTORS.staff, LATE);

  test('the original unit keeps it in its 解决率 denominator; the new unit has it from now, with fresh limits', () => {
    const d = demand('accepted');
    const r = go(d);
    if (!r.ok) throw new Error(r.message);
    expect(r.demand.status).toBe('dispatched');
    expect(r.demand.dispatch).toMatchObject({ unitId: 'u2', offeredTo: ['u2'], month: '2026-11', acceptedAt: null });
    expect(new Date(r.demand.dispatch!.acceptBy).getTime()).toBeGreaterThan(LATE.getTime());
    expect(r.demand.claims).toEqual([]);
    expect(r.demand.redispatches).toEqual([{ from: ['u1'], at: LATE, reason: '逾期未办', acceptedAt: d.dispatch!.acceptedAt }]);
    expect(r.effects).toEqual(
      expect.arrayContaining([
        { kind: 'score', scope: 'unit', id: 'u2', month: '2026-11', field: 'dispatched', by: 1 },
        { kind: 'score', scope: 'unit', id: 'u1', month: '2026-11', field: 'reassigned', by: 1 },
        { kind: 'deadline', scope: 'unit', id: 'u1', month: '2026-11', demandId: 'd1', finishBy: null },
      ]),
    );
    // The community dispatched it once: no second dispatched, and its accept was counted already.
    expect(r.effects.some((e) => e.kind === 'score' && e.scope === 'community')).toBe(false);
    const accepted = step(r.demand, { event: 'accept' }, ACTORS.liaisonOtherUnit, new Date(LATE.getTime() + HOUR));
    if (!accepted.ok) throw new Error(accepted.message);
    expect(accepted.effects.filter((e) => e.kind === 'score' && e.scope === 'community')).toEqual([]);
    expect(accepted.effects.filter((e) => e.kind === 'score' && e.scope === 'unit').map((e) => e.kind === 'score' && e.field)).toEqual(['accepted', 'acceptMinutes', 'acceptedWithinSla']);
  });

  test('to the same unit, to an unpaired one, on time, or after work was reported: refused, nothing changed', () => {
    const d = demand('accepted');
    const before = JSON.stringify(d);
    expect(step(d, { event: 'redispatch', unitId: 'u1', pairedUnitIds: ['u1', 'u2'], reason: 'x', sla: SLA }, ACTORS.staff, LATE)).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(step(d, { event: 'redispatch', unitId: 'u9', pairedUnitIds: ['u1', 'u2'], reason: 'x', sla: SLA }, ACTORS.staff, LATE)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(step(d, { event: 'redispatch', unitId: 'u2', pairedUnitIds: ['u1', 'u2'], reason: 'x', sla: SLA }, ACTORS.staff, new Date(T0.getTime() + HOUR))).toMatchObject({ ok: false, code: 'INVALID_STATE' });
    const done = demand('accepted', { claims: [{ openid: 'm2', name: '陈静', at: T0, by: 'self', done: true, hours: 1 }] });
    expect(go(done)).toMatchObject({ ok: false, code: 'INVALID_STATE' });
    expect(JSON.stringify(d)).toBe(before);
  });

  test('an item whose 延期 was refused may be re-dispatched before its deadline', () => {
    const d = demand('accepted', { extension: { status: 'refused', until: T0, previous: T0, reason: 'x', requestedBy: 'l1', requestedAt: T0 } });
    expect(step(d, { event: 'redispatch', unitId: 'u2', pairedUnitIds: ['u1', 'u2'], reason: 'x', sla: SLA }, ACTORS.staff, new Date(T0.getTime() + HOUR)).ok).toBe(true);
  });
});
