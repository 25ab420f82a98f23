/**
 * The demand / dispatch lifecycle as one pure transition: `transition(demand, step, actor, now)`
 * returns the next demand (with its timeline event appended) and the effects to carry out
 * (notifications, scorecard counts), or a typed refusal. No I/O, no clock of its own.
 * `allowedActions` uses the same guards, so what the app shows is what the server accepts.
 */
import { DEMAND_STATUS_LABEL, RESIDENT_STATUS_LABEL } from '../../types/labels';
import type { Claim, Demand, DemandEvent, DemandStatus, Rating, TimelineEvent, Urgency } from '../../types/dispatch';
import { isAdmin as adminRole, isLiaisonOf, isMemberOf, isSecretaryOf as secretaryRole, isStaffOf as staffRole, isTownOf, liaisonUnits, memberUnits, type Actor } from './actor';
import { deadlines, type SlaRules } from './sla';
import { monthOf } from './calendar';
import { rateReminderAfter } from './rate-reminders';

export type { Actor };

/** A step with its input (already validated at the edge; ids already resolved by the handler). */
export type Step =
  | { event: 'handle'; note?: string }
  | { event: 'dispatch'; unitId: string | null; pairedUnitIds: string[]; slots: number; expectedHours: number; urgency: Urgency; deadline: Date | null; sla: SlaRules }
  | { event: 'merge'; intoId: string }
  | { event: 'decline'; reason: string }
  | { event: 'accept' }
  | { event: 'reject'; reason: string }
  | { event: 'assign'; members: { openid: string; name: string }[] }
  | { event: 'claim' }
  | { event: 'withdraw' }
  | { event: 'complete'; notes: string; photos: string[]; hours: number | null }
  | { event: 'verify' }
  | { event: 'sendBack'; reason: string }
  | { event: 'rate'; value: Rating; comment: string }
  | { event: 'returnVisit'; note: string; via?: ReturnVia }
  | { event: 'escalate'; reason: string }
  | { event: 'close'; note: string };

/**
 * A return visit (回访) recorded from a visit to the household (Pillar 3), with what the visits
 * function loaded in the visit's transaction: the household it was made at and that household's
 * paired visitors. Without it, a return visit is a staff 回访 note.
 */
export interface ReturnVia {
  householdId: string;
  visitors: string[];
}

export type Refusal = { ok: false; code: 'FORBIDDEN' | 'INVALID_STATE' | 'INVALID_INPUT' | 'RATE_LIMITED'; message: string };

/** Counters of the 三率 scorecard, by scope and the month the item counts in. */
export type ScoreField = 'dispatched' | 'acceptedWithinSla' | 'acceptMinutes' | 'accepted' | 'resolved' | 'resolveMinutes' | 'rated' | 'satisfiedOrBasic' | 'extended' | 'reassigned';

export type Effect =
  | { kind: 'notify'; template: NotifyTemplate; to: Recipient }
  | { kind: 'score'; scope: 'community' | 'unit'; id: string; month: string; field: ScoreField; by: number }
  /** The item's finish time as the scorecard tracks it while the item is open with an SLA (null: no longer). */
  | { kind: 'deadline'; scope: 'community' | 'unit'; id: string; month: string; demandId: string; finishBy: Date | string | null }
  /**
   * Verified dispatch work: each member's reported hours go to the points ledger (Pillar 2), once
   * per round of work (round 1 is the work redone after a 不满意 reopened it).
   */
  | { kind: 'credit'; demandId: string; communityId: string; unitId: string | null; round: number; members: { openid: string; name: string; hours: number }[] }
  /** A demand about a key household is resolved: its visitors owe a return visit (Pillar 3). */
  | { kind: 'resolved'; demandId: string; householdId: string; communityId: string }
  /**
   * Any other counter a step moves (a queue's, a tally's): `by` added to `field` of document `doc`
   * in `collection`, once per step (lib/effects.ts); `init` are the fields the document is made
   * with if it does not exist yet.
   */
  | { kind: 'inc'; collection: string; doc: string; field: string; by: number; init?: Record<string, unknown> }
  /**
   * A field of a counter document set to a value, or removed (null), once per step: the per-item
   * record of a figure (core/stats.ts), on the same documents and terms as `inc`.
   */
  | { kind: 'set'; collection: string; doc: string; field: string; value: string | null; init?: Record<string, unknown> };

