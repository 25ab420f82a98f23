/**
 * Recording a visit: in ONE transaction the visit, a demand in the community's triage queue for
 * each need found (linked to the household, the visitor as its submitter), the household's new
 * schedule, and the month's coverage counters. A retried request with the same `requestId`
 * records nothing twice.
 */
import crypto from 'node:crypto';
import { canRecordVisit, canSeeHousehold } from '../core/visits-access';
import { coverageId, newCoverageDoc, visitCoverageChange, type CoverageDoc } from '../core/visits-coverage';
import { applyVisit, visitTimeProblem } from '../core/visits';
import { isSecretaryOf } from '../core/actor';
import { monthOf } from '../core/calendar';
import type { Demand, TimelineEvent } from '../../types/dispatch';
import type { KeyHousehold, RecordVisitRequest, VisitRecord } from '../../types/visits';
import { _, db, isDuplicateWrite } from '../lib/cloud';
import type { Data, Transaction } from '../lib/database';
import { AppError, refuse } from '../lib/errors';
import { newDemand } from '../core/new-demand';
import { checkNoDiagnosis } from './key-households';
import { COVERAGE, KEY, VISITS } from './store';
import type { Actor as Person } from '../core/actor';
import { inTransaction } from '../lib/retry';

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
  if (!requestId) return crypto.randomBytes(12).toString('hex');
  return crypto.createHash('sha256').update(`${openid}\n${requestId}`).digest('hex').slice(0, 24);
}

export async function recordVisit(caller: Person, input: RecordVisitRequest, now: Date): Promise<Recorded> {
  const at = input.at ? new Date(input.at) : now;
  checkInput(input, at, now);
  const visitId = visitIdFor(caller.openid, input.requestId);
  try {
    return await inTransaction(async (t) => {
      const h = (await t.collection(KEY).doc(input.householdId).get<KeyHousehold>()).data;
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
      await t.collection(VISITS).add({ data: visit });
      for (const n of needs) {
        const demand = newDemand({
          _id: n.demandId,
          category: n.category,
          text: n.text,
          urgency: n.urgency,
          // The visitor reports it and follows it; the household's phone stays off the demand.
          submitter: { openid: caller.openid, name: caller.name, phone: caller.phone },
          communityId: h.communityId,
          buildingId: h.buildingId,
          householdId: h._id,
          actor: caller,
          now,
        });
        const { _id, ...data } = demand;
        await t.collection('demands').doc(_id).set({ data });
      }
      const s = effect.schedule;
      const newWindow = new Date(s.nextDueFrom).getTime() !== new Date(h.nextDueFrom).getTime();
      await t.collection(KEY).doc(h._id).update({
        data: {
          lastContactAt: s.lastContactAt,
          lastVisitAt: s.lastVisitAt,
          dueFrom: s.dueFrom,
          dueBy: s.dueBy,
          nextDueFrom: s.nextDueFrom,
          nextDueBy: s.nextDueBy,
          returnsDue: _.set(s.returnsDue),
          returnsDone: _.set(s.returnsDone),
          reminded: newWindow ? false : h.reminded,
          updatedAt: now,
          version: h.version + 1,
        },
      });
      if (effect.closesReturn) await linkReturnToDemand(t, effect.closesReturn, visit);
      await addToCoverage(t, visit);
      return { visit, household: { ...h, ...s, reminded: newWindow ? false : h.reminded, updatedAt: now, version: h.version + 1 }, repeat: false };
    }, { conflictMessage: '该户正在登记另一次走访，请稍后重试' });
  } catch (e) {
    // The same request again (its visit id exists): answer with what was recorded.
    if (!input.requestId || !isDuplicateWrite(e)) throw e;
    const visit = (await db.collection(VISITS).doc(visitId).get<VisitRecord>()).data;
    const household = (await db.collection(KEY).doc(input.householdId).get<KeyHousehold>()).data;
    if (!visit || !household || visit.householdId !== household._id) throw refuse.conflict('该请求编号已用于另一次走访');
    return { visit, household, repeat: true };
  }
}

const METHOD_WORDS: Record<VisitRecord['method'], string> = { door: '上门', phone: '电话', video: '视频' };

/**
 * The return visit shows on the demand too (诉求详情 → 回访, and its timeline), as Pillar 1 records
 * a staff 回访 — with a fixed note: the visit's own notes are about the household and stay with it.
 */
async function linkReturnToDemand(t: Transaction, demandId: string, visit: VisitRecord): Promise<void> {
  const d = (await t.collection('demands').doc(demandId).get<Demand>()).data;
  if (!d) return;
  const note = `包户${METHOD_WORDS[visit.method]}回访，已见到本人`;
  const event: TimelineEvent = { at: visit.at, actor: visit.visitor.openid, actorName: visit.visitor.name, event: 'returnVisit', from: d.status, to: d.status, reason: note };
  await t.collection('demands').doc(demandId).update({
    data: { returnVisits: _.push([{ at: visit.at, by: visit.visitor.openid, note }]), timeline: _.push([event]), version: _.inc(1) },
  });
}

/** One visit's change to its month's counter document (created by the month's first visit). */
async function addToCoverage(t: Transaction, visit: VisitRecord): Promise<void> {
  const change = visitCoverageChange(visit);
  const id = coverageId(visit.communityId, visit.month);
  const existing = (await t.collection(COVERAGE).doc(id).get<CoverageDoc>()).data;
  if (!existing) {
    const { _id, ...data } = newCoverageDoc(visit.communityId, visit.month, change);
    await t.collection(COVERAGE).doc(_id).set({ data });
    return;
  }
  const data: Data = { ...change.sets };
  for (const [path, by] of Object.entries(change.incs)) data[path] = _.inc(by);
  await t.collection(COVERAGE).doc(id).update({ data });
}
