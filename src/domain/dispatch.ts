/**
 * Pillar 1 in the field's words: labels for categories, urgency, status, steps and ratings, who
 * sees which list, and the subpackage's routes (the formatters are in domain/format). Pure: no Taro,
 * no network. A status always carries a word; its tone (colour) only repeats what the word says.
 */
import type { DemandCategory, DemandDetail, DemandEvent, DemandListScope, DemandStatus, Rating, Scorecard, TimelineEvent } from '@/types/dispatch'
import type { Me, Role } from '@/types/domain'
import { CATEGORY_LABEL, DEMAND_ACTION_LABEL, DEMAND_EVENT_LABEL, DEMAND_STATUS_LABEL, KIND_LABEL, RESIDENT_STATUS_LABEL, URGENCY_LABEL } from '@/types/labels'

import { formatTime } from './format'
import { keysOf } from './keys'
import type { Tone } from './tone'

// The words both sides use live in types/labels.ts; their key order is the order the app offers them in.
export { CATEGORY_LABEL, KIND_LABEL, RESIDENT_STATUS_LABEL, URGENCY_LABEL }
export const STATUS_LABEL = DEMAND_STATUS_LABEL

/** The order categories are offered in on the report form (most common first, 其他 last). */
export const CATEGORIES = keysOf(CATEGORY_LABEL)

/** A one-line example under each category, so that a resident knows which to pick. */
export const CATEGORY_HINT: Record<DemandCategory, string> = {
  elderlyCare: '助餐、陪护、代办、探望',
  facilities: '路灯、水管、电梯、门禁坏了',
  environment: '垃圾、污水、噪声、卫生死角',
  safety: '消防通道、电线、危房、高空坠物',
  neighbourhood: '邻里矛盾、调解',
  employment: '找工作、社保、工资',
  health: '看病、义诊、慢病管理',
  other: '以上都不是',
}

export const STATUSES = keysOf(DEMAND_STATUS_LABEL)

/** Colour family of a status tag; the word is always shown with it. */
export const STATUS_TONE: Record<DemandStatus, Tone> = {
  submitted: 'warning',
  handling: 'info',
  dispatched: 'info',
  accepted: 'info',
  completed: 'warning',
  verified: 'warning',
  closed: 'success',
  declined: 'neutral',
  merged: 'neutral',
  escalated: 'danger',
}

/** What each step's button says; how a step reads in the timeline ("周芳 派单") — shared with the exports. */
export const ACTION_LABEL = DEMAND_ACTION_LABEL
export const EVENT_LABEL = DEMAND_EVENT_LABEL

/** The word before a step's reason in the timeline. */
export const REASON_LABEL: Partial<Record<TimelineEvent['event'], string>> = {
  handle: '说明',
  decline: '理由',
  reject: '理由',
  sendBack: '理由',
  escalate: '理由',
  extend: '理由',
  refuseExtension: '说明',
  urge: '催办说明',
  supervise: '督办要求',
  rate: '评价意见',
  returnVisit: '回访记录',
  close: '结案说明',
  complete: '服务时长',
  assign: '指派',
}

// ---- the resident's words ------------------------------------------------------------------------

/** The words for a demand the community called the town in on (吹哨), whatever its status. */
export const RESIDENT_ESCALATED = '已上报街道协调'

/** How each step reads in the resident's timeline. */
export const RESIDENT_EVENT_LABEL: Partial<Record<TimelineEvent['event'], string>> = {
  submit: '提交诉求',
  handle: '受理，由社区自办',
  dispatch: '受理，派单给结对单位',
  merge: '与相同诉求合并办理',
  decline: '不予受理',
  accept: '接单办理',
  reject: '退回社区重新安排',
  complete: '办完',
  verify: '验收通过',
  sendBack: '验收未通过，重新办理',
  rate: '评价',
  returnVisit: '回访',
  escalate: '上报街道协调',
  close: '办结',
}

/**
 * The resident's timeline: the steps that moved their demand (and 回访, 上报街道协调), without
 * the work's own bookkeeping — claims, assignments, a member's share of the work.
 */
export function residentTimeline(events: TimelineEvent[]): TimelineEvent[] {
  return events.filter((e) => e.from !== e.to || e.event === 'returnVisit' || e.event === 'escalate')
}

/** The status summary at the top of the resident's view. */
export interface ResidentProgress {
  /** Where it is, in plain words. */
  where: string
  /** Who has it: 社区, the unit's name, or nobody yet. */
  who: string
  /** By when, when there is a time the community or unit must keep. */
  byWhen: string
  /** What happens next, or what the resident can do. */
  next: string
  /** 去评价 is open to them. */
  canRate: boolean
  /** The community called the town in on it (吹哨). */
  escalated: boolean
}

const OPEN_STATUSES: DemandStatus[] = ['submitted', 'handling', 'dispatched', 'accepted', 'completed', 'verified', 'escalated']

