import { Text } from '@tarojs/components'

import type { Dashboard, FigureRow, RateKey } from '@/types/stats'

import Section from '@/components/Section'
import type { DrillScope } from './Figure'
import RankTable from './RankTable'

/**
 * 各小区（网格）: a community's estates ranked like its paired units (lowest first by the chosen
 * rate, 未达标 marked), each with its 诉求量 and every rate's numerator and denominator as text;
 * each figure opens exactly the items it counts (the community's items of that estate).
 */
export default function EstatesSection({ dashboard: d, sortBy }: { dashboard: Dashboard; sortBy: RateKey }) {
  const drillOf = (r: FigureRow): DrillScope => ({ scope: 'community', id: d.id, estateId: r.id, name: `${d.name} · ${r.name}` })
  const rows = d.estates ?? []
  const counted = rows.some((r) => r.received || r.dispatched)
  return (
    <Section title='各小区（网格）'>
      <RankTable rows={rows} period={d.period} sortBy={sortBy} drillOf={drillOf} withReceived />
      {rows.length && !counted ? <Text className='jl-field__hint'>本期各小区都还没有诉求（更早月份的诉求未按小区统计）。</Text> : null}
    </Section>
  )
}
