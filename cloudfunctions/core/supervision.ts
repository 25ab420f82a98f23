/**
 * Supervision of the dispatch lifecycle, 12345-style (pure, time passed in): 延期 (the unit asks for
 * a later finish date in time; the community approves or refuses), 催办 (a recorded reminder to
 * whoever holds an overdue item) and 督办 (the town or county supervises an item until it is
 * resolved). None of them changes the status: each appends a timeline event, and an approved
 * extension moves the finish time the scorecard tracks (the item never leaves a denominator).
 *
 * `step` and `actionsOf` cover every event — the lifecycle of core/demand.ts and these — so a
 * handler and a view need only this module.
 */
import type { Demand, DemandEvent, TimelineEvent } from '../../types/dispatch';
import { isAdmin, isLiaisonOf, isStaffOf, isTownOf, type Actor } from './actor';
import { DAY, chinaDayEnd, dayOf } from './calendar';
import { deadlines, type SlaRules } from './sla';
import {
  allowedActions as lifecycleActions,
  deadlineChanges,
  guard as lifecycleGuard,
  isOverdue,
  isUnresolved,
  transition as lifecycle,
  type Effect,
  type NotifyTemplate,
  type Recipient,
  type Refusal,
  type Step as LifecycleStep,
  type Transition,
} from './demand';

export type SupervisionStep =
  | { event: 'extend'; until: Date; reason: string }
  | { event: 'approveExtension' }
  | { event: 'refuseExtension'; reason: string }
  | { event: 'urge'; note?: string }
  | { event: 'supervise'; reason: string }
  | { event: 'redispatch'; unitId: string; pairedUnitIds: string[]; reason: string; sla: SlaRules };

export type AnyStep = LifecycleStep | SupervisionStep;

export type SupervisionEvent = SupervisionStep['event'];

export const SUPERVISION_EVENTS: SupervisionEvent[] = ['extend', 'approveExtension', 'refuseExtension', 'urge', 'supervise', 'redispatch'];

/** The longest a single 延期 may add to the finish time. */
export const MAX_EXTENSION_DAYS = 30;

export const isSupervisionEvent = (e: DemandEvent): e is SupervisionEvent => (SUPERVISION_EVENTS as DemandEvent[]).includes(e);

const refuse = (code: Refusal['code'], message: string): Refusal => ({ ok: false, code, message });
const FORBIDDEN = refuse('FORBIDDEN', '您无权对该诉求进行此操作');

/** Urged by this person today (China day) already. */
function urgedToday(d: Demand, a: Actor, now: Date): boolean {
  const today = dayOf(now);
  return d.timeline.some((e) => e.event === 'urge' && e.actor === a.openid && dayOf(e.at) === today);
}

/** Under 督办 now: supervised and not yet resolved. */
export const isSupervised = (d: Pick<Demand, 'status' | 'supervisedAt'>): boolean => !!d.supervisedAt && isUnresolved(d);

/** 已吹哨 now: escalated and not yet resolved. */
export const isEscalated = (d: Pick<Demand, 'status' | 'escalatedAt'>): boolean => !!d.escalatedAt && isUnresolved(d);

