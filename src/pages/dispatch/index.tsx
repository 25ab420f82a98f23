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
import WorkQueues from './parts/WorkQueues'
import 'taro-ui/lib/style/components/button.scss'
import './index.scss'

const go = (url: string) => () => void Taro.navigateTo({ url })

/**
 * 派单: the caller's work first — each role's queues with their counts (WorkQueues: 待受理 … for
 * community staff, 待接单 … for a liaison, 可认领 / 我的任务 for members, 超期 / 已吹哨 / 督办 for the
 * town and the county) — then the lists no queue holds whole: 社区诉求 (all, with filters), 单位派单
 * (all) and 我的诉求. One list is open at a time, so no item shows twice. A resident sees the large
 * 我要反映 button first and their own demands.
 */
function DispatchHome({ me }: { me: Me }) {
  const sections = sectionsFor(me)
  const worker = isWorker(me)
  // A worker starts on their first queue; a resident on their own demands.
  const [queue, setQueue] = useState<string | null | false>(worker ? null : false)
  const [chosen, setChosen] = useState(worker ? undefined : sections[0]?.scope)
  const [filters, setFilters] = useState<Filters>({})
  // A step on a detail page changed a demand: read the list again.
  const version = useChanged(DEMAND_CHANGED)
  const active = queue === false ? (sections.find((s) => s.scope === chosen) ?? sections[0]) : undefined
  const scorecard = isAdmin(me) || scorecardTargets(me).length > 0
  const chooseQueue = (key: string) => {
    setQueue(key)
    setChosen(undefined)
  }
  const chooseList = (scope: string) => {
    setQueue(false)
    setChosen(scope as typeof chosen)
  }

  const reportButton = (
    <AtButton className='jl-button jl-dispatch__report' type='primary' onClick={go(ROUTES.report)}>
      我要反映
    </AtButton>
  )

  return (
    <>
      <TabHeader title='派单' me={me} />
      {worker ? <WorkQueues version={version} chosen={queue} onChoose={chooseQueue} /> : null}
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
      {worker && sections.length ? (
        <Section title='全部与我的诉求'>
          <Segments items={sections.map((s) => ({ key: s.scope, title: s.title }))} value={active?.scope ?? ''} onChange={chooseList} />
        </Section>
      ) : null}
      {active ? (
        <Section title={active.title}>
          {active.scope === 'mine' && worker ? reportButton : null}
          {active.filters ? <CommunityFilters value={filters} onChange={setFilters} /> : null}
          <DemandList
            key={active.scope}
            request={active.filters ? { scope: active.scope, ...filters } : { scope: active.scope }}
            emptyTitle={active.emptyTitle}
            emptyDescription={active.emptyDescription}
            version={version}
          />
        </Section>
      ) : !worker ? (
        <Section>
          <EmptyState title='全县派单看三率' description='县委组织部可查看各社区、各单位每月的响应率、解决率和满意率。' />
        </Section>
      ) : null}
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