/**
 * A step's effects, recorded on the demand in the same write as the step (`pendingEffects`, by
 * key) and removed once applied; every effect is applied under the key, so applying twice counts once.
 */
export interface PendingEffects {
  /** Unique per step: marks the counters it moved, names its notification job. */
  key: string;
  at: Date | string;
  effects: Effect[];
}

export type NotifyTemplate =
  | 'newDispatch' | 'accepted' | 'rejected' | 'claimConfirmed' | 'sentBack' | 'pleaseRate' | 'escalated'
  // Supervision (core/supervision.ts) and the second 不满意.
  | 'extensionAsked' | 'extensionDecided' | 'urged' | 'supervised' | 'returnedToSecretary'
  // The resident's: 已受理 (社区自办, or 派单 to a unit), 已办结 (the unit's work is done), and the reminders to rate.
  | 'residentHandled' | 'residentDispatched' | 'residentWorkDone' | 'rateReminder';

/** What a step's notify effects become: one queued job (collection `notifications`), sent by the `notify` timer. */
/** A message addressed and written when its step was saved (wishes, projects, posts): sent as it is. */
export interface ReadyMessage {
  touser: string;
  /** The template's placeholder id (lib/templates.ts) and its title. */
  template: { id: string; title: string };
  /** The mini-program page the message opens, with its query. */
  page: string;
  data: Record<string, { value: string }>;
}

/**
 * A job of the notify timer's queue: a dispatch step's (its demand, recipients resolved when sent)
 * or another pillar's step's (`ready`: messages written when the step was saved).
 */
export interface NotificationJob {
  _id?: string;
  demandId?: string;
  /** A short text of the demand for the message body. */
  text?: string;
  messages?: { template: NotifyTemplate; to: Recipient }[];
  ready?: ReadyMessage[];
  status: 'pending' | 'sending' | 'sent';
  createdAt: Date | string;
  sentAt?: Date | string;
  /**
   * When a drain took it (status `sending`): a job still sending a lease after that was left by a
   * crash and is taken again (notify/store.ts).
   */
  takenAt?: Date | string | null;
  /** Messages already sent, by message key (template and recipient): a retried job sends each once. */
  done?: Record<string, boolean>;
  /** Recipients reached and failures, recorded when sent. */
  sent?: number;
  failed?: number;
}

export type Recipient = { openid: string } | { liaisonsOf: string[] } | { staffOf: string } | { admins: true } | { townOf: string };

export type Transition = { ok: true; demand: Demand; effects: Effect[] } | Refusal;

export const OPEN: DemandStatus[] = ['submitted', 'handling', 'dispatched', 'accepted', 'completed', 'verified', 'escalated'];

export function isOpen(d: Pick<Demand, 'status'>): boolean {
  return OPEN.includes(d.status);
}

/** Not yet resolved (verified or closed): where 已吹哨 and 督办 keep an item in the queues. */
export const UNRESOLVED: DemandStatus[] = ['submitted', 'handling', 'dispatched', 'accepted', 'completed', 'escalated'];

export function isUnresolved(d: Pick<Demand, 'status'>): boolean {
  return UNRESOLVED.includes(d.status);
}

/**
 * Dispatched and not yet resolved: every open state from 已派单 through 待验收 (and a 吹哨 before
 * resolution) until staff verify the work. Such an item has a deadline the scorecard tracks; once
 * resolved (verified, even if a 不满意 later reopens the work) it counts as resolved instead.
 */
export function isTracked(d: Pick<Demand, 'status' | 'dispatch' | 'resolvedAt'>): boolean {
  return !!d.dispatch && !d.resolvedAt && isOpen(d);
}

