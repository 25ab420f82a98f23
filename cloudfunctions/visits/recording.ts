/**
 * Recording a visit: in ONE transaction the visit, a demand in the community's triage queue for
 * each need found (linked to the household, the visitor as its submitter), the household's new
 * schedule, the month's coverage counters, and — for a return visit (回访) — the return on its
 * demand, decided by the demand's own rules (core/demand.ts); the queues' counters those demands
 * move are recorded on the visit and applied after it, once per key (lib/effects). A retried
 * request with the same `requestId` records nothing twice and finishes what its first left.
 */
import crypto from 'node:crypto';
import { canRecordVisit, canSeeHousehold } from '../core/visits-access';
import { applyVisit, visitTimeProblem } from '../core/visits';
import { transition, type Effect, type PendingEffects } from '../core/demand';
import { queueDeltas } from '../core/queues';
import { isSecretaryOf, type Actor } from '../core/actor';
import { monthOf } from '../core/calendar';
import { newDemand } from '../core/new-demand';
import type { KeyHousehold, RecordVisitRequest, VisitRecord } from '../../types/visits';
import { VISIT_METHOD_LABEL } from '../../types/labels';
import { isDuplicateWrite } from '../lib/cloud';
import type { Transaction } from '../lib/database';
import { AppError, refuse } from '../lib/errors';
import { newId } from '../lib/ids';
import { applyPending, clearPending, finishLeftovers, pendingOf } from '../lib/effects';
import { inTransaction } from '../lib/retry';
import { checkNoDiagnosis } from './key-households';
import { addDemand, addToCoverage, addVisit, loadCare, loadDemand, loadKeyHousehold, loadVisit, writeReturnVisit, writeSchedule } from './store';

type Inc = Extract<Effect, { kind: 'inc' }>;

export interface Recorded {
  visit: VisitRecord;
  household: KeyHousehold;
  /** True when this was a repeat of a request already recorded. */
  repeat: boolean;
}

/** The checks that need nothing from the database. */
function checkInput(input: RecordVisitRequest, at: Date, now: Date): void {
  const problem = visitTimeProblem(at, now);
  if (problem) throw refuse.invalid(problem);
  if (input.outcome === 'contact' && !input.wellbeing) throw refuse.invalid('见到人时请选择对方的状况');
  if (input.outcome === 'noContact' && input.wellbeing) throw refuse.invalid('敲门未遇时不填写状况');
  if (input.outcome === 'noContact' && input.needs?.length) throw refuse.invalid('敲门未遇时不能登记发现的需求');
  checkNoDiagnosis('走访备注', input.notes);
  for (const n of input.needs ?? []) checkNoDiagnosis('需求描述', n.text);
}

/** A visit id: random, or derived from the caller and their request id so a retry finds it. */
function visitIdFor(openid: string, requestId: string | undefined): string {
  if (!requestId) return newId();
  return crypto.createHash('sha256').update(`${openid}\n${requestId}`).digest('hex').slice(0, 24);
}

