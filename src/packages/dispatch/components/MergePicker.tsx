import { Text, View } from '@tarojs/components'

import type { DemandDetail, DemandStatus } from '@/types/dispatch'

import ChoiceList from '@/components/ChoiceList'
import PagedList from '@/components/PagedList'
import { EmptyState } from '@/components/States'
import { STATUS_LABEL } from '@/domain/dispatch'
import { formatTime } from '@/domain/format'
import { call } from '@/services/api'

/** Still being worked on: the demands a duplicate can be merged into. */
const OPEN: DemandStatus[] = ['submitted', 'handling', 'dispatched', 'accepted', 'completed', 'escalated']
const PAGE_SIZE = 20

/** 合并到: choose one of the community's open demands (from the 社区诉求 list), newest first. */
export default function MergePicker({ demand, value, onChange }: { demand: DemandDetail; value: string | null; onChange: (id: string) => void }) {
  return (
    <PagedList
      fetchPage={(page) => call('dispatch', 'list', { scope: 'community', page, pageSize: PAGE_SIZE })}
      idOf={(d) => d._id}
      listKey='merge'
      loadingText='正在加载本社区的诉求…'
      count={null}
      renderAll={(items, hasMore) => {
        const candidates = items.filter((d) => d._id !== demand._id && d.communityId === demand.communityId && OPEN.includes(d.status))
        return (
          <View className='jl-field'>
            <Text className='jl-field__hint'>选择与这条重复、还在办理的诉求，合并后由那条一并办理。</Text>
            {candidates.length ? (
              <ChoiceList
                selectedKey={value}
                onChoose={onChange}
                choices={candidates.map((d) => ({
                  key: d._id,
                  title: d.text.length > 40 ? `${d.text.slice(0, 40)}…` : d.text,
                  subtitle: `${STATUS_LABEL[d.status]} · ${d.submitterName} · ${formatTime(d.createdAt)}`,
                }))}
              />
            ) : (
              <EmptyState title={hasMore ? '已加载的诉求里没有可合并的' : '本社区没有其他未办结的诉求'} description='只能合并到本社区还在办理的诉求。' />
            )}
          </View>
        )
      }}
    />
  )
}
