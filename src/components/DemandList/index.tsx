import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { AtButton } from 'taro-ui'

import type { DemandListRequest, DemandSummary } from '@/types/dispatch'

import { ACTION_LABEL, ROUTES } from '@/domain/dispatch'
import { formatTime } from '@/domain/format'
import { call } from '@/services/api'
import { tappable } from '@/utils/a11y'
import DemandTags from '@/components/DemandTags'
import PagedList, { PAGE_SIZE } from '@/components/PagedList'
import './index.scss'

/**
 * One demand in a list: status and urgency as words, 超期, two lines of text, who and when. In the
 * resident's own list (`resident`) the status is in their words and a 待评价 card says 去评价. An
 * overdue card offers the steps that move it which its reader may take (催办, 改派, 申请延期, 吹哨,
 * as the server lists them): each opens the detail with that step's form, which asks to confirm.
 */
export function DemandCard({ item, showSlots, resident = false }: { item: DemandSummary; showSlots?: boolean; resident?: boolean }) {
  const slots = showSlots && item.slots ? `已认领 ${item.claimedCount}/${item.slots} 人` : ''
  const card = (
    <View
      className='jl-demand-card'
      {...tappable(`${item.text.slice(0, 30)}，${item.overdue ? '超期，' : ''}查看详情`, 'link')}
      onClick={() => void Taro.navigateTo({ url: ROUTES.detail(item._id) })}
    >
      <DemandTags status={item.status} urgency={item.urgency} overdue={item.overdue} category={item.category} escalated={item.escalated} supervised={item.supervised} extensionPending={item.extensionPending} resident={resident} />
      <Text className='jl-demand-card__text'>{item.text}</Text>
      <View className='jl-demand-card__meta'>
        <Text>{item.submitterName}</Text>
        {slots ? <Text>{slots}</Text> : null}
        <Text>{formatTime(item.createdAt)}</Text>
      </View>
    </View>
  )
  const moves = resident ? [] : (item.overdueActions ?? [])
  if (moves.length) {
    return (
      <View className='jl-demand-item'>
        {card}
        <View className='jl-demand-item__moves'>
          {moves.map((e) => (
            <AtButton key={e} className='jl-button jl-demand-item__move' onClick={() => void Taro.navigateTo({ url: ROUTES.detail(item._id, e) })}>
              {ACTION_LABEL[e]}
            </AtButton>
          ))}
        </View>
      </View>
    )
  }
  if (!resident || item.status !== 'verified') return card
  return (
    <View className='jl-demand-item'>
      {card}
      <AtButton className='jl-button jl-demand-item__rate' type='primary' onClick={() => void Taro.navigateTo({ url: ROUTES.rate(item._id) })}>
        去评价
      </AtButton>
    </View>
  )
}

/**
 * The demands of one `dispatch.list` scope, page by page (PagedList). `version` reloads from page 1.
 */
export default function DemandList({
  request,
  emptyTitle,
  emptyDescription,
  version = 0,
}: {
  /** Which list; every list but 我的诉求 also shows how many slots are taken. */
  request: Omit<DemandListRequest, 'page' | 'pageSize'>
  emptyTitle: string
  emptyDescription?: string
  version?: number
}) {
  return (
    <PagedList
      fetchPage={(page) => call('dispatch', 'list', { ...request, page, pageSize: PAGE_SIZE })}
      idOf={(d) => d._id}
      listKey={JSON.stringify(request)}
      version={version}
      emptyTitle={emptyTitle}
      emptyDescription={emptyDescription}
      render={(item) => <DemandCard item={item} showSlots={request.scope !== 'mine'} resident={request.scope === 'mine'} />}
    />
  )
}
