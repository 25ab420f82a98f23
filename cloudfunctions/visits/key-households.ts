/**
 * Marking key households and pairing their visitors (包挂): the community's staff, grid workers
 * and secretary decide; every pairing change is an append-only `visitPairings` record written in
 * the same transaction as the household.
 */
import { canManage, canSeeHousehold, visitorKind } from '../core/visits-access';
import { diagnosisMessage, diagnosisTerm } from '../core/visits-text';
import { schedule } from '../core/visits';
import { keyHouseholdDocs } from '../core/visits-marking';
import { maskPhone } from '../core/mask';
import { actorOf, type Actor } from '../core/actor';
import type { HouseholdCare, KeyHousehold, KeyHouseholdFields, PairingChange } from '../../types/visits';
import type { Transaction } from '../lib/database';
import { AppError, refuse } from '../lib/errors';
import { newId } from '../lib/ids';
import { inTransaction } from '../lib/retry';
import { addPairing, loadCare, loadHousehold, loadKeyHousehold, loadRegion, loadUser, pairedUnits, writeKey, writeUnmarked, writeVisitors } from './store';

const CONFLICT = '该户信息正被他人修改，请稍后重试';

/** Refuses notes that name a diagnosis (core/visits-text.ts says why). */
export function checkNoDiagnosis(field: string, text: string | undefined): void {
  const term = text ? diagnosisTerm(text) : null;
  if (term) throw refuse.invalid(diagnosisMessage(field, term));
}

/** Loads a key household inside a transaction; refuses unless the caller manages its community. */
async function managed(t: Transaction, caller: Actor, householdId: string): Promise<KeyHousehold> {
  const h = await loadKeyHousehold(householdId, t);
  if (!h || !canSeeHousehold(h, caller)) throw refuse.notFound('重点户');
  if (!canManage(caller.roles, h.communityId)) throw refuse.forbidden('只有本社区的工作人员可以管理重点户和包挂');
  if (!h.active) throw new AppError('INVALID_STATE', '该户已不是重点户');
  return h;
}

/** Mark a household as key (or mark it again after it was unmarked). */
export async function markKey(caller: Actor, input: { householdId: string } & KeyHouseholdFields, now: Date): Promise<{ h: KeyHousehold; care: HouseholdCare }> {
  const household = await loadHousehold(input.householdId);
  if (!household) throw refuse.notFound('户');
  if (!canManage(caller.roles, household.communityId)) throw refuse.forbidden('只有本社区的工作人员可以标记重点户');
  checkNoDiagnosis('备注', input.notes);
  const building = await loadRegion(household.buildingId);
  const address = `${building?.name ?? ''} ${household.room}`.trim();
  return inTransaction(async (t) => {
    const before = await loadKeyHousehold(household._id, t);
    if (before?.active) throw new AppError('INVALID_STATE', '该户已是重点户，请修改其信息');
    const last = (d: Date | string | null | undefined) => (d ? new Date(d) : null);
    const { key: h, care } = keyHouseholdDocs({
      household,
      address,
      fields: input,
      visitors: [],
      markedBy: caller.openid,
      // Marked again: the visits made before still count for the schedule; returns owed do not.
      schedule: schedule(input.careLevel, now, last(before?.lastContactAt), last(before?.lastVisitAt), [], before?.returnsDone ?? []),
      reminded: false,
      version: before?.version ?? 0,
      now,
      by: caller.openid,
    });
    await writeKey(t, h, care);
    return { h, care };
  }, { conflictMessage: CONFLICT });
}

