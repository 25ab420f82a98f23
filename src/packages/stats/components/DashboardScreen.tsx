import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useMemo, useState } from 'react'

import type { Me } from '@/types/domain'
import type { Dashboard, DashboardScope, FigureRow, RateKey } from '@/types/stats'

import PeriodSwitch from '@/components/PeriodSwitch'
import Section from '@/components/Section'
import Segments from '@/components/Segments'
import { EmptyState, ErrorState, Loading } from '@/components/States'
import { formatRate, monthKey, shiftMonth } from '@/domain/format'
import { dashboardTargets, formatPeriod, monthOfPeriod, RATE_PARTS, STATS_ROUTES, type DashboardTarget, decodeParam as decode } from '@/domain/stats'
import { useLoad } from '@/hooks/useLoad'
import { call } from '@/services/api'
import CoverageSection from './CoverageSection'
import EstatesSection from './EstatesSection'
import Figure, { type DrillScope } from './Figure'
import PeopleSections from './PeopleSections'
import RankTable, { RateLine } from './RankTable'
import Trend from './Trend'

const SORTS: { key: RateKey; title: string }[] = [
  { key: 'responseRate', title: '按响应率' },
  { key: 'resolutionRate', title: '按解决率' },
  { key: 'satisfactionRate', title: '按满意率' },
]

const RULES = [
  '响应率 = 按时接单 ÷ 派单：在接单时限内接单的才算按时。',
  '解决率 = 已解决 ÷（已解决 + 超期未解决）：超过办结时限还没验收的一直算超期未解决。',
  '满意率 =（满意 + 基本满意）÷ 已评价：每件诉求按最后一次评价只算一次。',
  '按派单月份统计；诉求量按反映月份。排名从低到高；低于目标的标“未达标”。点数字可看明细。',
  '各小区（网格）：按诉求反映时所在楼栋的小区统计，没有绑定楼栋的计入“未关联小区”。',
]

/** Step a period back or on: a month by a month, a year by a year. */
const shift = (period: string, by: number) => (period.length === 4 ? String(Number(period) + by) : shiftMonth(period, by))

function Board({ target, period, sortBy }: { target: DashboardTarget; period: string; sortBy: RateKey }) {
  const key = `${target.scope}:${target.id}:${period}:${sortBy}`
  const { state, reload } = useLoad(
    () => call('stats', 'dashboard', { scope: target.scope, ...(target.id ? { id: target.id } : {}), period, sortBy }) as Promise<Dashboard>,
    key,
  )
  if (state.status === 'loading') return <Loading text='正在读取统计…' />
  if (state.status === 'error') return <ErrorState message={state.message} onRetry={() => void reload()} />
  const d = state.data
  const own: DrillScope | undefined = d.scope === 'community' || d.scope === 'unit' ? { scope: d.scope, id: d.id, name: d.name } : undefined
  const communityDrill = (r: FigureRow): DrillScope => ({ scope: 'community', id: r.id, name: r.name })
  const unitDrill = (r: FigureRow): DrillScope =>
    d.scope === 'community' ? { scope: 'community', id: d.id, unitId: r.id, name: `${d.name} · ${r.name}` } : { scope: 'unit', id: r.id, name: r.name }
  const open = (scope: DashboardScope) => (r: FigureRow) => void Taro.navigateTo({ url: STATS_ROUTES.dashboard({ scope, id: r.id, period }) })
  const target_ = `目标 ${formatRate(d.target)}`
  return (
    <>
      <Section title={`${d.name} · ${formatPeriod(d.period)}`} extra={<Text className='jl-field__hint'>{target_}</Text>}>
        <View className='jl-stats-total'>
          {(Object.keys(RATE_PARTS) as RateKey[]).map((k) => (
            <RateLine key={k} row={d.total} rate={k} drill={own} period={d.period} />
          ))}
          {d.scope !== 'unit' ? <Figure figure='received' value={d.total.received} drill={d.scope === 'community' ? own : undefined} period={d.period} /> : null}
        </View>
      </Section>
      {d.towns.length ? (
        <Section title='镇街三率排名'>
          <RankTable rows={d.towns} period={d.period} sortBy={sortBy} drillOf={() => undefined} onOpen={open('town')} />
        </Section>
      ) : null}
      {d.scope === 'county' || d.scope === 'town' ? (
        <Section title='社区三率排名'>
          <RankTable rows={d.communities} period={d.period} sortBy={sortBy} drillOf={communityDrill} onOpen={open('community')} />
        </Section>
      ) : null}
      {d.scope === 'county' || d.scope === 'community' ? (
        <Section title={d.scope === 'community' ? '结对单位三率排名（本社区的事项）' : '单位三率排名'}>
          <RankTable rows={d.units} period={d.period} sortBy={sortBy} drillOf={unitDrill} />
        </Section>
      ) : null}
      {d.scope === 'community' ? <EstatesSection dashboard={d} sortBy={sortBy} /> : null}
      <Section title='近12个月'>
        <Trend points={d.trend} />
      </Section>
      <PeopleSections scope={d.scope} id={target.id} period={d.period} />
      {d.scope !== 'unit' ? <CoverageSection scope={d.scope} id={target.id} month={monthOfPeriod(d.period, monthKey())} /> : null}
      <Section title='怎么算'>
        {RULES.map((rule) => (
          <Text key={rule} className='jl-field__hint'>
            {rule}
          </Text>
        ))}
      </Section>
    </>
  )
}

