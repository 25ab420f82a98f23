import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'

import type { Me } from '@/types/domain'
import type { Compliance } from '@/types/points'

import { Tag } from '@/components/DemandTags'
import IdentityGate from '@/components/IdentityGate'
import Page from '@/components/Page'
import Section from '@/components/Section'
import { EmptyState, ErrorState, Loading } from '@/components/States'
import TargetPicker, { useTargets } from '@/components/TargetPicker'
import { formatMonth, formatRate, formatTime, monthKey, shiftMonth } from '@/domain/format'
import { POINTS_ROUTES } from '@/domain/points'
import { call } from '@/services/api'
import { tappable } from '@/utils/a11y'
import PagedList, { PAGE_SIZE } from '@/components/PagedList'
import PeriodSwitch from '@/components/PeriodSwitch'
import '../components/points.scss'

type Person = Compliance['people']['items'][number]

/**
 * 双报到情况: of the members living in the caller's community (staff) or working in their unit
 * (liaison), or — for the county — any community or unit, month by month.
 */
function ComplianceScreen({ me }: { me: Me }) {
  const targets = useTargets(me)
  const [chosen, setChosen] = useState(0)
  const thisMonth = monthKey()
  const [month, setMonth] = useState(thisMonth)
  const [summary, setSummary] = useState<Compliance | null>(null)

  if (targets.state.status === 'loading') return <Loading />
  if (targets.state.status === 'error') return <ErrorState message={targets.state.message} onRetry={() => void targets.reload()} />
  const list = targets.state.data
  const target = list[Math.min(chosen, list.length - 1)]
  if (!target) return <EmptyState title='暂无可查看的双报到情况' description='社区工作者可查看住在本社区的党员，单位联络员可查看本单位党员，县委组织部可查看各社区、各单位。' />
  const key = `${target.scope}:${target.id}:${month}`
  const shown = summary && `${summary.scope}:${summary.id}:${summary.month}` === key ? summary : null
  return (
    <>
      <TargetPicker targets={list} value={chosen} onChange={setChosen} />
      <PeriodSwitch standalone text={formatMonth(month)} unit='月' onPrev={() => setMonth(shiftMonth(month, -1))} onNext={month >= thisMonth ? undefined : () => setMonth(shiftMonth(month, 1))} />
      {shown ? (
        <View className='jl-rates'>
          <View className='jl-rates__item'>
            <Text className='jl-rates__label'>{shown.name}</Text>
            <Text className='jl-rates__value'>{formatRate(shown.rate)}</Text>
            <Text className='jl-rates__formula'>{`已报到 ${shown.checkedIn} 人 ÷ 党员 ${shown.members} 人`}</Text>
          </View>
        </View>
      ) : null}
      <Section title='党员报到情况'>
        <PagedList<Person>
          listKey={key}
          fetchPage={async (page) => {
            const res = await call('points', 'compliance', { scope: target.scope, id: target.id, month, page, pageSize: PAGE_SIZE })
            setSummary(res)
            return res.people
          }}
          idOf={(p) => p.openid}
          emptyTitle='暂无党员'
          emptyDescription={target.scope === 'community' ? '住在本社区的在职党员会在这里。' : '本单位的在职党员会在这里。'}
          render={(p) => (
            <View className='jl-person' {...tappable(`${p.name}，${p.checkedInAt ? '已报到' : '未报到'}，查看双认双评`, 'link')} onClick={() => void Taro.navigateTo({ url: POINTS_ROUTES.member(p.openid) })}>
              <View className='jl-person__head'>
                <Text className='jl-person__name'>{p.name}</Text>
                {p.checkedInAt ? <Tag text='已报到' tone='success' strong /> : <Tag text='未报到' tone='warning' strong />}
              </View>
              {p.checkedInAt ? <Text className='jl-person__meta'>{formatTime(p.checkedInAt)}</Text> : null}
            </View>
          )}
        />
      </Section>
    </>
  )
}

export default function CompliancePage() {
  return (
    <Page>
      <IdentityGate>{(me) => <ComplianceScreen key={me.openid} me={me} />}</IdentityGate>
    </Page>
  )
}
