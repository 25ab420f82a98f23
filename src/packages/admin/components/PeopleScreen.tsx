import { Input, View } from '@tarojs/components'
import { useState } from 'react'
import { AtButton } from 'taro-ui'

import PagedList, { countIn } from '@/components/PagedList'
import Section from '@/components/Section'
import { call } from '@/services/api'
import PersonRow from './PersonRow'
import { useScopes } from './useScopes'

/** Search by name or phone; each person found with what the caller may change. */
export default function PeopleScreen() {
  const [typed, setTyped] = useState('')
  const [q, setQ] = useState('')
  const [version, setVersion] = useState(0)
  const { state } = useScopes()
  const names = state.status === 'ready' ? state.data.names : { communities: {}, units: {} }
  return (
    <Section title='人员'>
      <View className='jl-field'>
        <Input className='jl-input' value={typed} maxlength={20} placeholder='姓名或完整手机号' ariaLabel='姓名或手机号' confirmType='search' onInput={(e) => setTyped(e.detail.value)} onConfirm={() => setQ(typed.trim())} />
      </View>
      <AtButton className='jl-button' type='primary' onClick={() => setQ(typed.trim())}>
        查找
      </AtButton>
      <PagedList
        listKey={`people-${q}`}
        version={version}
        fetchPage={(page) => call('org', 'searchPeople', { ...(q ? { q } : {}), page, pageSize: 10 })}
        idOf={(p) => p.openid}
        loadingText='正在查找…'
        emptyTitle={q ? `没有找到「${q}」` : '还没有人员'}
        emptyDescription='人员在小程序注册后才能找到；还没注册的，可以发邀请给他们。'
        count={countIn('人')}
        render={(p) => <PersonRow person={p} names={names} onChanged={() => setVersion((v) => v + 1)} />}
      />
    </Section>
  )
}
