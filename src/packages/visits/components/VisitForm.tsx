import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { AtButton } from 'taro-ui'

import type { DemandCategory } from '@/types/dispatch'
import type { KeyHouseholdDetail, NeedFound, VisitMethod, VisitOutcome, Wellbeing } from '@/types/visits'

import ChoiceList from '@/components/ChoiceList'
import Section from '@/components/Section'
import Segments from '@/components/Segments'
import { EmptyState, ErrorState, Loading } from '@/components/States'
import FormError from '@/components/States/FormError'
import { useAction } from '@/hooks/useAction'
import { useRequestId } from '@/hooks/useRequestId'
import Toggle from '@/components/Toggle'
import PhotoUploader, { type Photo } from '@/components/form/PhotoUploader'
import TextField from '@/components/form/TextField'
import { confirmStep } from '@/components/form/confirmStep'
import { CATEGORIES, CATEGORY_HINT, CATEGORY_LABEL } from '@/domain/dispatch'
import { formatTime } from '@/domain/format'
import { MAX_NEEDS, METHOD_LABEL, METHODS, VISIT_DAY_LABEL, VISIT_DAYS_BACK, visitAt, WELLBEING_HINT, WELLBEING_LABEL, WELLBEINGS } from '@/domain/visits'
import { call } from '@/services/api'
import { useSession } from '@/store/session'
import { announceHousehold, useHousehold } from './useHousehold'

// The server's limits (types/visits.ts): longer text would only be refused after typing it.
const MAX_NOTES = 200
const MAX_NEED = 200


const METHOD_HINT: Record<VisitMethod, string> = { door: '到家里看望', phone: '打电话问候', video: '视频通话' }

/**
 * 记录走访: few fields, each a large choice — how (上门 / 电话 / 视频), whether anyone was met
 * (敲门未遇 is an attempt and leaves the due date as it is), wellbeing, a need found (it becomes a
 * demand in the community's 待受理 in the same submit), notes and an optional photo. 书记敲门 is
 * offered to the secretary; opened from 待回访 it is the 回访 for that demand.
 */
/** A need found, as the form holds it until it is sent. */
interface Draft {
  category: DemandCategory | null
  text: string
}

