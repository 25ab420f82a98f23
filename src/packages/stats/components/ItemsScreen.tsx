import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'

import type { DemandCategory } from '@/types/dispatch'
import type { DrillItem, StatsFigure } from '@/types/stats'
import { CATEGORY_LABEL, DEMAND_STATUS_LABEL } from '@/types/labels'

import PagedList, { countIn } from '@/components/PagedList'
import Section from '@/components/Section'
import { formatTime } from '@/domain/format'
import { FIGURE_LABEL, formatPeriod, decodeParam as decode } from '@/domain/stats'
import { ROUTES } from '@/domain/dispatch'
import { call } from '@/services/api'
import { tappable } from '@/utils/a11y'
import '@/components/DemandTags/index.scss'

const PAGE = 20

function ItemCard({ item }: { item: DrillItem }) {
  const label = `${item.text}，${DEMAND_STATUS_LABEL[item.status]}${item.overdue ? '，超期' : ''}`
  return (
    <View className='jl-drill-item' {...tappable(label, 'link')} onClick={() => void Taro.navigateTo({ url: ROUTES.detail(item._id) })}>
      <View className='jl-drill-item__tags'>
        <Text className='jl-tag'>{CATEGORY_LABEL[item.category]}</Text>
        <Text className='jl-tag jl-tag--strong'>{DEMAND_STATUS_LABEL[item.status]}</Text>
        {item.overdue ? <Text className='jl-tag jl-tag--danger'>超期</Text> : null}
      </View>
      <Text className='jl-drill-item__text'>{item.text}</Text>
      <Text className='jl-field__hint'>
        {item.dispatchedAt ? `派单 ${formatTime(item.dispatchedAt)}` : `反映 ${formatTime(item.createdAt)}`}
        {item.finishBy ? ` · 办结时限 ${formatTime(item.finishBy)}` : ''}
      </Text>
    </View>
  )
}

/** The items one figure counts, a page at a time; each opens the demand's detail and its actions (催办, 督办 …). */
export default function ItemsScreen({ params }: { params: Record<string, string> }) {
  const scope = params.scope === 'unit' ? 'unit' : 'community'
  const id = decode(params.id)
  const unitId = decode(params.unitId) || undefined
  const estateId = decode(params.estateId) || undefined
  const period = decode(params.period)
  const figure = decode(params.figure) as StatsFigure
  const category = (decode(params.category) || undefined) as DemandCategory | undefined
  const name = decode(params.name)
  const title = `${name} · ${formatPeriod(period)} · ${FIGURE_LABEL[figure] ?? ''}${category ? `（${CATEGORY_LABEL[category]}）` : ''}`
  return (
    <View className='jl-stats'>
      <Section title={title}>
        <PagedList<DrillItem>
          listKey={`${scope}:${id}:${unitId}:${estateId}:${period}:${figure}:${category}`}
          fetchPage={async (page) => {
            const res = await call('stats', 'items', { scope, id, ...(unitId ? { unitId } : {}), ...(estateId ? { estateId } : {}), period, figure, ...(category ? { category } : {}), page, pageSize: PAGE })
            return { items: res.items, hasMore: res.page * res.pageSize < res.total }
          }}
          idOf={(i) => i._id}
          loadingText='正在读取明细…'
          emptyTitle='没有事项'
          emptyDescription='这个数字为 0：没有计入的事项。'
          count={countIn('件')}
          render={(item) => <ItemCard item={item} />}
        />
      </Section>
    </View>
  )
}
