/**
 * Pillar 3 (敲门行动) in the field's words: labels for care categories, care levels, visit methods,
 * outcomes and wellbeing, how a due window reads, who sees which list, and the routes of the visits
 * subpackage. Pure: no Taro, no network. A due status always carries a word (and ⚠ when overdue);
 * its tone only repeats what the word says.
 */
import dayjs from 'dayjs'

import type { Me, Role } from '@/types/domain'
import type { CareLevel, DueStatus, KeyHouseholdAction, KeyHouseholdSummary, VisitOutcome, Wellbeing } from '@/types/visits'

import { CARE_CATEGORY_LABEL, VISIT_METHOD_LABEL } from '@/types/labels'

import { formatDay } from './format'
import { keysOf } from './keys'
import type { Tone } from './tone'

export { CARE_CATEGORY_LABEL }

export const CARE_CATEGORIES = keysOf(CARE_CATEGORY_LABEL)

export const CARE_LEVEL_LABEL: Record<CareLevel, string> = { weekly: '每周走访', fortnightly: '每两周走访', monthly: '每月走访' }
export const CARE_LEVELS = keysOf(CARE_LEVEL_LABEL)

export const METHOD_LABEL = VISIT_METHOD_LABEL
export const METHODS = keysOf(METHOD_LABEL)

export const OUTCOME_LABEL: Record<VisitOutcome, string> = { contact: '见到了', noContact: '敲门未遇' }

export const WELLBEING_LABEL: Record<Wellbeing, string> = { good: '良好', fair: '一般', poor: '较差', critical: '需紧急关注' }
export const WELLBEINGS = keysOf(WELLBEING_LABEL)
/** A line under each wellbeing choice, so that visitors judge alike. */
export const WELLBEING_HINT: Record<Wellbeing, string> = {
  good: '精神好，生活能自理',
  fair: '有些小困难，暂不需要帮忙',
  poor: '身体或生活明显不好，需要多关心',
  critical: '有危险或急需帮助，请马上联系社区',
}

export const DUE_LABEL: Record<DueStatus, string> = { notDue: '未到期', due: '待走访', overdue: '已超期' }
export const DUE_TONE: Record<DueStatus, Tone> = { notDue: 'success', due: 'warning', overdue: 'danger' }

export const ACTION_LABEL: Record<KeyHouseholdAction, string> = {
  recordVisit: '记录走访',
  secretaryVisit: '书记敲门',
  updateKey: '修改重点户信息',
  unmarkKey: '取消重点户',
  pair: '包挂',
  unpair: '解除包挂',
}

export const VISITOR_KIND_LABEL = { member: '党员', gridWorker: '网格员', staff: '社区工作者', secretary: '书记' } as const

// ---- time -----------------------------------------------------------------------------------------

/** Whole calendar days from `from` to `to` (China time on the device's calendar). */
function daysBetween(from: Date | string, to: Date | string): number {
  return dayjs(to).startOf('day').diff(dayjs(from).startOf('day'), 'day')
}

/**
 * One line on a household's due window (it ends at the end of `dueBy`'s day), in words:
 * "已超期 3 天（最晚应在 5月3日走访）", "待走访：最晚 5月10日", "5月17日起走访".
 */
export function dueText(h: Pick<KeyHouseholdSummary, 'dueStatus' | 'dueFrom' | 'dueBy'>, now: Date = new Date()): string {
  if (h.dueStatus === 'overdue') {
    const late = Math.max(1, daysBetween(h.dueBy, now))
    return `已超期 ${late} 天（最晚应在 ${formatDay(h.dueBy, now)}走访）`
  }
  if (h.dueStatus === 'due') return `待走访：最晚 ${formatDay(h.dueBy, now)}`
  return `${formatDay(h.dueFrom, now)}起走访`
}

/** "上次见到：5月3日" or "还没有见到过". */
export function lastContactText(h: Pick<KeyHouseholdSummary, 'lastContactAt'>, now: Date = new Date()): string {
  return h.lastContactAt ? `上次见到：${formatDay(h.lastContactAt, now)}` : '还没有见面走访过'
}

// ---- who sees what ---------------------------------------------------------------------------------

const has = (me: Me, ...roles: Role[]) => me.roles.some((g) => roles.includes(g.role))

/** May be paired with households (包挂): members, grid workers, community staff and the secretary. */
export function mayVisit(me: Me): boolean {
  return has(me, 'member', 'gridWorker', 'staff', 'secretary')
}

/** Community workers: the community's key households, pairing and marking. */
export function isCommunityWorker(me: Me): boolean {
  return has(me, 'staff', 'gridWorker', 'secretary')
}