function Form({ d, returnFor, secretary }: { d: KeyHouseholdDetail; returnFor: string; secretary: boolean }) {
  const mayMarkSecretary = d.allowedActions.includes('secretaryVisit')
  const owed = d.returnsDue.find((r) => r.demandId === returnFor) ?? null
  const [method, setMethod] = useState<VisitMethod>('door')
  const [outcome, setOutcome] = useState<VisitOutcome | null>(null)
  const [wellbeing, setWellbeing] = useState<Wellbeing | null>(null)
  const [needOn, setNeedOn] = useState(false)
  const [needs, setNeeds] = useState<Draft[]>([{ category: null, text: '' }])
  const [daysBack, setDaysBack] = useState(0)
  const [notes, setNotes] = useState('')
  const [photos, setPhotos] = useState<Photo[]>([])
  const [uploading, setUploading] = useState(false)
  const [asSecretary, setAsSecretary] = useState(secretary && mayMarkSecretary)
  // A key per form, so that a retried submit records the visit once (RecordVisitRequest.requestId).
  const [requestId] = useRequestId()
  // 长辈模式 asks for less: notes and photos wait behind one button.
  const { elderMode } = useSession()
  const [more, setMore] = useState(false)
  const moreOpen = more || !elderMode
  const { busy, error, setError, run } = useAction()
  const met = outcome === 'contact'
  const setNeed = (i: number, change: Partial<Draft>) => setNeeds(needs.map((n, j) => (j === i ? { ...n, ...change } : n)))

  const submit = async () => {
    const problems: string[] = []
    if (!outcome) problems.push('请选择见到人了没有')
    if (met && !wellbeing) problems.push('请选择身体和生活情况')
    if (met && needOn && needs.some((n) => !n.category)) problems.push('请选择发现的困难属于哪一类')
    if (met && needOn && needs.some((n) => !n.text.trim())) problems.push('请写一下需要帮什么')
    if (uploading) problems.push('照片还在上传，请稍等')
    setError(problems.join('；'))
    if (problems.length || !outcome) return
    const found: NeedFound[] = met && needOn ? needs.map((n) => ({ category: n.category as DemandCategory, text: n.text.trim() })) : []
    const at = visitAt(daysBack)
    const question = found.length
      ? `确认保存这次走访？发现的 ${found.length} 项困难会转成诉求，送到社区「待受理」。`
      : outcome === 'noContact'
        ? '确认记为敲门未遇？这算一次尝试，走访时间不变，请改天再去。'
        : owed
          ? '确认保存这次回访？'
          : '确认保存这次走访？'
    if (!(await confirmStep(owed ? '记录回访' : '记录走访', question, '保存'))) return
    const res = await run(() =>
      call('visits', 'recordVisit', {
        householdId: d.householdId,
        method,
        outcome,
        requestId,
        ...(at ? { at } : {}),
        ...(met && wellbeing ? { wellbeing } : {}),
        ...(notes.trim() ? { notes: notes.trim() } : {}),
        ...(found.length ? { needs: found } : {}),
        ...(photos.length ? { photos: photos.map((p) => p.fileID) } : {}),
        ...(asSecretary ? { secretaryVisit: true } : {}),
        ...(owed ? { returnForDemandId: owed.demandId } : {}),
      }),
    )
    if (!res) return
    announceHousehold(d.householdId)
    const saved = res.demandIds.length ? '已保存，困难已转为诉求' : owed && met ? '已记录回访' : '已保存走访记录'
    void Taro.showToast({ title: saved, icon: 'none' })
    void Taro.navigateBack()
  }

  return (
    <View className='jl-form'>
      <Section title={owed ? '回访' : '走访'}>
        <Text className='jl-household__address'>{d.address}</Text>
        <Text className='jl-field__hint'>联系人：{d.contactName}</Text>
        {owed ? (
          <Text className='jl-return__what'>
            回访「{CATEGORY_LABEL[owed.category]}」诉求：{formatTime(owed.resolvedAt)} 已办结，问问办得怎么样。见到人才算回访完成。
          </Text>
        ) : null}
      </Section>
      {mayMarkSecretary ? (
        <Section>
          <Toggle label='书记敲门' description='书记亲自走访，记录会标为书记敲门。' checked={asSecretary} busy={busy} onChange={setAsSecretary} />
        </Section>
      ) : null}
      <Section title='1. 怎么走访的'>
        <ChoiceList selectedKey={method} onChoose={(k) => setMethod(k)} disabled={busy} choices={METHODS.map((m) => ({ key: m, title: METHOD_LABEL[m], subtitle: METHOD_HINT[m] }))} />
      </Section>
      <Section title='2. 见到人了吗'>
        <ChoiceList
          selectedKey={outcome}
          onChoose={(k) => setOutcome(k)}
          disabled={busy}
          choices={[
            { key: 'contact', title: '见到了', subtitle: method === 'door' ? '见到本人或家人' : '联系上了本人或家人' },
            { key: 'noContact', title: '敲门未遇', subtitle: '没有见到人：算一次尝试，走访时间不变' },
          ]}
        />
      </Section>
      {met ? (
        <>
          <Section title='3. 身体和生活情况'>
            <ChoiceList selectedKey={wellbeing} onChoose={(k) => setWellbeing(k)} disabled={busy} choices={WELLBEINGS.map((w) => ({ key: w, title: WELLBEING_LABEL[w], subtitle: WELLBEING_HINT[w] }))} />
          </Section>
          <Section title='4. 有没有需要帮忙的事'>
            <Toggle label='发现了困难' description='提交后转成诉求，送到社区「待受理」，办结后会提醒您回访。' checked={needOn} busy={busy} onChange={setNeedOn} />
            {needOn
              ? needs.map((n, i) => (
                  <View key={i} className='jl-need'>
                    <Text className='jl-field__label'>{needs.length > 1 ? `第 ${i + 1} 项：属于哪一类` : '属于哪一类'}</Text>
                    <ChoiceList selectedKey={n.category} onChoose={(k) => setNeed(i, { category: k })} disabled={busy} choices={CATEGORIES.map((c) => ({ key: c, title: CATEGORY_LABEL[c], subtitle: CATEGORY_HINT[c] }))} />
                    <TextField label='需要帮什么' value={n.text} onChange={(text) => setNeed(i, { text })} max={MAX_NEED} placeholder='例如：家里水管漏水，老人没法自己修' disabled={busy} />
                    {needs.length > 1 ? (
                      <AtButton className='jl-button' disabled={busy} onClick={() => setNeeds(needs.filter((_, j) => j !== i))}>
                        {`删除第 ${i + 1} 项`}
                      </AtButton>
                    ) : null}
                  </View>
                ))
              : null}
            {needOn && needs.length < MAX_NEEDS ? (
              <AtButton className='jl-button' disabled={busy} onClick={() => setNeeds([...needs, { category: null, text: '' }])}>
                还有别的困难，再添一项
              </AtButton>
            ) : null}
          </Section>
        </>
      ) : null}
      <Section title={met ? '5. 走访记录' : '3. 走访记录'}>
        {moreOpen ? (
          <>
            <Text className='jl-field__label'>哪天走访的</Text>
            <Segments items={VISIT_DAYS_BACK.map((n) => ({ key: String(n), title: VISIT_DAY_LABEL[n] }))} value={String(daysBack)} onChange={(k) => setDaysBack(Number(k))} />
            <TextField label='情况说明' optional value={notes} onChange={setNotes} max={MAX_NOTES} placeholder='例如：老人精神不错，叮嘱天冷注意保暖（不要写病名诊断）' disabled={busy} />
            <PhotoUploader label='走访照片' value={photos} onChange={setPhotos} onBusy={setUploading} max={3} />
          </>
        ) : (
          <AtButton className='jl-button' onClick={() => setMore(true)}>
            补记哪天走访、写情况说明、拍照（可不填）
          </AtButton>
        )}
      </Section>
      <FormError message={error} />
      <AtButton className='jl-button jl-submit' type='primary' loading={busy} disabled={busy} onClick={() => void submit()}>
        {owed ? '保存回访' : '保存走访'}
      </AtButton>
    </View>
  )
}

/** The form once the household is loaded, and only while the server allows a visit. */
export default function VisitForm({ id, returnFor, secretary }: { id: string; returnFor: string; secretary: boolean }) {
  const { state, reload } = useHousehold(id, { follow: false })
  if (state.status === 'loading') return <Loading text='正在加载重点户…' />
  if (state.status === 'error') return <ErrorState message={state.message} onRetry={() => void reload()} />
  const d = state.data
  if (!d.allowedActions.includes('recordVisit') && !d.allowedActions.includes('secretaryVisit')) {
    return (
      <EmptyState title='现在不能记录走访' description='只有这户的包户和本社区工作人员可以记录走访。'>
        <AtButton className='jl-button' onClick={() => void Taro.navigateBack()}>
          返回
        </AtButton>
      </EmptyState>
    )
  }
  return <Form key={d.householdId} d={d} returnFor={returnFor} secretary={secretary} />
}
