/**
 * A 微心愿's life as one pure transition: `wishTransition(wish, step, actor, now)` returns the next
 * wish and the facts to record with it (认领、完成 counts, the claimant's ledger entry, messages) —
 * or a typed refusal. A repeated step (approving what is approved, confirming what is confirmed)
 * is `repeat: true` with nothing to record. `wishGuard` is the same rule set asked "may this
 * person do this now?", so `allowedActions` never offers what the transition would refuse.
 *
 *   pending 待审核 → approved 待认领 | declined 未通过
 *   approved → claimed 已认领 → fulfilled 待确认 → confirmed 已实现
 *   claimed → approved (退出认领, before fulfilling: the wish returns to the wall, 认领 counts down)
 *
 * No I/O: the paired units, the assigned member and the point rules come in with the step.
 */
import type { PointRules } from '../../types/points';
import type { RoleGrant } from '../../types/domain';
import type { Wish, WishClaim, WishEvent, WishStatus, WishStep } from '../../types/wishes';
import { isAdmin, isLiaisonOf, isMemberOf, isStaffOf, liaisonUnits, memberUnits, type Actor } from './actor';
import { DAY, dayOf } from './calendar';
import type { EntryDraft } from './points';

export const WISH_STATES: WishStatus[] = ['pending', 'approved', 'declined', 'claimed', 'fulfilled', 'confirmed'];
export const WISH_EVENTS: WishEvent[] = ['approve', 'decline', 'claim', 'withdraw', 'fulfil', 'confirm'];

/** States shown on the community's wall. */
export const ON_WALL: WishStatus[] = ['approved', 'claimed', 'fulfilled', 'confirmed'];

/** The ledger key of a wish's points: once per wish, whoever claimed it. */
export const wishKey = (wishId: string): string => `wish_${wishId}`;

/** 认领、完成 counter document of a community or unit. */
export const countsId = (scope: 'community' | 'unit', id: string): string => `${scope}_${id}`;

/** 「王**」: the surname, and a star for each other character (at least two), so the wall names nobody. */
export function publicNameOf(name: string): string {
  const chars = [...name.trim()];
  return `${chars[0] ?? '居'}${'*'.repeat(Math.max(2, chars.length - 1))}`;
}

/** A date the wish is needed by may be tomorrow at the earliest (China days). */
export function neededByRefusal(neededBy: string, now: Date): string | null {
  const at = Date.parse(`${neededBy}T12:00:00+08:00`);
  // A day that does not exist (02-30) parses to another day, or not at all.
  if (!/^\d{4}-\d{2}-\d{2}$/.test(neededBy) || Number.isNaN(at) || dayOf(new Date(at)) !== neededBy) return '期望日期的格式不正确';
  if (neededBy <= dayOf(now)) return '期望日期要在今天之后';
  if (neededBy > dayOf(new Date(now.getTime() + 366 * DAY))) return '期望日期不能超过一年';
  return null;
}

/** The member a liaison assigns a wish to: who they are, as any actor (their record, read by the handler). */
export type AssignedMember = Actor;

export type WishStepInput =
  | { event: 'approve'; pairedUnits: { id: string; name: string }[] }
  | { event: 'decline'; reason: string }
  | { event: 'claim'; member?: AssignedMember | null }
  | { event: 'withdraw' }
  | { event: 'fulfil'; note: string; photos: string[] }
  | { event: 'confirm'; rules: PointRules };

/** Who receives a message about a wish. */
export type WishNotice = 'wishApproved' | 'wishClaimed' | 'wishFulfilled';

export type WishFact =
  /** Add one to 认领 or 完成 of a community or unit (in the same transaction as the wish); `by: -1` takes a withdrawn claim back. */
  | { kind: 'count'; scope: 'community' | 'unit'; id: string; field: 'claimed' | 'confirmed'; by?: -1 }
  /** The claimant's points (in the same transaction as the wish). */
  | { kind: 'credit'; entry: EntryDraft }
  /** A subscribe message to a person, after the write. */
  | { kind: 'notify'; template: WishNotice; to: string };

export type WishRefusal = { ok: false; code: 'FORBIDDEN' | 'INVALID_STATE' | 'INVALID_INPUT'; message: string };
export type WishTransition = { ok: true; repeat: boolean; wish: Wish; facts: WishFact[] } | WishRefusal;

const refuse = (code: WishRefusal['code'], message: string): WishRefusal => ({ ok: false, code, message });

const isWisher = (w: Wish, a: Actor) => w.wisher.openid === a.openid;
const isStaff = (w: Wish, a: Actor) => isStaffOf(a.roles, w.communityId);

/** Whether this person may see the wish at all (its wall, once approved, is open to every registered person). */
export function canSeeWish(w: Wish, a: Actor): boolean {
  return w.onWall || isWisher(w, a) || w.postedBy.openid === a.openid || isStaff(w, a) || isAdmin(a.roles);
}

