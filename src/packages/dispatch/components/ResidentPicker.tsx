import { Text, View } from '@tarojs/components'
import { useState } from 'react'

import type { UserSummary } from '@/types/domain'

import ChoiceList from '@/components/ChoiceList'
import PagedList from '@/components/PagedList'
import { EmptyState } from '@/components/States'
import { countedPage } from '@/hooks/usePaged'
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
  return (
    <PagedList
      fetchPage={async (page) => {
        const res = countedPage(await call('org', 'listUsers', { role: 'resident', page, pageSize: RESIDENTS_PAGE_SIZE }))
        setTotal(res.total)
        return res
      }}
      idOf={(u) => u.openid}
      listKey='residents'
      loadingText='正在加载本社区的居民…'
      count={null}
      className='jl-residents'
      renderAll={(items, hasMore) => {
        const people = items.filter((u) => u.openid !== self)
        return (
          <View className='jl-field'>
            <Text className='jl-field__label'>{value ? `代 ${value.name} 反映` : '请选择代哪位居民反映'}</Text>
            <Text className='jl-field__hint'>{`本社区登记的居民，按姓名排列，不含您本人${hasMore ? `；已显示 ${items.length} 人，共 ${total} 人` : ''}。`}</Text>
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
              <EmptyState title={hasMore ? '已加载的居民里没有可选的' : '本社区还没有登记的居民'} description='居民在小程序登记并绑定楼栋后，会出现在这里。' />
            )}
          </View>
        )
      }}
    />
  )
}
