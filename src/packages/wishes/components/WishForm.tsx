import { Picker, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { AtButton } from 'taro-ui'

import type { Me } from '@/types/domain'

import Section from '@/components/Section'
import FormError from '@/components/States/FormError'
import Toggle from '@/components/Toggle'
import LineField from '@/components/form/LineField'
import PhotoUploader, { type Photo } from '@/components/form/PhotoUploader'
import TextField from '@/components/form/TextField'
import { confirmStep } from '@/components/form/confirmStep'
import { useAction } from '@/hooks/useAction'
import { useRequestId } from '@/hooks/useRequestId'
import { dayAfter, formatDate } from '@/domain/format'
import { reviewsWishes, WISH_CHANGED, WISH_ROUTES } from '@/domain/wishes'
import { call } from '@/services/api'
import { tappable } from '@/utils/a11y'

/**
 * 我有一个心愿: what, why, by when (tomorrow at the earliest), where to deliver it, an optional
 * photo. Staff may post for a resident without the app (代居民发布: their name and phone). It goes
 * to the community's staff to review; the wall never shows the name, address or phone.
 */
export default function WishForm({ me }: { me: Me }) {
  const staffOf = me.roles.find((g) => ['staff', 'gridWorker', 'secretary'].includes(g.role))?.communityId ?? null
  // One key per submission of this form: a retry after a timeout posts the same wish.
  const [requestId] = useRequestId()
  const [forSomeone, setForSomeone] = useState(!me.community && reviewsWishes(me))
  const [title, setTitle] = useState('')
  const [reason, setReason] = useState('')
  const [neededBy, setNeededBy] = useState(dayAfter(7))
  const [address, setAddress] = useState(me.building?.name ?? '')
  const [wisherName, setWisherName] = useState('')
  const [wisherPhone, setWisherPhone] = useState('')
  const [photos, setPhotos] = useState<Photo[]>([])
  const [uploading, setUploading] = useState(false)
  const { busy, error, setError, run } = useAction()

  const submit = async () => {
    if (!title.trim()) return setError('请写一下心愿是什么')
    if (!reason.trim()) return setError('请写一下为什么需要')
    if (!address.trim()) return setError('请写一下送到哪里')
    if (forSomeone && !wisherName.trim()) return setError('请写心愿人的姓名')
    if (uploading) return setError('照片还在上传，请稍等')
    setError('')
    if (!(await confirmStep('提交心愿', '提交后由社区审核，通过后放上心愿墙（只显示姓氏）。', '提交'))) return
    const saved = await run(() =>
      call('wishes', 'post', {
        title: title.trim(),
        reason: reason.trim(),
        neededBy,
        address: address.trim(),
        ...(photos.length ? { photos: photos.map((p) => p.fileID) } : {}),
        ...(forSomeone && staffOf ? { communityId: staffOf, wisherName: wisherName.trim(), ...(wisherPhone.trim() ? { wisherPhone: wisherPhone.trim() } : {}) } : {}),
        requestId,
      }),
    )
    if (!saved) return
    Taro.eventCenter.trigger(WISH_CHANGED)
    void Taro.showToast({ title: '已提交，等待社区审核', icon: 'none' })
    void Taro.redirectTo({ url: WISH_ROUTES.mine })
  }

  return (
    <>
      {staffOf ? (
        <Section>
          <Toggle label='代居民发布' description='为没有手机、不会用小程序的居民发布心愿' checked={forSomeone} onChange={setForSomeone} />
          {forSomeone ? (
            <>
              <LineField label='心愿人姓名' value={wisherName} onChange={setWisherName} max={20} />
              <LineField label='心愿人电话（可不填）' value={wisherPhone} onChange={setWisherPhone} max={11} type='number' />
            </>
          ) : null}
        </Section>
      ) : null}
      <Section title='心愿'>
        <LineField label='心愿是什么' value={title} onChange={setTitle} max={30} placeholder='例如：一副老花镜（300 度）' />
        <TextField label='为什么需要' value={reason} onChange={setReason} max={200} placeholder='例如：原来的眼镜摔坏了，看不清药盒上的字' disabled={busy} />
        <View className='jl-field'>
          <Text className='jl-field__label'>希望什么时候前实现</Text>
          <Picker mode='date' value={neededBy} start={dayAfter(1)} end={dayAfter(365)} onChange={(e) => setNeededBy(String(e.detail.value))}>
            <View className='jl-picker' {...tappable(`希望 ${formatDate(neededBy)}前实现，点此更换`)}>
              <Text>{formatDate(neededBy)}</Text>
              <Text className='jl-picker__change'>更换</Text>
            </View>
          </Picker>
        </View>
        <LineField label='送到哪里（只给认领人和社区看）' value={address} onChange={setAddress} max={60} placeholder='例如：幸福小区1号楼 302' />
        <PhotoUploader label='照片' value={photos} onChange={setPhotos} onBusy={setUploading} max={3} />
      </Section>
      <FormError message={error} />
      <AtButton className='jl-button jl-submit' type='primary' loading={busy} disabled={busy} onClick={() => void submit()}>
        提交心愿
      </AtButton>
    </>
  )
}
