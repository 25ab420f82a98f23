import { Text } from '@tarojs/components'
import { useState } from 'react'
import { AtButton } from 'taro-ui'

import LoadMore from '@/components/LoadMore'
import { usePaged } from '@/hooks/usePaged'
import { ErrorState, Loading } from '@/components/States'
import { call } from '@/services/api'
import VisitItem from './VisitItem'

const PAGE_SIZE = 10

function AllVisits({ householdId }: { householdId: string }) {
  const { state, reload, loadMore } = usePaged((page) => call('visits', 'listVisits', { householdId, page, pageSize: PAGE_SIZE }), (v) => v._id, householdId)
  if (state.status === 'loading') return <Loading text='正在加载走访记录…' />
  if (state.status === 'error') return <ErrorState message={state.message} onRetry={() => void reload()} />
  return (
    <>
      {state.items.map((v) => (
        <VisitItem key={v._id} visit={v} />
      ))}
      <Text className='jl-households__count'>{state.hasMore ? `已显示 ${state.items.length} 次` : `共 ${state.items.length} 次走访`}</Text>
      <LoadMore hasMore={state.hasMore} loading={state.more} error={state.moreError} onMore={() => void loadMore()} />
    </>
  )
}

/**
 * A household's visits: the latest ones from the detail, and on request the whole record page by
 * page (`visits.listVisits`, a read the server logs like the detail).
 */
export default function VisitHistory({ householdId, recent }: { householdId: string; recent: Parameters<typeof VisitItem>[0]['visit'][] }) {
  const [all, setAll] = useState(false)
  if (!recent.length) return <Text className='jl-field__hint'>还没有走访记录。</Text>
  if (all) return <AllVisits householdId={householdId} />
  return (
    <>
      {recent.map((v) => (
        <VisitItem key={v._id} visit={v} />
      ))}
      <AtButton className='jl-button' onClick={() => setAll(true)}>
        查看全部走访记录
      </AtButton>
    </>
  )
}
