import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { AtButton } from 'taro-ui'

import type { Me } from '@/types/domain'

import CommunityChoice from '@/components/CommunityChoice'
import IdentityGate from '@/components/IdentityGate'
import Page from '@/components/Page'
import Section from '@/components/Section'
import Segments from '@/components/Segments'
import { EmptyState } from '@/components/States'
import { useChanged, useLoad } from '@/hooks/useLoad'
import { servedCommunities } from '@/domain/regions'
import { canPostWish, reviewsWishes, WISH_CHANGED, WISH_ROUTES } from '@/domain/wishes'
import { call } from '@/services/api'
import WishList from '../components/WishList'
import '../components/wishes.scss'

type Filter = 'approved' | 'all'
const FILTERS: { key: Filter; title: string }[] = [
  { key: 'approved', title: '待认领' },
  { key: 'all', title: '全部' },
]

/** 本社区已认领 N 个、已实现 M 个: one counter document. */
function Counts({ communityId }: { communityId: string }) {
  const version = useChanged(WISH_CHANGED)
  const { state } = useLoad(() => call('wishes', 'counts', { scope: 'community', id: communityId }), communityId, version)
  if (state.status !== 'ready') return null
  return (
    <View className='jl-wish__counts'>
      <Text>{`已认领 ${state.data.claimed} 个`}</Text>
      <Text>{`已实现 ${state.data.confirmed} 个`}</Text>
    </View>
  )
}

/**
 * 微心愿墙: the community's wishes on the wall, 「王**的微心愿」 — never a name, address or phone —
 * with 认领 for those who may (members of paired units, residents of the community), and the way
 * to post one's own wish, 我的心愿, 我认领的 and (staff) 审核.
 */
function WallScreen({ me }: { me: Me }) {
  const [filter, setFilter] = useState<Filter>('approved')
  const choices = servedCommunities(me)
  const [chosen, setChosen] = useState(choices[0]?._id ?? null)
  const communityId = chosen ?? me.roles.find((g) => g.communityId)?.communityId
  const communityName = choices.find((c) => c._id === chosen)?.name ?? '本社区'
  const go = (url: string) => () => void Taro.navigateTo({ url })
  return (
    <>
      <Section title={`${communityName}的微心愿`}>
        {chosen ? <CommunityChoice choices={choices} value={chosen} onChange={setChosen} /> : null}
        <Text className='jl-card__text'>困难群众的小心愿，由结对单位的党员和热心居民认领、送达。墙上不显示心愿人的姓名、地址和电话。</Text>
        {communityId ? <Counts communityId={communityId} /> : null}
        {(canPostWish(me) && chosen === me.community?._id) || reviewsWishes(me) ? (
          <AtButton className='jl-button' type='primary' onClick={go(WISH_ROUTES.post)}>
            我有一个心愿
          </AtButton>
        ) : null}
        <View className='jl-actions__buttons'>
          <AtButton className='jl-button' onClick={go(WISH_ROUTES.mine)}>
            我的心愿
          </AtButton>
          <AtButton className='jl-button' onClick={go(WISH_ROUTES.claimed)}>
            我认领的
          </AtButton>
          {reviewsWishes(me) ? (
            <AtButton className='jl-button' onClick={go(WISH_ROUTES.review)}>
              审核心愿
            </AtButton>
          ) : null}
        </View>
      </Section>
      <Segments items={FILTERS} value={filter} onChange={(k) => setFilter(k as Filter)} />
      <Section title={filter === 'approved' ? '等待认领的心愿' : '墙上的全部心愿'}>
        {communityId ? (
          <WishList
            scope='wall'
            communityId={communityId}
            status={filter === 'approved' ? 'approved' : undefined}
            emptyTitle={filter === 'approved' ? '暂时没有等待认领的心愿' : '心愿墙上还没有心愿'}
            emptyDescription='社区审核通过的心愿会出现在这里。'
          />
        ) : (
          <EmptyState title='请先绑定您住的楼栋' description='在「我的」里绑定楼栋后，就能看到本社区的心愿墙。' />
        )}
      </Section>
    </>
  )
}

export default function WallPage() {
  return (
    <Page>
      <IdentityGate>{(me) => <WallScreen key={me.openid} me={me} />}</IdentityGate>
    </Page>
  )
}
