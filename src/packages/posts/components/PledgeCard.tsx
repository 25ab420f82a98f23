import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { AtButton } from 'taro-ui'

import type { ReviewGrade } from '@/types/points'
import type { PledgeView, ResidentVerdict } from '@/types/posts'

import { Tag } from '@/components/DemandTags'
import Photos from '@/components/Photos'
import FormError from '@/components/States/FormError'
import PhotoUploader, { type Photo } from '@/components/form/PhotoUploader'
import TextField from '@/components/form/TextField'
import { confirmStep } from '@/components/form/confirmStep'
import { GRADE_LABEL, PLEDGE_LABEL, PLEDGE_TONE, POSTS_CHANGED, VERDICT_LABEL } from '@/domain/posts'
import { useAction } from '@/hooks/useAction'
import { call } from '@/services/api'

const GRADES: ReviewGrade[] = ['excellent', 'good', 'fair', 'poor']
const VERDICTS: ResidentVerdict[] = ['satisfied', 'basic', 'unsatisfied']

/** A pledge with what the server allows now: 登记践诺 (note + photo), 评诺 (the branch), 群众评 (residents). */
export default function PledgeCard({ p: initial }: { p: PledgeView }) {
  const [p, setP] = useState(initial)
  const [note, setNote] = useState('')
  const [photos, setPhotos] = useState<Photo[]>([])
  const [uploading, setUploading] = useState(false)
  const [comment, setComment] = useState('')
  const { busy, error, setError, run } = useAction()
  const can = (e: PledgeView['allowedActions'][number]) => p.allowedActions.includes(e)
  const done = (next: PledgeView | undefined, message: string) => {
    if (!next) return
    setP(next)
    Taro.eventCenter.trigger(POSTS_CHANGED)
    void Taro.showToast({ title: message, icon: 'none' })
  }
  const fulfil = async () => {
    if (!note.trim()) return setError('请写一下践诺的情况')
    if (uploading) return setError('照片还在上传，请稍等')
    if (!photos.length) return setError('请上传至少一张践诺的照片')
    if (!(await confirmStep('登记践诺', `「${p.text}」已经做到？登记后由社区评诺、居民评价。`, '登记'))) return
    done(await run(() => call('posts', 'fulfilPledge', { id: p._id, note: note.trim(), photos: photos.map((x) => x.fileID) })), '已登记践诺')
  }
  const rate = async (grade: ReviewGrade) => {
    if (!(await confirmStep('评诺', `评 ${p.name} 的承诺「${p.text}」为「${GRADE_LABEL[grade]}」？`, '评诺'))) return
    done(await run(() => call('posts', 'ratePledge', { id: p._id, grade, comment: comment.trim() })), '已评诺')
  }
  const verdict = async (v: ResidentVerdict) => {
    if (!(await confirmStep('评价承诺', `对 ${p.name} 的承诺「${p.text}」评价「${VERDICT_LABEL[v]}」？每人只能评价一次。`, '评价'))) return
    done(await run(() => call('posts', 'residentRatePledge', { id: p._id, verdict: v })), '谢谢您的评价')
  }
  return (
    <View className='jl-card jl-pledge'>
      <View className='jl-tags'>
        <Tag text={PLEDGE_LABEL[p.status]} tone={PLEDGE_TONE[p.status]} strong />
      </View>
      <Text className='jl-card__title'>{p.text}</Text>
      <Text className='jl-card__meta'>{`${p.name} · ${p.year} 年承诺`}</Text>
      {p.fulfilment ? (
        <>
          <Text className='jl-card__text'>{`践诺情况：${p.fulfilment.note}`}</Text>
          <Photos urls={p.fulfilment.photos.map((x) => x.url)} what='践诺照片' />
        </>
      ) : null}
      {p.rating ? <Text className='jl-ok'>{`社区评诺：${GRADE_LABEL[p.rating.grade]}${p.rating.comment ? `，${p.rating.comment}` : ''}`}</Text> : null}
      {p.status !== 'pledged' ? <Text className='jl-card__meta'>{`居民评价：满意 ${p.residents.satisfied} · 基本满意 ${p.residents.basic} · 不满意 ${p.residents.unsatisfied}`}</Text> : null}
      {p.myVerdict ? <Text className='jl-card__meta'>{`我的评价：${VERDICT_LABEL[p.myVerdict]}`}</Text> : null}
      <FormError message={error} />
      {can('fulfil') ? (
        <>
          <TextField label='践诺情况' value={note} onChange={setNote} max={200} placeholder='例如：本月为王秀英代购降压药 2 次' disabled={busy} />
          <PhotoUploader label='践诺照片（至少 1 张）' value={photos} onChange={setPhotos} onBusy={setUploading} max={3} />
          <AtButton className='jl-button' type='primary' loading={busy} disabled={busy} onClick={() => void fulfil()}>
            登记践诺
          </AtButton>
        </>
      ) : null}
      {can('rate') ? (
        <>
          <TextField label='评语' value={comment} onChange={setComment} max={200} optional placeholder='例如：坚持得好，群众认可' disabled={busy} />
          <View className='jl-actions'>
            {GRADES.map((g) => (
              <AtButton key={g} className='jl-button' size='small' disabled={busy} onClick={() => void rate(g)}>
                {GRADE_LABEL[g]}
              </AtButton>
            ))}
          </View>
        </>
      ) : null}
      {can('residentRate') ? (
        <View className='jl-actions'>
          {VERDICTS.map((v) => (
            <AtButton key={v} className='jl-button' size='small' disabled={busy} onClick={() => void verdict(v)}>
              {VERDICT_LABEL[v]}
            </AtButton>
          ))}
        </View>
      ) : null}
    </View>
  )
}
