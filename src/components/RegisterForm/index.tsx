import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { AtButton, AtInput } from 'taro-ui'

import Section from '@/components/Section'
import FormError from '@/components/States/FormError'
import { useAction } from '@/hooks/useAction'
import { call } from '@/services/api'
import { useSession } from '@/store/session'
import 'taro-ui/lib/style/components/input.scss'
import 'taro-ui/lib/style/components/button.scss'

const PHONE = /^1\d{10}$/

/**
 * 注册, wherever a person without a user record arrives (我的, an invitation, a 楼栋码).
 * Shown when `org.me` says NOT_REGISTERED: name and an optional phone, then org.register.
 * `onRegistered` replaces taking register's answer as the session (我的 reads `org.me` again: only
 * it says whether 初始化 is open).
 */
export default function RegisterForm({ onRegistered }: { onRegistered?: () => void }) {
  const { setMe, elderMode } = useSession()
  const [name, setName] = useState('')
  const [phone, setPhone] = useState('')
  // 长辈模式: one field first; the optional phone only when the person asks for it.
  const [askPhone, setAskPhone] = useState(!elderMode)
  const { busy, error, setError, run } = useAction()

  const submit = async () => {
    const trimmedName = name.trim()
    const trimmedPhone = phone.trim()
    if (!trimmedName) {
      setError('请填写姓名')
      return
    }
    if (trimmedPhone && !PHONE.test(trimmedPhone)) {
      setError('手机号应为 11 位数字')
      return
    }
    const me = await run(() => call('org', 'register', trimmedPhone ? { name: trimmedName, phone: trimmedPhone } : { name: trimmedName }))
    if (!me) return
    if (onRegistered) onRegistered()
    else setMe(me)
  }

  return (
    <Section title='注册'>
      <Text className='jl-form__lead'>第一次使用，请留下姓名。手机号可不填，只有需要联系您的社区工作者能看到完整号码。</Text>
      <View className='jl-form'>
        <AtInput
          name='jl-register-name'
          title='姓名'
          type='text'
          placeholder='请输入姓名'
          maxLength={20}
          required
          value={name}
          onChange={(v: string | number) => setName(String(v))}
        />
        {askPhone || !elderMode ? (
          <AtInput
            name='jl-register-phone'
            title='手机号'
            type='phone'
            placeholder='选填'
            maxLength={11}
            value={phone}
            onChange={(v: string | number) => setPhone(String(v))}
          />
        ) : (
          <AtButton className='jl-button' onClick={() => setAskPhone(true)}>
            添加手机号（选填）
          </AtButton>
        )}
        <FormError message={error} />
        <AtButton className='jl-button' type='primary' loading={busy} disabled={busy} onClick={() => void submit()}>
          注册
        </AtButton>
      </View>
    </Section>
  )
}
