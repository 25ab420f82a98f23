import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { AtButton } from 'taro-ui'

import Section from '@/components/Section'
import FormError from '@/components/States/FormError'
import { useAction } from '@/hooks/useAction'
import { call } from '@/services/api'
import LineField from '@/components/form/LineField'

/** 添加住户 under a building: its 房号 and an optional label; `onAdded` reads the list again. */
export default function HouseholdForm({ buildingId, onAdded }: { buildingId: string; onAdded?: () => void }) {
  const [room, setRoom] = useState('')
  const [label, setLabel] = useState('')
  const [added, setAdded] = useState<string[]>([])
  const { busy, error, setError, run } = useAction()
  const submit = async () => {
    const r = room.trim()
    if (!r) return setError('请填写房号')
    const saved = await run(() => call('org', 'addHousehold', { buildingId, room: r, ...(label.trim() ? { label: label.trim() } : {}) }))
    if (!saved) return
    setAdded((a) => [...a, saved.room])
    setRoom('')
    setLabel('')
    onAdded?.()
  }
  return (
    <Section title='添加住户'>
      <View className='jl-form'>
        <LineField label='房号' value={room} onChange={setRoom} max={20} placeholder='如 101' />
        <LineField label='备注（可不填）' value={label} onChange={setLabel} max={20} placeholder='如 户主姓氏' />
        <FormError message={error} />
        <AtButton className='jl-button' type='primary' loading={busy} disabled={busy} onClick={() => void submit()}>
          添加住户
        </AtButton>
        {added.length ? <Text className='jl-admin-row__sub'>本次已添加：{added.join('、')}</Text> : null}
      </View>
    </Section>
  )
}
