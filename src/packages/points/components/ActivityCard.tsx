import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'

import type { ActivitySummary } from '@/types/points'

import { Tag } from '@/components/DemandTags'
import { formatHours } from '@/domain/format'
import { PHASE_LABEL, PHASE_TONE, POINTS_ROUTES, SIGNUP_LABEL } from '@/domain/points'
import { formatSpan } from '@/domain/format'
import { tappable } from '@/utils/a11y'

/** How many hours an activity earns, in words. */
export function hoursText(a: Pick<ActivitySummary, 'hoursRule' | 'fixedHours'>): string {
  return a.hoursRule === 'fixed' && a.fixedHours !== null ? `每人 ${formatHours(a.fixedHours)}` : '按实际签到签退时长'
}

/** One activity in a list: phase and my status as words, when, where, places left. */
export default function ActivityCard({ a }: { a: ActivitySummary }) {
  const left = Math.max(0, a.capacity - a.signedUp)
  return (
    <View className='jl-card' {...tappable(`${a.title}，${PHASE_LABEL[a.phase]}，查看详情`, 'link')} onClick={() => void Taro.navigateTo({ url: POINTS_ROUTES.activity(a._id) })}>
      <View className='jl-tags'>
        <Tag text={PHASE_LABEL[a.phase]} tone={PHASE_TONE[a.phase]} strong />
        {a.myStatus ? <Tag text={SIGNUP_LABEL[a.myStatus]} tone='info' /> : null}
        {left === 0 && a.phase !== 'ended' && a.phase !== 'cancelled' ? <Tag text='名额已满' tone='warning' /> : null}
      </View>
      <Text className='jl-card__title'>{a.title}</Text>
      <Text className='jl-card__text'>{formatSpan(a.startAt, a.endAt)}</Text>
      <View className='jl-card__meta'>
        <Text>{a.place}</Text>
        <Text>{a.communityName}</Text>
        <Text>{`已报名 ${a.signedUp}/${a.capacity} 人`}</Text>
        <Text>{hoursText(a)}</Text>
      </View>
    </View>
  )
}
