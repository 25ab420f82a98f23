import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { Fragment } from 'react'

import LoadMore from '@/components/LoadMore'
import { EmptyState, ErrorState, Loading } from '@/components/States'
import { usePaged } from '@/hooks/usePaged'
import { cx } from '@/utils/cx'
import './index.scss'

/** The page size of a list unless it says otherwise. */
export const PAGE_SIZE = 10

/** "已显示 10 条" while there is more, "共 12 条" at the end. */
export function countIn(unit: string) {
  return (shown: number, hasMore: boolean) => (hasMore ? `已显示 ${shown} ${unit}` : `共 ${shown} ${unit}`)
}

export interface PagedListProps<T> {
  fetchPage: (page: number) => Promise<{ items: T[]; hasMore: boolean }>
  idOf: (item: T) => string
  /** What is listed: a new key reads page 1 again. */
  listKey: string
  version?: number
  loadingText?: string
  emptyTitle?: string
  emptyDescription?: string
  /** The line under the items; null for none. */
  count?: ((shown: number, hasMore: boolean) => string) | null
  className?: string
  render?: (item: T) => ReactNode
  renderAll?: (items: T[], hasMore: boolean) => ReactNode
}

/**
 * Every list read page by page (`{ items, hasMore }` answers): loading, the server's message with
 * 重试, the honest empty state, the items, how many are shown, and 加载更多 while there is more (an
 * explicit button rather than 上拉加载: easier for elderly users, and Taro's page hooks are not
 * available under the component tests). A new `listKey` or `version` reads page 1 again.
 *
 * `render` draws one item; `renderAll` draws the loaded items at once (a picker that leaves some
 * out and says so). Without `emptyTitle` an empty answer is drawn like any other.
 */
export default function PagedList<T>({
  fetchPage,
  idOf,
  listKey,
  version = 0,
  loadingText,
  emptyTitle,
  emptyDescription,
  count = countIn('条'),
  className,
  render,
  renderAll,
}: PagedListProps<T>) {
  const { state, reload, loadMore } = usePaged(fetchPage, idOf, listKey, version)
  if (state.status === 'loading') return <Loading text={loadingText} />
  if (state.status === 'error') return <ErrorState message={state.message} onRetry={() => void reload()} />
  if (emptyTitle && state.items.length === 0) return <EmptyState title={emptyTitle} description={emptyDescription} />
  return (
    <View className={cx('jl-paged', className)}>
      {render ? state.items.map((item) => <Fragment key={idOf(item)}>{render(item)}</Fragment>) : null}
      {renderAll ? renderAll(state.items, state.hasMore) : null}
      <View className='jl-paged__foot'>
        {count ? <Text className='jl-paged__count'>{count(state.items.length, state.hasMore)}</Text> : null}
        <LoadMore hasMore={state.hasMore} loading={state.more} error={state.moreError} onMore={() => void loadMore()} />
      </View>
    </View>
  )
}
