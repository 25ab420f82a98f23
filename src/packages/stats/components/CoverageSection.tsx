import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'

import type { CoverageDashboard, CoverageRow } from '@/types/stats'

import Section from '@/components/Section'
import { ErrorState, Loading } from '@/components/States'
import { formatRate } from '@/domain/format'
import { formatPeriod, STATS_ROUTES } from '@/domain/stats'
import { useLoad } from '@/hooks/useLoad'
import { call } from '@/services/api'
import { tappable } from '@/utils/a11y'
import Bar from './Bar'

function Row({ row, overdueOf }: { row: CoverageRow; overdueOf?: string }) {
  const below = row.rate !== null && row.rate < 1
  const open = () => void Taro.navigateTo({ url: STATS_ROUTES.households({ communityId: overdueOf!, name: row.name }) })
  return (
    <View className='jl-people-row'>
      <View className='jl-people-row__head'>
        <Text className='jl-rank-row__name'>{row.name}</Text>
        <Text className={below ? 'jl-rate-line__value jl-people-row__below' : 'jl-rate-line__value'}>{formatRate(row.rate)}</Text>
        {below ? <Text className='jl-rate-line__mark'>未达标</Text> : null}
      </View>
      <Text className='jl-field__hint'>{`按时走访 ${row.covered} / 重点户 ${row.keyHouseholds} 户`}</Text>
      <Bar rate={row.rate} target />
      {overdueOf && row.overdue ? (
        <Text className='jl-figure jl-figure--link' {...tappable(`${row.name} 超期未走访 ${row.overdue} 户，查看`, 'link')} onClick={open}>
          {`超期未走访 ${row.overdue} 户`}
        </Text>
      ) : (
        <Text className='jl-figure'>{`超期未走访 ${row.overdue} 户`}</Text>
      )}
    </View>
  )
}

/** 敲门 coverage of the month by community and by visitor, against 100 %, with the overdue households. */
export default function CoverageSection({ scope, id, month }: { scope: 'county' | 'town' | 'community'; id: string; month: string }) {
  const { state, reload } = useLoad(
    () => call('stats', 'coverage', { scope, ...(id ? { id } : {}), month }) as Promise<CoverageDashboard>,
    `${scope}:${id}:${month}`,
  )
  if (state.status === 'loading') return <Loading text='正在读取走访覆盖…' />
  if (state.status === 'error') return <ErrorState message={state.message} onRetry={() => void reload()} />
  const d = state.data
  return (
    <Section title={`敲门走访覆盖 · ${formatPeriod(d.month)}（目标 100%）`}>
      <View className='jl-people-total' data-testid='coverage-total'>
        <Text className='jl-people-total__text'>{`重点户 ${d.total.keyHouseholds} 户，按时走访 ${d.total.covered} 户，覆盖率 ${formatRate(d.total.rate)}，超期未走访 ${d.total.overdue} 户`}</Text>
        <Bar rate={d.total.rate} target />
      </View>
      <Text className='jl-section__subtitle'>按社区</Text>
      {d.communities.map((c) => (
        <Row key={c.id} row={c} overdueOf={c.id} />
      ))}
      <Text className='jl-section__subtitle'>按走访人</Text>
      {d.visitors.length ? d.visitors.map((v) => <Row key={`${v.communityId}:${v.id}`} row={v} />) : <Text className='jl-field__hint'>还没有包挂走访人</Text>}
      <Text className='jl-field__hint'>覆盖率 = 本月在走访时限内有人接触的重点户 ÷ 在册重点户（敲门未遇、超期后才走访的不算）；超期为此刻已过时限的户。</Text>
    </Section>
  )
}