/** Those who look after or deliver the wish: they see who it is for, where, and the phone. */
export function seesContact(w: Wish, a: Actor): boolean {
  if (isWisher(w, a) || w.postedBy.openid === a.openid || isStaff(w, a)) return true;
  if (!w.claim) return false;
  return w.claim.openid === a.openid || (w.claim.via === 'unit' && isLiaisonOf(a.roles, w.claim.unitId));
}

/** The paired unit this person claims for as a member: their work unit first, if paired. */
function memberClaimUnit(w: Wish, roles: RoleGrant[], unitId: string | null): string | null {
  const paired = memberUnits(roles).filter((u) => w.pairedUnitIds.includes(u));
  if (unitId && paired.includes(unitId)) return unitId;
  return paired[0] ?? null;
}

/** How this person would claim the wish for themselves, or why not. */
function selfClaim(w: Wish, a: Actor): { via: 'member' | 'resident'; unitId: string | null } | string {
  const unitId = memberClaimUnit(w, a.roles, a.unitId);
  if (unitId) return { via: 'member', unitId };
  if (a.communityId && a.communityId === w.communityId) return { via: 'resident', unitId: null };
  return '只有与本社区结对共建单位的党员，或本社区的居民，可以认领这个心愿';
}

/** Units this liaison may claim the wish for (paired with its community). */
export const liaisonClaimUnits = (w: Wish, a: Actor): string[] => liaisonUnits(a.roles).filter((u) => w.pairedUnitIds.includes(u));

/** Why this person may not take this step now, or null when they may. The single rule set for transitions and `allowedActions`. */
export function wishGuard(event: WishEvent, w: Wish, a: Actor): WishRefusal | null {
  switch (event) {
    case 'approve':
    case 'decline':
      if (!isStaff(w, a)) return refuse('FORBIDDEN', '只有本社区的工作人员可以审核心愿');
      if (w.status !== 'pending') return refuse('INVALID_STATE', '这个心愿已经审核过了');
      return null;
    case 'claim': {
      if (w.status !== 'approved') return refuse('INVALID_STATE', w.claim ? '这个心愿已经有人认领了' : '这个心愿还不能认领');
      if (isWisher(w, a)) return refuse('FORBIDDEN', '不能认领自己的心愿');
      const how = selfClaim(w, a);
      if (typeof how === 'string' && !liaisonClaimUnits(w, a).length) return refuse('FORBIDDEN', how);
      return null;
    }
    case 'withdraw':
      if (!w.claim || (w.claim.openid !== a.openid && w.claim.claimedBy !== a.openid)) return refuse('FORBIDDEN', '只有认领人可以退出认领');
      if (w.status !== 'claimed') return refuse('INVALID_STATE', '心愿已登记送达，不能再退出认领');
      return null;
    case 'fulfil':
      if (!w.claim || w.claim.openid !== a.openid) return refuse('FORBIDDEN', '只有认领人可以登记心愿完成');
      if (w.status !== 'claimed') return refuse('INVALID_STATE', '这个心愿现在不能登记完成');
      return null;
    case 'confirm':
      if (!isWisher(w, a) && !isStaff(w, a)) return refuse('FORBIDDEN', '只有心愿人或本社区工作人员可以确认收到');
      if (w.claim?.openid === a.openid) return refuse('FORBIDDEN', '不能为自己完成的心愿确认收到');
      if (w.status !== 'fulfilled') return refuse('INVALID_STATE', w.status === 'confirmed' ? '这个心愿已经确认过了' : '心愿还没有登记完成，暂不能确认');
      return null;
  }
}

/** The steps this person may take now (the server's answer to "which buttons"). */
export const allowedWishActions = (w: Wish, a: Actor): WishEvent[] => WISH_EVENTS.filter((e) => wishGuard(e, w, a) === null);

/** Whether the step is already done, by someone allowed to have done it: answered as it stands. */
function isRepeat(step: WishStepInput, w: Wish, a: Actor): boolean {
  switch (step.event) {
    case 'approve':
      return w.status !== 'pending' && w.onWall && isStaff(w, a);
    case 'decline':
      return w.status === 'declined' && isStaff(w, a);
    case 'claim': {
      const who = step.member?.openid ?? a.openid;
      return !!w.claim && w.claim.openid === who && (who === a.openid || w.claim.claimedBy === a.openid);
    }
    case 'withdraw':
      // Back on the wall with no claim, and this person did withdraw last: asked again, answered as it stands.
      return w.status === 'approved' && !w.claim && w.timeline.at(-1)?.event === 'withdraw' && w.timeline.at(-1)?.by === a.openid;
    case 'fulfil':
      return (w.status === 'fulfilled' || w.status === 'confirmed') && w.claim?.openid === a.openid;
    case 'confirm':
      return w.status === 'confirmed' && (isWisher(w, a) || isStaff(w, a)) && w.claim?.openid !== a.openid;
  }
}

