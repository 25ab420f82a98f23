/**
 * 微心愿 in the field's words: status labels and tones, what each button says, the routes of the
 * wishes subpackage, and who sees which entrance. Pure: no Taro, no network.
 */
import type { Me, Role } from '@/types/domain'
import type { WishClaimView, WishEvent, WishStatus, WishView } from '@/types/wishes'

import { WISH_STATUS_LABEL } from '@/types/labels'

import type { Tone } from './tone'

export const WISH_LABEL = WISH_STATUS_LABEL
export const WISH_TONE: Record<WishStatus, Tone> = {
  pending: 'warning',
  approved: 'info',
  declined: 'neutral',
  claimed: 'info',
  fulfilled: 'warning',
  confirmed: 'success',
}

export const WISH_ACTION_LABEL: Record<WishEvent, string> = {
  approve: '审核通过，上墙',
  decline: '不通过',
  claim: '我来认领',
  withdraw: '退出认领',
  fulfil: '登记已送达',
  confirm: '确认收到',
}

/** A wish changed on one page: lists elsewhere read again. */
export const WISH_CHANGED = 'wishes:changed'

const SUB = '/packages/wishes'
const q = encodeURIComponent
export const WISH_ROUTES = {
  wall: `${SUB}/wall/index`,
  post: `${SUB}/post/index`,
  mine: `${SUB}/mine/index`,
  review: `${SUB}/review/index`,
  claimed: `${SUB}/claimed/index`,
  fulfil: (id: string) => `${SUB}/fulfil/index?id=${q(id)}`,
}

/** 「王**的微心愿」: how the wall names a wish. */
export const wallTitle = (w: Pick<WishView, 'publicName'>) => `${w.publicName}的微心愿`

/** Who took it on, as the wall says it: 「县人社局 张伟认领」, 「热心居民 李**认领」. */
export function claimLine(c: WishClaimView): string {
  const who = c.via === 'resident' ? `热心居民 ${c.name}` : `${c.unitName ?? ''} ${c.name}`.trim()
  return `${who}认领`
}

const has = (me: Me, ...roles: Role[]) => me.roles.some((g) => roles.includes(g.role))

/** Staff, grid workers and secretaries review their community's wishes and post for residents. */
export const reviewsWishes = (me: Me) => has(me, 'staff', 'gridWorker', 'secretary')

/** Anyone who lives in a community may post their own wish. */
export const canPostWish = (me: Me) => !!me.community
