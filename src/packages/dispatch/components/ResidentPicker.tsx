import { Text, View } from '@tarojs/components'
import { useCallback, useEffect, useState } from 'react'

import type { UserSummary } from '@/types/domain'

import ChoiceList from '../../../components/ChoiceList'
import { EmptyState, ErrorState, Loading } from '../../../components/States'
import { call } from '../../../services/api'
import { messageOf } from './useDemand'
import LoadMore from '../../../components/LoadMore'

export const RESIDENTS_PAGE_SIZE = 50

type State =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; items: UserSummary[]; total: number; hasMore: boolean; page: number; more: boolean; moreError: string }

/**
 * 代居民反映: choose the resident, from the people of the staff member's community
 * (org.listUsers with role resident; the server keeps it to their community), 50 a page, by name
 * and masked phone. The staff member themselves is left out.
 */
export default function ResidentPicker({
  self,
  value,
  onChange,
  disabled,
}: {
  self: string
  value: UserSummary | null
  onChange: (person: UserSummary) => void
  disabled?: boolean
}) {
  const [state, setState] = useState<State>({ status: 'loading' })

  const load = useCallback(async (page: number, before: UserSummary[]) => {
    if (page === 1) setState({ status: 'loading' })
    try {
      const res = await call('org', 'listUsers', { role: 'resident', page, pageSize: RESIDENTS_PAGE_SIZE })
      const seen = new Set(before.map((u) => u.openid))
      const items = [...before, ...res.items.filter((u) => !seen.has(u.openid))]
      setState({ status: 'ready', items, total: res.total, hasMore: page * res.pageSize < res.total && res.items.length > 0, page, more: false, moreError: '' })
    } catch (e) {
      if (page === 1) setState({ status: 'error', message: messageOf(e) })
      else setState((s) => (s.status === 'ready' ? { ...s, more: false, moreError: messageOf(e) } : s))
    }
  }, [])

  useEffect(() => {
    void load(1, [])
  }, [load])

  if (state.status === 'loading') return <Loading text='正在加载本社区的居民…' />
  if (state.status === 'error') return <ErrorState message={state.message} onRetry={() => void load(1, [])} />
  const people = state.items.filter((u) => u.openid !== self)
  return (
    <View className='jl-field jl-residents'>
      <Text className='jl-field__label'>{value ? `代 ${value.name} 反映` : '请选择代哪位居民反映'}</Text>
      <Text className='jl-field__hint'>{`本社区登记的居民，按姓名排列，不含您本人${state.hasMore ? `；已显示 ${state.items.length} 人，共 ${state.total} 人` : ''}。`}</Text>
      {people.length ? (
        <ChoiceList
          selectedKey={value?.openid ?? null}
          disabled={disabled}
          onChoose={(key) => {
            const person = people.find((u) => u.openid === key)
            if (person) onChange(person)
          }}
          choices={people.map((u) => ({ key: u.openid, title: u.name, subtitle: u.phone || '未留电话' }))}
        />
      ) : (
        <EmptyState title={state.hasMore ? '已加载的居民里没有可选的' : '本社区还没有登记的居民'} description='居民在小程序登记并绑定楼栋后，会出现在这里。' />
      )}
      <LoadMore
        hasMore={state.hasMore}
        loading={state.more}
        error={state.moreError}
        onMore={() => {
          setState({ ...state, more: true, moreError: '' })
          void load(state.page + 1, state.items)
        }}
      />
    </View>
  )
}
