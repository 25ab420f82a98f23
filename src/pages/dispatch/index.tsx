import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { AtButton } from 'taro-ui'

import type { Me } from '@/types/domain'

import DemandList from '@/components/DemandList'
import IdentityGate from '@/components/IdentityGate'
import Page from '@/components/Page'
import Section from '@/components/Section'
import Segments from '@/components/Segments'
import { EmptyState } from '@/components/States'
import TabHeader from '@/components/TabHeader'
import { DEMAND_CHANGED, isAdmin, isWorker, ROUTES, scorecardTargets, sectionsFor } from '@/domain/dispatch'
import { useChanged } from '@/hooks/useLoad'
import { PROJECT_ROUTES } from '@/domain/projects'
import { WISH_ROUTES } from '@/domain/wishes'
import { dashboardTargets, STATS_ROUTES } from '@/domain/stats'
import CommunityFilters, { type Filters } from './parts/CommunityFilters'
import SupervisionFilters, { type SupervisionFilter } from './parts/SupervisionFilters'
import WorkQueues from './parts/WorkQueues'
import 'taro-ui/lib/style/components/button.scss'
import './index.scss'

const go = (url: string) => () => void Taro.navigateTo({ url })

/**
 * 派单: the caller's lists, chosen by their roles — 待受理 / 社区诉求 for community staff, 单位派单 for
 * a liaison, 可认领 / 我的任务 for members, 督办 (超期 / 已吹哨 / 督办) for the town and the county,
 * 我的诉求 for everyone who lives here. A resident sees
 * the large 我要反映 button first.
 */
function DispatchHome({ me }: { me: Me }) {
  const sections = sectionsFor(me)
  const [chosen, setChosen] = useState(sections[0]?.scope)
  const [filters, setFilters] = useState<Filters>({})
  const [segment, setSegment] = useState<SupervisionFilter>({})
  // A step on a detail page changed a demand: read the list again.
  const version = useChanged(DEMAND_CHANGED)
  const active = sections.find((s) => s.scope === chosen) ?? sections[0]
  const worker = isWorker(me)
  const scorecard = isAdmin(me) || scorecardTargets(me).length > 0

  const reportButton = (
    <AtButton className='jl-button jl-dispatch__report' type='primary' onClick={go(ROUTES.report)}>
      我要反映
    </AtButton>
  )

  return (
    <>
      <TabHeader title='派单' me={me} />
      {/* The work first: each queue with its count (staff, liaison, member, town, county). */}
      {worker ? <WorkQueues version={version} /> : null}
      {!worker ? <View className='jl-dispatch__lead'>{reportButton}</View> : null}
      {me.community ? (
        <AtButton className='jl-button jl-dispatch__scorecard' onClick={go(WISH_ROUTES.wall)}>
          {`${me.community.name}微心愿墙`}
        </AtButton>
      ) : null}
      {me.community || worker ? (
        <AtButton className='jl-button jl-dispatch__scorecard' onClick={go(PROJECT_ROUTES.index)}>
          {`${me.community?.name ?? '本社区'}共建项目`}
        </AtButton>
      ) : null}
      {scorecard ? (
        <AtButton className='jl-button jl-dispatch__scorecard' onClick={go(ROUTES.scorecard)}>
          查看三率（响应率、解决率、满意率）
        </AtButton>
      ) : null}
      {dashboardTargets(me).length ? (
        <AtButton className='jl-button jl-dispatch__scorecard' onClick={go(STATS_ROUTES.dashboard())}>
          统计看板（三率排名、走势、明细）
        </AtButton>
      ) : null}
      {sections.length > 1 ? (
        <Segments items={sections.map((s) => ({ key: s.scope, title: s.title }))} value={active.scope} onChange={(k) => setChosen(k as typeof chosen)} />
      ) : null}
      {active ? (
        <Section title={active.title}>
          {active.scope === 'mine' && worker ? reportButton : null}
          {active.filters ? <CommunityFilters value={filters} onChange={setFilters} /> : null}
          {active.scope === 'supervision' ? <SupervisionFilters value={segment} onChange={setSegment} /> : null}
          <DemandList
            key={active.scope}
            request={active.filters ? { scope: active.scope, ...filters } : active.scope === 'supervision' ? { scope: active.scope, ...segment } : { scope: active.scope }}
            emptyTitle={active.emptyTitle}
            emptyDescription={active.emptyDescription}
            version={version}
          />
        </Section>
      ) : (
        <Section>
          <EmptyState title='全县派单看三率' description='县委组织部可查看各社区、各单位每月的响应率、解决率和满意率。' />
        </Section>
      )}
    </>
  )
}

export default function DispatchPage() {
  return (
    <Page>
      <IdentityGate>{(me) => <DispatchHome key={me.openid} me={me} />}</IdentityGate>
    </Page>
  )
}
