import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { AtButton } from 'taro-ui'

import type { DemandDetail } from '@/types/dispatch'

import Row from '@/components/Row'
import Section from '@/components/Section'
import { CATEGORY_LABEL, KIND_LABEL, ROUTES, residentProgress, residentTimeline } from '@/domain/dispatch'
import { formatTime } from '@/domain/format'
import { tappable } from '@/utils/a11y'
import { DemandPhotos, HouseholdSection, OutcomeSections } from './DetailParts'
import Timeline from './Timeline'

/** Where it is, who has it, by when, what happens next — and 去评价 when it waits for the rating. */
function Progress({ d }: { d: DemandDetail }) {
  const p = residentProgress(d)
  return (
    <View className='jl-progress'>
      <Text className='jl-progress__where'>{p.where}</Text>
      {p.who ? <Row label='谁在办'>{p.who}</Row> : null}
      {p.byWhen ? <Row label='时限'>{p.byWhen}</Row> : null}
      <Text className='jl-detail__text jl-progress__next'>{p.next}</Text>
      {p.canRate ? (
        <AtButton className='jl-button' type='primary' onClick={() => void Taro.navigateTo({ url: ROUTES.rate(d._id) })}>
          去评价
        </AtButton>
      ) : null}
    </View>
  )
}

/**
 * 诉求详情 for the resident who asked: the status summary first, then what they asked and what
 * was done, and the steps folded below (opened with one tap) — short, in 长辈模式 above all.
 */
export default function ResidentDetail({ d }: { d: DemandDetail }) {
  const [open, setOpen] = useState(false)
  const steps = residentTimeline(d.timeline).length
  return (
    <View className='jl-detail jl-detail--resident'>
      <Progress d={d} />

      <Section title={`我反映的${KIND_LABEL[d.kind]}`}>
        <Text className='jl-detail__text'>{d.text}</Text>
        <DemandPhotos photos={d.photos} />
        <Row label='类别'>{CATEGORY_LABEL[d.category]}</Row>
        <Row label='提交时间'>{formatTime(d.createdAt)}</Row>
        {d.anonymous ? <Row label='匿名'>其他居民和办理单位看不到您的姓名和电话</Row> : null}
        {d.mergedInto ? (
          <View className='jl-link' {...tappable('查看合并后的诉求', 'link')} onClick={() => void Taro.redirectTo({ url: ROUTES.detail(d.mergedInto!) })}>
            <Text>查看合并后的诉求 ›</Text>
          </View>
        ) : null}
      </Section>

      <HouseholdSection household={d.household} />

      <OutcomeSections d={d} resident />

      <View className='jl-fold'>
        <View className='jl-fold__head' {...tappable(open ? '收起办理经过' : `查看办理经过，共 ${steps} 步`)} onClick={() => setOpen(!open)}>
          <Text>{open ? '收起办理经过' : `查看办理经过（${steps} 步）`}</Text>
          <Text className='jl-fold__mark'>{open ? '▲' : '▼'}</Text>
        </View>
        {open ? <Timeline events={d.timeline} resident /> : null}
      </View>
    </View>
  )
}
