import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useMemo, useState } from 'react'
import { AtButton } from 'taro-ui'

import type { Scorecard } from '@/types/dispatch'
import type { Me } from '@/types/domain'

import LinkList from '@/components/LinkList'
import Row from '@/components/Row'
import PeriodSwitch from '@/components/PeriodSwitch'
import Section from '@/components/Section'
import { EmptyState, ErrorState, Loading } from '@/components/States'
import TargetPicker, { useTargets, type Target } from '@/components/TargetPicker'
import { STATS_ROUTES } from '@/domain/stats'
import { formatHours, formatMonth, formatRate, monthKey, shiftMonth } from '@/domain/format'
import { useLoad } from '@/hooks/useLoad'
import { call } from '@/services/api'
import RateChart from './RateChart'

/** Each rate with its formula written out, and this month's numerator and denominator in it. */
const RATES: { key: 'responseRate' | 'resolutionRate' | 'satisfactionRate'; label: string; formula: (s: Scorecard) => string; empty: string }[] = [
  { key: 'responseRate', label: '响应率', formula: (s) => `按时接单 ${s.acceptedWithinSla} ÷ 派单 ${s.dispatched}`, empty: '本月没有派单' },
  {
    key: 'resolutionRate',
    label: '解决率',
    formula: (s) => `已解决 ${s.resolved} ÷（已解决 ${s.resolved} + 超期未解决 ${s.openOverdue}）`,
    empty: '本月还没有解决或超期的事项',
  },
  { key: 'satisfactionRate', label: '满意率', formula: (s) => `（满意 + 基本满意）${s.satisfiedOrBasic} ÷ 已评价 ${s.rated}`, empty: '本月还没有评价' },
]

/** How each rate is counted, in the words of the field; shown under the rates. */
const RULES = [
  '响应率 = 按时接单 ÷ 派单：在接单时限内接单的才算按时。',
  '解决率 = 已解决 ÷（已解决 + 超期未解决）：社区验收后才算解决；超过办结时限还没验收的（含待验收）一直算超期未解决。',
  '满意率 =（满意 + 基本满意）÷ 已评价：每件诉求只算一次，按最后一次评价；没评价的不算满意。',
]

const summary = (card: Scorecard) => RATES.map((r) => `${r.label}${formatRate(card[r.key])}`).join('，')

/** The 三率 as a uCharts column chart; the numbers are also written out in RateBars and above. */
function RateColumns({ card }: { card: Scorecard }) {
  const rates = useMemo(() => RATES.map((r) => ({ label: r.label, value: card[r.key] })), [card])
  if (rates.every((r) => r.value === null)) return null
  return <RateChart rates={rates} label={`三率柱状图：${summary(card)}`} />
}

/** A bar chart made of Views: each bar has its label and its number written beside it. */
function RateBars({ card }: { card: Scorecard }) {
  return (
    <View className='jl-bars' role='img' ariaRole='img' ariaLabel={summary(card)}>
      {RATES.map((r) => {
        const v = card[r.key]
        return (
          <View key={r.key} className='jl-bars__row'>
            <Text className='jl-bars__label'>{r.label}</Text>
            <View className='jl-bars__track'>
              <View className='jl-bars__fill' style={{ width: `${v === null ? 0 : Math.round(v * 100)}%` }} />
            </View>
            <Text className='jl-bars__value'>{formatRate(v)}</Text>
          </View>
        )
      })}
    </View>
  )
}

function Card({ target, month }: { target: Target; month: string }) {
  const { state, reload: load } = useLoad(() => call('dispatch', 'scorecard', { scope: target.scope, id: target.id, month }), `${target.scope}:${target.id}:${month}`)

  if (state.status === 'loading') return <Loading text='正在计算三率…' />
  if (state.status === 'error') return <ErrorState message={state.message} onRetry={() => void load()} />
  const s = state.data
  if (s.dispatched === 0 && s.rated === 0 && s.openOverdue === 0 && s.resolved === 0) {
    return <EmptyState title={`${formatMonth(month)}还没有派单`} description='按派单月份统计：本月派出的事项接单、办结、评价后，三率会在这里。' />
  }
  return (
    <>
      <View className='jl-rates'>
        {RATES.map((r) => (
          <View key={r.key} className='jl-rates__item'>
            <Text className='jl-rates__label'>{r.label}</Text>
            <Text className='jl-rates__value'>{formatRate(s[r.key])}</Text>
            <Text className='jl-rates__formula'>{s[r.key] === null ? r.empty : r.formula(s)}</Text>
          </View>
        ))}
      </View>
      <Section title='怎么算'>
        {RULES.map((rule) => (
          <Text key={rule} className='jl-field__hint'>
            {rule}
          </Text>
        ))}
      </Section>
      <Section title='三率对比'>
        <RateColumns card={s} />
        <RateBars card={s} />
      </Section>
      <Section title='数量和用时'>
        <Row label='派单'>{s.dispatched} 件</Row>
        <Row label='按时接单'>{s.acceptedWithinSla} 件</Row>
        <Row label='已解决'>{s.resolved} 件</Row>
        <Row label='超期未解决'>{s.openOverdue} 件</Row>
        <Row label='同意延期'>{`${s.extended ?? 0} 件（按延期后的时限计，仍计入三率）`}</Row>
        <Row label='已评价'>{s.rated} 件，其中满意和基本满意 {s.satisfiedOrBasic} 件</Row>
        <Row label='平均接单用时'>{formatHours(s.avgAcceptHours)}</Row>
        <Row label='平均办结用时'>{formatHours(s.avgResolveHours)}</Row>
      </Section>
    </>
  )
}

/** 三率 of the person's community (staff, secretary) or unit (liaison), or any one (admin), by month. */
export default function ScorecardScreen({ me }: { me: Me }) {
  const { state, reload } = useTargets(me)
  const thisMonth = monthKey()
  const [month, setMonth] = useState(thisMonth)
  const [chosen, setChosen] = useState(0)
  const targets = useMemo(() => (state.status === 'ready' ? state.data : []), [state])

  if (state.status === 'loading') return <Loading />
  if (state.status === 'error') return <ErrorState message={state.message} onRetry={() => void reload()} />
  if (targets.length === 0) return <EmptyState title='您没有可查看的三率' description='三率供社区工作人员、单位联络员和县委组织部查看。' />
  const target = targets[Math.min(chosen, targets.length - 1)]

  return (
    <View className='jl-form'>
      <TargetPicker targets={targets} value={chosen} onChange={setChosen} />
      <Section title={`${target.name} 三率`}>
        <PeriodSwitch text={formatMonth(month)} unit='月' onPrev={() => setMonth(shiftMonth(month, -1))} onNext={month >= thisMonth ? undefined : () => setMonth(shiftMonth(month, 1))} />
        <Text className='jl-field__hint'>按派单月份统计；超期未解决的事项一直计入解决率的分母。</Text>
        <AtButton className='jl-button' onClick={() => void Taro.navigateTo({ url: STATS_ROUTES.dashboard({ scope: target.scope, id: target.id, period: month }) })}>
          统计看板：排名、近12个月走势、明细
        </AtButton>
      </Section>
      <Card key={`${target.scope}:${target.id}:${month}`} target={target} month={month} />
      <Section title='导出'>
        <LinkList items={[{ title: '导出 Excel', subtitle: '三率、诉求、服务时长等，以及每月月报', url: '/packages/exports/index/index' }]} />
      </Section>
    </View>
  )
}
