import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { AtButton } from 'taro-ui'

import type { Me } from '@/types/domain'

import IdentityGate from '@/components/IdentityGate'
import Page from '@/components/Page'
import Section from '@/components/Section'
import Segments from '@/components/Segments'
import { EmptyState } from '@/components/States'
import { useChanged } from '@/hooks/useLoad'
import TabHeader from '@/components/TabHeader'
import { coverageCommunities, HOUSEHOLD_CHANGED, isCommunityWorker, ROUTES, secretaryCommunities, sectionsFor, type HouseholdScope } from '@/domain/visits'
import CoverageEntrance from './parts/CoverageEntrance'
import HouseholdList from '@/components/HouseholdList'
import 'taro-ui/lib/style/components/button.scss'
import './index.scss'

const go = (url: string) => () => void Taro.navigateTo({ url })

const REQUEST: Record<HouseholdScope, { scope: 'mine' | 'community'; due?: 'due' | 'overdue' }> = {
  mine: { scope: 'mine' },
  due: { scope: 'community', due: 'due' },
  overdue: { scope: 'community', due: 'overdue' },
  all: { scope: 'community' },
}

/**
 * 敲门: for a visitor (党员, 网格员) 我的包户 — their paired key households, due and overdue first;
 * for community staff and the secretary the community's due and overdue households and the way to
 * the 走访概况 (coverage, pairing); for the secretary also the sensitive-read log. Anyone else is
 * told what the programme is and where to ask for help.
 */
function VisitsHome({ me }: { me: Me }) {
  const sections = sectionsFor(me)
  const [chosen, setChosen] = useState<HouseholdScope | undefined>(sections[0]?.key)
  const version = useChanged(HOUSEHOLD_CHANGED)
  const active = sections.find((s) => s.key === chosen) ?? sections[0]
  const overview = isCommunityWorker(me) || me.roles.some((g) => g.role === 'admin')
  const secretary = secretaryCommunities(me).length > 0
  /** Staff and the secretary see this month's figures on the way in (their first community). */
  const coverage = coverageCommunities(me)[0]

  return (
    <>
      <TabHeader title='敲门' me={me} />
      {overview || secretary ? (
        <View className='jl-visits__links'>
          {coverage ? <CoverageEntrance communityId={coverage} version={version} /> : null}
          {overview && !coverage ? (
            <AtButton className='jl-button' type='primary' onClick={go(ROUTES.overview)}>
              社区走访概况（覆盖率、重点户、包挂）
            </AtButton>
          ) : null}
          {secretary ? (
            <AtButton className='jl-button' onClick={go(ROUTES.reads())}>
              敏感信息查阅记录
            </AtButton>
          ) : null}
        </View>
      ) : null}
      {sections.length > 1 ? (
        <Segments items={sections.map((s) => ({ key: s.key, title: s.title }))} value={active.key} onChange={(k) => setChosen(k as HouseholdScope)} />
      ) : null}
      {active ? (
        <Section title={active.title}>
          <HouseholdList key={active.key} request={REQUEST[active.key]} emptyTitle={active.emptyTitle} emptyDescription={active.emptyDescription} version={version} />
        </Section>
      ) : overview ? null : (
        <Section>
          <EmptyState
            title='敲门行动由党员和网格员开展'
            description='党员、网格员与独居老人、残疾人等重点户结对，定期上门走访，发现的困难转成诉求办理。如需上门帮助，可在「派单」页提交诉求，社区会安排人员联系您。'
          />
        </Section>
      )}
    </>
  )
}

export default function VisitsPage() {
  return (
    <Page>
      <IdentityGate>{(me) => <VisitsHome key={me.openid} me={me} />}</IdentityGate>
    </Page>
  )
}
