import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { AtButton } from 'taro-ui'

import type { Me } from '@/types/domain'
import type { KeyHouseholdListRequest } from '@/types/visits'

import Section from '@/components/Section'
import Segments from '@/components/Segments'
import { EmptyState, ErrorState, Loading } from '@/components/States'
import { useChanged } from '@/hooks/useLoad'
import { HOUSEHOLD_CHANGED, ROUTES } from '@/domain/visits'
import HouseholdList from '@/components/HouseholdList'
import CoverageView from './CoverageView'
import { useCommunities, type Community } from './useCommunities'

type Filter = 'all' | 'due' | 'overdue' | 'unpaired'

const FILTERS: { key: Filter; title: string; request: Partial<KeyHouseholdListRequest>; empty: string }[] = [
  { key: 'all', title: '全部', request: {}, empty: '本社区还没有标记重点户' },
  { key: 'due', title: '待走访', request: { due: 'due' }, empty: '暂无待走访的重点户' },
  { key: 'overdue', title: '已超期', request: { due: 'overdue' }, empty: '没有超期未访的重点户' },
  { key: 'unpaired', title: '未包挂', request: { unpaired: true }, empty: '每户重点户都已安排包户' },
]

/** The key households of one community, filtered by due state, 未包挂, or one visitor's households. */
function KeyHouseholds({ community, visitor, onClearVisitor, version }: { community: Community; visitor: { openid: string; name: string } | null; onClearVisitor: () => void; version: number }) {
  const [filter, setFilter] = useState<Filter>('all')
  const f = FILTERS.find((x) => x.key === filter) ?? FILTERS[0]
  const request: Omit<KeyHouseholdListRequest, 'page' | 'pageSize'> = visitor
    ? { scope: 'community', communityId: community.id, visitorOpenid: visitor.openid }
    : { scope: 'community', communityId: community.id, ...f.request }
  return (
    <Section title='重点户'>
      <AtButton className='jl-button' type='primary' onClick={() => void Taro.navigateTo({ url: ROUTES.key() })}>
        标记重点户
      </AtButton>
      {visitor ? (
        <View className='jl-visitor-row'>
          <Text className='jl-visitor-row__name'>{visitor.name} 包挂的重点户</Text>
          <AtButton className='jl-button jl-visitor-row__button' size='small' onClick={onClearVisitor}>
            看全部
          </AtButton>
        </View>
      ) : (
        <Segments items={FILTERS.map((x) => ({ key: x.key, title: x.title }))} value={filter} onChange={(k) => setFilter(k as Filter)} />
      )}
      <HouseholdList key={JSON.stringify(request)} request={request} emptyTitle={visitor ? `${visitor.name} 还没有包挂的重点户` : f.empty} version={version} />
    </Section>
  )
}

/**
 * 社区走访概况: coverage this month (staff, secretary, the county), and for those who work in the
 * community its key households with filters, 标记重点户, and from each household its pairing.
 */
export default function OverviewScreen({ me }: { me: Me }) {
  const { state, reload } = useCommunities(me)
  const [chosen, setChosen] = useState('')
  const [visitor, setVisitor] = useState<{ openid: string; name: string } | null>(null)
  const version = useChanged(HOUSEHOLD_CHANGED)

  if (state.status === 'loading') return <Loading text='正在加载社区…' />
  if (state.status === 'error') return <ErrorState message={state.message} onRetry={() => void reload()} />
  const communities = state.data
  if (!communities.length) return <EmptyState title='没有可查看的社区' description='社区工作者、网格员和书记可查看本社区的重点户和走访情况。' />
  const community = communities.find((c) => c.id === chosen) ?? communities[0]
  return (
    <View className='jl-overview'>
      {communities.length > 1 ? (
        <Segments
          items={communities.map((c) => ({ key: c.id, title: c.name }))}
          value={community.id}
          onChange={(k) => {
            setChosen(k)
            setVisitor(null)
          }}
        />
      ) : (
        <Text className='jl-page__lead'>{community.name}</Text>
      )}
      {community.coverage ? (
        <CoverageView key={`${community.id}-${version}`} communityId={community.id} onVisitor={community.work ? (openid, name) => setVisitor({ openid, name }) : undefined} />
      ) : null}
      {community.work ? <KeyHouseholds key={community.id} community={community} visitor={visitor} onClearVisitor={() => setVisitor(null)} version={version} /> : null}
    </View>
  )
}
