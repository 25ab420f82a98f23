import { Text, View } from '@tarojs/components'

import type { OverdueHousehold } from '@/types/stats'
import type { CareLevel } from '@/types/visits'

import PagedList, { countIn } from '@/components/PagedList'
import Section from '@/components/Section'
import { formatTime } from '@/domain/format'
import { CARE_LEVEL_LABEL } from '@/domain/visits'
import { decodeParam as decode } from '@/domain/stats'
import { call } from '@/services/api'

const PAGE = 20

/** A community's key households past their visit window now, longest overdue first. Where and whom only for its staff and visitors. */
export default function HouseholdsScreen({ params }: { params: Record<string, string> }) {
  const communityId = decode(params.communityId)
  const name = decode(params.name)
  return (
    <View className='jl-stats'>
      <Section title={`${name} · 超期未走访的重点户`}>
        <PagedList<OverdueHousehold>
          listKey={communityId}
          fetchPage={async (page) => {
            const res = await call('stats', 'overdue', { communityId, page, pageSize: PAGE })
            return { items: res.items, hasMore: res.page * res.pageSize < res.total }
          }}
          idOf={(h) => h._id}
          loadingText='正在读取重点户…'
          emptyTitle='没有超期的重点户'
          emptyDescription='每户都在走访时限内。'
          count={countIn('户')}
          render={(h) => (
            <View className='jl-drill-item'>
              <Text className='jl-drill-item__text'>{h.address ?? '重点户（地址仅本社区工作人员和包挂人可见）'}</Text>
              <Text className='jl-field__hint'>{`${CARE_LEVEL_LABEL[h.careLevel as CareLevel] ?? h.careLevel} · 应在 ${formatTime(h.nextDueBy)} 前走访`}</Text>
              <Text className='jl-field__hint'>{`包挂：${h.visitorNames.length ? h.visitorNames.join('、') : '未包挂'}${h.contactName ? ` · 联系人 ${h.contactName}` : ''}`}</Text>
              <Text className='jl-field__hint'>{h.lastContactAt ? `上次接触 ${formatTime(h.lastContactAt)}` : '还没有接触过'}</Text>
            </View>
          )}
        />
      </Section>
    </View>
  )
}
