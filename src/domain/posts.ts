/**
 * 设岗定责, 责任区, 承诺践诺评诺 and 年度任务 in the field's words: labels and tones, the routes of
 * the posts subpackage, and who sees which entrance. Pure: no Taro, no network.
 */
import type { Me, Role } from '@/types/domain'
import type { PledgeStatus, PostKind, PostLogStatus, ResidentVerdict } from '@/types/posts'

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
}

const has = (me: Me, ...roles: Role[]) => me.roles.some((g) => roles.includes(g.role))
export const isPostStaff = (me: Me) => has(me, 'staff', 'gridWorker', 'secretary')
export const isPostMember = (me: Me) => has(me, 'member')
export const liaisonUnitOf = (me: Me): string | null => me.roles.find((g) => g.role === 'liaison' && g.unitId)?.unitId ?? null

/** 「3 / 20 小时」, 「1 / 4 次」. */
export const progressLine = (done: number, target: number, field: string) => `${done} / ${target} ${field === 'serviceHours' ? '小时' : field === 'problems' ? '件' : '次'}`
