import { Text, View } from '@tarojs/components'
import { useMemo } from 'react'

import type { DemandCategory } from '@/types/dispatch'
import type { TrendPoint } from '@/types/stats'
import { CATEGORY_LABEL } from '@/types/labels'

import { formatRate } from '@/domain/format'
import TrendChart, { type Series } from './TrendChart'

const monthLabel = (m: string) => `${Number(m.slice(5))}月`
const pct = (r: number | null) => (r === null ? null : Math.round(r * 1000) / 10)

/** The twelve months: the three rates as lines, 诉求量 by category as stacked columns, and every figure as text below each chart. */
export default function Trend({ points }: { points: TrendPoint[] }) {
  const months = useMemo(() => points.map((p) => monthLabel(p.month)), [points])
  const rates = useMemo<Series[]>(
    () => [
      { name: '响应率', data: points.map((p) => pct(p.responseRate)) },
      { name: '解决率', data: points.map((p) => pct(p.resolutionRate)) },
      { name: '满意率', data: points.map((p) => pct(p.satisfactionRate)) },
    ],
    [points],
  )
  const categories = useMemo(
    () => (Object.keys(CATEGORY_LABEL) as DemandCategory[]).filter((c) => points.some((p) => p.byCategory[c])),
    [points],
  )
  const volume = useMemo<Series[]>(() => categories.map((c) => ({ name: CATEGORY_LABEL[c], data: points.map((p) => p.byCategory[c] ?? 0) })), [categories, points])
  const rateText = points.map((p) => `${monthLabel(p.month)}：响应率${formatRate(p.responseRate)}，解决率${formatRate(p.resolutionRate)}，满意率${formatRate(p.satisfactionRate)}`)
  const volumeText = points.map((p) => {
    const parts = categories.filter((c) => p.byCategory[c]).map((c) => `${CATEGORY_LABEL[c]}${p.byCategory[c]}`)
    return `${monthLabel(p.month)}：${p.volume} 件${parts.length ? `（${parts.join('、')}）` : ''}`
  })
  return (
    <View className='jl-trend'>
      <Text className='jl-trend__title'>三率走势</Text>
      <TrendChart kind='rates' categories={months} series={rates} label={`三率走势折线图：${rateText.join('；')}`} />
      <View className='jl-trend__table'>
        {points.map((p) => (
          <View key={p.month} className='jl-trend__row'>
            <Text className='jl-trend__month'>{p.month}</Text>
            <Text className='jl-trend__cell'>{`响应率 ${formatRate(p.responseRate)}`}</Text>
            <Text className='jl-trend__cell'>{`解决率 ${formatRate(p.resolutionRate)}`}</Text>
            <Text className='jl-trend__cell'>{`满意率 ${formatRate(p.satisfactionRate)}`}</Text>
            <Text className='jl-trend__cell'>{`派单 ${p.dispatched}`}</Text>
          </View>
        ))}
      </View>
      <Text className='jl-trend__title'>诉求量（按类别）</Text>
      {categories.length ? <TrendChart kind='volume' categories={months} series={volume} label={`诉求量柱状图：${volumeText.join('；')}`} /> : null}
      <View className='jl-trend__table'>
        {volumeText.map((t, i) => (
          <Text key={points[i].month} className='jl-trend__line'>
            {t}
          </Text>
        ))}
      </View>
    </View>
  )
}
