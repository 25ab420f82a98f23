import { Text, View } from '@tarojs/components'
import { useState } from 'react'

import type { UserSummary } from '@/types/domain'

import ChoiceList from '@/components/ChoiceList'
import LoadMore from '@/components/LoadMore'
import { countedPage, usePaged } from '@/hooks/usePaged'
import { EmptyState, ErrorState, Loading } from '@/components/States'
import { call } from '@/services/api'

export const RESIDENTS_PAGE_SIZE = 50

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
  const [total, setTotal] = useState(0)
  const { state, reload, loadMore } = usePaged(
    async (page) => {
      const res = countedPage(await call('org', 'listUsers', { role: 'resident', page, pageSize: RESIDENTS_PAGE_SIZE }))
      setTotal(res.total)
      return res
    },
    (u) => u.openid,
    'residents',
  )

  if (state.status === 'loading') return <Loading text='正在加载本社区的居民…' />
  if (state.status === 'error') return <ErrorState message={state.message} onRetry={() => void reload()} />
  const people = state.items.filter((u) => u.openid !== self)
  return (
    <View className='jl-field jl-residents'>
      <Text className='jl-field__label'>{value ? `代 ${value.name} 反映` : '请选择代哪位居民反映'}</Text>
      <Text className='jl-field__hint'>{`本社区登记的居民，按姓名排列，不含您本人${state.hasMore ? `；已显示 ${state.items.length} 人，共 ${total} 人` : ''}。`}</Text>
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
        onMore={() => void loadMore()}
      />
    </View>
  )
}