/** null when allowed; otherwise why not (input-independent, so `allowedActions` can use it). */
export function supervisionGuard(d: Demand, event: SupervisionEvent, a: Actor, now: Date): Refusal | null {
  const pending = d.extension?.status === 'pending';
  switch (event) {
    case 'extend':
      if (!isLiaisonOf(a.roles, d.dispatch?.unitId)) return FORBIDDEN;
      if (d.status !== 'accepted') return refuse('INVALID_STATE', '接单后、办结前才能申请延期');
      // 12345: an extension is asked in time; an overdue item is urged or escalated, not extended.
      if (now > new Date(d.dispatch!.finishBy)) return refuse('INVALID_STATE', '已超过办结时限，不能再申请延期');
      if (pending) return refuse('INVALID_STATE', '已有延期申请等待社区审核');
      return null;
    case 'approveExtension':
    case 'refuseExtension':
      if (!isStaffOf(a.roles, d.communityId)) return FORBIDDEN;
      return pending && isUnresolved(d) ? null : refuse('INVALID_STATE', '没有待审核的延期申请');
    case 'urge':
      if (!isStaffOf(a.roles, d.communityId) && !isTownOf(a.roles, d.townId) && !isAdmin(a.roles)) return FORBIDDEN;
      if (!isUnresolved(d) || !isOverdue(d, now)) return refuse('INVALID_STATE', '只有超期未办结的诉求才能催办');
      if (urgedToday(d, a, now)) return refuse('RATE_LIMITED', '您今天已催办过该诉求，请明天再催');
      return null;
    case 'supervise':
      if (!isTownOf(a.roles, d.townId) && !isAdmin(a.roles)) return FORBIDDEN;
      if (!isUnresolved(d) || !(isOverdue(d, now) || d.escalatedAt)) return refuse('INVALID_STATE', '只有超期或已吹哨、尚未办结的诉求才能督办');
      if (isSupervised(d)) return refuse('INVALID_STATE', '该诉求已在督办中');
      return null;
    case 'redispatch':
      // 改派: the community takes an item back from a unit that let it run overdue (or whose 延期 it
      // refused) and sends it to another paired unit — before any of the work was reported done.
      if (!isStaffOf(a.roles, d.communityId)) return FORBIDDEN;
      if (!d.dispatch || (d.status !== 'dispatched' && d.status !== 'accepted')) return refuse('INVALID_STATE', '只有已派单、尚未办结的诉求才能改派');
      if (d.claims.some((c) => c.done)) return refuse('INVALID_STATE', '已有党员办结了部分工作，不能改派');
      if (!isOverdue(d, now) && d.extension?.status !== 'refused') return refuse('INVALID_STATE', '只有超期或延期未获同意的诉求才能改派');
      return null;
  }
}

/** Whoever holds the item now: the unit before acceptance, the claimants and liaison after, else the community. */
export function holders(d: Demand): Recipient[] {
  if (d.dispatch && d.status === 'dispatched') return [{ liaisonsOf: d.dispatch.offeredTo }];
  if (d.dispatch?.unitId && d.status === 'accepted') return [...d.claims.map((c) => ({ openid: c.openid })), { liaisonsOf: [d.dispatch.unitId] }];
  return [{ staffOf: d.communityId }];
}

/** The end of a China day given as YYYY-MM-DD. */
export function endOfChinaDay(day: string): Date {
  return chinaDayEnd(new Date(`${day}T12:00:00+08:00`));
}

