import { Text } from '@tarojs/components'
import { useState } from 'react'
import { AtButton } from 'taro-ui'

import PagedList, { PAGE_SIZE } from '@/components/PagedList'
import { call } from '@/services/api'
import VisitItem from './VisitItem'

function AllVisits({ householdId }: { householdId: string }) {
  return (
    <PagedList
      fetchPage={(page) => call('visits', 'listVisits', { householdId, page, pageSize: PAGE_SIZE })}
      idOf={(v) => v._id}
      listKey={householdId}
      loadingText='正在加载走访记录…'
      count={(shown, hasMore) => (hasMore ? `已显示 ${shown} 次` : `共 ${shown} 次走访`)}
      className='jl-paged--rows'
      render={(v) => <VisitItem visit={v} />}
    />
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
