import { Text, View } from '@tarojs/components'
import { useState } from 'react'

import type { PointsFigureKey, PointsPerson } from '@/types/stats'

import PagedList, { countIn } from '@/components/PagedList'
import Section from '@/components/Section'
import { formatPeriod, POINTS_FIGURE_LABEL, pointsAudience, decodeParam as decode } from '@/domain/stats'
import { call } from '@/services/api'
import '../../../components/DemandTags/index.scss'

const PAGE = 20

/**
 * The people behind one 志愿积分 figure (a community's or unit's points earned or redeemed in a
 * month or year), most points first, a page at a time — members and, for a community, the
 * residents who volunteer. The heading's 合计 is the figure on the dashboard.
 */
export default function PointsScreen({ params }: { params: Record<string, string> }) {
  const scope = params.scope === 'unit' ? 'unit' : 'community'
  const id = decode(params.id)
  const period = decode(params.period)
  const figure: PointsFigureKey = params.figure === 'redeemed' ? 'redeemed' : 'earned'
  const name = decode(params.name)
  const [summary, setSummary] = useState<{ sum: number; total: number } | null>(null)
  const verb = figure === 'earned' ? '获得' : '兑换'
  return (
    <View className='jl-stats'>
      <Section title={`${name} · ${formatPeriod(period)} · ${POINTS_FIGURE_LABEL[figure]}`}>
        <Text className='jl-field__hint' data-testid='points-audience'>
          {pointsAudience(scope, figure)}
        </Text>
        {summary ? (
          <Text className='jl-people-total__text' data-testid='points-sum'>
            {`合计 ${summary.sum} 分，${summary.total} 人`}
          </Text>
        ) : null}
        <PagedList<PointsPerson>
          listKey={`${scope}:${id}:${period}:${figure}`}
          fetchPage={async (page) => {
            const res = await call('stats', 'pointItems', { scope, id, period, figure, page, pageSize: PAGE })
            setSummary({ sum: res.sum, total: res.total })
            return { items: res.items, hasMore: res.page * res.pageSize < res.total }
          }}
          idOf={(p) => p.openid}
          loadingText='正在读取名单…'
          emptyTitle='没有人'
          emptyDescription='这个数字为 0。'
          count={countIn('人')}
          render={(p) => (
            <View className='jl-drill-item' data-testid='points-person'>
              <View className='jl-drill-item__tags'>
                <Text className='jl-drill-item__text'>{p.name}</Text>
                <Text className={p.member ? 'jl-tag jl-tag--strong' : 'jl-tag'}>{p.member ? '党员' : '非党员'}</Text>
              </View>
              <Text className='jl-field__hint'>{`${verb} ${p.points} 分${figure === 'earned' && p.hours ? ` · 服务 ${p.hours} 小时` : ''}`}</Text>
            </View>
          )}
        />
      </Section>
    </View>
  )
}
