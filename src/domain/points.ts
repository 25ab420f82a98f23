/**
 * Pillar 2 in the field's words: labels for ledger sources, activity phases, sign-ups,
 * redemptions and review grades, and who sees which entrance (formatters: domain/format). Pure: no Taro, no network. A status always carries a word; its tone only repeats it.
 */
import type { Me, Role } from '@/types/domain'
import type {
  ActivityAction,
  ActivityListScope,
  ActivityPhase,
  HoursRule,
  LedgerSourceType,
  RedemptionStatus,
  ReviewGrade,
  SignupStatus,
} from '@/types/points'

import { ACTIVITY_PHASE_LABEL, LEDGER_SOURCE_LABEL } from '@/types/labels'

import { keysOf } from './keys'
import type { Tone } from './tone'

export const SOURCE_LABEL = LEDGER_SOURCE_LABEL

export const PHASE_LABEL = ACTIVITY_PHASE_LABEL
export const PHASE_TONE: Record<ActivityPhase, Tone> = { upcoming: 'info', ongoing: 'success', ended: 'neutral', cancelled: 'neutral' }

export const SIGNUP_LABEL: Record<SignupStatus, string> = {
  signedUp: '已报名',
  cancelled: '已取消报名',
  checkedIn: '已签到',
  checkedOut: '已签退',
  approved: '时长已核定',
}

export const HOURS_RULE_LABEL: Record<HoursRule, string> = { actual: '按签到签退实际时长', fixed: '按固定时长' }

export const REDEMPTION_LABEL: Record<RedemptionStatus, string> = { pending: '待核销', fulfilled: '已核销', cancelled: '已取消' }
export const REDEMPTION_TONE: Record<RedemptionStatus, Tone> = { pending: 'warning', fulfilled: 'success', cancelled: 'neutral' }

export const GRADE_LABEL: Record<ReviewGrade, string> = { excellent: '优秀', good: '良好', fair: '一般', poor: '较差' }
export const GRADES = keysOf(GRADE_LABEL)

/** What an activity button says. */
export const ACTIVITY_ACTION_LABEL: Record<ActivityAction, string> = {
  signUp: '我要报名',
  cancelSignup: '取消报名',
  checkIn: '签到',
  checkOut: '签退',
  cancel: '取消活动',
  resolveCheckOut: '补记签退',
  approveHours: '核定时长',
}

/** The usual next step first (the primary button); the organiser's own steps have their section. */
export const ACTIVITY_ACTION_ORDER: ActivityAction[] = ['signUp', 'checkIn', 'checkOut', 'cancelSignup', 'cancel']

/** Entries staff may correct with a reversing entry: earned ones (a redemption is undone by cancelling it). */
export const REVERSIBLE: LedgerSourceType[] = ['service', 'post', 'wish', 'activity', 'checkIn', 'award']

export const ACTIVITY_SCOPE_LABEL: Record<ActivityListScope, string> = { open: '可报名', mine: '我报名的', managed: '本社区活动' }

// ---- numbers -------------------------------------------------------------------------------------

/** Hours still to serve to reach the target (0 when met), one decimal. */
export function hoursToGo(hours: number, target: number): number {
  return Math.max(0, Math.round((target - hours) * 10) / 10)
}

/** What a person typed as a code: spaces and dashes dropped, letters upper-cased. */
export function normaliseCode(typed: string): string {
  return typed.replace(/[\s-]+/g, '').toUpperCase()
}

// ---- who sees which entrance -------------------------------------------------------------------

const has = (me: Me, ...roles: Role[]) => me.roles.some((g) => roles.includes(g.role))

export const isMember = (me: Me) => has(me, 'member')
export const isCommunityWorker = (me: Me) => has(me, 'staff', 'gridWorker', 'secretary')
export const isLiaison = (me: Me) => has(me, 'liaison')
export const isPointsAdmin = (me: Me) => has(me, 'admin')

/** The community a worker acts for (their first grant), for creating activities and items. */
export function workerCommunity(me: Me): string | null {
  return me.roles.find((g) => (g.role === 'staff' || g.role === 'gridWorker' || g.role === 'secretary') && g.communityId)?.communityId ?? null
}

/** The unit a liaison manages. */
export function liaisonUnit(me: Me): string | null {
  return me.roles.find((g) => g.role === 'liaison' && g.unitId)?.unitId ?? null
}

/** Which activity lists this person sees: workers manage theirs; everyone may join. */
export function activityScopes(me: Me): ActivityListScope[] {
  return isCommunityWorker(me) ? ['managed', 'open', 'mine'] : ['open', 'mine']
}

/** Event name on Taro.eventCenter when points moved (a check-in, a redemption): 我的积分 reloads. */
export const POINTS_CHANGED = 'jinlin:pointsChanged'

// ---- page routes (the subpackage's pages; navigation only) ---------------------------------------

const SUB = '/packages/points'
const q = (id: string) => encodeURIComponent(id)
export const POINTS_ROUTES = {
  ledger: `${SUB}/ledger/index`,
  activities: (scope?: ActivityListScope) => (scope ? `${SUB}/activities/index?scope=${scope}` : `${SUB}/activities/index`),
  activity: (id: string) => `${SUB}/activity/index?id=${q(id)}`,
  activityForm: `${SUB}/activity-form/index`,
  catalogue: (manage = false) => (manage ? `${SUB}/catalogue/index?manage=1` : `${SUB}/catalogue/index`),
  itemForm: `${SUB}/item-form/index`,
  redemptions: (manage = false) => (manage ? `${SUB}/redemptions/index?manage=1` : `${SUB}/redemptions/index`),
  fulfil: `${SUB}/fulfil/index`,
  leaderboard: `${SUB}/leaderboard/index`,
  compliance: `${SUB}/compliance/index`,
  member: (openid?: string) => (openid ? `${SUB}/member/index?openid=${q(openid)}` : `${SUB}/member/index`),
  reconcile: `${SUB}/reconcile/index`,
  people: `${SUB}/people/index`,
  rules: `${SUB}/rules/index`,
  person: (openid: string, name: string) => `${SUB}/person/index?openid=${q(openid)}&name=${q(name)}`,
}

/**
 * The demand of a missing credit that reconcile reports: its key is `demand_<demandId>_<openid>`
 * (or `demand_<demandId>_r<round>_<openid>`); demand ids have no underscore, openids may.
 */
export function demandOfCreditKey(key: string): string | null {
  const m = /^demand_([^_]+)_/.exec(key)
  return m ? m[1] : null
}

/** What a reconcile difference is about, in words. */
export const DIFFERENCE_KIND: Record<'account' | 'tally' | 'credit', string> = {
  account: '账户',
  tally: '排行',
  credit: '未计入的服务时长',
}
