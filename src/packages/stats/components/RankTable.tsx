import { Text, View } from '@tarojs/components'

import type { FigureRow, RateKey } from '@/types/stats'

import { formatRate } from '@/domain/format'
import { RATE_LABEL, RATE_PARTS } from '@/domain/stats'
import { tappable } from '@/utils/a11y'
import Figure, { type DrillScope } from './Figure'

const KEYS: RateKey[] = ['responseRate', 'resolutionRate', 'satisfactionRate']

/** One rate of a row: the rate, 未达标 when below the target (never colour alone), and its numerator and denominator. */
export function RateLine({ row, rate, drill, period }: { row: FigureRow; rate: RateKey; drill?: DrillScope; period: string }) {
  const below = row.below.includes(rate)
  const parts = RATE_PARTS[rate]
  return (
    <View className={below ? 'jl-rate-line jl-rate-line--below' : 'jl-rate-line'}>
      <Text className='jl-rate-line__label'>{RATE_LABEL[rate]}</Text>
      <Text className='jl-rate-line__value'>{formatRate(row[rate])}</Text>
      {below ? <Text className='jl-rate-line__mark'>未达标</Text> : null}
      <View className='jl-rate-line__parts'>
        <Figure figure={parts.num} value={row[parts.num]} drill={drill} period={period} />
        <Text className='jl-rate-line__op'>÷</Text>
        {parts.den.map((f, i) => (
          <View key={f} className='jl-rate-line__den'>
            {i > 0 ? <Text className='jl-rate-line__op'>+</Text> : null}
            <Figure figure={f} value={row[f]} drill={drill} period={period} />
          </View>
        ))}
      </View>
    </View>
  )
}

/** A ranking: rows in the server's order (lowest first by the chosen rate), each rate with its figures. */
export default function RankTable({
  rows,
  period,
  sortBy,
  drillOf,
  onOpen,
  withReceived = false,
}: {
  rows: FigureRow[]
  period: string
  sortBy: RateKey
  drillOf: (row: FigureRow) => DrillScope | undefined
  /** Opens the row's own dashboard (a town's, a community's). */
  onOpen?: (row: FigureRow) => void
  /** Each row's 诉求量 too (a community's estates). */
  withReceived?: boolean
}) {
  if (!rows.length) return <Text className='jl-field__hint'>没有可比较的对象</Text>
  return (
    <View className='jl-rank'>
      {rows.map((row, i) => {
        const drill = drillOf(row)
        return (
          <View key={row.id} className='jl-rank-row'>
            <View className='jl-rank-row__head'>
              <Text className='jl-rank-row__place'>{`第${i + 1}名`}</Text>
              <Text className='jl-rank-row__name'>{row.name}</Text>
              {row.townName ? <Text className='jl-rank-row__town'>{row.townName}</Text> : null}
              {onOpen ? (
                <Text className='jl-figure jl-figure--link' {...tappable(`${row.name}的看板`, 'link')} onClick={() => onOpen(row)}>
                  看板 ›
                </Text>
              ) : null}
            </View>
            {withReceived ? <Figure figure='received' value={row.received} drill={drill} period={period} /> : null}
            {[sortBy, ...KEYS.filter((k) => k !== sortBy)].map((k) => (
              <RateLine key={k} row={row} rate={k} drill={drill} period={period} />
            ))}
            {row.extended ? <Figure figure='extended' value={row.extended} drill={drill} period={period} /> : null}
          </View>
        )
      })}
    </View>
  )
}
