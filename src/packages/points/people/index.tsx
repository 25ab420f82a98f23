import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'

import type { Me } from '@/types/domain'

import IdentityGate from '@/components/IdentityGate'
import Page from '@/components/Page'
import { countedPage } from '@/hooks/usePaged'
import Section from '@/components/Section'
import { EmptyState } from '@/components/States'
import { ROLE_LABEL, rolesOf } from '@/domain/roles'
import { POINTS_ROUTES, workerCommunity } from '@/domain/points'
import { call } from '@/services/api'
import { tappable } from '@/utils/a11y'
import PagedList, { PAGE_SIZE } from '@/components/PagedList'
import '../components/points.scss'

/** 居民积分 (community staff): the people of their community, each opening their ledger. */
function PeopleScreen({ me }: { me: Me }) {
  const communityId = workerCommunity(me)
  if (!communityId) return <EmptyState title='只有社区工作者可以查看居民积分' />
  return (
    <Section title={`${me.community?._id === communityId ? me.community.name : '本社区'}的居民和党员`}>
      <PagedList
        listKey={`people:${communityId}`}
        fetchPage={async (page) => countedPage(await call('org', 'listUsers', { communityId, page, pageSize: PAGE_SIZE }))}
        idOf={(u) => u.openid}
        emptyTitle='本社区还没有注册的居民'
        render={(u) => {
          const roles = rolesOf({ ...me, roles: u.roles }).map((r) => ROLE_LABEL[r]).join('、')
          return (
            <View className='jl-card' {...tappable(`${u.name}，${roles}，查看积分明细`, 'link')} onClick={() => void Taro.navigateTo({ url: POINTS_ROUTES.person(u.openid, u.name) })}>
              <Text className='jl-card__title'>{u.name}</Text>
              <View className='jl-card__meta'>
                <Text>{roles}</Text>
                <Text>{u.phone}</Text>
              </View>
            </View>
          )
        }}
      />
    </Section>
  )
}

export default function PeoplePage() {
  return (
    <Page>
      <IdentityGate>{(me) => <PeopleScreen key={me.openid} me={me} />}</IdentityGate>
    </Page>
  )
}