/** Tracked, and not accepted by its accept time or not resolved by its finish time. */
export function isOverdue(d: Pick<Demand, 'status' | 'dispatch' | 'resolvedAt'>, now: Date): boolean {
  if (!isTracked(d)) return false;
  if (d.status === 'dispatched' && now > new Date(d.dispatch!.acceptBy)) return true;
  return now > new Date(d.dispatch!.finishBy);
}

// ---- who is who, relative to a demand -----------------------------------------------------------

const isStaffOf = (a: Actor, d: Demand) => staffRole(a.roles, d.communityId);
const isSecretaryOf = (a: Actor, d: Demand) => secretaryRole(a.roles, d.communityId);
const isAdmin = (a: Actor) => adminRole(a.roles);

/** The unit of the actor's that may accept or reject this dispatch, if any. */
function acceptingUnit(a: Actor, d: Demand): string | null {
  if (!d.dispatch) return null;
  const candidates = d.dispatch.unitId ? [d.dispatch.unitId] : d.dispatch.offeredTo;
  return liaisonUnits(a.roles).find((u) => candidates.includes(u)) ?? null;
}

const isLiaisonOfUnit = (a: Actor, d: Demand) => isLiaisonOf(a.roles, d.dispatch?.unitId);
const ownClaim = (a: Actor, d: Demand) => d.claims.find((c) => c.openid === a.openid);

/** Who may see a demand at all (detail, timeline). */
export function canRead(d: Demand, a: Actor): boolean {
  if (d.submitter.openid === a.openid || isStaffOf(a, d) || isAdmin(a)) return true;
  // The town's officials supervise its communities' items (镇街干部).
  if (isTownOf(a.roles, d.townId)) return true;
  if (!d.dispatch) return false;
  const units = d.dispatch.unitId ? [d.dispatch.unitId] : d.dispatch.offeredTo;
  return units.some((u) => liaisonUnits(a.roles).includes(u) || memberUnits(a.roles).includes(u)) || d.claims.some((c) => c.openid === a.openid);
}

/** Who handles it and so sees contact details unmasked: the community's staff, the claimants. */
export function handles(d: Demand, a: Actor): boolean {
  return isStaffOf(a, d) || d.claims.some((c) => c.openid === a.openid) || isLiaisonOfUnit(a, d);
}

// ---- guards: may this actor take this step now? -------------------------------------------------

const refuse = (code: Refusal['code'], message: string): Refusal => ({ ok: false, code, message });
const FORBIDDEN = refuse('FORBIDDEN', '您无权对该诉求进行此操作');
const wrongState = (d: Demand) => refuse('INVALID_STATE', `该诉求当前为「${DEMAND_STATUS_LABEL[d.status]}」，不能进行此操作`);

/**
 * null when allowed; otherwise why not. Input-independent, so `allowedActions` can use it — except
 * where a return visit came from (`via`), which only the visits function passes.
 */
