/**
 * 设岗定责 / 责任区, 承诺、践诺、评诺 and the yearly duties, as pure rules: who may claim a post, log
 * work, verify it; a post log's and a pledge's transition (next state and facts, or a typed
 * refusal; a repeated step is `repeat: true` with nothing to record); and a member's progress on
 * the county's yearly duties from maintained counts. No I/O; `now` is passed in.
 *
 *   post log: pending 待验收 → verified 已验收 | returned 已退回
 *   pledge:   pledged 已承诺 → fulfilled 已践诺 → rated 已评诺 (rated again: replaced)
 */
import type { ReviewGrade, PointRules } from '../../types/points';
import type { DutyCounts, DutyItem, DutyProgress, DutyRules, Pledge, PledgeEvent, Post, PostLog, PostLogEvent, ResidentVerdict } from '../../types/posts';
import { isAdmin, isMember, isStaffOf, memberUnits, type Actor } from './actor';
import { DAY, dayOf, periodsOf } from './calendar';
import { pointsFor, type EntryDraft } from './points';

/** The seeds' yearly duties: ≥ 20 service hours (光泽), 双报到 every month, 调研 every quarter, a 难题 helped (漳浦, 云霄). */
export const DEFAULT_DUTY_RULES: DutyRules = { serviceHours: 20, checkIns: 12, surveys: 4, problems: 1 };

export const DUTY_LABEL: Record<keyof DutyRules, string> = {
  serviceHours: '服务时长（小时）',
  checkIns: '每月双报到',
  surveys: '每季度调研',
  problems: '协助解决难题',
};

export const POST_LOG_EVENTS: PostLogEvent[] = ['verify', 'return'];
export const PLEDGE_EVENTS: PledgeEvent[] = ['fulfil', 'rate', 'residentRate'];
export const PLEDGES_A_YEAR = 10;

/** The ledger key of a verified post log: once per log, however often it is verified. */
export const postLogKey = (logId: string): string => `post_${logId}`;
export const postClaimId = (postId: string, openid: string): string => `${postId}_${openid}`;
export const pledgeRatingId = (pledgeId: string, openid: string): string => `${pledgeId}_${openid}`;
/** A member's 调研 and 难题 counts of a year. */
export const dutyCountsId = (openid: string, year: string): string => `${openid}_${year}`;
export const surveyId = (openid: string, year: string, quarter: number): string => `survey_${openid}_${year}Q${quarter}`;

export const quarterOf = (now: Date): number => Math.floor((Number(periodsOf(now).month.slice(5, 7)) - 1) / 3) + 1;

export type Refusal = { ok: false; code: 'FORBIDDEN' | 'INVALID_STATE' | 'INVALID_INPUT'; message: string };
const refuse = (code: Refusal['code'], message: string): Refusal => ({ ok: false, code, message });

// ---- posts and zones ---------------------------------------------------------------------------

export const canManagePost = (p: Pick<Post, 'communityId'>, a: Actor): boolean => isStaffOf(a.roles, p.communityId);

/**
 * Why this person may not claim the post, or null: an in-service member who lives in its community
 * (双报到) or whose unit is paired with it (结对共建), the post open.
 */
export function claimPostRefusal(p: Post, a: Actor): Refusal | null {
  if (!isMember(a.roles)) return refuse('FORBIDDEN', '只有在职党员可以认领岗位和责任区');
  const paired = memberUnits(a.roles).some((u) => (p.pairedUnitIds ?? []).includes(u));
  if (a.communityId !== p.communityId && !paired) return refuse('FORBIDDEN', '只能认领居住社区或本单位结对社区的岗位和责任区');
  if (p.archived) return refuse('INVALID_STATE', '这个岗位已停用');
  return null;
}

/**
 * A log's day: today or earlier, and not before the previous year (work is logged as it is done).
 * Hours: halves, more than 0, at most 12.
 */
export function logRefusal(workedOn: string, hours: number, now: Date): Refusal | null {
  const at = Date.parse(`${workedOn}T12:00:00+08:00`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(workedOn) || Number.isNaN(at) || dayOf(new Date(at)) !== workedOn) return refuse('INVALID_INPUT', '服务日期的格式不正确');
  if (workedOn > dayOf(now)) return refuse('INVALID_INPUT', '服务日期不能晚于今天');
  if (workedOn < dayOf(new Date(now.getTime() - 60 * DAY))) return refuse('INVALID_INPUT', '只能登记 60 天内的服务');
  if (!(hours > 0) || hours > 12 || Math.round(hours * 2) !== hours * 2) return refuse('INVALID_INPUT', '服务时长以半小时计，0.5 到 12 小时');
  return null;
}

