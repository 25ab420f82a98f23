import { Text, View } from '@tarojs/components'

import type { DemandCategory, DemandStatus, Urgency } from '@/types/dispatch'

import { CATEGORY_LABEL, RESIDENT_STATUS_LABEL, STATUS_LABEL, STATUS_TONE, URGENCY_LABEL } from '@/domain/dispatch'
import { cx } from '@/utils/cx'
import './index.scss'

/** A small labelled tag. The word carries the meaning; the tone only repeats it. */
export function Tag({ text, tone = 'neutral', strong }: { text: string; tone?: 'info' | 'warning' | 'success' | 'danger' | 'neutral'; strong?: boolean }) {
  return <Text className={cx('jl-tag', `jl-tag--${tone}`, strong && 'jl-tag--strong')}>{text}</Text>
}

/** Status, urgency, 超期 and category of a demand, as words (the resident's own words with `resident`). */
export default function DemandTags({
  status,
  urgency,
  overdue,
  category,
  escalated,
  supervised,
  extensionPending,
  resident = false,
}: {
  status: DemandStatus
  urgency: Urgency
  overdue?: boolean
  category?: DemandCategory
  /** 已吹哨, 督办 and 延期待审 (flags beside the status, sent only to those who work on it). */
  escalated?: boolean
  supervised?: boolean
  extensionPending?: boolean
  resident?: boolean
}) {
  return (
    <View className='jl-tags'>
      <Tag text={(resident ? RESIDENT_STATUS_LABEL : STATUS_LABEL)[status]} tone={STATUS_TONE[status]} strong />
      {urgency === 'normal' ? null : <Tag text={URGENCY_LABEL[urgency]} tone={urgency === 'urgent' ? 'danger' : 'neutral'} />}
      {overdue ? <Tag text='超期' tone='danger' strong /> : null}
      {escalated ? <Tag text='已吹哨' tone='danger' strong /> : null}
      {supervised ? <Tag text='督办' tone='danger' strong /> : null}
      {extensionPending ? <Tag text='延期待审' tone='warning' /> : null}
      {category ? <Tag text={CATEGORY_LABEL[category]} /> : null}
    </View>
  )
}