export function guard(d: Demand, event: DemandEvent, a: Actor, now: Date, via?: ReturnVia): Refusal | null {
  const need = (ok: boolean, who: boolean): Refusal | null => (!who ? FORBIDDEN : ok ? null : wrongState(d));
  switch (event) {
    case 'handle':
    case 'merge':
    case 'decline':
      return need(d.status === 'submitted', isStaffOf(a, d));
    case 'dispatch':
      if (d.status === 'escalated') return need(true, isSecretaryOf(a, d) || isAdmin(a));
      return need(d.status === 'submitted', isStaffOf(a, d));
    case 'accept':
    case 'reject':
      return need(d.status === 'dispatched', acceptingUnit(a, d) !== null);
    case 'assign': {
      // Refused here, not only in the transition, so that allowedActions never offers a full task.
      const refused = need(d.status === 'accepted', isLiaisonOfUnit(a, d));
      if (refused) return refused;
      return d.claimedCount >= (d.dispatch?.slots ?? 0) ? refuse('INVALID_STATE', '该任务名额已满，不能再指派') : null;
    }
    case 'claim': {
      const member = isMemberOf(a.roles, d.dispatch?.unitId);
      if (!member) return FORBIDDEN;
      if (d.status !== 'accepted') return wrongState(d);
      if (ownClaim(a, d)) return refuse('INVALID_STATE', '您已认领该任务');
      if (d.claimedCount >= (d.dispatch?.slots ?? 0)) return refuse('INVALID_STATE', '该任务名额已满');
      return null;
    }
    case 'withdraw': {
      const claim = ownClaim(a, d);
      return need(d.status === 'accepted' && !!claim && !claim.done, !!claim);
    }
    case 'complete': {
      if (d.status === 'handling') return need(true, isStaffOf(a, d));
      const claim = ownClaim(a, d);
      return need(d.status === 'accepted' && !!claim && !claim.done, !!claim);
    }
    case 'verify':
    case 'sendBack':
      return need(d.status === 'completed', isStaffOf(a, d));
    case 'rate':
      // The resident is told where their demand is in their own words.
      if (d.submitter.openid === a.openid && d.status !== 'verified') return refuse('INVALID_STATE', `您的诉求现在是「${RESIDENT_STATUS_LABEL[d.status]}」，还不能评价`);
      return need(d.status === 'verified', d.submitter.openid === a.openid);
    case 'returnVisit':
      // From a visit: the household's visitor (or its community's staff, who may record visits
      // too) once the demand about it was resolved — also after a 不满意 reopened it, since the
      // return visit it owes stays owed. A staff 回访 note waits until the demand is closed.
      if (via) return need(d.resolvedAt !== null, d.householdId === via.householdId && (via.visitors.includes(a.openid) || isStaffOf(a, d)));
      return need(d.status === 'closed' && d.resolvedAt !== null, isStaffOf(a, d));
    case 'escalate':
      // 吹哨 is the secretary's right (DESIGN.md): the community secretary calls the units and the
      // town in on an unresolved item that is urgent, overdue, or came back after a second 不满意 —
      // once; a flag beside the status, never a status of its own.
      return need(isUnresolved(d) && !d.escalatedAt && (d.urgency === 'urgent' || isOverdue(d, now) || d.status === 'escalated'), isSecretaryOf(a, d));
    case 'close':
      return need(d.status === 'escalated', isSecretaryOf(a, d) || isAdmin(a));
    default:
      // 延期, 催办 and 督办 have their own guards (core/supervision.ts).
      return FORBIDDEN;
  }
}

export const EVENTS: DemandEvent[] = [
  'handle', 'dispatch', 'merge', 'decline', 'accept', 'reject', 'assign', 'claim', 'withdraw',
  'complete', 'verify', 'sendBack', 'rate', 'returnVisit', 'escalate', 'close',
];

/**
 * True when the demand already shows this step taken by this actor — a retried request — so the
 * caller gets the current state back and nothing is written twice.
 */
export function isRepeat(d: Demand, event: DemandEvent, a: Actor, now: Date): boolean {
  if (guard(d, event, a, now) === null) return false;
  if (event === 'claim') return d.claims.some((c) => c.openid === a.openid);
  const last = [...d.timeline].reverse().find((e) => e.actor === a.openid);
  return last?.event === event;
}

/**
 * The hours a verification of this demand credits: each done claim with hours, in the current
 * round of work. The same for a first verification, a retried one and a repair (points.creditDemand).
 */
export function creditOf(d: Demand): Extract<Effect, { kind: 'credit' }> | null {
  const members = d.claims.filter((c) => c.done && (c.hours ?? 0) > 0).map((c) => ({ openid: c.openid, name: c.name, hours: c.hours! }));
  if (!d.dispatch || !members.length) return null;
  return { kind: 'credit', demandId: d._id, communityId: d.communityId, unitId: d.dispatch.unitId, round: d.reopenCount, members };
}

