import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'

import type { DevUser } from '@/types/api'

import { isApiCallError, listDevUsers, NETWORK_MESSAGE } from '@/services/api'
import { useSession } from '@/store/session'
import ChoiceList from '@/components/ChoiceList'
import Section from '@/components/Section'
import { EmptyState, ErrorState, Loading } from '@/components/States'
import './index.scss'

type LoadState = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; users: DevUser[] }

/**
 * H5 (local mode) only: act as one of the seeded demo users. The choice is kept in
 * localStorage and every page reloads its data from the new identity.
 */
export default function RoleSwitcher({ prominent = false }: { prominent?: boolean }) {
  const { demoOpenid, switchIdentity } = useSession()
  const [load, setLoad] = useState<LoadState>({ status: 'loading' })
  const [switching, setSwitching] = useState(false)

  const fetchUsers = useCallback(async () => {
    setLoad({ status: 'loading' })
    try {
      setLoad({ status: 'ready', users: await listDevUsers() })
    } catch (e) {
      setLoad({ status: 'error', message: isApiCallError(e) ? e.message : NETWORK_MESSAGE })
    }
  }, [])

  useEffect(() => {
    void fetchUsers()
  }, [fetchUsers])

  const choose = async (openid: string, label: string) => {
    if (openid === demoOpenid) return
    setSwitching(true)
    try {
      await switchIdentity(openid)
      void Taro.showToast({ title: `已切换：${label}`, icon: 'none' })
    } finally {
      setSwitching(false)
    }
  }

  return (
    <View className={prominent ? 'jl-role-switcher jl-role-switcher--prominent' : 'jl-role-switcher'}>
      <Section title={prominent ? '选择演示身份' : '切换演示身份'}>
        <Text className='jl-role-switcher__lead'>
          {prominent
            ? '这是本地演示环境，请先选择以谁的身份使用。之后可随时在这里切换。'
            : '本地演示环境：选择另一位演示用户，所有页面会按新身份重新加载。'}
        </Text>
        {load.status === 'loading' ? <Loading text='正在加载演示用户…' /> : null}
        {load.status === 'error' ? <ErrorState message={load.message} onRetry={() => void fetchUsers()} /> : null}
        {load.status === 'ready' && load.users.length === 0 ? (
          <EmptyState title='暂无演示用户' description='本地云尚未导入演示数据。' />
        ) : null}
        {load.status === 'ready' && load.users.length > 0 ? (
          <ChoiceList
            disabled={switching}
            selectedKey={demoOpenid}
            choices={load.users.map((u) => ({ key: u.openid, title: u.name, subtitle: u.label }))}
            onChoose={(key) => {
              const user = load.users.find((u) => u.openid === key)
              if (user) void choose(user.openid, user.label || user.name)
            }}
          />
        ) : null}
      </Section>
    </View>
  )
}
