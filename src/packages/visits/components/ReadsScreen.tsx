import { Text, View } from '@tarojs/components'

import type { Me } from '@/types/domain'
import type { SensitiveRead } from '@/types/visits'

import PagedList from '@/components/PagedList'
import Section from '@/components/Section'
import { EmptyState } from '@/components/States'
import { formatTime } from '@/domain/format'
import { secretaryCommunities } from '@/domain/visits'
import { call } from '@/services/api'

const PAGE_SIZE = 20

const READER_ROLE: Record<SensitiveRead['readerRole'], string> = { visitor: '包户', staff: '社区工作者', gridWorker: '网格员', secretary: '书记' }
const READ_ACTION: Record<SensitiveRead['action'], string> = { detail: '查看了重点户详情', listVisits: '查看了走访记录', markKey: '标记重点户时查看', updateKey: '修改重点户信息时查看' }

function Reads({ communityId, householdId }: { communityId: string; householdId: string }) {
  return (
    <PagedList
      fetchPage={(page) => call('visits', 'sensitiveReads', { communityId, ...(householdId ? { householdId } : {}), page, pageSize: PAGE_SIZE })}
      idOf={(r) => r._id}
      listKey={`${communityId}:${householdId}`}
      loadingText='正在加载查阅记录…'
      emptyTitle='还没有查阅记录'
      emptyDescription='有人查看重点户的关爱类别、备注或完整电话时，会在这里留下记录。'
      count={null}
      className='jl-paged--rows'
      render={(r) => (
        <View className='jl-claim'>
          <Text className='jl-claim__name'>
            {r.reader.name}（{READER_ROLE[r.readerRole]}）{READ_ACTION[r.action]}
          </Text>
          <Text className='jl-detail__text'>{r.address}</Text>
          <Text className='jl-claim__meta'>{formatTime(r.at)}</Text>
        </View>
      )}
    />
  )
}

/**
 * 敏感信息查阅记录 (the secretary's): who read which household's sensitive fields, and when, newest
 * first. PIPL asks that access to sensitive personal information be accountable.
 */
export default function ReadsScreen({ me, householdId = '' }: { me: Me; householdId?: string }) {
  const communities = secretaryCommunities(me)
  if (!communities.length) return <EmptyState title='只有书记可以查看' description='敏感信息查阅记录由社区书记查看。' />
  return (
    <Section title='敏感信息查阅记录'>
      <Text className='jl-field__hint'>{householdId ? '谁在什么时候看了这一户的关爱类别、备注或完整电话，最新的在前。' : '谁在什么时候看了哪一户的关爱类别、备注或完整电话，最新的在前。'}</Text>
      <Reads communityId={communities[0]} householdId={householdId} />
    </Section>
  )
}