export function allowedActions(d: Demand, a: Actor, now: Date): DemandEvent[] {
  return EVENTS.filter((e) => guard(d, e, a, now) === null);
}

// ---- open deadlines, as the scorecard tracks them --------------------------------------------------

type Tracked = { scope: 'community' | 'unit'; id: string; month: string; finishBy: string };

/** Where an open item with an SLA counts: its community, and its unit once it has one. */
function tracked(d: Demand): Tracked[] {
  if (!isTracked(d)) return [];
  const finishBy = new Date(d.dispatch!.finishBy).toISOString();
  const out: Tracked[] = [{ scope: 'community', id: d.communityId, month: d.dispatch!.month, finishBy }];
  if (d.dispatch!.unitId) out.push({ scope: 'unit', id: d.dispatch!.unitId, month: d.dispatch!.month, finishBy });
  return out;
}

/**
 * The scorecard keeps each open item's finish time so that "open past deadline" is read from one
 * document, never by scanning demands: entries appear when an item is dispatched and go when it
 * is resolved, returned or closed.
 */
export function deadlineChanges(before: Demand, after: Demand): Effect[] {
  const key = (t: Tracked) => `${t.scope}/${t.id}/${t.month}`;
  const was = new Map(tracked(before).map((t) => [key(t), t]));
  const now = new Map(tracked(after).map((t) => [key(t), t]));
  const out: Effect[] = [];
  for (const [k, t] of was) if (!now.has(k)) out.push({ kind: 'deadline', scope: t.scope, id: t.id, month: t.month, demandId: before._id, finishBy: null });
  for (const [k, t] of now) {
    if (was.get(k)?.finishBy !== t.finishBy) out.push({ kind: 'deadline', scope: t.scope, id: t.id, month: t.month, demandId: after._id, finishBy: new Date(t.finishBy) });
  }
  return out;
}

// ---- the transition ----------------------------------------------------------------------------

const MINUTE = 60_000;