export type LogStep = { event: 'verify'; rules: PointRules } | { event: 'return'; reason: string };
export type LogFact = { kind: 'credit'; entry: EntryDraft } | { kind: 'claimHours'; claimId: string; year: string; hours: number } | { kind: 'notify'; to: string; template: 'postLogVerified' | 'postLogReturned' };
export type LogTransition = { ok: true; repeat: boolean; log: PostLog; facts: LogFact[] } | Refusal;

/** Whether the caller may see the log: its member, staff of its community, the admin. */
export const canSeeLog = (l: PostLog, a: Actor): boolean => l.openid === a.openid || isStaffOf(a.roles, l.communityId) || isAdmin(a.roles);

export function logGuard(event: PostLogEvent, l: PostLog, a: Actor): Refusal | null {
  if (!isStaffOf(a.roles, l.communityId)) return refuse('FORBIDDEN', '只有岗位所在社区的工作人员可以验收');
  if (l.openid === a.openid) return refuse('FORBIDDEN', '不能验收自己的服务记录');
  if (l.status !== 'pending') return refuse('INVALID_STATE', '这条服务记录已经验收过了');
  void event;
  return null;
}

export const allowedLogActions = (l: PostLog, a: Actor): PostLogEvent[] => POST_LOG_EVENTS.filter((e) => !logGuard(e, l, a));

export function logTransition(l: PostLog, step: LogStep, a: Actor, now: Date): LogTransition {
  const done = step.event === 'verify' ? 'verified' : 'returned';
  if (l.status === done && isStaffOf(a.roles, l.communityId) && l.openid !== a.openid) return { ok: true, repeat: true, log: l, facts: [] };
  const refused = logGuard(step.event, l, a);
  if (refused) return refused;
  const decidedBy = { openid: a.openid, name: a.name, at: now };
  if (step.event === 'return') {
    return { ok: true, repeat: false, log: { ...l, status: 'returned', decidedBy, returnReason: step.reason, version: l.version + 1 }, facts: [{ kind: 'notify', to: l.openid, template: 'postLogReturned' }] };
  }
  const key = postLogKey(l._id);
  const entry: EntryDraft = {
    key,
    openid: l.openid,
    name: l.name,
    points: pointsFor('post', l.hours, step.rules),
    hours: l.hours,
    source: { type: 'post', id: l._id, label: l.postName.slice(0, 20) },
    reason: `「${l.postName}」${l.workedOn} 服务 ${l.hours} 小时，社区验收通过`,
    actor: a.openid,
    actorName: a.name,
    communityId: l.communityId,
    unitId: l.unitId,
    home: l.home,
  };
  return {
    ok: true,
    repeat: false,
    log: { ...l, status: 'verified', decidedBy, entryId: key, version: l.version + 1 },
    facts: [{ kind: 'credit', entry }, { kind: 'claimHours', claimId: postClaimId(l.postId, l.openid), year: periodsOf(now).year, hours: l.hours }, { kind: 'notify', to: l.openid, template: 'postLogVerified' }],
  };
}

// ---- pledges -----------------------------------------------------------------------------------

export type PledgeStep =
  | { event: 'fulfil'; note: string; photos: string[] }
  | { event: 'rate'; grade: ReviewGrade; comment: string }
  | { event: 'residentRate'; verdict: ResidentVerdict; already: ResidentVerdict | null };
export type PledgeFact = { kind: 'residentRating'; verdict: ResidentVerdict } | { kind: 'notify'; to: string; template: 'pledgeRated' };
export type PledgeTransition = { ok: true; repeat: boolean; pledge: Pledge; facts: PledgeFact[] } | Refusal;

/** The member, staff of their community, residents of it once fulfilled (to rate), the admin. */
export function canSeePledge(p: Pledge, a: Actor): boolean {
  return p.openid === a.openid || isStaffOf(a.roles, p.communityId) || isAdmin(a.roles) || (p.status !== 'pledged' && a.communityId === p.communityId);
}

/** `already`: the caller's earlier verdict on it (read by the handler), for 群众评. */
export function pledgeGuard(event: PledgeEvent, p: Pledge, a: Actor, already: ResidentVerdict | null = null): Refusal | null {
  switch (event) {
    case 'fulfil':
      if (p.openid !== a.openid) return refuse('FORBIDDEN', '只有承诺人可以登记践诺');
      if (p.status !== 'pledged') return refuse('INVALID_STATE', '这项承诺已经登记践诺了');
      return null;
    case 'rate':
      if (!isStaffOf(a.roles, p.communityId)) return refuse('FORBIDDEN', '只有党员居住社区的书记或工作人员可以评诺');
      if (p.openid === a.openid) return refuse('FORBIDDEN', '不能评价自己的承诺');
      if (p.status === 'pledged') return refuse('INVALID_STATE', '承诺还没有践诺，暂不能评诺');
      return null;
    case 'residentRate':
      if (p.openid === a.openid) return refuse('FORBIDDEN', '不能评价自己的承诺');
      if (a.communityId !== p.communityId) return refuse('FORBIDDEN', '只有本社区的居民可以评价党员的承诺');
      if (p.status === 'pledged') return refuse('INVALID_STATE', '承诺还没有践诺，暂不能评价');
      if (already) return refuse('INVALID_STATE', '您已经评价过这项承诺了');
      return null;
  }
}

