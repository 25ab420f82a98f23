import { Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { AtButton } from 'taro-ui'

import type { Me } from '@/types/domain'

import IdentityGate from '@/components/IdentityGate'
import Page from '@/components/Page'
import Section from '@/components/Section'
import Segments from '@/components/Segments'
import { EmptyState } from '@/components/States'
import { usePageParams } from '@/hooks/usePageParams'
import { liaisonUnitOf, memberUnitOf, PROJECT_ROUTES, projectTabsFor, staffCommunityOf, type ProjectTab } from '@/domain/projects'
import PlanCounts from '../components/PlanCounts'
import ProjectList from '../components/ProjectList'
import ServiceList from '../components/ServiceList'
import '../components/projects.scss'

/**
 * 共建项目: 双向认领 between paired units and communities. Staff see their community's 需求清单
 * (and publish to it) and the paired units' 服务清单 (and request from it); a unit's liaison sees the
 * needs it may claim, the unit's projects and its own 服务清单; a member sees the unit's projects to
 * join and 我参与的; everyone the year's 共建计划 — planned against done.
 */
function ProjectsScreen({ me, tab }: { me: Me; tab?: string }) {
  const tabs = projectTabsFor(me)
  const [chosen, setChosen] = useState<ProjectTab>((tabs.find((t) => t.key === tab) ?? tabs[0])?.key ?? 'needs')
  const community = staffCommunityOf(me) ?? me.community?._id ?? null
  const unit = liaisonUnitOf(me) ?? memberUnitOf(me)
  const year = String(new Date().getFullYear())
  const go = (url: string) => () => void Taro.navigateTo({ url })
  if (!tabs.length) {
    return <EmptyState title='请先绑定您住的楼栋' description='共建项目是结对单位和社区一起做的事。在「我的」里绑定楼栋后，可以看到本社区的共建项目。' />
  }
  return (
    <>
      <Section title='共建项目'>
        <Text className='jl-card__text'>社区发布需求清单，结对单位发布服务清单，双方互相认领；单位党员参与，社区评实效。</Text>
        {chosen === 'needs' && staffCommunityOf(me) ? (
          <AtButton className='jl-button' type='primary' onClick={go(PROJECT_ROUTES.publishNeed(staffCommunityOf(me)!))}>
            发布需求
          </AtButton>
        ) : null}
        {chosen === 'unitServices' && liaisonUnitOf(me) ? (
          <AtButton className='jl-button' type='primary' onClick={go(PROJECT_ROUTES.publishService(liaisonUnitOf(me)!))}>
            发布服务或资源
          </AtButton>
        ) : null}
      </Section>
      {tabs.length > 1 ? <Segments items={tabs} value={chosen} onChange={(k) => setChosen(k as ProjectTab)} /> : null}
      <Section title={tabs.find((t) => t.key === chosen)?.title}>
        {chosen === 'needs' && community ? (
          <ProjectList scope='community' communityId={community} emptyTitle='还没有共建项目' emptyDescription='社区发布的需求和申请的服务会出现在这里。' />
        ) : null}
        {chosen === 'services' && staffCommunityOf(me) ? <ServiceList communityId={staffCommunityOf(me)!} /> : null}
        {chosen === 'claimable' ? (
          <ProjectList scope='claimable' status='open' emptyTitle='暂时没有可认领的需求' emptyDescription='结对社区发布的需求会出现在这里，认领后就是本单位的共建项目。' />
        ) : null}
        {chosen === 'unit' && unit ? <ProjectList scope='unit' unitId={unit} emptyTitle='本单位还没有共建项目' emptyDescription='认领的需求和接受的服务申请会出现在这里。' /> : null}
        {chosen === 'mine' ? <ProjectList scope='mine' emptyTitle='您还没有参与共建项目' emptyDescription='在「本单位项目」里选择一个进行中的项目，点「我要参与」。' /> : null}
        {chosen === 'unitServices' && liaisonUnitOf(me) ? <ServiceList unitId={liaisonUnitOf(me)!} /> : null}
        {chosen === 'plan' ? (
          staffCommunityOf(me) || !unit ? (
            community ? <PlanCounts scope='community' id={community} year={year} /> : null
          ) : (
            <PlanCounts scope='unit' id={unit} year={year} />
          )
        ) : null}
      </Section>
    </>
  )
}

export default function ProjectsPage() {
  const { tab } = usePageParams()
  return (
    <Page>
      <IdentityGate>{(me) => <ProjectsScreen key={me.openid} me={me} tab={tab} />}</IdentityGate>
    </Page>
  )
}
