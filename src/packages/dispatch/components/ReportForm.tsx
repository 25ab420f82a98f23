import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { AtButton } from 'taro-ui'

import type { DemandCategory, Urgency } from '@/types/dispatch'
import type { Me, UserSummary } from '@/types/domain'

import ChoiceList from '@/components/ChoiceList'
import Section from '@/components/Section'
import { EmptyState } from '@/components/States'
import FormError from '@/components/States/FormError'
import Toggle from '@/components/Toggle'
import PhotoUploader, { type Photo } from '@/components/form/PhotoUploader'
import TextField from '@/components/form/TextField'
import { confirmStep } from '@/components/form/confirmStep'
import { CATEGORIES, CATEGORY_HINT, CATEGORY_LABEL, isCommunityStaff, ROUTES } from '@/domain/dispatch'
import { useRequestId } from '@/hooks/useRequestId'
import { call } from '@/services/api'
import ResidentPicker from './ResidentPicker'
import { announce, messageOf } from './useDemand'

const MAX_TEXT = 500

type For = 'self' | 'behalf'

function BindFirst() {
  return (
    <EmptyState title='请先绑定您住的楼栋' description='诉求会送到您所住楼栋所在的社区。请先到「我的」绑定楼栋，再回来反映。'>
      <AtButton className='jl-button' type='primary' onClick={() => void Taro.switchTab({ url: ROUTES.me })}>
        去「我的」绑定楼栋
      </AtButton>
    </EmptyState>
  )
}

/**
 * 我要反映: what kind of matter (large choices), what happened, optional photos, 紧急 or not,
 * 匿名 toward other residents. Goes to the community the person's building belongs to.
 * Community staff (社区工作者, 网格员, 书记) first choose 为谁反映: themselves, or a resident of
 * their community (代居民反映, sent with `onBehalfOf`; their own binding is then not needed).
 */
export default function ReportForm({ me }: { me: Me }) {
  const staff = isCommunityStaff(me)
  // One key per submission of this form: a retry after a timeout files the same demand.
  const [requestId] = useRequestId()
  const [forWhom, setForWhom] = useState<For>(staff && !me.building ? 'behalf' : 'self')
  const [resident, setResident] = useState<UserSummary | null>(null)
  const [category, setCategory] = useState<DemandCategory | null>(null)
  const [text, setText] = useState('')
  const [photos, setPhotos] = useState<Photo[]>([])
  const [uploading, setUploading] = useState(false)
  const [urgency, setUrgency] = useState<Urgency>('normal')
  const [anonymous, setAnonymous] = useState(false)
  const [errors, setErrors] = useState<string[]>([])
  const [submitting, setSubmitting] = useState(false)

  if (!staff && !me.building) {
    return (
      <Section title='我要反映'>
        <BindFirst />
      </Section>
    )
  }

  const behalf = staff && forWhom === 'behalf'
  const submit = async () => {
    const problems: string[] = []
    if (behalf && !resident) problems.push('请选择代哪位居民反映')
    if (!category) problems.push('请选择要反映哪一类事情')
    if (!text.trim()) problems.push('请写一下具体情况')
    if (uploading) problems.push('照片还在上传，请稍等')
    setErrors(problems)
    if (problems.length || !category) return
    if (behalf && resident) {
      const ok = await confirmStep('代居民反映', `确认代 ${resident.name}（${resident.phone || '无电话'}）反映？诉求记在该居民名下，送到其所在社区，居民可在「我的诉求」查看进度。`, '提交')
      if (!ok) return
    }
    setSubmitting(true)
    try {
      const detail = await call('dispatch', 'submit', {
        category,
        text: text.trim(),
        urgency,
        anonymous,
        ...(photos.length ? { photos: photos.map((p) => p.fileID) } : {}),
        ...(behalf && resident ? { onBehalfOf: resident.openid } : {}),
        requestId,
      })
      announce(detail)
      void Taro.showToast({ title: '已提交，社区会尽快受理', icon: 'none' })
      void Taro.redirectTo({ url: ROUTES.detail(detail._id) })
    } catch (e) {
      setErrors([messageOf(e)])
    } finally {
      setSubmitting(false)
    }
  }

  // Staff number their sections from 为谁反映; a resident's form is as it always was.
  const n = (i: number) => `${staff ? i + 1 : i}. `
  const selfBlocked = staff && forWhom === 'self' && !me.building
  return (
    <View className='jl-form'>
      {behalf ? (
        <Text className='jl-page__lead'>
          代居民反映：诉求记在所选居民名下，送到其所在的社区。社区工作人员会尽快受理，进度可在「派单 · 社区诉求」查看。
        </Text>
      ) : (
        <Text className='jl-page__lead'>
          反映到：{me.community?.name ?? '所在社区'}
          {me.building ? ` · ${me.building.name}` : ''}。社区工作人员会尽快受理，进度可在「派单 · 我的诉求」查看。
        </Text>
      )}
      {staff ? (
        <Section title='1. 为谁反映'>
          <ChoiceList
            selectedKey={forWhom}
            onChoose={(k) => {
              setForWhom(k)
              setErrors([])
            }}
            disabled={submitting}
            choices={[
              { key: 'self', title: '我自己', subtitle: me.building ? `以您本人的名义，反映到您住的${me.building.name}` : '以您本人的名义，需先绑定您住的楼栋' },
              { key: 'behalf', title: '代居民反映', subtitle: '替本社区的居民反映，诉求记在居民名下' },
            ]}
          />
          {behalf ? <ResidentPicker self={me.openid} value={resident} onChange={setResident} disabled={submitting} /> : null}
        </Section>
      ) : null}
      {selfBlocked ? (
        <Section>
          <BindFirst />
        </Section>
      ) : (
        <>
          <Section title={`${n(1)}反映哪一类事情`}>
            <ChoiceList
              selectedKey={category}
              onChoose={(k) => setCategory(k)}
              disabled={submitting}
              choices={CATEGORIES.map((c) => ({ key: c, title: CATEGORY_LABEL[c], subtitle: CATEGORY_HINT[c] }))}
            />
          </Section>
          <Section title={`${n(2)}具体情况`}>
            <TextField
              label='请写清楚什么事、在哪里'
              value={text}
              onChange={setText}
              max={MAX_TEXT}
              placeholder='例如：幸福小区3号楼楼道灯坏了一个星期，晚上看不见路'
              disabled={submitting}
            />
            <PhotoUploader value={photos} onChange={setPhotos} onBusy={setUploading} />
          </Section>
          <Section title={`${n(3)}急不急`}>
            <ChoiceList
              selectedKey={urgency}
              onChoose={(k) => setUrgency(k)}
              disabled={submitting}
              choices={[
                { key: 'normal', title: '一般', subtitle: '按正常时限办理' },
                { key: 'urgent', title: '紧急', subtitle: '涉及安全或急需处理，会优先办理' },
              ]}
            />
          </Section>
          <Section>
            <Toggle
              label='匿名'
              description={
                behalf
                  ? '对其他居民匿名。社区和办理单位仍能看到这位居民的姓名和电话，以便联系。'
                  : '对其他居民匿名。社区和办理单位仍能看到您的姓名和电话，以便联系您。'
              }
              checked={anonymous}
              busy={submitting}
              onChange={setAnonymous}
            />
          </Section>
          <FormError message={errors.join('；')} />
          <AtButton className='jl-button jl-submit' type='primary' loading={submitting} disabled={submitting} onClick={() => void submit()}>
            提交
          </AtButton>
        </>
      )}
    </View>
  )
}
