import { Text, View } from '@tarojs/components'
import { useCallback, useEffect, useState } from 'react'
import { AtButton } from 'taro-ui'

import type { DemandDetail, DemandStatus, DemandSummary } from '@/types/dispatch'

import ChoiceList from '@/components/ChoiceList'
import { EmptyState, ErrorState, Loading } from '@/components/States'
import { formatTime, STATUS_LABEL } from '@/domain/dispatch'
import { call } from '@/services/api'
import { messageOf } from './useDemand'

/** Still being worked on: the demands a duplicate can be merged into. */
const OPEN: DemandStatus[] = ['submitted', 'handling', 'dispatched', 'accepted', 'completed', 'escalated']
const PAGE_SIZE = 20

type State = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; items: DemandSummary[]; hasMore: boolean; page: number; more: boolean }

/** 合并到: choose one of the community's open demands (from the 社区诉求 list), newest first. */
export default function MergePicker({ demand, value, onChange }: { demand: DemandDetail; value: string | null; onChange: (id: string) => void }) {
  const [state, setState] = useState<State>({ status: 'loading' })

  const load = useCallback(async (page: number, before: DemandSummary[]) => {
    if (page === 1) setState({ status: 'loading' })
    try {
      const res = await call('dispatch', 'list', { scope: 'community', page, pageSize: PAGE_SIZE })
      const seen = new Set(before.map((d) => d._id))
      const items = [...before, ...res.items.filter((d) => !seen.has(d._id))]
      setState({ status: 'ready', items, hasMore: res.hasMore, page, more: false })
    } catch (e) {
      setState({ status: 'error', message: messageOf(e) })
    }
  }, [])

  useEffect(() => {
    void load(1, [])
  }, [load])

  if (state.status === 'loading') return <Loading text='正在加载本社区的诉求…' />
  if (state.status === 'error') return <ErrorState message={state.message} onRetry={() => void load(1, [])} />
  const candidates = state.items.filter((d) => d._id !== demand._id && d.communityId === demand.communityId && OPEN.includes(d.status))
  const loadedAll = !state.hasMore
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
        <EmptyState title={loadedAll ? '本社区没有其他未办结的诉求' : '已加载的诉求里没有可合并的'} description='只能合并到本社区还在办理的诉求。' />
      )}
      {!loadedAll ? (
        <AtButton
          className='jl-button'
          loading={state.more}
          disabled={state.more}
          onClick={() => {
            setState({ ...state, more: true })
            void load(state.page + 1, state.items)
          }}
        >
          加载更多
        </AtButton>
      ) : null}
    </View>
  )
}
