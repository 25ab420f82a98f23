import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'

import LoadMore from '@/components/LoadMore'
import { usePaged } from '@/hooks/usePaged'
import { EmptyState, ErrorState, Loading } from '@/components/States'

/** The page size of every points list. */
export const PAGE_SIZE = 10

/**
 * A list read page by page from a `PointsPage` answer: loading, error with 重试, the honest empty
 * state, the items, how many are shown, and 加载更多 while there is more.
 */
export default function PagedList<T>({
  fetchPage,
  idOf,
  listKey,
  version = 0,
  emptyTitle,
  emptyDescription,
  render,
}: {
  fetchPage: (page: number) => Promise<{ items: T[]; hasMore: boolean }>
  idOf: (item: T) => string
  /** What is listed: a new key reads page 1 again. */
  listKey: string
  version?: number
  emptyTitle: string
  emptyDescription?: string
  render: (item: T) => ReactNode
}) {
  const { state, reload, loadMore } = usePaged(fetchPage, idOf, listKey, version)
  if (state.status === 'loading') return <Loading />
  if (state.status === 'error') return <ErrorState message={state.message} onRetry={() => void reload()} />
  if (state.items.length === 0) return <EmptyState title={emptyTitle} description={emptyDescription} />
  return (
    <View className='jl-list'>
      {state.items.map((item) => (
        <View key={idOf(item)}>{render(item)}</View>
      ))}
      <View className='jl-list__foot'>
        <Text>{state.hasMore ? `已显示 ${state.items.length} 条` : `共 ${state.items.length} 条`}</Text>
        <LoadMore hasMore={state.hasMore} loading={state.more} error={state.moreError} onMore={() => void loadMore()} />
      </View>
    </View>
  )
}
