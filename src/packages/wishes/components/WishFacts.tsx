import { Text, View } from '@tarojs/components'

import type { WishView } from '@/types/wishes'

import { Tag } from '@/components/DemandTags'
import { formatDate, formatTime } from '@/domain/format'
import { claimLine, wallTitle, WISH_LABEL, WISH_TONE } from '@/domain/wishes'
import Photos from '@/components/Photos'

/**
 * What a wish is: status, 「王**的微心愿」, what and why, by when, photos, who claimed it, the
 * delivery; and — only when the server sends it — who it is for, where and the phone.
 */
export default function WishFacts({ w }: { w: WishView }) {
  return (
    <>
      <View className='jl-tags'>
        <Tag text={WISH_LABEL[w.status]} tone={WISH_TONE[w.status]} strong />
        {w.onBehalf ? <Tag text='社区代发' tone='neutral' /> : null}
      </View>
      <Text className='jl-wish__whose'>{wallTitle(w)}</Text>
      <Text className='jl-card__title'>{w.title}</Text>
      <Text className='jl-card__text'>{`心愿原因：${w.reason}`}</Text>
      <View className='jl-card__meta'>
        <Text>{`希望 ${formatDate(w.neededBy)}前实现`}</Text>
        {w.approvedAt ? <Text>{`上墙于 ${formatTime(w.approvedAt)}`}</Text> : <Text>{`提交于 ${formatTime(w.createdAt)}`}</Text>}
      </View>
      <Photos urls={w.photos.map((p) => p.url)} what='心愿照片' />
      {w.contact ? (
        <View className='jl-wish__contact'>
          <Text>{`心愿人：${w.contact.name}`}</Text>
          {w.contact.phone ? <Text>{`联系电话：${w.contact.phone}`}</Text> : null}
          <Text>{`送达地址：${w.contact.address}`}</Text>
        </View>
      ) : null}
      {w.claim ? (
        <View className='jl-card__meta'>
          <Text>{claimLine(w.claim)}</Text>
          {w.claim.phone ? <Text>{`认领人电话 ${w.claim.phone}`}</Text> : null}
          <Text>{`认领于 ${formatTime(w.claim.at)}`}</Text>
        </View>
      ) : null}
      {w.fulfilment ? (
        <>
          <Text className='jl-card__text'>{`送达情况：${w.fulfilment.note}`}</Text>
          <Photos urls={w.fulfilment.photos.map((p) => p.url)} what='送达照片' />
        </>
      ) : null}
      {w.status === 'confirmed' && w.confirmedAt ? <Text className='jl-ok'>{`${formatTime(w.confirmedAt)} 已确认收到${w.points !== undefined ? `，认领人获得 ${w.points} 积分` : ''}`}</Text> : null}
      {w.declineReason ? <Text className='jl-card__why'>{`未通过的原因：${w.declineReason}`}</Text> : null}
    </>
  )
}
