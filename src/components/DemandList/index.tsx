import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { AtButton } from 'taro-ui'

import type { DemandListRequest, DemandSummary } from '@/types/dispatch'

import { formatTime, ROUTES } from '@/domain/dispatch'
import { call } from '@/services/api'
import { tappable } from '@/utils/a11y'
import DemandTags from '@/components/DemandTags'
import { usePaged } from '@/hooks/usePaged'
import { EmptyState, ErrorState, Loading } from '@/components/States'
import 'taro-ui/lib/style/components/button.scss'
import './index.scss'

export const PAGE_SIZE = 10


/** One demand in a list: status and urgency as words, 超期, two lines of text, who and when. */
export function DemandCard({ item, showSlots }: { item: DemandSummary; showSlots?: boolean }) {
  const slots = showSlots && item.slots ? `已认领 ${item.claimedCount}/${item.slots} 人` : ''
  return (
    <View
      className='jl-demand-card'
      {...tappable(`${item.text.slice(0, 30)}，${item.overdue ? '超期，' : ''}查看详情`, 'link')}
      onClick={() => void Taro.navigateTo({ url: ROUTES.detail(item._id) })}
    >
      <DemandTags status={item.status} urgency={item.urgency} overdue={item.overdue} category={item.category} />
      <Text className='jl-demand-card__text'>{item.text}</Text>
      <View className='jl-demand-card__meta'>
        <Text>{item.submitterName}</Text>
        {slots ? <Text>{slots}</Text> : null}
        <Text>{formatTime(item.createdAt)}</Text>
      </View>
    </View>
  )
}

/**
 * A paged list of demands from `dispatch.list`: loading, error with 重试, empty, and the next page
 * with the 加载更多 button (an explicit button rather than 上拉加载: easier for elderly users, and
 * Taro's page hooks are not available under the component tests). `version` reloads from page 1.
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
  const key = JSON.stringify(request)
  const { state, reload, loadMore } = usePaged(
    (page) => call('dispatch', 'list', { ...request, page, pageSize: PAGE_SIZE }),
    (d) => d._id,
    key,
    version,
  )

  if (state.status === 'loading') return <Loading />
  if (state.status === 'error') return <ErrorState message={state.message} onRetry={() => void reload()} />
  if (state.items.length === 0) return <EmptyState title={emptyTitle} description={emptyDescription} />
  return (
    <View className='jl-demand-list'>
      {state.items.map((item) => (
        <DemandCard key={item._id} item={item} showSlots={request.scope !== 'mine'} />
      ))}
      <View className='jl-demand-list__foot'>
        <Text className='jl-demand-list__count'>
          {state.hasMore ? `已显示 ${state.items.length} 条` : `共 ${state.items.length} 条`}
        </Text>
        {state.moreError ? (
          <View className='jl-demand-list__error' role='alert' ariaRole='alert'>
            {state.moreError}
          </View>
        ) : null}
        {state.hasMore ? (
          <AtButton className='jl-button' loading={state.more} disabled={state.more} onClick={() => void loadMore()}>
            {state.more ? '正在加载…' : '加载更多'}
          </AtButton>
        ) : null}
      </View>
    </View>
  )
}
