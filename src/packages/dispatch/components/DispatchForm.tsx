import { Picker, Text, View } from '@tarojs/components'
import { useState } from 'react'
import { AtButton } from 'taro-ui'

import type { DemandDetail, Urgency } from '@/types/dispatch'

import ChoiceList from '@/components/ChoiceList'
import Section from '@/components/Section'
import { EmptyState, ErrorState, Loading } from '@/components/States'
import FormError from '@/components/States/FormError'
import Stepper from '@/components/form/Stepper'
import { confirmStep } from '@/components/form/confirmStep'
import { URGENCY_LABEL } from '@/domain/dispatch'
import { dayAfter, deadlineOf, formatHours } from '@/domain/format'
import { useLoad } from '@/hooks/useLoad'
import { call } from '@/services/api'
import { tappable } from '@/utils/a11y'
import { useStepForm } from './useStepForm'

/** Offered to every paired unit: the first to accept takes it. */
const ALL = '*'

const URGENCY_CHOICES: { key: Urgency; subtitle: string }[] = [
  { key: 'urgent', subtitle: '涉及安全或急需处理，接单和办结时限最短' },
  { key: 'normal', subtitle: '按正常时限接单和办结' },
  { key: 'complex', subtitle: '需要多方协调，办结时限较长' },
]

/** 派单: to one of the community's paired units or to all of them, with headcount, hours, urgency, deadline. */
export default function DispatchForm({ d }: { d: DemandDetail }) {
  const [unitId, setUnitId] = useState<string | null>(null)
  const [slots, setSlots] = useState(1)
  const [hours, setHours] = useState(2)
  const [urgency, setUrgency] = useState<Urgency>(d.urgency)
  const [deadline, setDeadline] = useState('')
  const { error, setError, busy, send } = useStepForm()

  const communityId = d.communityId
  const { state: units, reload: loadUnits } = useLoad(async () => (await call('org', 'listUnits', {})).filter((u) => u.communityIds.includes(communityId)), communityId)

  if (units.status === 'loading') return <Loading text='正在加载结对单位…' />
  if (units.status === 'error') return <ErrorState message={units.message} onRetry={() => void loadUnits()} />
  if (units.data.length === 0) return <EmptyState title='本社区还没有结对共建单位' description='请联系县委组织部设置结对共建后再派单，或由社区自行办理。' />

  const unitName = unitId === ALL ? '所有结对单位（先接先得）' : units.data.find((u) => u._id === unitId)?.name

  const submit = async () => {
    if (!unitId) {
      setError('请选择派给哪个单位')
      return
    }
    setError('')
    const ok = await confirmStep(
      '派单',
      `派给${unitName}，需要 ${slots} 人，每人预计 ${formatHours(hours)}，${URGENCY_LABEL[urgency]}${deadline ? `，${deadline} 前办结` : ''}。确认派单？`,
      '确认派单',
    )
    if (!ok) return
    await send(
      () =>
        call('dispatch', 'dispatch', {
          id: d._id,
          ...(unitId === ALL ? {} : { unitId }),
          slots,
          expectedHours: hours,
          urgency,
          ...(deadline ? { deadline: deadlineOf(deadline) } : {}),
        }),
      '已派单',
    )
  }

  return (
    <>
      <Section title='派给哪个单位'>
        <ChoiceList
          selectedKey={unitId}
          onChoose={setUnitId}
          disabled={busy}
          choices={[
            ...units.data.map((u) => ({ key: u._id, title: u.name, subtitle: u.description })),
            { key: ALL, title: '所有结对单位（先接先得）', subtitle: '同时发给本社区全部结对单位，先接单的单位承办' },
          ]}
        />
      </Section>
      <Section title='人数和时长'>
        <Stepper label='需要人数' value={slots} onChange={setSlots} min={1} max={20} unit='人' />
        <Stepper label='每人预计服务时长' value={hours} onChange={setHours} min={0.5} max={100} step={0.5} unit='小时' />
      </Section>
      <Section title='紧急程度'>
        <ChoiceList
          selectedKey={urgency}
          onChoose={(k) => setUrgency(k)}
          disabled={busy}
          choices={URGENCY_CHOICES.map((c) => ({ key: c.key, title: URGENCY_LABEL[c.key], subtitle: c.subtitle }))}
        />
      </Section>
      <Section title='办结期限（可不选）'>
        <Text className='jl-field__hint'>不选则按紧急程度的规定时限；选了只能比规定时限更早。</Text>
        <Picker mode='date' value={deadline || dayAfter(0)} start={dayAfter(0)} onChange={(e) => setDeadline(String(e.detail.value))}>
          <View className='jl-picker' {...tappable(deadline ? `办结期限 ${deadline}，点此更换` : '选择办结期限')}>
            <Text>{deadline ? `${deadline} 前办结` : '不指定'}</Text>
            <Text className='jl-picker__change'>{deadline ? '更换' : '选择日期'}</Text>
          </View>
        </Picker>
        {deadline ? (
          <AtButton className='jl-button' disabled={busy} onClick={() => setDeadline('')}>
            不指定期限
          </AtButton>
        ) : null}
      </Section>
      <FormError message={error} />
      <AtButton className='jl-button jl-submit' type='primary' loading={busy} disabled={busy} onClick={() => void submit()}>
        确认派单
      </AtButton>
    </>
  )
}
