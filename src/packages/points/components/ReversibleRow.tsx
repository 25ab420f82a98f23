import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { AtButton } from 'taro-ui'

import type { LedgerItem } from '@/types/points'

import { LedgerRow } from '@/components/LedgerList'
import FormError from '@/components/States/FormError'
import { useAction } from '@/hooks/useAction'
import TextField from '@/components/form/TextField'
import { confirmStep } from '@/components/form/confirmStep'
import { REVERSIBLE } from '@/domain/points'
import { formatDelta } from '@/domain/format'
import { call } from '@/services/api'

/** A ledger entry as staff see it: 更正冲销 writes the exact opposite entry, with a reason; the entry itself stays. */
export default function ReversibleRow({ entry, onDone }: { entry: LedgerItem; onDone: () => void }) {
  const [open, setOpen] = useState(false)
  const [reason, setReason] = useState('')
  const { busy, error, setError, run } = useAction()
  const reversible = REVERSIBLE.includes(entry.source.type) && entry.points >= 0

  const submit = async () => {
    if (!reason.trim()) {
      setError('请填写冲销理由')
      return
    }
    if (!(await confirmStep('更正冲销', `记一笔 ${formatDelta(-entry.points)} 冲销「${entry.source.label}」？原记录保留，冲销不能撤回。`, '确认冲销'))) return
    const reversal = await run(() => call('points', 'reverse', { entryId: entry._id, reason: reason.trim() }))
    if (!reversal) return
    setOpen(false)
    void Taro.showToast({ title: '已冲销', icon: 'none' })
    onDone()
  }

  return (
    <View>
      <LedgerRow entry={entry} />
      {reversible && !open ? (
        <AtButton className='jl-button' size='small' onClick={() => setOpen(true)}>
          更正冲销
        </AtButton>
      ) : null}
      {open ? (
        <View className='jl-panel'>
          <TextField label='冲销理由（本人会看到）' value={reason} onChange={setReason} max={200} placeholder='例如：服务时长多报，经核实应为 1 小时' disabled={busy} />
          <FormError message={error} />
          <AtButton className='jl-button' type='primary' loading={busy} disabled={busy} onClick={() => void submit()}>
            确认冲销
          </AtButton>
          <AtButton className='jl-button' disabled={busy} onClick={() => setOpen(false)}>
            取消
          </AtButton>
        </View>
      ) : null}
    </View>
  )
}
