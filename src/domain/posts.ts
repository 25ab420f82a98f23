/**
 * 设岗定责, 责任区, 承诺践诺评诺 and 年度任务 in the field's words: labels and tones, the routes of
 * the posts subpackage, and who sees which entrance. Pure: no Taro, no network.
 */
import type { Me, Role } from '@/types/domain'
import type { DutyRules, PledgeStatus, PostKind, PostLogStatus, ResidentVerdict } from '@/types/posts'

import type { Tone } from './tone'

/** A post, log or pledge changed on one page: lists elsewhere read again. */
export const POSTS_CHANGED = 'posts:changed'

export const KIND_LABEL: Record<PostKind, string> = { post: '服务岗位', zone: '责任区' }
export const LOG_LABEL: Record<PostLogStatus, string> = { pending: '待验收', verified: '已验收', returned: '已退回' }
export const LOG_TONE: Record<PostLogStatus, Tone> = { pending: 'warning', verified: 'success', returned: 'neutral' }
export const PLEDGE_LABEL: Record<PledgeStatus, string> = { pledged: '已承诺', fulfilled: '已践诺', rated: '已评诺' }
export const PLEDGE_TONE: Record<PledgeStatus, Tone> = { pledged: 'info', fulfilled: 'warning', rated: 'success' }
export { GRADE_LABEL } from './points'
export const VERDICT_LABEL: Record<ResidentVerdict, string> = { satisfied: '满意', basic: '基本满意', unsatisfied: '不满意' }

const SUB = '/packages/posts'
const q = encodeURIComponent
export const POST_ROUTES = {
  list: `${SUB}/list/index`,
  mine: `${SUB}/mine/index`,
  review: `${SUB}/review/index`,
  pledges: `${SUB}/pledges/index`,
  rate: `${SUB}/rate/index`,
  duties: `${SUB}/duties/index`,
  unitDuties: (unitId: string) => `${SUB}/duties/index?unit=${q(unitId)}`,
  dutyRules: `${SUB}/duty-rules/index`,
  problem: `${SUB}/problem/index`,
}

const has = (me: Me, ...roles: Role[]) => me.roles.some((g) => roles.includes(g.role))
export const isPostStaff = (me: Me) => has(me, 'staff', 'gridWorker', 'secretary')
export const isPostMember = (me: Me) => has(me, 'member')
/** The community a staff member, grid worker or secretary acts for (their first such grant). */
export const staffCommunityOf = (me: Me): string | null => me.roles.find((g) => ['staff', 'gridWorker', 'secretary'].includes(g.role) && g.communityId)?.communityId ?? null
export const liaisonUnitOf = (me: Me): string | null => me.roles.find((g) => g.role === 'liaison' && g.unitId)?.unitId ?? null

/** 「3 / 20 小时」, 「1 / 4 次」. */
export const progressLine = (done: number, target: number, field: string) => `${done} / ${target} ${field === 'serviceHours' ? '小时' : field === 'problems' ? '件' : '次'}`

/** The county's yearly duties in words, with their unit and the largest value the server takes. */
export const DUTY_FIELDS: { key: keyof DutyRules; label: string; unit: string; max: number }[] = [
  { key: 'serviceHours', label: '服务时长', unit: '小时', max: 500 },
  { key: 'checkIns', label: '每月双报到', unit: '次', max: 100 },
  { key: 'surveys', label: '每季度调研', unit: '次', max: 100 },
  { key: 'problems', label: '协助解决难题', unit: '件', max: 100 },
]

/** What is wrong with a typed duty target (a whole number 0–max), or null. */
export function dutyRuleProblem(f: { label: string; max: number }, typed: string): string | null {
  const t = typed.trim()
  if (!t) return `请填写${f.label}`
  if (!/^\d+$/.test(t) || Number(t) > f.max) return `${f.label}应为 0 到 ${f.max} 的整数`
  return null
}
