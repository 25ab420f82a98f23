import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { AtButton } from 'taro-ui'

import type { ActivityDetail, Signup } from '@/types/points'

import { Tag } from '@/components/DemandTags'
import Section from '@/components/Section'
import FormError from '@/components/States/FormError'
import { useAction } from '@/hooks/useAction'
import Stepper from '@/components/form/Stepper'
import TextField from '@/components/form/TextField'
import { confirmStep } from '@/components/form/confirmStep'
import { formatHours, formatTime } from '@/domain/format'
import { SIGNUP_LABEL } from '@/domain/points'
import { spacedCode } from '@/domain/format'
import { call } from '@/services/api'
import QrCode from './QrCode'

/** 补记签退: the hours a person who forgot to check out served, and why, set by the organiser. */
function ResolveForm({ a, s, onDone, onCancel }: { a: ActivityDetail; s: Signup; onDone: (d: ActivityDetail) => void; onCancel: () => void }) {
  const [hours, setHours] = useState(a.fixedHours ?? 1)
  const [note, setNote] = useState('')
  const { busy, error, setError, run } = useAction()
  const submit = async () => {
    if (!note.trim()) {
      setError('请填写补记说明')
      return
    }
    if (!(await confirmStep('补记签退', `为 ${s.name} 补记签退，服务时长 ${formatHours(hours)}？`, '确认补记'))) return
    const next = await run(() => call('points', 'resolveCheckOut', { id: a._id, openid: s.openid, hours, note: note.trim() }))
    if (next) onDone(next)
  }
  return (
    <View className='jl-panel'>
      <Stepper label={`${s.name}的服务时长`} value={hours} onChange={setHours} min={0.5} max={24} step={0.5} unit='小时' />
      <TextField label='补记说明' value={note} onChange={setNote} max={200} placeholder='例如：活动结束时忘记签退，组织者确认在场' disabled={busy} />
      <FormError message={error} />
      <AtButton className='jl-button' type='primary' loading={busy} disabled={busy} onClick={() => void submit()}>
        确认补记签退
      </AtButton>
      <AtButton className='jl-button' disabled={busy} onClick={onCancel}>
        取消
      </AtButton>
    </View>
  )
}

function SignupRow({ s }: { s: Signup }) {
  const times = [s.checkInAt ? `签到 ${formatTime(s.checkInAt)}` : '', s.checkOutAt ? `签退 ${formatTime(s.checkOutAt)}` : ''].filter(Boolean).join(' · ')
  return (
    <>
      <View className='jl-person__head'>
        <Text className='jl-person__name'>{s.name}</Text>
        <Tag text={SIGNUP_LABEL[s.status]} tone={s.status === 'approved' ? 'success' : s.status === 'checkedIn' ? 'warning' : 'info'} strong />
      </View>
      {times ? <Text className='jl-person__meta'>{times}</Text> : null}
      {s.hours !== null ? <Text className='jl-person__meta'>{`服务时长 ${formatHours(s.hours)}${s.resolveNote ? `（补记：${s.resolveNote}）` : ''}`}</Text> : null}
    </>
  )
}

/**
 * For the organiser and the community's staff: the check-in code to show, everyone signed up with
 * their times, 补记签退 for a missed check-out after the end, and 核定时长 into the ledger.
 */
export default function OrganiserPanel({ a, onDone }: { a: ActivityDetail; onDone: (d: ActivityDetail) => void }) {
  const [resolving, setResolving] = useState<string | null>(null)
  const { busy, error, run } = useAction()
  const signups = (a.signups ?? []).filter((s) => s.status !== 'cancelled')
  const ready = signups.filter((s) => s.status === 'checkedOut')
  const missed = signups.filter((s) => s.status === 'checkedIn')
  const canResolve = a.allowedActions.includes('resolveCheckOut')
  const canApprove = a.allowedActions.includes('approveHours') && ready.length > 0

  const approve = async () => {
    const names = ready.map((s) => `${s.name} ${formatHours(s.hours)}`).join('、')
    if (!(await confirmStep('核定时长', `核定后计入积分明细，不能撤回：${names}。确认核定？`, '确认核定'))) return
    const res = await run(() => call('points', 'approveHours', { id: a._id }))
    if (!res) return
    onDone(res)
    void Taro.showToast({ title: `已核定 ${res.approved} 人`, icon: 'none' })
  }

  return (
    <Section title='组织者'>
      {a.code ? (
        <View className='jl-code'>
          <Text className='jl-code__label'>签到签退码（请出示给参加者输入或扫码）</Text>
          <Text className='jl-code__value'>{spacedCode(a.code)}</Text>
          <QrCode value={a.code} label={`签到签退二维码，码为 ${spacedCode(a.code)}`} />
        </View>
      ) : null}
      <Text className='jl-field__hint'>{`报名 ${signups.length} 人；待核定 ${ready.length} 人；未签退 ${missed.length} 人`}</Text>
      {signups.length === 0 ? <Text className='jl-person__meta'>还没有人报名。</Text> : null}
      {signups.map((s) => (
        <View key={s._id} className='jl-person'>
          <SignupRow s={s} />
          {canResolve && s.status === 'checkedIn' && resolving !== s.openid ? (
            <AtButton className='jl-button' disabled={busy} onClick={() => setResolving(s.openid)}>
              {`为${s.name}补记签退`}
            </AtButton>
          ) : null}
          {resolving === s.openid ? (
            <ResolveForm
              a={a}
              s={s}
              onCancel={() => setResolving(null)}
              onDone={(d) => {
                setResolving(null)
                onDone(d)
              }}
            />
          ) : null}
        </View>
      ))}
      <FormError message={error} />
      {canApprove ? (
        <AtButton className='jl-button' type='primary' loading={busy} disabled={busy} onClick={() => void approve()}>
          {`核定已签退的时长（${ready.length} 人）`}
        </AtButton>
      ) : null}
    </Section>
  )
}