/** The communities this person works in (as staff, grid worker or secretary), without repeats. */
export function workCommunities(me: Me): string[] {
  const ids = me.roles.filter((g) => (g.role === 'staff' || g.role === 'gridWorker' || g.role === 'secretary') && g.communityId).map((g) => g.communityId as string)
  return [...new Set(ids)]
}

/** Communities whose coverage this person reads (staff and secretary; the server decides for admin). */
export function coverageCommunities(me: Me): string[] {
  const ids = me.roles.filter((g) => (g.role === 'staff' || g.role === 'secretary') && g.communityId).map((g) => g.communityId as string)
  return [...new Set(ids)]
}

/** Communities where this person is the secretary (the sensitive-read log is theirs). */
export function secretaryCommunities(me: Me): string[] {
  return [...new Set(me.roles.filter((g) => g.role === 'secretary' && g.communityId).map((g) => g.communityId as string))]
}

export type HouseholdScope = 'mine' | 'due' | 'overdue' | 'all'

export interface HouseholdSection {
  key: HouseholdScope
  title: string
  emptyTitle: string
  emptyDescription: string
}

const SECTIONS: Record<HouseholdScope, HouseholdSection> = {
  mine: { key: 'mine', title: '我的包户', emptyTitle: '暂无包挂的重点户', emptyDescription: '社区把重点户与您结对后，会在这里按到期先后列出，超期的排在最前。' },
  due: { key: 'due', title: '待走访', emptyTitle: '本社区暂无待走访的重点户', emptyDescription: '到了走访时间（含超期）的重点户会在这里。' },
  overdue: { key: 'overdue', title: '已超期', emptyTitle: '本社区没有超期未访的重点户', emptyDescription: '超过走访时间仍没有见到的重点户会在这里。' },
  all: { key: 'all', title: '全部重点户', emptyTitle: '本社区还没有标记重点户', emptyDescription: '在「社区走访概况」里标记独居老人、残疾人等重点户，并安排包挂。' },
}

/** The lists of the 敲门 tab for this person: a visitor's own first, a staff member's community first. */
export function sectionsFor(me: Me): HouseholdSection[] {
  const community = isCommunityWorker(me) ? [SECTIONS.due, SECTIONS.overdue, SECTIONS.all] : []
  const mine = mayVisit(me) ? [SECTIONS.mine] : []
  return has(me, 'staff', 'secretary') ? [...community, ...mine] : [...mine, ...community]
}

// ---- routes (the subpackage's pages; navigation only) ----------------------------------------------

const SUB = '/packages/visits'
const q = (params: Record<string, string | undefined>) =>
  Object.entries(params)
    .filter(([, v]) => v)
    .map(([k, v]) => `${k}=${encodeURIComponent(v as string)}`)
    .join('&')

export const ROUTES = {
  household: (id: string) => `${SUB}/household/index?${q({ id })}`,
  visit: (id: string, opts: { returnFor?: string; secretary?: boolean } = {}) =>
    `${SUB}/visit/index?${q({ id, returnFor: opts.returnFor, secretary: opts.secretary ? '1' : undefined })}`,
  overview: `${SUB}/overview/index`,
  key: (id?: string) => (id ? `${SUB}/key/index?${q({ id })}` : `${SUB}/key/index`),
  pairing: (id: string) => `${SUB}/pairing/index?${q({ id })}`,
  reads: (householdId?: string) => (householdId ? `${SUB}/reads/index?${q({ id: householdId })}` : `${SUB}/reads/index`),
  tab: '/pages/visits/index',
}

/** Event name on Taro.eventCenter when a household changed (a visit, a pairing): lists refresh. */
export const HOUSEHOLD_CHANGED = 'jinlin:householdChanged'

/** How many days back a visit may be recorded from the form (the server allows 7). */
export const VISIT_DAYS_BACK = [0, 1, 2] as const
export const VISIT_DAY_LABEL: Record<(typeof VISIT_DAYS_BACK)[number], string> = { 0: '今天', 1: '昨天', 2: '前天' }

/**
 * `recordVisit.at` for a visit `daysBack` China days ago: noon of that day (the schedule counts
 * China days, so the hour does not matter); undefined for today, which the server records as now.
 */
export function visitAt(daysBack: number, now: Date = new Date()): string | undefined {
  if (daysBack === 0) return undefined
  const day = new Date(now.getTime() + 8 * 3600_000 - daysBack * 86_400_000).toISOString().slice(0, 10)
  return `${day}T12:00:00+08:00`
}

/** The most needs one visit may turn into demands (RecordVisitRequest.needs). */
export const MAX_NEEDS = 3