export function residentProgress(d: DemandDetail): ResidentProgress {
  const unitId = d.dispatch?.unitId ?? null
  const unit = unitId ? (d.unitNames[unitId] ?? '结对单位') : '结对单位（先接单的单位承办）'
  const escalated = OPEN_STATUSES.includes(d.status) && (d.status === 'escalated' || !!d.escalatedAt)
  const canRate = d.allowedActions.includes('rate')
  const byFinish = d.dispatch ? `${formatTime(d.dispatch.finishBy)} 前办完` : ''
  const table: Record<DemandStatus, Omit<ResidentProgress, 'where' | 'canRate' | 'escalated'>> = {
    submitted: { who: '社区', byWhen: '', next: '社区工作人员会尽快看到并安排：社区自办，或派单给结对单位。' },
    handling: { who: '社区', byWhen: '', next: '社区正在办理，办完后会请您评价。' },
    dispatched: { who: unit, byWhen: d.dispatch ? `${formatTime(d.dispatch.acceptBy)} 前接单` : '', next: '等单位接单，接单后由单位党员上门办理。' },
    accepted: { who: unit, byWhen: byFinish, next: '单位党员正在办理，办完后社区会验收。' },
    completed: { who: '社区（验收）', byWhen: '', next: '单位已办完，社区验收后会请您评价。' },
    verified: { who: '社区', byWhen: '', next: '已办完并通过验收，请您评价办得怎么样。' },
    closed: { who: '', byWhen: '', next: '这件事已办结，谢谢您的反映。' },
    declined: { who: '社区', byWhen: '', next: '社区说明了不予受理的理由，见下方办理经过。' },
    merged: { who: '社区', byWhen: '', next: '和其他居民反映的同一件事一起办理，进度见合并后的诉求。' },
    escalated: { who: '街道、社区', byWhen: '', next: '社区已请街道一起协调，会尽快答复您。' },
  }
  const row = table[d.status]
  return {
    where: escalated ? RESIDENT_ESCALATED : RESIDENT_STATUS_LABEL[d.status],
    ...row,
    next: escalated && d.status !== 'escalated' ? `社区已请街道一起协调。${row.next}` : row.next,
    canRate,
    escalated,
  }
}

/** What each triage choice means, shown with the buttons (受理 means taking it up, never this choice). */
export const TRIAGE_MEANING: Partial<Record<DemandEvent, string>> = {
  dispatch: '派给结对共建单位，由单位接单、党员认领办理',
  handle: '小事不出小区：由社区直接办理，不派给单位',
  merge: '与已有的相同诉求一起办理',
  decline: '不属于社区办理范围，向居民说明理由',
}

export const RATING_LABEL: Record<Rating, string> = { satisfied: '满意', basic: '基本满意', unsatisfied: '不满意' }
export const RATINGS = keysOf(RATING_LABEL)

/** The order action buttons are shown in: the usual next step first (the primary button), refusals after. */
export const ACTION_ORDER: DemandEvent[] = [
  // 派单 is the primary way to a unit; 社区自办 keeps it in the community (小事不出小区).
  'dispatch', 'handle', 'merge', 'decline',
  'accept', 'reject', 'assign',
  'claim', 'complete', 'withdraw',
  'verify', 'sendBack',
  'rate', 'returnVisit', 'escalate', 'close',
  // 改派 (staff, on an overdue item) was allowed by the server but had no button: it sits with 催办.
  'approveExtension', 'refuseExtension', 'extend', 'urge', 'redispatch', 'supervise',
]

/**
 * The steps the app offers, in order, out of what the server allows. Every step has its button:
 * `assign` (指派党员) opens a picker of the unit's members (org.listUsers with the unit's id).
 */
export function visibleActions(allowed: DemandEvent[]): DemandEvent[] {
  return ACTION_ORDER.filter((e) => allowed.includes(e))
}

// ---- who sees which list -------------------------------------------------------------------------

export interface ListSection {
  scope: DemandListScope
  title: string
  emptyTitle: string
  emptyDescription: string
  /** 社区诉求 can be filtered by status, urgency and 超期. */
  filters?: boolean
}

const SECTIONS: Record<DemandListScope, ListSection> = {
  triage: { scope: 'triage', title: '待受理', emptyTitle: '暂无待受理的诉求', emptyDescription: '本社区居民新提交的诉求会在这里，由您受理、派单、合并或说明不予受理。' },
  community: { scope: 'community', title: '社区诉求', emptyTitle: '没有符合条件的诉求', emptyDescription: '本社区的全部诉求会在这里，可按状态、紧急程度和超期筛选。', filters: true },
  unit: { scope: 'unit', title: '单位派单', emptyTitle: '暂无派给本单位的任务', emptyDescription: '社区派给本单位的任务会在这里，接单后由本单位党员认领。' },
  claimable: { scope: 'claimable', title: '可认领', emptyTitle: '暂无可认领的任务', emptyDescription: '本单位已接下、还有名额的任务会在这里。' },
  myTasks: { scope: 'myTasks', title: '我的任务', emptyTitle: '您还没有认领任务', emptyDescription: '您认领的任务会在这里，办完后填写办结情况和服务时长。' },
  supervision: { scope: 'supervision', title: '督办', emptyTitle: '暂无需要督办的事项', emptyDescription: '辖区内超期、已吹哨和督办中的诉求会在这里，可以催办、督办，直到办结。' },
  mine: { scope: 'mine', title: '我的诉求', emptyTitle: '您还没有反映过诉求', emptyDescription: '点「我要反映」提交，社区会尽快受理，办理进度会在这里。' },
}

