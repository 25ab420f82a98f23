import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { AtButton } from 'taro-ui'

import type { DemandDetail, DemandEvent } from '@/types/dispatch'
import type { UserSummary } from '@/types/domain'

import FormError from '@/components/States/FormError'
import TextField from '@/components/form/TextField'
import { confirmStep } from '@/components/form/confirmStep'
import { ACTION_LABEL, ROUTES, TRIAGE_MEANING, visibleActions } from '@/domain/dispatch'
import { call } from '@/services/api'
import AssignPicker from './AssignPicker'
import ExtensionDate from './ExtensionDate'
import MergePicker from './MergePicker'
import UnitChoice from './UnitChoice'
import { announce, messageOf } from './useDemand'

/** Steps that open their own form page. */
const FORMS: Partial<Record<DemandEvent, (id: string) => string>> = {
  dispatch: ROUTES.dispatch,
  complete: ROUTES.complete,
  rate: ROUTES.rate,
}

/** Steps that need a few words first: how many, whether required, what the field is called. */
const NOTES: Partial<Record<DemandEvent, { label: string; max: number; required: boolean; placeholder: string }>> = {
  handle: { label: '社区怎么办（可不填）', max: 200, required: false, placeholder: '例如：由网格员上门处理' },
  decline: { label: '不予受理的理由（居民会看到）', max: 200, required: true, placeholder: '请说明原因，以及可以去哪里办' },
  reject: { label: '退单理由（社区会看到）', max: 200, required: true, placeholder: '例如：不属于本单位职责' },
  sendBack: { label: '退回理由', max: 200, required: true, placeholder: '还有哪些没有办好' },
  escalate: { label: '吹哨理由', max: 200, required: true, placeholder: '为什么需要上级协调' },
  returnVisit: { label: '回访记录', max: 500, required: true, placeholder: '回访了谁、怎么说的' },
  close: { label: '结案说明', max: 500, required: true, placeholder: '如何处理的结果' },
  extend: { label: '延期理由（社区会看到）', max: 200, required: true, placeholder: '为什么需要更多时间' },
  refuseExtension: { label: '不同意的理由（单位会看到）', max: 200, required: true, placeholder: '例如：居民急需，请按原时限办结' },
  urge: { label: '催办说明', max: 200, required: false, placeholder: '例如：请今天内联系居民' },
  supervise: { label: '督办要求', max: 200, required: true, placeholder: '例如：请三日内办结并报告' },
  redispatch: { label: '改派理由（两个单位都会看到）', max: 200, required: true, placeholder: '例如：原单位逾期未接单' },
}

/** What the confirmation asks before each step is sent. */
const CONFIRM: Record<DemandEvent, string> = {
  handle: '确认社区自办？这件事由社区直接办理，不会派给单位；办完后由社区填写办结情况。',
  dispatch: '',
  merge: '确认把这条诉求合并到所选诉求？合并后本条不再单独办理。',
  decline: '确认不予受理？居民会看到您填写的理由。',
  accept: '确认接下这项派单？接单后由本单位党员认领办理。',
  reject: '确认退单？任务会退回社区重新处理。',
  assign: '',
  claim: '确认认领这项任务？认领后请按时办结。',
  withdraw: '确认退出认领？名额会让给其他党员。',
  complete: '',
  verify: '确认验收通过？通过后请居民评价。',
  sendBack: '确认退回重办？认领的党员需要重新办结。',
  rate: '',
  returnVisit: '确认保存这条回访记录？',
  escalate: '确认吹哨？将通知承办单位、镇街和县委组织部协调，直到办结。',
  close: '确认结案？结案后不再办理。',
  extend: '确认申请延期？社区同意后，办结时限改为您选择的日期。',
  approveExtension: '确认同意延期？办结时限将改为单位申请的日期，本件仍计入三率。',
  refuseExtension: '确认不同意延期？单位须按原时限办结。',
  urge: '确认催办？将通知正在办理的人员，每人每天只能催办一次。',
  supervise: '确认督办？该诉求将列入督办，直到办结。',
  redispatch: '确认改派？原单位不再办理，本件仍计入原单位的解决率；新单位按新的时限接单办理。',
}

