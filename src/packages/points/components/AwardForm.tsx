import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { AtButton } from 'taro-ui'

import FormError from '@/components/States/FormError'
import { useAction } from '@/hooks/useAction'
import Stepper from '@/components/form/Stepper'
import TextField from '@/components/form/TextField'
import { confirmStep } from '@/components/form/confirmStep'
import { formatHours } from '@/domain/format'
import { call } from '@/services/api'

/** 奖励积分: points (and hours, if any) to one person of the community, with the reason they will read. */
export default function AwardForm({ openid, name, onDone, onCancel }: { openid: string; name: string; onDone: () => void; onCancel: () => void }) {
  const [points, setPoints] = useState(10)
  const [hours, setHours] = useState(0)
  const [reason, setReason] = useState('')
  const { busy, error, setError, run } = useAction()

  const submit = async () => {
    if (!reason.trim()) {
      setError('请填写奖励理由')
      return
    }
    const what = `${points} 积分${hours ? `和 ${formatHours(hours)}服务时长` : ''}`
    if (!(await confirmStep('奖励积分', `奖励 ${name} ${what}？理由会记入积分明细，不能修改，只能冲销。`, '确认奖励'))) return
    const entry = await run(() => call('points', 'award', { openid, points, ...(hours ? { hours } : {}), reason: reason.trim() }))
    if (!entry) return
    void Taro.showToast({ title: '已奖励', icon: 'none' })
    onDone()
  }

  return (
    <View className='jl-panel'>
      <Stepper label='奖励积分' value={points} onChange={setPoints} min={1} max={1000} step={5} unit='分' />
      <Stepper label='服务时长' value={hours} onChange={setHours} min={0} max={100} step={0.5} unit='小时' />
      <TextField label='奖励理由（本人会看到）' value={reason} onChange={setReason} max={200} placeholder='例如：组织楼道清扫，带动 12 户居民参与' disabled={busy} />
      <FormError message={error} />
      <AtButton className='jl-button' type='primary' loading={busy} disabled={busy} onClick={() => void submit()}>
        确认奖励
      </AtButton>
      <AtButton className='jl-button' disabled={busy} onClick={onCancel}>
        取消
      </AtButton>
    </View>
  )
}
