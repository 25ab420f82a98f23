import Taro from '@tarojs/taro'
import { useState } from 'react'
import { AtButton } from 'taro-ui'

import type { WishView } from '@/types/wishes'

import Page from '@/components/Page'
import Section from '@/components/Section'
import { ErrorState, Loading } from '@/components/States'
import FormError from '@/components/States/FormError'
import PhotoUploader, { type Photo } from '@/components/form/PhotoUploader'
import TextField from '@/components/form/TextField'
import { confirmStep } from '@/components/form/confirmStep'
import { useAction } from '@/hooks/useAction'
import { useLoad } from '@/hooks/useLoad'
import { usePageParams } from '@/hooks/usePageParams'
import { WISH_CHANGED } from '@/domain/wishes'
import { call } from '@/services/api'
import WishFacts from '../components/WishFacts'
import '../components/wishes.scss'

/** 登记已送达: the claimant says how it went, with at least one photo; then the wisher confirms. */
function FulfilForm({ w }: { w: WishView }) {
  const [note, setNote] = useState('')
  const [photos, setPhotos] = useState<Photo[]>([])
  const [uploading, setUploading] = useState(false)
  const { busy, error, setError, run } = useAction()

  const submit = async () => {
    if (!note.trim()) return setError('请写一下送达的情况')
    if (uploading) return setError('照片还在上传，请稍等')
    if (!photos.length) return setError('请拍一张送达的照片')
    setError('')
    if (!(await confirmStep('登记已送达', `「${w.title}」已经送到？登记后请心愿人确认收到。`, '登记'))) return
    const saved = await run(() => call('wishes', 'fulfil', { id: w._id, note: note.trim(), photos: photos.map((p) => p.fileID) }))
    if (!saved) return
    Taro.eventCenter.trigger(WISH_CHANGED)
    void Taro.showToast({ title: '已登记，等待心愿人确认', icon: 'none' })
    void Taro.navigateBack()
  }

  return (
    <>
      <Section title='心愿'>
        <WishFacts w={w} />
      </Section>
      <Section title='送达情况'>
        <TextField label='送达情况' value={note} onChange={setNote} max={200} placeholder='例如：已把老花镜送到家里，老人试戴合适' disabled={busy} />
        <PhotoUploader label='送达照片（至少 1 张）' value={photos} onChange={setPhotos} onBusy={setUploading} max={3} />
      </Section>
      <FormError message={error} />
      <AtButton className='jl-button jl-submit' type='primary' loading={busy} disabled={busy} onClick={() => void submit()}>
        登记已送达
      </AtButton>
    </>
  )
}

export default function FulfilPage() {
  const { id = '' } = usePageParams()
  const { state, reload } = useLoad(() => call('wishes', 'detail', { id }), id)
  return (
    <Page>
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'error' ? <ErrorState message={state.message} onRetry={() => void reload()} /> : null}
      {state.status === 'ready' ? <FulfilForm w={state.data} /> : null}
    </Page>
  )
}
