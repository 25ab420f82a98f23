/**
 * A 共建项目's life as one pure transition: `projectTransition(project, step, actor, now)` returns
 * the next project and the facts to record with it (认领、完成、评实效 counts of its pairing, messages)
 * — or a typed refusal. A repeated step (claiming what this unit claimed, rating what is rated by
 * the same side) is `repeat: true` with nothing to record. `projectGuard` is the same rule set
 * asked "may this person do this now?", so `allowedActions` never offers what would be refused.
 *
 *   need:    open 待认领 → active 进行中 (claim) | withdrawn 已撤回 (withdraw)
 *   service: requested 待接受 → active 进行中 (accept) | declined 已婉拒 (decline)
 *   active → active (join, progress) → completed 待评价 (complete) → rated 已评实效 (rate)
 *
 * No I/O: who may claim (the units paired with the community, taken when the need was published)
 * is on the project; a request's pairing is checked by the handler against the org data.
 */
import type { Rating } from '../../types/dispatch';
import type { Period, Project, ProjectEvent, ProjectStatus, ProjectStep, Service } from '../../types/projects';
import { isAdmin, isLiaisonOf, isMemberOf, isStaffOf, liaisonUnits, type Actor } from './actor';
import { DAY, dayOf } from './calendar';

export const PROJECT_STATES: ProjectStatus[] = ['open', 'withdrawn', 'requested', 'declined', 'active', 'completed', 'rated'];
export const PROJECT_EVENTS: ProjectEvent[] = ['claim', 'withdraw', 'accept', 'decline', 'join', 'progress', 'complete', 'rate'];

/** States that count in a pairing's 共建计划. */
export const IN_PLAN: ProjectStatus[] = ['active', 'completed', 'rated'];
export const isTerminal = (s: ProjectStatus): boolean => s === 'withdrawn' || s === 'declined' || s === 'rated';

/** Most members taking part, and progress updates, kept on one project. */
export const MAX_MEMBERS = 50;
export const MAX_PROGRESS = 30;

/** `${unitId}_${communityId}`: a pairing's id, as org stores it. */
export const pairingIdOf = (unitId: string, communityId: string): string => `${unitId}_${communityId}`;
/** A pairing's counter document for a year. */
export const countsIdOf = (pairingId: string, year: string): string => `${pairingId}_${year}`;

const validDay = (d: string) => {
  const at = Date.parse(`${d}T12:00:00+08:00`);
  return /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(at) && dayOf(new Date(at)) === d;
};

/** A project's period: real days, from ≤ to, not over yet, at most a year long and starting within a year. */
export function periodRefusal(p: Period, now: Date): string | null {
  if (!validDay(p.from) || !validDay(p.to)) return '项目周期的日期格式不正确';
  if (p.from > p.to) return '项目周期的开始日期不能晚于结束日期';
  if (p.to < dayOf(now)) return '项目周期的结束日期不能早于今天';
  if (Date.parse(`${p.to}T12:00:00+08:00`) - Date.parse(`${p.from}T12:00:00+08:00`) > 366 * DAY) return '一个项目的周期最长一年';
  if (p.from > dayOf(new Date(now.getTime() + 366 * DAY))) return '项目要在一年之内开始';
  return null;
}

export type ProjectStepInput =
  | { event: 'claim'; unitId?: string | null }
  | { event: 'withdraw'; reason: string }
  | { event: 'accept' }
  | { event: 'decline'; reason: string }
  | { event: 'join' }
  | { event: 'progress'; text: string; photos: string[] }
  | { event: 'complete'; note: string }
  | { event: 'rate'; value: Rating; comment: string };

export type ProjectNotice = 'projectClaimed' | 'serviceRequested' | 'serviceAccepted' | 'serviceDeclined' | 'projectCompleted' | 'projectRated';

export type ProjectFact =
  /** One up on the pairing's count for the year (in the same transaction as the project). */
  | { kind: 'count'; field: 'claimed' | 'completed' | 'rated' }
  /** A subscribe message to a person, after the write. */
  | { kind: 'notify'; template: ProjectNotice; to: string };

export type ProjectRefusal = { ok: false; code: 'FORBIDDEN' | 'INVALID_STATE' | 'INVALID_INPUT'; message: string };
export type ProjectTransition = { ok: true; repeat: boolean; project: Project; facts: ProjectFact[] } | ProjectRefusal;

const refuse = (code: ProjectRefusal['code'], message: string): ProjectRefusal => ({ ok: false, code, message });

