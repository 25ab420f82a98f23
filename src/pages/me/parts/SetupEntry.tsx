import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { AtButton, AtInput } from 'taro-ui'

import Section from '@/components/Section'
import FormError from '@/components/States/FormError'
import { useAction } from '@/hooks/useAction'
import { call } from '@/services/api'
import { useSession } from '@/store/session'
import 'taro-ui/lib/style/components/input.scss'
import 'taro-ui/lib/style/components/button.scss'

/**
 * 初始化: while the county has no admin (`me.setupOpen`), the first person enters the setup code
 * the deployer set; `org.setup` makes them the admin, and the session is read again.
 */
export default function SetupEntry() {
  const { reload } = useSession()
  const [code, setCode] = useState('')
  const { busy, error, setError, run } = useAction()

  const submit = async () => {
    const trimmed = code.trim()
    if (!trimmed) {
      setError('请输入初始化码')
      return
    }
    const me = await run(() => call('org', 'setup', { code: trimmed }))
    if (!me) return
    void Taro.showToast({ title: '初始化完成，您已是管理员', icon: 'none' })
    await reload()
  }

  return (
    <Section title='初始化'>
      <Text className='jl-form__lead'>本县还没有管理员。请输入部署时设置的初始化码，成为第一位管理员（县委组织部）。</Text>
      <View className='jl-form'>
        <AtInput
          name='jl-setup-code'
          title='初始化码'
          type='text'
          placeholder='请输入初始化码'
          maxLength={64}
          value={code}
          onChange={(v: string | number) => setCode(String(v))}
        />
        <FormError message={error} />
        <AtButton className='jl-button' type='primary' loading={busy} disabled={busy} onClick={() => void submit()}>
          完成初始化
        </AtButton>
      </View>
    </Section>
  )
}
