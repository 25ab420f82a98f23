import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'
import { AtButton } from 'taro-ui'

import type { DemandListRequest, DemandSummary } from '@/types/dispatch'

import { formatTime, ROUTES } from '../../domain/dispatch'
import { call, messageOf } from '../../services/api'
import { tappable } from '../../utils/a11y'
import DemandTags from '../DemandTags'
import { EmptyState, ErrorState, Loading } from '../States'
import 'taro-ui/lib/style/components/button.scss'
import './index.scss'

export const PAGE_SIZE = 10

type ListState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; items: DemandSummary[]; hasMore: boolean; page: number; more: 'idle' | 'loading' | string }


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
  const [state, setState] = useState<ListState>({ status: 'loading' })
  const key = JSON.stringify(request)
  const generation = useRef(0)

  const load = useCallback(async () => {
    const mine = ++generation.current
    setState({ status: 'loading' })
    try {
      const res = await call('dispatch', 'list', { ...(JSON.parse(key) as DemandListRequest), page: 1, pageSize: PAGE_SIZE })
      if (mine === generation.current) setState({ status: 'ready', items: res.items, hasMore: res.hasMore, page: 1, more: 'idle' })
    } catch (e) {
      if (mine === generation.current) setState({ status: 'error', message: messageOf(e) })
    }
  }, [key])

  useEffect(() => {
    void load()
  }, [load, version])

  const loadMore = useCallback(async () => {
    if (state.status !== 'ready' || state.more === 'loading' || !state.hasMore) return
    const mine = generation.current
    const page = state.page + 1
    setState({ ...state, more: 'loading' })
    try {
      const res = await call('dispatch', 'list', { ...(JSON.parse(key) as DemandListRequest), page, pageSize: PAGE_SIZE })
      if (mine !== generation.current) return
      // Items may shift between pages while others act: never show one twice.
      const seen = new Set(state.items.map((i) => i._id))
      setState({ status: 'ready', items: [...state.items, ...res.items.filter((i) => !seen.has(i._id))], hasMore: res.hasMore, page, more: 'idle' })
    } catch (e) {
      if (mine === generation.current) setState({ ...state, more: messageOf(e) })
    }
  }, [key, state])

  if (state.status === 'loading') return <Loading />
  if (state.status === 'error') return <ErrorState message={state.message} onRetry={() => void load()} />
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
        {state.more !== 'idle' && state.more !== 'loading' ? (
          <View className='jl-demand-list__error' role='alert' ariaRole='alert'>
            {state.more}
          </View>
        ) : null}
        {state.hasMore ? (
          <AtButton className='jl-button' loading={state.more === 'loading'} disabled={state.more === 'loading'} onClick={() => void loadMore()}>
            {state.more === 'loading' ? '正在加载…' : '加载更多'}
          </AtButton>
        ) : null}
      </View>
    </View>
  )
}
