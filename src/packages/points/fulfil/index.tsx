import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { AtButton } from 'taro-ui'

import type { RedemptionView } from '@/types/points'

import IdentityGate from '@/components/IdentityGate'
import Page from '@/components/Page'
import Section from '@/components/Section'
import FormError from '@/components/States/FormError'
import { useAction } from '@/hooks/useAction'
import { POINTS_CHANGED } from '@/domain/points'
import { call } from '@/services/api'
import CodeEntry from '@/packages/points/components/CodeEntry'
import { RedemptionFacts } from '@/packages/points/components/RedemptionCard'
import { confirmStep } from '@/components/form/confirmStep'
import '../components/points.scss'

/** 核销兑换: type (or scan) the code the person shows, see what it is for, then 核销 after asking. */
function FulfilScreen() {
  const [found, setFound] = useState<RedemptionView | null>(null)
  const [done, setDone] = useState<RedemptionView | null>(null)
  const { busy, error, run } = useAction()

  const lookup = async (code: string) => {
    setDone(null)
    const r = await run(() => call('points', 'lookupRedemption', { code }))
    if (r) setFound(r)
  }

  const fulfil = async (r: RedemptionView) => {
    if (!(await confirmStep('核销', `核销 ${r.name} 的「${r.itemTitle}」？请确认已把物品或服务交给对方，核销后不能撤回。`, '确认核销'))) return
    const fulfilled = await run(() => call('points', 'fulfil', { code: r.code }))
    if (!fulfilled) return
    setDone(fulfilled)
    setFound(null)
    Taro.eventCenter.trigger(POINTS_CHANGED)
  }

  if (found) {
    return (
      <Section title='核对兑换'>
        <View className='jl-card'>
          <RedemptionFacts r={found} showName />
        </View>
        <FormError message={error} />
        {found.allowedActions.includes('fulfil') ? (
          <AtButton className='jl-button jl-submit' type='primary' loading={busy} disabled={busy} onClick={() => void fulfil(found)}>
            确认核销
          </AtButton>
        ) : (
          <Text className='jl-card__why'>这笔兑换现在不能由您核销。</Text>
        )}
        <AtButton className='jl-button' disabled={busy} onClick={() => setFound(null)}>
          换一个兑换码
        </AtButton>
      </Section>
    )
  }
  return (
    <>
      {done ? (
        <View className='jl-ok' role='alert' ariaRole='alert'>
          <Text>{`已核销：${done.name} 的「${done.itemTitle}」`}</Text>
        </View>
      ) : null}
      <Section title='核销兑换'>
        <Text className='jl-field__hint'>请对方出示「我的兑换」里的兑换码。</Text>
        <CodeEntry key={done?._id ?? 'first'} label='兑换码' submitText='查找兑换' busy={busy} error={error} onSubmit={(code) => void lookup(code)} />
      </Section>
    </>
  )
}

export default function FulfilPage() {
  return (
    <Page>
      <IdentityGate>{(me) => <FulfilScreen key={me.openid} />}</IdentityGate>
    </Page>
  )
}
