import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { AtButton } from 'taro-ui'

import type { RedemptionView } from '@/types/points'

import { Tag } from '@/components/DemandTags'
import FormError from '@/components/States/FormError'
import { useAction } from '@/hooks/useAction'
import { confirmStep } from '@/components/form/confirmStep'
import { formatTime } from '@/domain/format'
import { POINTS_CHANGED, REDEMPTION_LABEL, REDEMPTION_TONE } from '@/domain/points'
import { spacedCode } from '@/domain/format'
import { call } from '@/services/api'
import QrCode from './QrCode'

/** What a redemption is: the item, who offers it, its cost, status and the code while it waits. */
export function RedemptionFacts({ r, showName }: { r: RedemptionView; showName?: boolean }) {
  return (
    <>
      <View className='jl-tags'>
        <Tag text={REDEMPTION_LABEL[r.status]} tone={REDEMPTION_TONE[r.status]} strong />
        <Tag text={r.owner.name} tone='info' />
      </View>
      <Text className='jl-card__title'>{r.itemTitle}</Text>
      {r.status === 'pending' ? (
        <View className='jl-code'>
          <Text className='jl-code__label'>{showName ? '兑换码' : `兑换码（到${r.owner.name}出示）`}</Text>
          <Text className='jl-code__value'>{spacedCode(r.code)}</Text>
          <QrCode value={r.code} label={`兑换码二维码，码为 ${spacedCode(r.code)}`} />
        </View>
      ) : null}
      <View className='jl-card__meta'>
        {showName ? <Text>{`兑换人 ${r.name}`}</Text> : null}
        <Text>{`${r.cost} 积分`}</Text>
        <Text>{`兑换于 ${formatTime(r.createdAt)}`}</Text>
        {r.fulfilledAt ? <Text>{`核销于 ${formatTime(r.fulfilledAt)}`}</Text> : null}
        {r.cancelledAt ? <Text>{`取消于 ${formatTime(r.cancelledAt)}，积分已退回`}</Text> : null}
      </View>
      {r.cancelReason ? <Text className='jl-card__text'>{`取消原因：${r.cancelReason}`}</Text> : null}
    </>
  )
}

/** A redemption with the steps the server allows: 取消兑换 (refund) and 核销, each asked first. */
export default function RedemptionCard({ r: initial, showName }: { r: RedemptionView; showName?: boolean }) {
  const [r, setR] = useState(initial)
  const { busy, error, run } = useAction()

  const step = async (kind: 'cancel' | 'fulfil') => {
    const ask =
      kind === 'cancel'
        ? `取消「${r.itemTitle}」的兑换？${r.cost} 积分会退回${showName ? ` ${r.name} 的` : '您的'}账户。`
        : `核销 ${r.name} 的「${r.itemTitle}」？请确认已把物品或服务交给对方。`
    if (!(await confirmStep(kind === 'cancel' ? '取消兑换' : '核销', ask, kind === 'cancel' ? '确认取消' : '确认核销'))) return
    const next = await run(() => (kind === 'cancel' ? call('points', 'cancelRedemption', { id: r._id }) : call('points', 'fulfil', { code: r.code })))
    if (!next) return
    setR(next)
    Taro.eventCenter.trigger(POINTS_CHANGED)
    void Taro.showToast({ title: kind === 'cancel' ? '已取消，积分已退回' : '已核销', icon: 'none' })
  }

  return (
    <View className='jl-card'>
      <RedemptionFacts r={r} showName={showName} />
      <FormError message={error} />
      {r.allowedActions.includes('fulfil') ? (
        <AtButton className='jl-button' type='primary' loading={busy} disabled={busy} onClick={() => void step('fulfil')}>
          核销
        </AtButton>
      ) : null}
      {r.allowedActions.includes('cancel') ? (
        <AtButton className='jl-button' disabled={busy} onClick={() => void step('cancel')}>
          取消兑换
        </AtButton>
      ) : null}
    </View>
  )
}