const isCommunityStaff = (p: Project, a: Actor) => isStaffOf(a.roles, p.communityId);
const isUnitLiaison = (p: Project, a: Actor) => isLiaisonOf(a.roles, p.unitId);
const isUnitMember = (p: Project, a: Actor) => isMemberOf(a.roles, p.unitId);
const joined = (p: Project, a: Actor) => p.memberIds.includes(a.openid);

/** Paired units this liaison may claim the open need for. */
export const claimUnitsOf = (p: Project, a: Actor): string[] => liaisonUnits(a.roles).filter((u) => p.pairedUnitIds.includes(u));

/**
 * Who may see a project: an open need, an active, completed or rated project — anyone registered
 * (the lists are public work of the community); a request, a declined or withdrawn item — the two
 * sides (the community's staff, the unit's liaison and members) and the county.
 */
export function canSeeProject(p: Project, a: Actor): boolean {
  if (p.status === 'open' || IN_PLAN.includes(p.status)) return true;
  return isCommunityStaff(p, a) || isUnitLiaison(p, a) || isUnitMember(p, a) || isAdmin(a.roles);
}

/** Why this person may not take this step now, or null when they may. The single rule set. */
export function projectGuard(event: ProjectEvent, p: Project, a: Actor): ProjectRefusal | null {
  switch (event) {
    case 'claim':
      if (!claimUnitsOf(p, a).length) return refuse('FORBIDDEN', '只有与本社区结对共建单位的联络员可以认领项目');
      if (p.status !== 'open') return refuse('INVALID_STATE', p.unitId ? '这个项目已经被其他单位认领了' : '这个项目现在不能认领');
      return null;
    case 'withdraw':
      if (!isCommunityStaff(p, a)) return refuse('FORBIDDEN', '只有本社区的工作人员可以撤回需求');
      if (p.status !== 'open') return refuse('INVALID_STATE', '已认领的项目不能撤回');
      return null;
    case 'accept':
    case 'decline':
      if (!isUnitLiaison(p, a)) return refuse('FORBIDDEN', '只有本单位的联络员可以处理服务申请');
      if (p.status !== 'requested') return refuse('INVALID_STATE', '这个申请已经处理过了');
      return null;
    case 'join':
      if (!isUnitMember(p, a)) return refuse('FORBIDDEN', '只有承接单位的党员可以参与这个项目');
      if (p.status !== 'active') return refuse('INVALID_STATE', '项目不在进行中，不能参与');
      if (joined(p, a)) return refuse('INVALID_STATE', '您已经参与了这个项目');
      if (p.members.length >= MAX_MEMBERS) return refuse('INVALID_STATE', `一个项目最多 ${MAX_MEMBERS} 名党员参与`);
      return null;
    case 'progress':
      if (!isUnitLiaison(p, a) && !(isUnitMember(p, a) && joined(p, a))) return refuse('FORBIDDEN', '只有承接单位的联络员和参与的党员可以登记进展');
      if (p.status !== 'active') return refuse('INVALID_STATE', '项目不在进行中，不能登记进展');
      if (p.progress.length >= MAX_PROGRESS) return refuse('INVALID_STATE', `一个项目最多登记 ${MAX_PROGRESS} 条进展`);
      return null;
    case 'complete':
      if (!isUnitLiaison(p, a)) return refuse('FORBIDDEN', '只有承接单位的联络员可以登记项目完成');
      if (p.status !== 'active') return refuse('INVALID_STATE', '项目不在进行中，不能登记完成');
      if (!p.progress.length) return refuse('INVALID_STATE', '请先登记至少一条项目进展，再登记完成');
      return null;
    case 'rate':
      if (!isCommunityStaff(p, a)) return refuse('FORBIDDEN', '只有本社区的工作人员可以评实效');
      if (p.status !== 'completed') return refuse('INVALID_STATE', p.status === 'rated' ? '这个项目已经评过实效了' : '项目完成后才能评实效');
      return null;
  }
}

/** The steps this person may take now. */
export const allowedProjectActions = (p: Project, a: Actor): ProjectEvent[] => PROJECT_EVENTS.filter((e) => projectGuard(e, p, a) === null);