function supervisionTransition(d: Demand, step: SupervisionStep, a: Actor, now: Date): Transition {
  const refused = supervisionGuard(d, step.event, a, now);
  if (refused) return refused;
  const next: Demand = { ...d, version: d.version + 1 };
  const effects: Effect[] = [];
  const notify = (template: NotifyTemplate, to: Recipient) => effects.push({ kind: 'notify', template, to });
  let reason: string | undefined;

  switch (step.event) {
    case 'extend': {
      const previous = new Date(d.dispatch!.finishBy);
      if (step.until <= previous) return refuse('INVALID_INPUT', `新的办结日期须晚于现在的时限（${dayOf(previous)}）`);
      if (step.until.getTime() - previous.getTime() > MAX_EXTENSION_DAYS * DAY) return refuse('INVALID_INPUT', `一次最多延期 ${MAX_EXTENSION_DAYS} 天`);
      next.extension = { status: 'pending', until: step.until, previous, reason: step.reason, requestedBy: a.openid, requestedAt: now };
      reason = `申请延期至 ${dayOf(step.until)}：${step.reason}`;
      notify('extensionAsked', { staffOf: d.communityId });
      break;
    }
    case 'approveExtension': {
      const ext = d.extension!;
      next.extension = { ...ext, decidedBy: a.openid, decidedAt: now, status: 'approved' };
      next.dispatch = { ...d.dispatch!, finishBy: ext.until };
      next.extensions = (d.extensions ?? 0) + 1;
      const month = d.dispatch!.month;
      effects.push({ kind: 'score', scope: 'community', id: d.communityId, month, field: 'extended', by: 1 });
      if (d.dispatch!.unitId) effects.push({ kind: 'score', scope: 'unit', id: d.dispatch!.unitId, month, field: 'extended', by: 1 });
      // The tracked finish time moves with it: the item stays in every denominator.
      effects.push(...deadlineChanges(d, next));
      reason = `同意延期，办结时限改为 ${dayOf(ext.until)}`;
      if (d.dispatch!.unitId) notify('extensionDecided', { liaisonsOf: [d.dispatch!.unitId] });
      break;
    }
    case 'refuseExtension':
      next.extension = { ...d.extension!, decidedBy: a.openid, decidedAt: now, status: 'refused', decision: step.reason };
      reason = `不同意延期：${step.reason}`;
      if (d.dispatch?.unitId) notify('extensionDecided', { liaisonsOf: [d.dispatch.unitId] });
      break;
    case 'urge':
      reason = step.note || undefined;
      for (const to of holders(d)) notify('urged', to);
      break;
    case 'redispatch': {
      const from = d.dispatch!.unitId ? [d.dispatch!.unitId] : d.dispatch!.offeredTo;
      if (!step.pairedUnitIds.includes(step.unitId)) return refuse('FORBIDDEN', '只能改派给与本社区结对共建的单位');
      if (from.includes(step.unitId)) return refuse('INVALID_INPUT', '请选择另一个结对单位');
      const { acceptBy, finishBy } = deadlines(d.urgency, now, null, step.sla);
      const month = d.dispatch!.month;
      next.status = 'dispatched';
      // It stays the month's one dispatched item; the new unit has it from now, with fresh limits.
      next.dispatch = { ...d.dispatch!, unitId: step.unitId, offeredTo: [step.unitId], dispatchedAt: now, acceptBy, finishBy, acceptedAt: null, acceptedWithinSla: null };
      next.claims = [];
      next.claimedCount = 0;
      next.openSlots = 0;
      next.extension = null;
      next.redispatches = [...(d.redispatches ?? []), { from, at: now, reason: step.reason, acceptedAt: d.dispatch!.acceptedAt }];
      effects.push({ kind: 'score', scope: 'unit', id: step.unitId, month, field: 'dispatched', by: 1 });
      // The unit it was taken from keeps it in its 解决率 denominator, unresolved, for good.
      if (d.dispatch!.unitId) effects.push({ kind: 'score', scope: 'unit', id: d.dispatch!.unitId, month, field: 'reassigned', by: 1 });
      effects.push(...deadlineChanges(d, next));
      reason = step.reason;
      notify('newDispatch', { liaisonsOf: [step.unitId] });
      notify('rejected', { liaisonsOf: from });
      for (const c of d.claims) notify('sentBack', { openid: c.openid });
      break;
    }
    case 'supervise':
      next.supervisedAt = now;
      next.supervisedBy = a.openid;
      reason = step.reason;
      for (const to of holders(d)) notify('supervised', to);
      if (!holders(d).some((to) => 'staffOf' in to)) notify('supervised', { staffOf: d.communityId });
      break;
  }
  const event: TimelineEvent = { at: now, actor: a.openid, actorName: a.name, event: step.event, from: d.status, to: d.status };
  if (reason) event.reason = reason;
  next.timeline = [...d.timeline, event];
  return { ok: true, demand: next, effects };
}

/** Any step: the lifecycle's transition or a supervision step. */
export function step(d: Demand, s: AnyStep, a: Actor, now: Date): Transition {
  return isSupervisionEvent(s.event) ? supervisionTransition(d, s as SupervisionStep, a, now) : lifecycle(d, s as LifecycleStep, a, now);
}

/** Any event's guard. */
export function guardOf(d: Demand, event: DemandEvent, a: Actor, now: Date): Refusal | null {
  return isSupervisionEvent(event) ? supervisionGuard(d, event, a, now) : lifecycleGuard(d, event, a, now);
}

/** Everything this reader may do now: the lifecycle's steps and the supervision steps. */
export function actionsOf(d: Demand, a: Actor, now: Date): DemandEvent[] {
  return [...lifecycleActions(d, a, now), ...SUPERVISION_EVENTS.filter((e) => supervisionGuard(d, e, a, now) === null)];
}
