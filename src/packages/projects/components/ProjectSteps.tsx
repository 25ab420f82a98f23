import Taro from '@tarojs/taro'
import { useState } from 'react'
import { AtButton } from 'taro-ui'

import type { Rating } from '@/types/dispatch'
import type { ProjectEvent, ProjectView } from '@/types/projects'

import ChoiceList from '@/components/ChoiceList'
import Section from '@/components/Section'
import FormError from '@/components/States/FormError'
import PhotoUploader, { type Photo } from '@/components/form/PhotoUploader'
import TextField from '@/components/form/TextField'
import { confirmStep } from '@/components/form/confirmStep'
import { useAction } from '@/hooks/useAction'
import { PROJECT_ACTION_LABEL, PROJECT_CHANGED, RATING_LABEL } from '@/domain/projects'
import { call } from '@/services/api'
import ProjectFacts from './ProjectFacts'

type Form = 'progress' | 'complete' | 'rate' | 'decline' | 'withdraw' | null

/**
 * One project with the steps the server allows this person now (`allowedActions`): 认领 (a paired
 * unit's liaison), 接受 / 婉拒 a request, 我要参与 (the unit's members), 登记进展 with photos,
 * 登记完成, 评实效 (the community's staff), 撤回. Each irreversible step asks first.
 */
export default function ProjectSteps({ initial }: { initial: ProjectView }) {
  const [p, setP] = useState(initial)
  const [form, setForm] = useState<Form>(null)
  const [text, setText] = useState('')
  const [photos, setPhotos] = useState<Photo[]>([])
  const [uploading, setUploading] = useState(false)
  const [rating, setRating] = useState<Rating>('satisfied')
  const { busy, error, setError, run } = useAction()
  const can = (e: ProjectEvent) => p.allowedActions.includes(e)

  const done = (next: ProjectView | undefined, message: string) => {
    if (!next) return
    setP(next)
    setForm(null)
    setText('')
    setPhotos([])
    Taro.eventCenter.trigger(PROJECT_CHANGED)
    void Taro.showToast({ title: message, icon: 'none' })
  }

  const claim = async () => {
    const unit = p.claimableBy?.[0]
    if (!(await confirmStep('认领项目', `以${unit?.unitName ?? '本单位'}的名义认领「${p.title}」？认领后列入本单位和${p.communityName}的共建计划。`, '认领'))) return
    done(await run(() => call('projects', 'claim', { id: p._id, ...(unit ? { unitId: unit.unitId } : {}) })), '认领成功')
  }
  const accept = async () => {
    if (!(await confirmStep('接受申请', `接受${p.communityName}的申请「${p.title}」？接受后列入共建计划。`, '接受'))) return
    done(await run(() => call('projects', 'accept', { id: p._id })), '已接受')
  }
  const join = async () => {
    if (!(await confirmStep('参与项目', `参与「${p.title}」？参与后可以登记进展。`, '参与'))) return
    done(await run(() => call('projects', 'join', { id: p._id })), '已参与')
  }
  const submit = async () => {
    const t = text.trim()
    if (!t) return setError(form === 'rate' ? '请写一句评价' : form === 'progress' ? '请写明这次的进展' : '请写明原因或情况')
    if (uploading) return setError('照片还在上传，请稍等')
    setError('')
    if (form === 'progress') {
      done(await run(() => call('projects', 'progress', { id: p._id, text: t, ...(photos.length ? { photos: photos.map((ph) => ph.fileID) } : {}) })), '进展已登记')
    } else if (form === 'complete') {
      if (!(await confirmStep('登记完成', `「${p.title}」已经完成？登记后请社区评实效，不能再登记进展。`, '完成'))) return
      done(await run(() => call('projects', 'complete', { id: p._id, note: t })), '已登记完成')
    } else if (form === 'rate') {
      if (!(await confirmStep('评实效', `给「${p.title}」评「${RATING_LABEL[rating]}」？评后不能修改。`, '提交'))) return
      done(await run(() => call('projects', 'rate', { id: p._id, value: rating, comment: t })), '已评实效')
    } else if (form === 'decline') {
      if (!(await confirmStep('婉拒申请', '婉拒后，原因会告诉社区。', '婉拒'))) return
      done(await run(() => call('projects', 'decline', { id: p._id, reason: t })), '已婉拒')
    } else if (form === 'withdraw') {
      if (!(await confirmStep('撤回需求', `「${p.title}」撤回后结对单位不能再认领。`, '撤回'))) return
      done(await run(() => call('projects', 'withdraw', { id: p._id, reason: t })), '已撤回')
    }
  }

  const FORM_TEXT: Record<Exclude<Form, null>, [label: string, placeholder: string, button: string]> = {
    progress: ['这次做了什么', '例如：第一周辅导 12 名孩子', '提交进展'],
    complete: ['完成情况', '例如：本期共 8 次辅导、服务 96 人次', '确认完成'],
    rate: ['评价（单位会看到）', '例如：孩子们作业按时完成，家长很满意', '提交评实效'],
    decline: ['婉拒的原因（社区会看到）', '例如：那一周人员外出培训，可改到下周', '确认婉拒'],
    withdraw: ['撤回的原因', '例如：已由物业解决', '确认撤回'],
  }
  const open = (f: Exclude<Form, null>) => () => {
    setError('')
    setForm(f)
  }

  return (
    <>
      <Section title='项目'>
        <ProjectFacts p={p} full />
      </Section>
      <FormError message={error} />
      {form ? (
        <Section title={PROJECT_ACTION_LABEL[form]}>
          {form === 'rate' ? <ChoiceList choices={(Object.keys(RATING_LABEL) as Rating[]).map((k) => ({ key: k, title: RATING_LABEL[k] }))} selectedKey={rating} onChoose={setRating} disabled={busy} /> : null}
          <TextField label={FORM_TEXT[form][0]} value={text} onChange={setText} max={form === 'decline' || form === 'withdraw' || form === 'rate' ? 200 : 300} placeholder={FORM_TEXT[form][1]} disabled={busy} />
          {form === 'progress' ? <PhotoUploader label='照片（可不传）' value={photos} onChange={setPhotos} onBusy={setUploading} max={6} /> : null}
          <AtButton className='jl-button jl-submit' type='primary' loading={busy} disabled={busy} onClick={() => void submit()}>
            {FORM_TEXT[form][2]}
          </AtButton>
          <AtButton className='jl-button' disabled={busy} onClick={() => setForm(null)}>
            取消
          </AtButton>
        </Section>
      ) : (
        <>
          {can('claim') ? (
            <AtButton className='jl-button' type='primary' loading={busy} disabled={busy} onClick={() => void claim()}>
              {PROJECT_ACTION_LABEL.claim}
            </AtButton>
          ) : null}
          {can('accept') ? (
            <AtButton className='jl-button' type='primary' loading={busy} disabled={busy} onClick={() => void accept()}>
              {PROJECT_ACTION_LABEL.accept}
            </AtButton>
          ) : null}
          {can('join') ? (
            <AtButton className='jl-button' type='primary' loading={busy} disabled={busy} onClick={() => void join()}>
              {PROJECT_ACTION_LABEL.join}
            </AtButton>
          ) : null}
          {(['progress', 'complete', 'rate', 'decline', 'withdraw'] as const).map((f) =>
            can(f) ? (
              <AtButton key={f} className='jl-button' type={f === 'decline' || f === 'withdraw' ? undefined : 'primary'} disabled={busy} onClick={open(f)}>
                {PROJECT_ACTION_LABEL[f]}
              </AtButton>
            ) : null,
          )}
        </>
      )}
    </>
  )
}
