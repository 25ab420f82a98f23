import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { AtButton } from 'taro-ui'

import type { ItemOwner } from '@/types/points'

import Section from '@/components/Section'
import FormError from '@/components/States/FormError'
import { useAction } from '@/hooks/useAction'
import Stepper from '@/components/form/Stepper'
import TextField from '@/components/form/TextField'
import { confirmStep } from '@/components/form/confirmStep'
import { POINTS_ROUTES } from '@/domain/points'
import { call } from '@/services/api'
import { LineField, PickerBox } from './ActivityForm'
import { dayAfter } from '@/domain/format'

/** 上架: an item or service offered by the caller's community or unit, with cost, stock, limit and dates. */
export default function ItemForm({ owner }: { owner: Pick<ItemOwner, 'scope' | 'id'> & { label: string } }) {
  const [title, setTitle] = useState('')
  const [description, setDescription] = useState('')
  const [cost, setCost] = useState(50)
  const [stock, setStock] = useState(10)
  const [limit, setLimit] = useState(1)
  const [until, setUntil] = useState(dayAfter(90))
  const { busy, error, setError, run } = useAction()

  const submit = async () => {
    if (!title.trim()) {
      setError('请填写名称')
      return
    }
    setError('')
    if (!(await confirmStep('上架', `「${title.trim()}」${cost} 积分，${stock} 份，每人限 ${limit} 份，${until} 前有效。确认上架？`, '确认上架'))) return
    const item = await run(() =>
      call('points', 'createItem', {
        ownerScope: owner.scope,
        ownerId: owner.id,
        title: title.trim(),
        ...(description.trim() ? { description: description.trim() } : {}),
        cost,
        stock,
        perPersonLimit: limit,
        validFrom: `${dayAfter(0)}T00:00:00+08:00`,
        validUntil: `${until}T23:59:59+08:00`,
      }),
    )
    if (!item) return
    void Taro.showToast({ title: '已上架', icon: 'none' })
    void Taro.redirectTo({ url: POINTS_ROUTES.catalogue(true) })
  }

  return (
    <View className='jl-form'>
      <Section title={`由${owner.label}提供`}>
        <LineField label='名称' value={title} onChange={setTitle} max={40} placeholder='例如：理发一次、米一袋' />
        <TextField label='说明' value={description} onChange={setDescription} max={300} placeholder='在哪里领、什么时间、注意事项' optional disabled={busy} />
      </Section>
      <Section title='积分和数量'>
        <Stepper label='所需积分' value={cost} onChange={setCost} min={1} max={10000} step={10} unit='分' />
        <Stepper label='库存' value={stock} onChange={setStock} min={1} max={10000} unit='份' />
        <Stepper label='每人限兑' value={limit} onChange={setLimit} min={1} max={100} unit='份' />
        <PickerBox mode='date' label='有效期至' value={until} start={dayAfter(0)} onChange={setUntil} />
      </Section>
      <FormError message={error} />
      <AtButton className='jl-button jl-submit' type='primary' loading={busy} disabled={busy} onClick={() => void submit()}>
        上架
      </AtButton>
    </View>
  )
}