/** Whether the step is already done by this side: answered as it stands, nothing recorded. */
function isRepeat(step: ProjectStepInput, p: Project, a: Actor): boolean {
  switch (step.event) {
    case 'claim':
      return p.origin === 'need' && IN_PLAN.includes(p.status) && !!p.unitId && isLiaisonOf(a.roles, p.unitId) && (!step.unitId || step.unitId === p.unitId);
    case 'withdraw':
      return p.status === 'withdrawn' && isCommunityStaff(p, a);
    case 'accept':
      return p.origin === 'service' && IN_PLAN.includes(p.status) && isUnitLiaison(p, a);
    case 'decline':
      return p.status === 'declined' && isUnitLiaison(p, a);
    case 'join':
      return joined(p, a) && isUnitMember(p, a);
    case 'progress':
      return false;
    case 'complete':
      return (p.status === 'completed' || p.status === 'rated') && isUnitLiaison(p, a);
    case 'rate':
      return p.status === 'rated' && isCommunityStaff(p, a);
  }
}

export function projectTransition(p: Project, step: ProjectStepInput, a: Actor, now: Date): ProjectTransition {
  if (isRepeat(step, p, a)) return { ok: true, repeat: true, project: p, facts: [] };
  const refused = projectGuard(step.event, p, a);
  if (refused) return refused;
  const move = (to: ProjectStatus, changes: Partial<Project>, note: string | null, facts: ProjectFact[]): ProjectTransition => {
    const entry: ProjectStep = { event: step.event, from: p.status, to, by: a.openid, byName: a.name, at: now, note };
    return { ok: true, repeat: false, project: { ...p, ...changes, status: to, timeline: [...p.timeline, entry], version: p.version + 1, updatedAt: now }, facts };
  };
  const tell = (template: ProjectNotice, to: string | null | undefined): ProjectFact[] => (to && to !== a.openid ? [{ kind: 'notify', template, to }] : []);
  const claim = { openid: a.openid, name: a.name, at: now };
  switch (step.event) {
    case 'claim': {
      const units = claimUnitsOf(p, a);
      const unitId = step.unitId ?? units[0];
      if (!units.includes(unitId)) return refuse('FORBIDDEN', '只能以与本社区结对的本单位名义认领');
      const unitName = p.pairedUnitNames[unitId] ?? '';
      return move('active', { unitId, unitName, pairingId: pairingIdOf(unitId, p.communityId), claim }, `${unitName}认领`, [
        { kind: 'count', field: 'claimed' },
        ...tell('projectClaimed', p.publishedBy.openid),
      ]);
    }
    case 'withdraw':
      return move('withdrawn', { declineReason: step.reason }, step.reason, []);
    case 'accept':
      return move('active', { claim }, null, [{ kind: 'count', field: 'claimed' }, ...tell('serviceAccepted', p.publishedBy.openid)]);
    case 'decline':
      return move('declined', { declineReason: step.reason }, step.reason, tell('serviceDeclined', p.publishedBy.openid));
    case 'join':
      return move('active', { members: [...p.members, { openid: a.openid, name: a.name, at: now }], memberIds: [...p.memberIds, a.openid] }, null, []);
    case 'progress':
      if (!step.text.trim()) return refuse('INVALID_INPUT', '请写明这次的进展');
      return move('active', { progress: [...p.progress, { text: step.text, photos: step.photos, by: a.openid, byName: a.name, at: now }] }, null, []);
    case 'complete':
      return move('completed', { completion: { note: step.note, by: a.openid, byName: a.name, at: now } }, step.note, [
        { kind: 'count', field: 'completed' },
        ...tell('projectCompleted', p.publishedBy.openid),
      ]);
    case 'rate':
      return move('rated', { rating: { value: step.value, comment: step.comment, by: a.openid, byName: a.name, at: now } }, step.comment, [
        { kind: 'count', field: 'rated' },
        ...tell('projectRated', p.claim?.openid),
      ]);
  }
}

/** Why this person may not request this service for this community now, or null. `paired`: the pairing exists (org data). */
export function requestRefusal(s: Service, communityId: string, paired: boolean, a: Actor): ProjectRefusal | null {
  if (!isStaffOf(a.roles, communityId)) return refuse('FORBIDDEN', '只有社区的工作人员可以申请服务');
  if (!paired) return refuse('FORBIDDEN', '只能申请与本社区结对共建单位的服务');
  if (s.withdrawn) return refuse('INVALID_STATE', '这项服务已经下架');
  return null;
}

/** What this person may do with a service on a list. */
export function serviceActions(s: Service, a: Actor, pairedCommunities: string[]): ('request' | 'withdrawService')[] {
  const out: ('request' | 'withdrawService')[] = [];
  if (!s.withdrawn && pairedCommunities.some((c) => isStaffOf(a.roles, c))) out.push('request');
  if (!s.withdrawn && isLiaisonOf(a.roles, s.unitId)) out.push('withdrawService');
  return out;
}

/** The plan year of a period: the year it starts. */
export const yearOf = (p: Period): string => p.from.slice(0, 4);
