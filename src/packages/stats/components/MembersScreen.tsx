import { Text, View } from '@tarojs/components'

import type { DashboardScope, MemberFigure, MemberFigureKey } from '@/types/stats'

import PagedList, { countIn } from '@/components/PagedList'
import Section from '@/components/Section'
import { formatPeriod, MEMBER_FIGURE_LABEL, decodeParam as decode } from '@/domain/stats'
import { call } from '@/services/api'

const PAGE = 20

/** The members one 党员 figure counts (e.g. 时长未达标: fewest hours first), a page at a time. */
export default function MembersScreen({ params }: { params: Record<string, string> }) {
  const scope = (decode(params.scope) || 'county') as DashboardScope
  const id = decode(params.id) || undefined
  const unitId = decode(params.unitId) || undefined
  const period = decode(params.period)
  const figure = decode(params.figure) as MemberFigureKey
  const name = decode(params.name)
  const checkIn = figure === 'reported' || figure === 'notReported'
  return (
    <View className='jl-stats'>
      <Section title={`${name} · ${formatPeriod(checkIn ? period : period.slice(0, 4))} · ${MEMBER_FIGURE_LABEL[figure] ?? ''}`}>
        <PagedList<MemberFigure>
          listKey={`${scope}:${id}:${unitId}:${period}:${figure}`}
          fetchPage={async (page) => {
            const res = await call('stats', 'memberItems', { scope, ...(id ? { id } : {}), ...(unitId ? { unitId } : {}), period, figure, page, pageSize: PAGE })
            return { items: res.items, hasMore: res.page * res.pageSize < res.total }
          }}
          idOf={(m) => m.openid}
          loadingText='正在读取名单…'
          emptyTitle='没有人'
          emptyDescription='这个数字为 0。'
          count={countIn('人')}
          render={(m) => (
            <View className='jl-drill-item'>
              <Text className='jl-drill-item__text'>{m.name}</Text>
              <Text className='jl-field__hint'>{checkIn ? (m.checkIns ? '本月已报到' : '本月未报到') : `今年服务 ${m.hours} 小时`}</Text>
            </View>
          )}
        />
      </Section>
    </View>
  )
}
