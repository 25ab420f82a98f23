import { useState } from 'react'

import type { RedemptionStatus } from '@/types/points'

import IdentityGate from '@/components/IdentityGate'
import Page from '@/components/Page'
import Section from '@/components/Section'
import Segments from '@/components/Segments'
import { call } from '@/services/api'
import PagedList, { PAGE_SIZE } from '@/components/PagedList'
import RedemptionCard from '@/packages/points/components/RedemptionCard'
import { useTitle } from '@/packages/points/components/useTitle'
import { usePageParams } from '@/hooks/usePageParams'
import '../components/points.scss'

type Filter = RedemptionStatus | 'all'
const FILTERS: { key: Filter; title: string }[] = [
  { key: 'pending', title: '待核销' },
  { key: 'all', title: '全部' },
]

/** 我的兑换 (codes, status, 取消兑换), or with ?manage=1 the redemptions of the items the caller manages. */
function RedemptionsScreen({ manage }: { manage: boolean }) {
  const [filter, setFilter] = useState<Filter>(manage ? 'pending' : 'all')
  const status = filter === 'all' ? {} : { status: filter }
  const scope = manage ? 'managed' : 'mine'
  return (
    <>
      <Segments items={FILTERS} value={filter} onChange={(k) => setFilter(k as Filter)} />
      <Section title={manage ? '本社区、本单位的兑换' : '我的兑换'}>
        <PagedList
          listKey={`redemptions:${scope}:${filter}`}
          fetchPage={(page) => call('points', 'listRedemptions', { scope, ...status, page, pageSize: PAGE_SIZE })}
          idOf={(r) => r._id}
          emptyTitle={manage ? '暂无兑换' : '您还没有兑换过'}
          emptyDescription={manage ? '居民和党员兑换您管理的物品或服务后，会在这里等待核销。' : '在「积分兑换」里用积分兑换服务或物品，兑换码会在这里。'}
          render={(r) => <RedemptionCard r={r} showName={manage} />}
        />
      </Section>
    </>
  )
}

export default function RedemptionsPage() {
  const manage = usePageParams().manage === '1'
  useTitle(manage ? '兑换核销' : null)
  return (
    <Page>
      <IdentityGate>{(me) => <RedemptionsScreen key={me.openid} manage={manage} />}</IdentityGate>
    </Page>
  )
}
