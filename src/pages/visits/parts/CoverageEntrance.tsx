import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'

import type { Coverage } from '@/types/visits'

import { useLoad } from '@/hooks/useLoad'
import { formatRate, monthKey } from '@/domain/format'
import { ROUTES } from '@/domain/visits'
import { call } from '@/services/api'
import { tappable } from '@/utils/a11y'
import { cx } from '@/utils/cx'
import './CoverageEntrance.scss'

/**
 * The way to 社区走访概况 for staff and the secretary, showing this month's coverage and how many
 * households are overdue now (one counter document on the server). While it loads or if it
 * fails, the card still leads to the overview, which says what went wrong.
 */
export default function CoverageEntrance({ communityId, version }: { communityId: string; version: number }) {
  const month = monthKey()
  const { state } = useLoad<Coverage>(() => call('visits', 'coverage', { communityId, month }), `${communityId}:${month}`, version)
  const c = state.status === 'ready' ? state.data : null
  const overdue = (c?.overdueNow ?? 0) > 0
  const label = c ? `本月覆盖率 ${formatRate(c.coverageRate)}，当前超期 ${c.overdueNow} 户，查看社区走访概况` : '查看社区走访概况'
  return (
    <View className='jl-coverage-entrance' {...tappable(label, 'link')} onClick={() => void Taro.navigateTo({ url: ROUTES.overview })}>
      <Text className='jl-coverage-entrance__title'>社区走访概况</Text>
      {c ? (
        <View className='jl-coverage-entrance__figures'>
          <Text className='jl-coverage-entrance__figure'>
            本月覆盖率 {formatRate(c.coverageRate)}（按时走访 {c.coveredHouseholds} 户 ÷ 重点户 {c.keyHouseholds} 户）
          </Text>
          <Text className={cx('jl-coverage-entrance__figure', overdue && 'jl-coverage-entrance__figure--alert')}>{overdue ? `⚠ 当前超期 ${c.overdueNow} 户` : '当前没有超期未访的重点户'}</Text>
        </View>
      ) : (
        <Text className='jl-coverage-entrance__figure'>{state.status === 'loading' ? '正在读取本月覆盖率…' : '覆盖率暂时读不到，点此查看概况'}</Text>
      )}
      <Text className='jl-coverage-entrance__more'>覆盖率、重点户、包挂 ›</Text>
    </View>
  )
}
