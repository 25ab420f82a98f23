import { Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { AtButton } from 'taro-ui'

import type { RoleGrant } from '@/types/domain'

import Page from '@/components/Page'
import Row from '@/components/Row'
import Section from '@/components/Section'
import { EmptyState, ErrorState, Loading } from '@/components/States'
import FormError from '@/components/States/FormError'
import { confirmStep } from '@/components/form/confirmStep'
import { ROLE_LABEL } from '@/domain/roles'
import { formatTime } from '@/domain/format'
import { useAction } from '@/hooks/useAction'
import { useLoad } from '@/hooks/useLoad'
import { usePageParams } from '@/hooks/usePageParams'
import { call } from '@/services/api'
import { useSession } from '@/store/session'
import RegisteredStep from '../components/RegisteredStep'
import { sceneOf } from '../scene'
import '../me.scss'

const STATUS_WHY = { expired: '这个邀请已过期', revoked: '这个邀请已被撤销', usedUp: '这个邀请的名额已用完' } as const

function Invitation({ code, onOther }: { code: string; onOther: () => void }) {
  const { setMe } = useSession()
  const { state, reload } = useLoad(() => call('org', 'previewInvitation', { code }), code)
  const { busy, error, run } = useAction()
  const [granted, setGranted] = useState<RoleGrant[] | null>(null)

  if (state.status === 'loading') return <Loading text='正在查看邀请…' />
  if (state.status === 'error')
    return (
      <>
        <ErrorState message={state.message} onRetry={() => void reload()} />
        <AtButton className='jl-button' onClick={onOther}>
          输入其他邀请码
        </AtButton>
      </>
    )
  const inv = state.data
  const what = `${ROLE_LABEL[inv.role]}${inv.scopeName ? ` · ${inv.scopeName}` : ''}`
  const accept = async () => {
    if (!(await confirmStep('接受邀请', `接受后您将成为：${what}`, '接受'))) return
    const res = await run(() => call('org', 'acceptInvitation', { code }))
    if (!res) return
    setMe(res.me)
    setGranted(res.granted)
  }
  return (
    <Section title='邀请'>
      <Row label='角色'>{what}</Row>
      <Row label='邀请人'>{inv.inviter}</Row>
      <Row label='有效期至'>{formatTime(inv.expiresAt)}</Row>
      {granted ? (
        <View className='jl-join-done' role='status' ariaRole='status'>
          <Text className='jl-form__lead'>已接受邀请，您现在是：{granted.map((g) => ROLE_LABEL[g.role]).join('、')}</Text>
          <AtButton className='jl-button' type='primary' onClick={() => void Taro.switchTab({ url: '/pages/dispatch/index' })}>
            去看派单
          </AtButton>
        </View>
      ) : inv.status !== 'active' ? (
        <EmptyState title={STATUS_WHY[inv.status]} description='请向邀请人要一个新的邀请。' />
      ) : (
        <RegisteredStep registerFirst='先留下姓名完成注册，再接受邀请。' label='接受邀请' busy={busy} error={error} onStep={() => void accept()} />
      )}
    </Section>
  )
}

/** 接受邀请: opened by an invitation's QR code (`?scene=<code>`), or with the code typed in. */
export default function JoinPage() {
  const params = usePageParams()
  const [code, setCode] = useState(sceneOf(params))
  const [typed, setTyped] = useState('')
  const [hint, setHint] = useState('')
  const submit = () => {
    const c = typed.trim().toUpperCase()
    if (!c) return setHint('请输入邀请码')
    setHint('')
    setCode(c)
  }
  return (
    <Page>
      {code ? (
        <Invitation key={code} code={code} onOther={() => setCode('')} />
      ) : (
        <Section title='输入邀请码'>
          <Text className='jl-form__lead'>请输入邀请人给您的邀请码（10 位字母数字）。</Text>
          <View className='jl-field'>
            <Input className='jl-input' value={typed} maxlength={16} placeholder='请输入邀请码' ariaLabel='邀请码' onInput={(e) => setTyped(e.detail.value)} />
          </View>
          <FormError message={hint} />
          <AtButton className='jl-button' type='primary' onClick={submit}>
            查看邀请
          </AtButton>
        </Section>
      )}
    </Page>
  )
}
