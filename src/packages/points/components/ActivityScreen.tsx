import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { AtButton } from 'taro-ui'

import type { ActivityAction, ActivityDetail } from '@/types/points'

import { Tag } from '@/components/DemandTags'
import Row from '@/components/Row'
import Section from '@/components/Section'
import { ErrorState, Loading } from '@/components/States'
import FormError from '@/components/States/FormError'
import { useAction } from '@/hooks/useAction'
import { useLoad } from '@/hooks/useLoad'
import TextField from '@/components/form/TextField'
import { confirmStep } from '@/components/form/confirmStep'
import { formatHours, formatTime } from '@/domain/format'
import { ACTIVITY_ACTION_LABEL, ACTIVITY_ACTION_ORDER, PHASE_LABEL, PHASE_TONE, POINTS_CHANGED, SIGNUP_LABEL } from '@/domain/points'
import { formatSpan } from '@/domain/format'
import { ApiCallError, call } from '@/services/api'
import { hoursText } from './ActivityCard'
import CodeEntry from './CodeEntry'
import OrganiserPanel from './OrganiserPanel'

/** Steps that ask before they are sent, and what they ask. */
const CONFIRM: Partial<Record<ActivityAction, string>> = {
  cancelSignup: '确认取消报名？名额会让给其他人。',
  cancel: '确认取消这个活动？已报名的人会看到取消原因，活动不能恢复。',
}

const DONE: Record<ActivityAction, string> = {
  signUp: '报名成功',
  cancelSignup: '已取消报名',
  checkIn: '签到成功',
  checkOut: '签退成功',
  cancel: '活动已取消',
  resolveCheckOut: '已补记签退',
  approveHours: '已核定',
}

/** The caller's own buttons (exactly what the server allows), with the code or reason some need. */
function MyActions({ a, onDone }: { a: ActivityDetail; onDone: (d: ActivityDetail) => void }) {
  const actions = ACTIVITY_ACTION_ORDER.filter((x) => a.allowedActions.includes(x))
  const [open, setOpen] = useState<ActivityAction | null>(null)
  const [reason, setReason] = useState('')
  const { busy, error, setError, run } = useAction()
  if (actions.length === 0) return null

  const send = async (action: ActivityAction, code = '') => {
    if (action === 'cancel' && !reason.trim()) {
      setError('请填写取消原因')
      return
    }
    const ask = CONFIRM[action]
    if (ask && !(await confirmStep(ACTIVITY_ACTION_LABEL[action], ask, ACTIVITY_ACTION_LABEL[action]))) return
    const id = a._id
    const next = await run(() =>
      action === 'checkIn' ? call('points', 'activityCheckIn', { id, code })
      : action === 'checkOut' ? call('points', 'activityCheckOut', { id, code })
      : action === 'cancel' ? call('points', 'cancelActivity', { id, reason: reason.trim() })
      : action === 'cancelSignup' ? call('points', 'cancelSignup', { id })
      : call('points', 'signUp', { id }),
    )
    if (!next) return
    setOpen(null)
    setReason('')
    onDone(next)
    void Taro.showToast({ title: DONE[action], icon: 'none' })
  }

  const tap = (action: ActivityAction) => {
    setError('')
    if (action === 'checkIn' || action === 'checkOut' || action === 'cancel') setOpen(action)
    else void send(action)
  }

  return (
    <View className='jl-actions'>
      <Text className='jl-actions__title'>您可以</Text>
      {open === 'checkIn' || open === 'checkOut' ? (
        <CodeEntry
          label={`${ACTIVITY_ACTION_LABEL[open]}码`}
          submitText={`确认${ACTIVITY_ACTION_LABEL[open]}`}
          busy={busy}
          error={error}
          onSubmit={(code) => void send(open, code)}
          onCancel={() => setOpen(null)}
        />
      ) : open === 'cancel' ? (
        <View className='jl-panel'>
          <TextField label='取消原因（报名的人会看到）' value={reason} onChange={setReason} max={200} placeholder='例如：因天气原因改期' disabled={busy} />
          <FormError message={error} />
          <AtButton className='jl-button' type='primary' loading={busy} disabled={busy} onClick={() => void send('cancel')}>
            确认取消活动
          </AtButton>
          <AtButton className='jl-button' disabled={busy} onClick={() => setOpen(null)}>
            返回
          </AtButton>
        </View>
      ) : (
        <>
          <FormError message={error} />
          <View className='jl-actions__buttons'>
            {actions.map((x, i) => (
              <AtButton key={x} className='jl-button jl-action' type={i === 0 ? 'primary' : 'secondary'} disabled={busy} loading={busy && open === null} onClick={() => tap(x)}>
                {ACTIVITY_ACTION_LABEL[x]}
              </AtButton>
            ))}
          </View>
        </>
      )}
    </View>
  )
}

/** 活动详情: what, when, where, places; my sign-up and steps; the organiser's panel when allowed. */
export default function ActivityScreen({ id }: { id: string }) {
  const { state, reload, set } = useLoad<ActivityDetail>(() => (id ? call('points', 'activityDetail', { id }) : Promise.reject(new ApiCallError('INVALID_INPUT', '缺少活动编号，请从列表重新进入'))), `activity:${id}`)
  if (state.status === 'loading') return <Loading text='正在加载活动…' />
  if (state.status === 'error') return <ErrorState message={state.message} onRetry={() => void reload()} />
  const a = state.data
  const done = (next: ActivityDetail) => {
    set(next)
    Taro.eventCenter.trigger(POINTS_CHANGED)
  }
  const mine = a.mySignup && a.mySignup.status !== 'cancelled' ? a.mySignup : null
  return (
    <View className='jl-activity'>
      <Section title={a.title}>
        <View className='jl-tags'>
          <Tag text={PHASE_LABEL[a.phase]} tone={PHASE_TONE[a.phase]} strong />
          {a.myStatus ? <Tag text={SIGNUP_LABEL[a.myStatus]} tone='info' /> : null}
        </View>
        {a.description ? <Text className='jl-detail__text'>{a.description}</Text> : null}
        <Row label='时间'>{formatSpan(a.startAt, a.endAt)}</Row>
        <Row label='地点'>{a.place}</Row>
        <Row label='社区'>{a.communityName}</Row>
        <Row label='组织者'>{a.organiser.name}</Row>
        <Row label='名额'>{`${a.capacity} 人，已报名 ${a.signedUp} 人`}</Row>
        <Row label='服务时长'>{hoursText(a)}</Row>
        {a.cancelReason ? <Row label='取消原因'>{a.cancelReason}</Row> : null}
      </Section>
      {mine ? (
        <Section title='我的报名'>
          <Row label='状态'>{SIGNUP_LABEL[mine.status]}</Row>
          <Row label='报名时间'>{formatTime(mine.signedUpAt)}</Row>
          {mine.checkInAt ? <Row label='签到'>{formatTime(mine.checkInAt)}</Row> : null}
          {mine.checkOutAt ? <Row label='签退'>{formatTime(mine.checkOutAt)}</Row> : null}
          {mine.hours !== null ? <Row label='服务时长'>{`${formatHours(mine.hours)}${mine.status === 'approved' ? '（已核定，计入积分）' : '（待社区核定）'}`}</Row> : null}
        </Section>
      ) : null}
      <MyActions a={a} onDone={done} />
      {a.signups ? <OrganiserPanel a={a} onDone={done} /> : null}
    </View>
  )
}
