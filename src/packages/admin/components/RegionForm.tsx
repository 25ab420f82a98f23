import { View } from '@tarojs/components'
import { useState } from 'react'
import { AtButton } from 'taro-ui'

import type { Region, RegionLevel } from '@/types/domain'

import FormError from '@/components/States/FormError'
import { useAction } from '@/hooks/useAction'
import { call } from '@/services/api'
import LineField from '@/components/form/LineField'
import { CODED, LEVEL_LABEL } from './levels'

/** 新建 or 改名 a region: its name and, for the county, towns and communities, the 区划代码. */
export default function RegionForm({
  level,
  parentId,
  editing,
  onDone,
  onCancel,
}: {
  level: RegionLevel
  parentId?: string
  /** The region being renamed; absent: a new one under `parentId`. */
  editing?: Region
  onDone: (r: Region) => void
  onCancel?: () => void
}) {
  const [name, setName] = useState(editing?.name ?? '')
  const [code, setCode] = useState(editing?.divisionCode ?? '')
  const { busy, error, setError, run } = useAction()
  const label = LEVEL_LABEL[level]
  const coded = CODED.includes(level)

  const submit = async () => {
    const n = name.trim()
    const c = code.trim()
    if (!n) return setError(`请填写${label}名称`)
    if (c && !/^\d{12}$/.test(c)) return setError('区划代码应为 12 位数字')
    const saved = await run(() =>
      editing
        ? call('org', 'renameRegion', { id: editing._id, name: n, ...(coded ? { divisionCode: c || null } : {}) })
        : call('org', 'addRegion', { ...(parentId ? { parentId } : {}), name: n, ...(coded && c ? { divisionCode: c } : {}) }),
    )
    if (saved) onDone(saved)
  }

  return (
    <View className='jl-form jl-region-form'>
      <LineField label={`${label}名称`} value={name} onChange={setName} max={30} />
      {coded ? <LineField label='统计用区划代码（可不填）' value={code} onChange={setCode} max={12} placeholder='12 位数字' type='number' /> : null}
      <FormError message={error} />
      <AtButton className='jl-button' type='primary' loading={busy} disabled={busy} onClick={() => void submit()}>
        {editing ? '保存' : `新建${label}`}
      </AtButton>
      {onCancel ? (
        <AtButton className='jl-button' disabled={busy} onClick={onCancel}>
          取消
        </AtButton>
      ) : null}
    </View>
  )
}
