import { Input, Picker, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { AtButton } from 'taro-ui'

import type { HoursRule } from '@/types/points'

import ChoiceList from '@/components/ChoiceList'
import Section from '@/components/Section'
import FormError from '@/components/States/FormError'
import { useAction } from '@/hooks/useAction'
import Stepper from '@/components/form/Stepper'
import TextField from '@/components/form/TextField'
import { confirmStep } from '@/components/form/confirmStep'
import { formatHours } from '@/domain/format'
import { HOURS_RULE_LABEL, POINTS_CHANGED, POINTS_ROUTES } from '@/domain/points'
import { isoOf } from '@/domain/format'
import { call } from '@/services/api'
import { tappable } from '@/utils/a11y'
import { dayAfter } from '@/domain/format'

/** A labelled one-line field. */
export function LineField({ label, value, onChange, max, placeholder }: { label: string; value: string; onChange: (v: string) => void; max: number; placeholder: string }) {
  return (
    <View className='jl-field'>
      <Text className='jl-field__label'>{label}</Text>
      <Input className='jl-input' value={value} maxlength={max} placeholder={placeholder} ariaLabel={label} onInput={(e) => onChange(e.detail.value)} />
    </View>
  )
}

/** A picker box: what is chosen, and 更换. */
export function PickerBox({ mode, label, value, start, onChange }: { mode: 'date' | 'time'; label: string; value: string; start?: string; onChange: (v: string) => void }) {
  return (
    <View className='jl-field'>
      <Text className='jl-field__label'>{label}</Text>
      <Picker mode={mode} value={value} start={start} onChange={(e) => onChange(String(e.detail.value))}>
        <View className='jl-picker' {...tappable(`${label} ${value}，点此更换`)}>
          <Text>{value}</Text>
          <Text className='jl-picker__change'>更换</Text>
        </View>
      </Picker>
    </View>
  )
}

/** 发布志愿活动 (community staff): what, where, when, how many, and how hours are counted. */
export default function ActivityForm() {
  const [title, setTitle] = useState('')
  const [place, setPlace] = useState('')
  const [description, setDescription] = useState('')
  const [day, setDay] = useState(dayAfter(1))
  const [start, setStart] = useState('09:00')
  const [end, setEnd] = useState('11:00')
  const [capacity, setCapacity] = useState(10)
  const [rule, setRule] = useState<HoursRule>('actual')
  const [fixedHours, setFixedHours] = useState(2)
  const { busy, error, setError, run } = useAction()

  const submit = async () => {
    if (!title.trim() || !place.trim()) {
      setError(!title.trim() ? '请填写活动名称' : '请填写活动地点')
      return
    }
    if (end <= start) {
      setError('结束时间应晚于开始时间')
      return
    }
    setError('')
    const hours = rule === 'fixed' ? `每人 ${formatHours(fixedHours)}` : '按实际签到签退时长'
    if (!(await confirmStep('发布活动', `${day} ${start}–${end}，${place}，${capacity} 人，${hours}。确认发布？`, '确认发布'))) return
    const a = await run(() =>
      call('points', 'createActivity', {
        title: title.trim(),
        place: place.trim(),
        ...(description.trim() ? { description: description.trim() } : {}),
        startAt: isoOf(day, start),
        endAt: isoOf(day, end),
        capacity,
        hoursRule: rule,
        ...(rule === 'fixed' ? { fixedHours } : {}),
      }),
    )
    if (!a) return
    Taro.eventCenter.trigger(POINTS_CHANGED)
    void Taro.showToast({ title: '已发布', icon: 'none' })
    void Taro.redirectTo({ url: POINTS_ROUTES.activity(a._id) })
  }

  return (
    <View className='jl-form'>
      <Section title='活动内容'>
        <LineField label='活动名称' value={title} onChange={setTitle} max={40} placeholder='例如：小区环境清洁' />
        <LineField label='地点' value={place} onChange={setPlace} max={60} placeholder='例如：幸福小区北门' />
        <TextField label='活动说明' value={description} onChange={setDescription} max={500} placeholder='做什么、带什么、找谁集合' optional disabled={busy} />
      </Section>
      <Section title='时间'>
        <PickerBox mode='date' label='日期' value={day} start={dayAfter(0)} onChange={setDay} />
        <PickerBox mode='time' label='开始' value={start} onChange={setStart} />
        <PickerBox mode='time' label='结束' value={end} onChange={setEnd} />
      </Section>
      <Section title='人数和时长'>
        <Stepper label='名额' value={capacity} onChange={setCapacity} min={1} max={500} unit='人' />
        <ChoiceList
          selectedKey={rule}
          onChoose={(k) => setRule(k)}
          disabled={busy}
          choices={[
            { key: 'actual', title: HOURS_RULE_LABEL.actual, subtitle: '从签到到签退，按实际在场时间计算' },
            { key: 'fixed', title: HOURS_RULE_LABEL.fixed, subtitle: '签到并签退的人，每人计相同时长' },
          ]}
        />
        {rule === 'fixed' ? <Stepper label='每人服务时长' value={fixedHours} onChange={setFixedHours} min={0.5} max={24} step={0.5} unit='小时' /> : null}
      </Section>
      <FormError message={error} />
      <AtButton className='jl-button jl-submit' type='primary' loading={busy} disabled={busy} onClick={() => void submit()}>
        发布活动
      </AtButton>
    </View>
  )
}
