import { View } from '@tarojs/components'
import { useState } from 'react'
import { AtButton } from 'taro-ui'

import type { Unit } from '@/types/domain'

import FormError from '@/components/States/FormError'
import { useAction } from '@/hooks/useAction'
import { call } from '@/services/api'
import LineField from '@/components/form/LineField'

/** 新建单位 or 编辑: name (unique) and what the unit does (shown when staff dispatch). */
export default function UnitForm({ editing, onDone, onCancel }: { editing?: Unit; onDone: () => void; onCancel?: () => void }) {
  const [name, setName] = useState(editing?.name ?? '')
  const [description, setDescription] = useState(editing?.description ?? '')
  const { busy, error, setError, run } = useAction()
  const submit = async () => {
    const n = name.trim()
    if (!n) return setError('请填写单位名称')
    const saved = await run(() =>
      editing ? call('org', 'editUnit', { unitId: editing._id, name: n, description: description.trim() }) : call('org', 'addUnit', { name: n, description: description.trim() }),
    )
    if (saved) onDone()
  }
  return (
    <View className='jl-form'>
      <LineField label='单位名称' value={name} onChange={setName} max={30} />
      <LineField label='单位简介' value={description} onChange={setDescription} max={100} placeholder='单位做什么（派单时社区据此选择）' />
      <FormError message={error} />
      <AtButton className='jl-button' type='primary' loading={busy} disabled={busy} onClick={() => void submit()}>
        {editing ? '保存' : '新建单位'}
      </AtButton>
      {onCancel ? (
        <AtButton className='jl-button' disabled={busy} onClick={onCancel}>
          取消
        </AtButton>
      ) : null}
    </View>
  )
}