/** Change any of a key household's fields; a new care level reschedules it. */
export async function updateKey(caller: Actor, input: { householdId: string } & Partial<KeyHouseholdFields>, now: Date): Promise<{ h: KeyHousehold; care: HouseholdCare }> {
  checkNoDiagnosis('备注', input.notes);
  return inTransaction(async (t) => {
    const h = await managed(t, caller, input.householdId);
    const care = await loadCare(h._id, t);
    if (!care) throw new AppError('INTERNAL', 'care details missing');
    const d = (x: Date | string | null) => (x === null ? null : new Date(x));
    const careLevel = input.careLevel ?? h.careLevel;
    const s = schedule(careLevel, new Date(h.markedAt), d(h.lastContactAt), d(h.lastVisitAt), h.returnsDue, h.returnsDone);
    const next: KeyHousehold = {
      ...h,
      ...s,
      contactName: input.contactName ?? h.contactName,
      contactPhoneMasked: input.contactPhone ? maskPhone(input.contactPhone) : h.contactPhoneMasked,
      reminded: new Date(s.nextDueFrom).getTime() === new Date(h.nextDueFrom).getTime() ? h.reminded : false,
      updatedAt: now,
      version: h.version + 1,
    };
    const nextCare: HouseholdCare = {
      ...care,
      categories: input.categories ?? care.categories,
      contactPhone: input.contactPhone ?? care.contactPhone,
      notes: input.notes ?? care.notes,
      updatedAt: now,
      updatedBy: caller.openid,
    };
    await writeKey(t, next, nextCare);
    return { h: next, care: nextCare };
  }, { conflictMessage: CONFLICT });
}

function pairingRecord(h: KeyHousehold, change: PairingChange['change'], visitor: { openid: string; name: string }, caller: Actor, reason: string, now: Date): PairingChange {
  return { _id: newId(), householdId: h._id, communityId: h.communityId, change, visitor, by: { openid: caller.openid, name: caller.name }, at: now, reason };
}

/**
 * No longer key: the sensitive details are deleted (kept no longer than needed), its visitors
 * unpaired (each recorded), its visits and pairing history kept.
 */
export async function unmarkKey(caller: Actor, input: { householdId: string; reason: string }, now: Date): Promise<void> {
  await inTransaction(async (t) => {
    const h = await managed(t, caller, input.householdId);
    await writeUnmarked(t, h, now);
    for (const v of h.visitors) await addPairing(t, pairingRecord(h, 'unpair', v, caller, input.reason, now));
  }, { conflictMessage: CONFLICT });
}

/** Pair a visitor with a household. Pairing someone already paired changes nothing. */
export async function pair(caller: Actor, input: { householdId: string; visitorOpenid: string }, now: Date): Promise<KeyHousehold> {
  const user = await loadUser(input.visitorOpenid);
  if (!user) throw refuse.notFound('走访人');
  const person = actorOf(user);
  const probe = await loadKeyHousehold(input.householdId);
  if (!probe || !canSeeHousehold(probe, caller)) throw refuse.notFound('重点户');
  if (!canManage(caller.roles, probe.communityId)) throw refuse.forbidden('只有本社区的工作人员可以管理重点户和包挂');
  const communityId = probe.communityId;
  // Only a member who neither lives nor works here needs the community's unit pairings.
  const needsPairings = visitorKind(person, communityId, []) === null;
  const units = needsPairings ? await pairedUnits(communityId) : [];
  const kind = visitorKind(person, communityId, units);
  if (!kind) throw refuse.invalid('只能包挂本社区的网格员、社区工作者，或住在本社区、单位与本社区结对的党员');
  return inTransaction(async (t) => {
    const h = await managed(t, caller, input.householdId);
    if (h.visitors.some((v) => v.openid === person.openid)) return h;
    const visitors = [...h.visitors, { openid: person.openid, name: person.name, kind, since: now }];
    await writeVisitors(t, h, visitors, now);
    await addPairing(t, pairingRecord(h, 'pair', { openid: person.openid, name: person.name }, caller, '', now));
    return { ...h, visitors, updatedAt: now, version: h.version + 1 };
  }, { conflictMessage: CONFLICT });
}

/** End a pairing. Unpairing someone not paired changes nothing. */
export async function unpair(caller: Actor, input: { householdId: string; visitorOpenid: string; reason?: string }, now: Date): Promise<KeyHousehold> {
  return inTransaction(async (t) => {
    const h = await managed(t, caller, input.householdId);
    const gone = h.visitors.find((v) => v.openid === input.visitorOpenid);
    if (!gone) return h;
    const visitors = h.visitors.filter((v) => v.openid !== input.visitorOpenid);
    await writeVisitors(t, h, visitors, now);
    await addPairing(t, pairingRecord(h, 'unpair', gone, caller, input.reason ?? '', now));
    return { ...h, visitors, updatedAt: now, version: h.version + 1 };
  }, { conflictMessage: CONFLICT });
}