export async function recordVisit(caller: Actor, input: RecordVisitRequest, now: Date): Promise<Recorded> {
  const at = input.at ? new Date(input.at) : now;
  checkInput(input, at, now);
  const visitId = visitIdFor(caller.openid, input.requestId);
  // The queues' counters the new demands and a return visit move: recorded on the visit in its
  // transaction, applied once per key after it (lib/effects), finished by a retry or the repair timer.
  let pending: PendingEffects | null = null;
  try {
    const recorded = await inTransaction(async (t) => {
      const incs: Inc[] = [];
      const h = await loadKeyHousehold(input.householdId, t);
      if (!h || !canSeeHousehold(h, caller)) throw refuse.notFound('重点户');
      if (!h.active) throw new AppError('INVALID_STATE', '该户已不是重点户');
      if (!canRecordVisit(h, caller)) throw refuse.forbidden('只有包户走访人和本社区工作人员可以登记走访');
      if (input.secretaryVisit && !isSecretaryOf(caller.roles, h.communityId)) throw refuse.forbidden('只有本社区书记可以登记书记敲门');
      const returnFor = input.returnForDemandId ?? null;
      if (returnFor && !h.returnsDue.some((r) => r.demandId === returnFor)) throw new AppError('INVALID_STATE', '该诉求没有待做的回访');

      const effect = applyVisit(h, { at, outcome: input.outcome, returnForDemandId: returnFor });
      const needs = (input.needs ?? []).map((n, i) => ({ ...n, demandId: `${visitId}n${i + 1}` }));
      const visit: VisitRecord = {
        _id: visitId,
        householdId: h._id,
        communityId: h.communityId,
        at,
        recordedAt: now,
        month: monthOf(at),
        visitor: { openid: caller.openid, name: caller.name },
        method: input.method,
        outcome: input.outcome,
        wellbeing: input.wellbeing ?? null,
        notes: input.notes ?? '',
        needs,
        photos: input.photos ?? [],
        secretaryVisit: input.secretaryVisit ?? false,
        returnForDemandId: returnFor,
        onTime: effect.onTime,
      };
      // The household goes with each need (address, whom to ask for, their phone for whoever takes
      // the work): one read of its care document for the phone, only when there are needs. Nothing
      // else of that document (categories, notes) leaves this function.
      const phone = needs.length ? ((await loadCare(h._id, t))?.contactPhone ?? '') : '';
      const household = { id: h._id, address: h.address, contactName: h.contactName, contactPhone: phone || h.contactPhoneMasked };
      for (const n of needs) {
        const demand = newDemand({
          _id: n.demandId,
          category: n.category,
          text: n.text,
          urgency: n.urgency,
          // The visitor reports it and follows it (走访发现); the household is whom it is for.
          submitter: { openid: caller.openid, name: caller.name, phone: caller.phone },
          communityId: h.communityId,
          buildingId: h.buildingId,
          estateId: h.estateId,
          source: 'visit',
          household,
          actor: caller,
          now,
        });
        await addDemand(t, demand);
        incs.push(...queueDeltas(null, demand));
      }
      const s = effect.schedule;
      const newWindow = new Date(s.nextDueFrom).getTime() !== new Date(h.nextDueFrom).getTime();
      const reminded = newWindow ? false : h.reminded;
      await writeSchedule(t, h, s, reminded, now);
      if (effect.closesReturn) incs.push(...(await returnToDemand(t, effect.closesReturn, visit, h, caller)));
      pending = pendingOf(incs, now);
      // The visit with its effects recorded; a retried request's id is a duplicate here, and the
      // transaction's other writes are rolled back with it.
      await addVisit(t, pending ? { ...visit, pendingEffects: { [pending.key]: pending }, effectsDue: { key: pending.key, at: pending.at } } : visit);
      await addToCoverage(t, visit);
      return { visit, household: { ...h, ...s, reminded, updatedAt: now, version: h.version + 1 }, repeat: false };
    }, { conflictMessage: '该户正在登记另一次走访，请稍后重试' });
    const p = pending as PendingEffects | null;
    if (p) {
      await applyPending(p, { _id: visitId }, now);
      await clearPending(visitId, [p.key], p.key, 'visits');
    }
    return recorded;
  } catch (e) {
    // The same request again (its visit id exists): answer with what was recorded.
    if (!input.requestId || !isDuplicateWrite(e)) throw e;
    const visit = await loadVisit(visitId);
    const household = await loadKeyHousehold(input.householdId);
    if (!visit || !household || visit.householdId !== household._id) throw refuse.conflict('该请求编号已用于另一次走访');
    // What the first attempt left recorded (it died after its transaction) is finished now.
    await finishLeftovers(visit, now, 'visits');
    const { pendingEffects: _p, effectsDue: _e, ...stored } = visit;
    return { visit: stored, household, repeat: true };
  }
}


/**
 * The return visit shows on the demand too (诉求详情 → 回访, and its timeline), as Pillar 1 records
 * a staff 回访 — with a fixed note: the visit's own notes are about the household and stay with it.
 * The demand's rules decide (the household's visitor, a resolved demand about this household);
 * the visit's transaction isolates the write from a dispatch step on the same demand.
 */
async function returnToDemand(t: Transaction, demandId: string, visit: VisitRecord, h: KeyHousehold, caller: Actor): Promise<Inc[]> {
  const d = await loadDemand(demandId, t);
  if (!d) return [];
  const note = `包户${VISIT_METHOD_LABEL[visit.method]}回访，已见到本人`;
  const via = { householdId: h._id, visitors: h.visitors.map((v) => v.openid) };
  // The return visit happened when the visit did.
  const result = transition(d, { event: 'returnVisit', note, via }, caller, new Date(visit.at));
  if (!result.ok) throw new AppError(result.code, result.message);
  await writeReturnVisit(t, d, result.demand);
  return queueDeltas(d, result.demand);
}
