import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { AtButton } from 'taro-ui'

import type { PostLogView } from '@/types/posts'

import { Tag } from '@/components/DemandTags'
import FormError from '@/components/States/FormError'
import TextField from '@/components/form/TextField'
import { confirmStep } from '@/components/form/confirmStep'
import { formatTime } from '@/domain/format'
import { LOG_LABEL, LOG_TONE, POSTS_CHANGED } from '@/domain/posts'
import { useAction } from '@/hooks/useAction'
import { call } from '@/services/api'

/** A post log with the steps the server allows now: 验收通过 (hours and points) or 退回 with a reason. */
export default function LogCard({ l: initial }: { l: PostLogView }) {
  const [l, setL] = useState(initial)
  const [returning, setReturning] = useState(false)
  const [reason, setReason] = useState('')
  const { busy, error, setError, run } = useAction()
  const done = (next: PostLogView | undefined, message: string) => {
    if (!next) return
    setL(next)
    Taro.eventCenter.trigger(POSTS_CHANGED)
    void Taro.showToast({ title: message, icon: 'none' })
  }
  const verify = async () => {
    if (!(await confirmStep('验收通过', `${l.name}在「${l.postName}」服务 ${l.hours} 小时，验收通过后计入服务时长和积分。`, '通过'))) return
    done(await run(() => call('posts', 'verifyLog', { id: l._id })), '已验收，时长已计入')
  }
  const giveBack = async () => {
    if (!reason.trim()) return setError('请写明退回的原因，党员会看到')
    if (!(await confirmStep('退回', '这条服务记录不计入时长，原因会告诉党员。', '退回'))) return
    done(await run(() => call('posts', 'returnLog', { id: l._id, reason: reason.trim() })), '已退回')
  }
  return (
    <View className='jl-card jl-log'>
      <View className='jl-tags'>
        <Tag text={LOG_LABEL[l.status]} tone={LOG_TONE[l.status]} strong />
      </View>
      <Text className='jl-card__title'>{`${l.postName} · ${l.hours} 小时`}</Text>
      <Text className='jl-card__text'>{l.note}</Text>
      <View className='jl-card__meta'>
        <Text>{`${l.name} · 服务日期 ${l.workedOn}`}</Text>
        <Text>{`登记于 ${formatTime(l.createdAt)}`}</Text>
      </View>
      {l.status === 'verified' ? <Text className='jl-ok'>{`已验收，计入 ${l.hours} 小时${l.points !== null ? `、${l.points} 积分` : ''}`}</Text> : null}
      {l.returnReason ? <Text className='jl-card__why'>{`退回原因：${l.returnReason}`}</Text> : null}
      <FormError message={error} />
      {l.allowedActions.includes('verify') ? (
        <AtButton className='jl-button' type='primary' loading={busy} disabled={busy} onClick={() => void verify()}>
          验收通过
        </AtButton>
      ) : null}
      {l.allowedActions.includes('return') ? (
        returning ? (
          <>
            <TextField label='退回的原因（党员会看到）' value={reason} onChange={setReason} max={200} placeholder='例如：当天没有排班记录' disabled={busy} />
            <AtButton className='jl-button' loading={busy} disabled={busy} onClick={() => void giveBack()}>
              确认退回
            </AtButton>
          </>
        ) : (
          <AtButton className='jl-button' disabled={busy} onClick={() => setReturning(true)}>
            退回
          </AtButton>
        )
      ) : null}
    </View>
  )
}
