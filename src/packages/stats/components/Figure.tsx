import { Text } from '@tarojs/components'
import Taro from '@tarojs/taro'

import type { StatsFigure } from '@/types/stats'

import { FIGURE_LABEL, STATS_ROUTES } from '@/domain/stats'
import { tappable } from '@/utils/a11y'

/** Where a figure's items are: a community's or a unit's (a community's for one paired unit or one estate). */
export interface DrillScope {
  scope: 'community' | 'unit'
  id: string
  unitId?: string
  estateId?: string
  /** Whose figure it is, for the list's title. */
  name: string
}

/** A figure and its count; with a drill scope it opens the items it counts. */
export default function Figure({ figure, value, drill, period }: { figure: StatsFigure; value: number; drill?: DrillScope; period: string }) {
  const text = `${FIGURE_LABEL[figure]} ${value}`
  if (!drill || value === 0) return <Text className='jl-figure'>{text}</Text>
  const open = () => void Taro.navigateTo({ url: STATS_ROUTES.items({ ...drill, period, figure }) })
  return (
    <Text className='jl-figure jl-figure--link' {...tappable(`${drill.name} ${text} 件，查看明细`, 'link')} onClick={open}>
      {text}
    </Text>
  )
}