const DONE: Partial<Record<DemandEvent, string>> = {
  handle: '已转为社区自办',
  merge: '已合并',
  decline: '已不予受理',
  accept: '已接单',
  reject: '已退单',
  assign: '已指派',
  claim: '已认领',
  withdraw: '已退出认领',
  verify: '已验收',
  sendBack: '已退回',
  returnVisit: '已记录回访',
  escalate: '已吹哨',
  close: '已结案',
  extend: '已申请延期',
  approveExtension: '已同意延期',
  refuseExtension: '已不同意延期',
  urge: '已催办',
  supervise: '已督办',
  redispatch: '已改派',
}

/** 指派: the confirmation names the people, so that the liaison sees whom they are sending. */
function confirmText(event: DemandEvent, members: UserSummary[]): string {
  if (event !== 'assign') return CONFIRM[event]
  return `确认指派 ${members.map((m) => m.name).join('、')} 办理这项任务？被指派的党员会收到通知，并占用本任务的名额。`
}

function send(event: DemandEvent, id: string, note: string, intoId: string | null, members: UserSummary[], until: string, unitId: string): Promise<DemandDetail> {
  switch (event) {
    case 'extend':
      return call('dispatch', 'extend', { id, until, reason: note })
    case 'refuseExtension':
    case 'supervise':
      return call('dispatch', event, { id, reason: note })
    case 'urge':
      return call('dispatch', 'urge', note ? { id, note } : { id })
    case 'redispatch':
      return call('dispatch', 'redispatch', { id, unitId, reason: note })
    case 'approveExtension':
      return call('dispatch', 'approveExtension', { id })
    case 'assign':
      return call('dispatch', 'assign', { id, memberOpenids: members.map((m) => m.openid) })
    case 'handle':
      return call('dispatch', 'handle', note ? { id, note } : { id })
    case 'merge':
      return call('dispatch', 'merge', { id, intoId: intoId ?? '' })
    case 'decline':
    case 'reject':
    case 'sendBack':
    case 'escalate':
      return call('dispatch', event, { id, reason: note })
    case 'returnVisit':
    case 'close':
      return call('dispatch', event, { id, note })
    case 'accept':
    case 'claim':
    case 'withdraw':
    case 'verify':
      return call('dispatch', event, { id })
    default:
      return Promise.reject(new Error(`no direct call for ${event}`))
  }
}

/**
 * The buttons for what this reader may do now — exactly `detail.allowedActions`, nothing more —
 * each opening its form, its few words, or a confirmation before the step is sent. `start`: a
 * step whose few words open at once (a list card's 催办, 改派, 申请延期 or 吹哨), if still allowed.
 */
