import { useState } from 'react'
import { AtButton } from 'taro-ui'

import type { DemandDetail } from '@/types/dispatch'

import Section from '@/components/Section'
import FormError from '@/components/States/FormError'
import PhotoUploader, { type Photo } from '@/components/form/PhotoUploader'
import Stepper from '@/components/form/Stepper'
import TextField from '@/components/form/TextField'
import { confirmStep } from '@/components/form/confirmStep'
import { formatHours } from '@/domain/format'
import { call } from '@/services/api'
import { useStepForm } from './useStepForm'

const clampHours = (h: number) => Math.min(24, Math.max(0.5, Math.round(h * 2) / 2))

/**
 * 办结: what was done, optional photos, and — for a member who claimed the task — their own hours.
 * Staff completing a demand the community handled itself report no hours.
 */
export default function CompleteForm({ d }: { d: DemandDetail }) {
  const byCommunity = d.status === 'handling'
  const [notes, setNotes] = useState('')
  const [photos, setPhotos] = useState<Photo[]>([])
  const [uploading, setUploading] = useState(false)
  const [hours, setHours] = useState(clampHours(d.dispatch?.expectedHours ?? 1))
  const { error, setError, busy, send } = useStepForm()

  const submit = async () => {
    if (!notes.trim()) {
      setError('请写一下办理情况')
      return
    }
    if (uploading) {
      setError('照片还在上传，请稍等')
      return
    }
    setError('')
    const ok = await confirmStep('办结', byCommunity ? '确认已办结？之后请居民评价。' : `确认已办结，服务 ${formatHours(hours)}？提交后由社区验收。`, '确认办结')
    if (!ok) return
    await send(
      () =>
        call('dispatch', 'complete', {
          id: d._id,
          notes: notes.trim(),
          ...(photos.length ? { photos: photos.map((p) => p.fileID) } : {}),
          ...(byCommunity ? {} : { hours }),
        }),
      '已办结',
    )
  }

  return (
    <>
      <Section title='办理情况'>
        <TextField label='做了什么、结果如何' value={notes} onChange={setNotes} max={500} placeholder='例如：已更换楼道灯泡 2 个，居民确认可以正常使用' disabled={busy} />
        <PhotoUploader label='现场照片' value={photos} onChange={setPhotos} onBusy={setUploading} />
      </Section>
      {byCommunity ? null : (
        <Section title='服务时长'>
          <Stepper label='我的服务时长' value={hours} onChange={setHours} min={0.5} max={24} step={0.5} unit='小时' />
        </Section>
      )}
      <FormError message={error} />
      <AtButton className='jl-button jl-submit' type='primary' loading={busy} disabled={busy} onClick={() => void submit()}>
        确认办结
      </AtButton>
    </>
  )
}