/** 统计看板: the caller's dashboards (county, town, community, unit), for a month or a year. */
export default function DashboardScreen({ me, params }: { me: Me; params: Record<string, string> }) {
  const targets = useMemo(() => {
    const mine = dashboardTargets(me)
    const asked = params.scope as DashboardScope | undefined
    if (!asked || mine.some((t) => t.scope === asked && t.id === (params.id ?? ''))) return mine
    return [{ scope: asked, id: params.id ?? '', title: '所选对象' }, ...mine]
  }, [me, params.scope, params.id])
  const first = Math.max(0, targets.findIndex((t) => t.scope === params.scope && t.id === (params.id ?? '')))
  const [chosen, setChosen] = useState(first)
  const thisMonth = monthKey()
  const [period, setPeriod] = useState(decode(params.period) || thisMonth)
  const [sortBy, setSortBy] = useState<RateKey>('responseRate')
  if (targets.length === 0) return <EmptyState title='您没有可查看的统计' description='统计看板供县委组织部、镇街干部、社区工作人员和单位联络员查看。' />
  const target = targets[Math.min(chosen, targets.length - 1)]
  const isYear = period.length === 4
  const latest = isYear ? thisMonth.slice(0, 4) : thisMonth

  return (
    <View className='jl-stats'>
      {targets.length > 1 ? (
        <Segments items={targets.map((t, i) => ({ key: String(i), title: t.title }))} value={String(chosen)} onChange={(k) => setChosen(Number(k))} />
      ) : null}
      <Section>
        <Segments
          items={[
            { key: 'month', title: '按月' },
            { key: 'year', title: '按年' },
          ]}
          value={isYear ? 'year' : 'month'}
          onChange={(k) => setPeriod(k === 'year' ? period.slice(0, 4) : period.length === 4 ? (period === thisMonth.slice(0, 4) ? thisMonth : `${period}-12`) : period)}
        />
        <PeriodSwitch text={formatPeriod(period)} unit={isYear ? '年' : '月'} onPrev={() => setPeriod(shift(period, -1))} onNext={period >= latest ? undefined : () => setPeriod(shift(period, 1))} />
        <Segments items={SORTS} value={sortBy} onChange={(k) => setSortBy(k as RateKey)} />
      </Section>
      <Board key={`${target.scope}:${target.id}:${period}:${sortBy}`} target={target} period={period} sortBy={sortBy} />
    </View>
  )
}
