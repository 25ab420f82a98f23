import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'

import type { DemandDetail, PhotoLink } from '@/types/dispatch'

import Photos from '@/components/Photos'
import Row from '@/components/Row'
import Section from '@/components/Section'
import { RATING_LABEL } from '@/domain/dispatch'
import { formatTime } from '@/domain/format'
import { ROUTES as VISIT_ROUTES } from '@/domain/visits'
import { tappable } from '@/utils/a11y'

/** A demand's photos; a tap shows them large. */
export function DemandPhotos({ photos, what }: { photos: PhotoLink[]; what?: string }) {
  return <Photos urls={photos.map((p) => p.url)} what={what} />
}

/**
 * The household a need found on a visit is about: where, whom to ask for, their phone (masked
 * unless the reader handles the demand), and the way back to the 重点户 for those who may open it.
 */
export function HouseholdSection({ household }: { household: DemandDetail['household'] }) {
  if (!household) return null
  return (
    <Section title='住户（走访发现）'>
      <Row label='地址'>{household.address}</Row>
      <Row label='联系人'>{household.contactName}</Row>
      <Row label='电话'>{household.contactPhone}</Row>
      {household.mayOpen ? (
        <View className='jl-link' {...tappable(`查看重点户 ${household.address}`, 'link')} onClick={() => void Taro.navigateTo({ url: VISIT_ROUTES.household(household.id) })}>
          <Text>查看重点户 ›</Text>
        </View>
      ) : null}
    </Section>
  )
}

/** What was done and the resident's rating, each in its section; `resident` words it for the one who asked. */
export function OutcomeSections({ d, resident = false }: { d: DemandDetail; resident?: boolean }) {
  return (
    <>
      {d.completion ? (
        <Section title={resident ? '办了什么' : '办结情况'}>
          <Text className='jl-detail__text'>{d.completion.notes}</Text>
          <DemandPhotos photos={d.completion.photos} what='现场照片' />
          {resident ? null : <Row label='办结时间'>{formatTime(d.completion.at)}</Row>}
        </Section>
      ) : null}
      {d.rating ? (
        <Section title={resident ? '我的评价' : '居民评价'}>
          <Text className='jl-detail__rating'>{RATING_LABEL[d.rating.value]}</Text>
          {d.rating.comment ? <Text className='jl-detail__text'>{d.rating.comment}</Text> : null}
          {resident ? null : <Row label='评价时间'>{formatTime(d.rating.at)}</Row>}
        </Section>
      ) : null}
    </>
  )
}