export function wishTransition(w: Wish, step: WishStepInput, a: Actor, now: Date): WishTransition {
  if (isRepeat(step, w, a)) return { ok: true, repeat: true, wish: w, facts: [] };
  const refused = wishGuard(step.event, w, a);
  if (refused) return refused;
  const move = (to: WishStatus, changes: Partial<Wish>, note: string | null, facts: WishFact[]): WishTransition => {
    const entry: WishStep = { event: step.event, from: w.status, to, by: a.openid, byName: a.name, at: now, note };
    return { ok: true, repeat: false, wish: { ...w, ...changes, status: to, timeline: [...w.timeline, entry], version: w.version + 1, updatedAt: now }, facts };
  };
  const toWisher = (template: WishNotice): WishFact[] => (w.wisher.openid ? [{ kind: 'notify', template, to: w.wisher.openid }] : []);
  switch (step.event) {
    case 'approve':
      return move(
        'approved',
        { onWall: true, approvedAt: now, pairedUnitIds: step.pairedUnits.map((u) => u.id), pairedUnitNames: Object.fromEntries(step.pairedUnits.map((u) => [u.id, u.name])) },
        null,
        toWisher('wishApproved'),
      );
    case 'decline':
      return move('declined', { declineReason: step.reason }, step.reason, []);
    case 'claim': {
      const claim = claimOf(w, step.member ?? null, a, now);
      if ('ok' in claim) return claim;
      const facts: WishFact[] = [{ kind: 'count', scope: 'community', id: w.communityId, field: 'claimed' }];
      if (claim.unitId) facts.push({ kind: 'count', scope: 'unit', id: claim.unitId, field: 'claimed' });
      return move('claimed', { claim }, claim.via === 'unit' ? `指派给 ${claim.name}` : null, [...facts, ...toWisher('wishClaimed')]);
    }
    case 'withdraw': {
      const c = w.claim!;
      const facts: WishFact[] = [{ kind: 'count', scope: 'community', id: w.communityId, field: 'claimed', by: -1 }];
      if (c.unitId) facts.push({ kind: 'count', scope: 'unit', id: c.unitId, field: 'claimed', by: -1 });
      return move('approved', { claim: null }, c.openid === a.openid ? '认领人退出认领' : `${a.name} 为单位退出认领（原由 ${c.name} 送达）`, facts);
    }
    case 'fulfil':
      if (!step.photos.length) return refuse('INVALID_INPUT', '请上传至少一张送达的照片');
      return move('fulfilled', { fulfilment: { note: step.note, photos: step.photos, at: now } }, step.note, toWisher('wishFulfilled'));
    case 'confirm': {
      const c = w.claim!;
      const key = wishKey(w._id);
      const entry: EntryDraft = {
        key,
        openid: c.openid,
        name: c.name,
        points: step.rules.perWish,
        hours: 0,
        source: { type: 'wish', id: w._id, label: w.title.slice(0, 20) },
        reason: `微心愿「${w.title}」已送达，${isWisher(w, a) ? '心愿人' : '社区'}确认收到`,
        actor: a.openid,
        actorName: a.name,
        communityId: w.communityId,
        unitId: c.unitId ?? c.home.unitId,
        home: c.home,
      };
      const facts: WishFact[] = [{ kind: 'count', scope: 'community', id: w.communityId, field: 'confirmed' }];
      if (c.unitId) facts.push({ kind: 'count', scope: 'unit', id: c.unitId, field: 'confirmed' });
      facts.push({ kind: 'credit', entry });
      return move('confirmed', { confirmedAt: now, entryId: key }, null, facts);
    }
  }
}

/** The claim a claim step makes: the caller's own, or — a liaison with a member — the unit's. */
function claimOf(w: Wish, member: AssignedMember | null, a: Actor, now: Date): WishClaim | WishRefusal {
  if (!member || member.openid === a.openid) {
    const how = selfClaim(w, a);
    if (typeof how === 'string') {
      // A liaison who is not a member claims for the unit with themselves delivering.
      const unit = liaisonClaimUnits(w, a)[0];
      if (!unit) return refuse('FORBIDDEN', how);
      return { openid: a.openid, name: a.name, phone: a.phone, via: 'unit', unitId: unit, unitName: w.pairedUnitNames[unit] ?? null, claimedBy: a.openid, at: now, home: { communityId: a.communityId, unitId: a.unitId } };
    }
    const unitName = how.unitId ? (w.pairedUnitNames[how.unitId] ?? null) : null;
    return { openid: a.openid, name: a.name, phone: a.phone, via: how.via, unitId: how.unitId, unitName, claimedBy: a.openid, at: now, home: { communityId: a.communityId, unitId: a.unitId } };
  }
  if (member.openid === w.wisher.openid) return refuse('FORBIDDEN', '不能把心愿指派给心愿人自己');
  const units = liaisonClaimUnits(w, a);
  if (!units.length) return refuse('FORBIDDEN', '只有与本社区结对共建单位的联络员可以为单位认领');
  const unit = units.find((u) => isMemberOf(member.roles, u));
  if (!unit) return refuse('INVALID_INPUT', '只能指派本单位的党员');
  const home = { communityId: member.communityId, unitId: member.unitId };
  return { openid: member.openid, name: member.name, phone: member.phone, via: 'unit', unitId: unit, unitName: w.pairedUnitNames[unit] ?? null, claimedBy: a.openid, at: now, home };
}