export default function ActionBar({ detail, onDone, start }: { detail: DemandDetail; onDone: (d: DemandDetail) => void; start?: DemandEvent }) {
  const actions = visibleActions(detail.allowedActions)
  const [open, setOpen] = useState<DemandEvent | null>(() => (start && actions.includes(start) && NOTES[start] ? start : null))
  const [note, setNote] = useState('')
  const [intoId, setIntoId] = useState<string | null>(null)
  const [members, setMembers] = useState<UserSummary[]>([])
  const [until, setUntil] = useState('')
  const [unitId, setUnitId] = useState('')
  const [pending, setPending] = useState<DemandEvent | null>(null)
  const busy = pending !== null
  const [error, setError] = useState('')

  if (actions.length === 0) return null

  const close = () => {
    setOpen(null)
    setNote('')
    setIntoId(null)
    setMembers([])
    setUntil('')
    setUnitId('')
    setError('')
  }

  const submit = async (event: DemandEvent) => {
    const spec = NOTES[event]
    const text = note.trim()
    if (spec?.required && !text) {
      setError(`请填写${spec.label.replace(/（.*）/, '')}`)
      return
    }
    if (event === 'merge' && !intoId) {
      setError('请选择要合并到哪条诉求')
      return
    }
    if (event === 'assign' && members.length === 0) {
      setError('请至少选择一位党员')
      return
    }
    if (event === 'redispatch' && !unitId) {
      setError('请选择改派给哪个单位')
      return
    }
    if (event === 'extend' && !until) {
      setError('请选择新的办结日期')
      return
    }
    setError('')
    if (!(await confirmStep(ACTION_LABEL[event], confirmText(event, members), ACTION_LABEL[event]))) return
    setPending(event)
    try {
      const next = await send(event, detail._id, text, intoId, members, until, unitId)
      close()
      onDone(next)
      announce(next)
      void Taro.showToast({ title: DONE[event] ?? '已完成', icon: 'none' })
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setPending(null)
    }
  }

  const tap = (event: DemandEvent) => {
    setError('')
    const form = FORMS[event]
    if (form) {
      void Taro.navigateTo({ url: form(detail._id) })
      return
    }
    if (NOTES[event] || event === 'merge' || event === 'assign') {
      setOpen(event === open ? null : event)
      setNote('')
      setIntoId(null)
      setMembers([])
      return
    }
    void submit(event)
  }

  const spec = open ? NOTES[open] : undefined
  // On a new demand, what each way of taking it up means (派单 goes to a unit, 社区自办 does not).
  const meanings = actions.includes('handle') || actions.includes('dispatch') ? actions.filter((e) => TRIAGE_MEANING[e]) : []
  return (
    <View className='jl-actions'>
      <Text className='jl-actions__title'>您可以</Text>
      {open ? (
        <View className='jl-panel'>
          <Text className='jl-panel__title'>{ACTION_LABEL[open]}</Text>
          {TRIAGE_MEANING[open] ? <Text className='jl-field__hint'>{TRIAGE_MEANING[open]}</Text> : null}
          {spec ? <TextField label={spec.label} value={note} onChange={setNote} max={spec.max} placeholder={spec.placeholder} optional={!spec.required} disabled={busy} /> : null}
          {open === 'merge' ? <MergePicker demand={detail} value={intoId} onChange={setIntoId} /> : null}
          {open === 'assign' ? <AssignPicker demand={detail} value={members} onChange={setMembers} disabled={busy} /> : null}
          {open === 'extend' ? <ExtensionDate demand={detail} value={until} onChange={setUntil} disabled={busy} /> : null}
          {open === 'redispatch' ? <UnitChoice demand={detail} value={unitId} onChange={setUnitId} disabled={busy} /> : null}
          <FormError message={error} />
          <AtButton className='jl-button' type='primary' loading={busy} disabled={busy} onClick={() => void submit(open)}>
            {`确认${ACTION_LABEL[open]}`}
          </AtButton>
          <AtButton className='jl-button' disabled={busy} onClick={close}>
            取消
          </AtButton>
        </View>
      ) : (
        <>
          <FormError message={error} />
          <View className='jl-actions__buttons'>
            {actions.map((event, i) => (
              <AtButton
                key={event}
                className='jl-button jl-action'
                type={i === 0 ? 'primary' : 'secondary'}
                disabled={busy}
                loading={pending === event}
                onClick={() => tap(event)}
              >
                {ACTION_LABEL[event]}
              </AtButton>
            ))}
          </View>
          {meanings.length ? (
            <View className='jl-actions__meanings'>
              {meanings.map((event) => (
                <Text key={event} className='jl-field__hint'>
                  {`${ACTION_LABEL[event]}：${TRIAGE_MEANING[event]}`}
                </Text>
              ))}
            </View>
          ) : null}
        </>
      )}
    </View>
  )
}