export function transition(d: Demand, step: Step, a: Actor, now: Date): Transition {
  const refused = guard(d, step.event, a, now, step.event === 'returnVisit' ? step.via : undefined);
  if (refused) return refused;
  const effects: Effect[] = [];
  const month = d.dispatch?.month ?? monthOf(new Date(d.createdAt));
  const score = (scope: 'community' | 'unit', id: string, field: ScoreField, by = 1) =>
    effects.push({ kind: 'score', scope, id, month, field, by });
  const notify = (template: NotifyTemplate, to: Recipient) => effects.push({ kind: 'notify', template, to });
  const next: Demand = { ...d, claims: d.claims.map((c) => ({ ...c })), version: d.version + 1 };
  let reason: string | undefined;

  switch (step.event) {
    case 'handle':
      next.status = 'handling';
      reason = step.note;
      notify('residentHandled', { openid: d.submitter.openid });
      break;
    case 'dispatch': {
      if (step.unitId && !step.pairedUnitIds.includes(step.unitId)) return refuse('FORBIDDEN', '只能派单给与本社区结对共建的单位');
      if (!step.unitId && step.pairedUnitIds.length === 0) return refuse('INVALID_STATE', '本社区还没有结对共建单位，无法派单');
      const { acceptBy, finishBy } = deadlines(step.urgency, now, step.deadline, step.sla);
      const dispatchMonth = monthOf(now);
      next.status = 'dispatched';
      next.urgency = step.urgency;
      next.dispatch = {
        unitId: step.unitId,
        offeredTo: step.unitId ? [step.unitId] : [...step.pairedUnitIds],
        slots: step.slots,
        expectedHours: step.expectedHours,
        dispatchedAt: now,
        month: dispatchMonth,
        acceptBy,
        finishBy,
        acceptedAt: null,
        acceptedWithinSla: null,
      };
      next.claims = [];
      next.claimedCount = 0;
      next.completion = null;
      effects.push({ kind: 'score', scope: 'community', id: d.communityId, month: dispatchMonth, field: 'dispatched', by: 1 });
      if (step.unitId) effects.push({ kind: 'score', scope: 'unit', id: step.unitId, month: dispatchMonth, field: 'dispatched', by: 1 });
      notify('newDispatch', { liaisonsOf: next.dispatch.offeredTo });
      notify('residentDispatched', { openid: d.submitter.openid });
      break;
    }
    case 'merge':
      if (step.intoId === d._id) return refuse('INVALID_INPUT', '不能合并到自身');
      next.status = 'merged';
      next.mergedInto = step.intoId;
      break;
    case 'decline':
      next.status = 'declined';
      reason = step.reason;
      break;
    case 'accept': {
      const unitId = acceptingUnit(a, d)!;
      const dispatch = d.dispatch!;
      const within = now <= new Date(dispatch.acceptBy);
      const minutes = Math.round((now.getTime() - new Date(dispatch.dispatchedAt).getTime()) / MINUTE);
      next.status = 'accepted';
      next.dispatch = { ...dispatch, unitId, offeredTo: [unitId], acceptedAt: now, acceptedWithinSla: within };
      // An open offer belongs to no unit until one takes it: it counts for that unit from now.
      if (!dispatch.unitId) score('unit', unitId, 'dispatched');
      // After a 改派 the community's one dispatched item was accepted once already: counted then.
      const acceptedBefore = (d.redispatches ?? []).some((r) => r.acceptedAt);
      for (const scope of acceptedBefore ? (['unit'] as const) : (['community', 'unit'] as const)) {
        const id = scope === 'community' ? d.communityId : unitId;
        score(scope, id, 'accepted');
        score(scope, id, 'acceptMinutes', minutes);
        if (within) score(scope, id, 'acceptedWithinSla');
      }
      notify('accepted', { staffOf: d.communityId });
      break;
    }
    case 'reject':
      // Back to the community's triage queue; the unit's missed acceptance stays in its figures,
      // the offer itself is withdrawn (the timeline keeps it) so the units no longer see the item.
      next.status = 'submitted';
      next.dispatch = null;
      reason = step.reason;
      notify('rejected', { staffOf: d.communityId });
      break;
    case 'assign': {
      const slots = d.dispatch!.slots;
      const fresh = step.members.filter((m) => !d.claims.some((c) => c.openid === m.openid));
      if (d.claimedCount + fresh.length > slots) return refuse('INVALID_STATE', `名额不足：还剩 ${slots - d.claimedCount} 个`);
      for (const m of fresh) {
        next.claims.push({ openid: m.openid, name: m.name, at: now, by: 'liaison', done: false, hours: null });
        notify('claimConfirmed', { openid: m.openid });
      }
      next.claimedCount = next.claims.length;
      reason = fresh.map((m) => m.name).join('、');
      break;
    }
    case 'claim':
      next.claims.push({ openid: a.openid, name: a.name, at: now, by: 'self', done: false, hours: null });
      next.claimedCount = next.claims.length;
      notify('claimConfirmed', { openid: a.openid });
      break;
    case 'withdraw':
      next.claims = next.claims.filter((c) => c.openid !== a.openid);
      next.claimedCount = next.claims.length;
      break;
    case 'complete': {
      if (d.status === 'handling') {
        next.status = 'verified';
        next.completion = { notes: step.notes, photos: step.photos, at: now };
        next.resolvedAt = now;
        if (d.householdId) effects.push({ kind: 'resolved', demandId: d._id, householdId: d.householdId, communityId: d.communityId });
        notify('pleaseRate', { openid: d.submitter.openid });
        break;
      }
      if (step.hours === null) return refuse('INVALID_INPUT', '请填写本次服务时长（小时）');
      const claim = next.claims.find((c) => c.openid === a.openid) as Claim;
      claim.done = true;
      claim.hours = step.hours;
      const notes = d.completion?.notes ? `${d.completion.notes}\n${a.name}：${step.notes}` : `${a.name}：${step.notes}`;
      next.completion = { notes, photos: [...(d.completion?.photos ?? []), ...step.photos], at: now };
      if (next.claims.every((c) => c.done)) {
        next.status = 'completed';
        notify('residentWorkDone', { openid: d.submitter.openid });
      }
      reason = `${step.hours} 小时`;
      break;
    }
    case 'verify': {
      next.status = 'verified';
      if (!d.resolvedAt) {
        next.resolvedAt = now;
        const minutes = Math.round((now.getTime() - new Date(d.dispatch!.dispatchedAt).getTime()) / MINUTE);
        for (const [scope, id] of [['community', d.communityId], ['unit', d.dispatch!.unitId!]] as const) {
          score(scope, id, 'resolved');
          score(scope, id, 'resolveMinutes', minutes);
        }
        if (d.householdId) effects.push({ kind: 'resolved', demandId: d._id, householdId: d.householdId, communityId: d.communityId });
      }
      // Every verification offers the hours again; the ledger's source key credits each member once.
      const credit = creditOf(d);
      if (credit) effects.push(credit);
      notify('pleaseRate', { openid: d.submitter.openid });
      break;
    }
    case 'sendBack':
      next.status = 'accepted';
      next.claims = next.claims.map((c) => ({ ...c, done: false }));
      reason = step.reason;
      for (const c of d.claims) notify('sentBack', { openid: c.openid });
      break;
    case 'rate': {
      next.rating = { value: step.value, comment: step.comment, at: now };
      reason = step.comment || undefined;
      const scopes: ['community' | 'unit', string][] = [['community', d.communityId]];
      if (d.dispatch?.unitId) scopes.push(['unit', d.dispatch.unitId]);
      // One rated demand, counted by its final rating: a second rating (after a 不满意 reopened
      // the work) corrects the counters instead of adding a second rated item.
      const wasSatisfied = d.rating ? d.rating.value !== 'unsatisfied' : false;
      const satisfied = step.value !== 'unsatisfied';
      for (const [scope, id] of scopes) {
        if (!d.rating) score(scope, id, 'rated');
        if (satisfied !== wasSatisfied) score(scope, id, 'satisfiedOrBasic', satisfied ? 1 : -1);
      }
      if (step.value !== 'unsatisfied') {
        next.status = 'closed';
      } else if (d.reopenCount === 0) {
        // 不满意 reopens the work once: back to the unit (or to the community that handled it).
        next.status = d.dispatch ? 'accepted' : 'handling';
        next.reopenCount = 1;
        next.claims = next.claims.map((c) => ({ ...c, done: false }));
        for (const c of d.claims) notify('sentBack', { openid: c.openid });
      } else {
        // A second 不满意 goes back to the community's secretary (书记研判): dispatch again, close
        // with a note, or 吹哨 the units and the town in. Not itself a 吹哨 (that is the secretary's call).
        next.status = 'escalated';
        notify('returnedToSecretary', { staffOf: d.communityId });
      }
      break;
    }
    case 'returnVisit':
      // Recorded from a visit, `now` is the visit's own time (it may be entered later).
      next.returnVisits = [...d.returnVisits, { at: now, by: a.openid, note: step.note }];
      reason = step.note;
      break;
    case 'escalate':
      next.escalatedAt = now;
      reason = step.reason;
      notify('escalated', { admins: true });
      if (d.townId) notify('escalated', { townOf: d.townId });
      if (d.dispatch) notify('escalated', { liaisonsOf: d.dispatch.offeredTo });
      break;
    case 'close':
      next.status = 'closed';
      reason = step.note;
      break;
  }
  next.rateReminder = rateReminderAfter(d, next, now);
  next.openSlots = next.dispatch && next.status === 'accepted' ? Math.max(0, next.dispatch.slots - next.claimedCount) : 0;
  effects.push(...deadlineChanges(d, next));
  const event: TimelineEvent = { at: now, actor: a.openid, actorName: a.name, event: step.event, from: d.status, to: next.status };
  if (reason) event.reason = reason;
  next.timeline = [...d.timeline, event];
  return { ok: true, demand: next, effects };
}