const has = (me: Me, ...roles: Role[]) => me.roles.some((g) => roles.includes(g.role))

/** Community staff (社区工作者, 网格员, 书记): they may report on a resident's behalf (代居民反映). */
export function isCommunityStaff(me: Me): boolean {
  return has(me, 'staff', 'gridWorker', 'secretary')
}

/**
 * 指派党员: who of the unit's people may still be assigned — members of the demand's unit who
 * hold no claim on it yet — and how many free slots are left.
 */
export function assignable<T extends { openid: string; roles: Me['roles'] }>(
  people: T[],
  demand: { dispatch: { unitId: string | null; slots: number } | null; claims: { openid: string }[]; claimedCount: number },
): { candidates: T[]; free: number } {
  const unitId = demand.dispatch?.unitId ?? null
  const claimed = new Set(demand.claims.map((c) => c.openid))
  const candidates = unitId ? people.filter((p) => !claimed.has(p.openid) && p.roles.some((g) => g.role === 'member' && g.unitId === unitId)) : []
  const free = Math.max(0, (demand.dispatch?.slots ?? 0) - demand.claimedCount)
  return { candidates, free }
}

/** Work roles: someone who has one sees their work first and their own demands last. */
export function isWorker(me: Me): boolean {
  return has(me, 'staff', 'gridWorker', 'secretary', 'liaison', 'member', 'admin', 'town')
}

/**
 * The lists of the 派单 tab below the work queues (WorkQueues): only what no queue shows whole —
 * all of a community's or a unit's demands (closed ones too) and one's own. The queues hold the
 * rest (待受理, 可认领, 我的任务, 督办 …), so that no item is listed twice. Every registered person is
 * a resident.
 */
export function sectionsFor(me: Me): ListSection[] {
  const out: ListSection[] = []
  if (has(me, 'staff', 'gridWorker', 'secretary')) out.push(SECTIONS.community)
  if (has(me, 'liaison')) out.push(SECTIONS.unit)
  if (!has(me, 'admin') || has(me, 'resident')) out.push(SECTIONS.mine)
  return out
}

/** The steps that move an overdue item, offered on its card in a queue (each opens the detail's form). */
export const OVERDUE_MOVES: DemandEvent[] = ['urge', 'redispatch', 'extend', 'escalate']

/** Whose 三率 this person may read: their communities as staff, their units as liaison. */
export interface ScorecardTarget {
  scope: Scorecard['scope']
  id: string
}

export function scorecardTargets(me: Me): ScorecardTarget[] {
  const out: ScorecardTarget[] = []
  const seen = new Set<string>()
  for (const g of me.roles) {
    const t: ScorecardTarget | null =
      (g.role === 'staff' || g.role === 'gridWorker' || g.role === 'secretary') && g.communityId
        ? { scope: 'community', id: g.communityId }
        : g.role === 'liaison' && g.unitId
          ? { scope: 'unit', id: g.unitId }
          : null
    if (t && !seen.has(`${t.scope}:${t.id}`)) {
      seen.add(`${t.scope}:${t.id}`)
      out.push(t)
    }
  }
  return out
}

export function isAdmin(me: Me): boolean {
  return has(me, 'admin')
}

/** Event name on Taro.eventCenter when a step changed a demand: pages refresh what they show. */
export const DEMAND_CHANGED = 'jinlin:demandChanged'

// ---- page routes (the subpackage's pages; navigation only) ---------------------------------------

const SUB = '/packages/dispatch'
export const ROUTES = {
  report: `${SUB}/report/index`,
  /** With `act`: the detail opens with that step's form (a card's 催办, 改派, 申请延期, 吹哨). */
  detail: (id: string, act?: DemandEvent) => `${SUB}/detail/index?id=${encodeURIComponent(id)}${act ? `&act=${act}` : ''}`,
  dispatch: (id: string) => `${SUB}/dispatch/index?id=${encodeURIComponent(id)}`,
  complete: (id: string) => `${SUB}/complete/index?id=${encodeURIComponent(id)}`,
  rate: (id: string) => `${SUB}/rate/index?id=${encodeURIComponent(id)}`,
  scorecard: `${SUB}/scorecard/index`,
  me: '/pages/me/index',
  tab: '/pages/dispatch/index',
}