export const allowedPledgeActions = (p: Pledge, a: Actor, already: ResidentVerdict | null): PledgeEvent[] => PLEDGE_EVENTS.filter((e) => !pledgeGuard(e, p, a, already));

export function pledgeTransition(p: Pledge, step: PledgeStep, a: Actor, now: Date): PledgeTransition {
  const already = step.event === 'residentRate' ? step.already : null;
  if (step.event === 'residentRate' && already === step.verdict) return { ok: true, repeat: true, pledge: p, facts: [] };
  if (step.event === 'fulfil' && p.status !== 'pledged' && p.openid === a.openid) return { ok: true, repeat: true, pledge: p, facts: [] };
  const refused = pledgeGuard(step.event, p, a, already);
  if (refused) return refused;
  const next = (changes: Partial<Pledge>): Pledge => ({ ...p, ...changes, version: p.version + 1 });
  switch (step.event) {
    case 'fulfil':
      if (!step.photos.length) return refuse('INVALID_INPUT', '请上传至少一张践诺的照片');
      return { ok: true, repeat: false, pledge: next({ status: 'fulfilled', fulfilment: { note: step.note, photos: step.photos, at: now } }), facts: [] };
    case 'rate': {
      const same = p.rating && p.rating.grade === step.grade && p.rating.comment === step.comment && p.rating.by === a.openid;
      if (same) return { ok: true, repeat: true, pledge: p, facts: [] };
      return { ok: true, repeat: false, pledge: next({ status: 'rated', rating: { grade: step.grade, comment: step.comment, by: a.openid, byName: a.name, at: now } }), facts: [{ kind: 'notify', to: p.openid, template: 'pledgeRated' }] };
    }
    case 'residentRate':
      return {
        ok: true,
        repeat: false,
        pledge: next({ residents: { ...p.residents, [step.verdict]: p.residents[step.verdict] + 1 } }),
        facts: [{ kind: 'residentRating', verdict: step.verdict }, { kind: 'notify', to: p.openid, template: 'pledgeRated' }],
      };
  }
}

// ---- yearly duties -----------------------------------------------------------------------------

/** How far through `year` today is (0 before it, 1 after it), for "behind where one should be". */
export function yearElapsed(year: string, now: Date): number {
  const start = Date.parse(`${year}-01-01T00:00:00+08:00`);
  const end = Date.parse(`${Number(year) + 1}-01-01T00:00:00+08:00`);
  return Math.max(0, Math.min(1, (now.getTime() - start) / (end - start)));
}

/**
 * A member's progress on each duty: done (hours from the points account's year, the rest from the
 * duty counts), the target, met; `behind` counts duties below their pro-rata share of the year
 * (rounded down, so nobody is behind on 1 January).
 */
export function dutyProgress(
  who: { openid: string; name: string },
  year: string,
  kept: { hours: number; checkIns: number; counts: Pick<DutyCounts, 'surveys' | 'problems'> | null },
  rules: DutyRules,
  now: Date,
): DutyProgress {
  const done: Record<keyof DutyRules, number> = { serviceHours: kept.hours, checkIns: kept.checkIns, surveys: kept.counts?.surveys ?? 0, problems: kept.counts?.problems ?? 0 };
  const share = yearElapsed(year, now);
  const items: DutyItem[] = (Object.keys(DUTY_LABEL) as (keyof DutyRules)[]).map((field) => {
    return { field, label: DUTY_LABEL[field], done: done[field], target: rules[field], met: done[field] >= rules[field] };
  });
  const behind = items.filter((i) => !i.met && i.done < Math.floor(i.target * share)).length;
  return { openid: who.openid, name: who.name, year, items, met: items.every((i) => i.met), behind };
}

/** Those behind first (most duties behind), then fewest duties met, then by name. */
export function behindFirst(rows: DutyProgress[]): DutyProgress[] {
  const metCount = (r: DutyProgress) => r.items.filter((i) => i.met).length;
  return [...rows].sort((x, y) => y.behind - x.behind || metCount(x) - metCount(y) || x.name.localeCompare(y.name, 'zh'));
}

/** A duty rule change: whole numbers 0–100 (hours 0–500). */
export function dutyRulesRefusal(change: Partial<DutyRules>): Refusal | null {
  for (const [k, v] of Object.entries(change)) {
    const max = k === 'serviceHours' ? 500 : 100;
    if (!Number.isInteger(v) || v < 0 || v > max) return refuse('INVALID_INPUT', `${DUTY_LABEL[k as keyof DutyRules]}应为 0 到 ${max} 的整数`);
  }
  return null;
}
