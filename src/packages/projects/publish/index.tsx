import { Picker, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { AtButton } from 'taro-ui'

import type { ServiceKind } from '@/types/projects'

import ChoiceList from '@/components/ChoiceList'
import Page from '@/components/Page'
import Section from '@/components/Section'
import { ErrorState } from '@/components/States'
import FormError from '@/components/States/FormError'
import LineField from '@/components/form/LineField'
import TextField from '@/components/form/TextField'
import { confirmStep } from '@/components/form/confirmStep'
import { useAction } from '@/hooks/useAction'
import { usePageParams } from '@/hooks/usePageParams'
import { dayAfter, formatDate } from '@/domain/format'
import { PROJECT_CHANGED, PROJECT_ROUTES, SERVICE_KIND_LABEL } from '@/domain/projects'
import { call } from '@/services/api'
import { tappable } from '@/utils/a11y'
import '../components/projects.scss'

function DayField({ label, value, onChange, start }: { label: string; value: string; onChange: (v: string) => void; start: string }) {
  return (
    <View className='jl-field'>
      <Text className='jl-field__label'>{label}</Text>
      <Picker mode='date' value={value} start={start} end={dayAfter(365)} onChange={(e) => onChange(String(e.detail.value))}>
        <View className='jl-picker' {...tappable(`${label} ${formatDate(value)}，点此更换`)}>
          <Text>{formatDate(value)}</Text>
          <Text className='jl-picker__change'>更换</Text>
        </View>
      </Picker>
    </View>
  )
}

const TITLES = { need: '发布需求', service: '发布服务清单', request: '申请服务' } as const

/**
 * The three forms of the two lists: 发布需求 (staff: what the community needs, the period, the help
 * wanted), 发布服务或资源 (a liaison: what the unit can offer), 申请服务 (staff: asking a paired unit
 * for one of its offers, for a period). Each asks before it sends.
 */
function PublishForm({ kind, communityId, unitId, serviceId, serviceTitle }: { kind: keyof typeof TITLES; communityId: string; unitId: string; serviceId: string; serviceTitle: string }) {
  const [title, setTitle] = useState('')
  const [description, setDescription] = useState('')
  const [helpWanted, setHelpWanted] = useState('')
  const [from, setFrom] = useState(dayAfter(0))
  const [to, setTo] = useState(dayAfter(60))
  const [serviceKind, setServiceKind] = useState<ServiceKind>('service')
  const { busy, error, setError, run } = useAction()
  useEffect(() => void Taro.setNavigationBarTitle({ title: TITLES[kind] }), [kind])

  const done = (message: string, url: string) => {
    Taro.eventCenter.trigger(PROJECT_CHANGED)
    void Taro.showToast({ title: message, icon: 'none' })
    void Taro.redirectTo({ url })
  }

  const submit = async () => {
    if (kind !== 'request' && !title.trim()) return setError(kind === 'need' ? '请写项目名称' : '请写服务或资源的名称')
    if (kind !== 'request' && !description.trim()) return setError('请写一下具体内容')
    if (kind !== 'service' && !helpWanted.trim()) return setError(kind === 'need' ? '请写需要结对单位做什么' : '请写需要什么时候、做什么')
    if (kind !== 'service' && from > to) return setError('开始日期不能晚于结束日期')
    setError('')
    if (kind === 'need') {
      if (!(await confirmStep('发布需求', `把「${title.trim()}」放进本社区的需求清单？结对单位可以认领。`, '发布'))) return
      const p = await run(() => call('projects', 'publishNeed', { communityId, title: title.trim(), description: description.trim(), helpWanted: helpWanted.trim(), period: { from, to } }))
      if (p) done('已发布，等待结对单位认领', PROJECT_ROUTES.detail(p._id))
    } else if (kind === 'service') {
      if (!(await confirmStep('发布服务清单', `把「${title.trim()}」放进本单位的服务清单？结对社区可以申请。`, '发布'))) return
      const s = await run(() => call('projects', 'publishService', { unitId, kind: serviceKind, title: title.trim(), description: description.trim() }))
      if (s) done('已发布', `${PROJECT_ROUTES.index}?tab=unitServices`)
    } else {
      if (!(await confirmStep('申请服务', `向提供单位申请「${serviceTitle}」？对方接受后列入共建计划。`, '申请'))) return
      const p = await run(() => call('projects', 'request', { serviceId, communityId, helpWanted: helpWanted.trim(), period: { from, to } }))
      if (p) done('已申请，等待对方接受', PROJECT_ROUTES.detail(p._id))
    }
  }

  return (
    <>
      {kind === 'request' ? (
        <Section title='申请的服务'>
          <Text className='jl-card__title'>{serviceTitle}</Text>
        </Section>
      ) : (
        <Section title={kind === 'need' ? '需求' : '服务或资源'}>
          {kind === 'service' ? (
            <ChoiceList
              choices={(Object.keys(SERVICE_KIND_LABEL) as ServiceKind[]).map((k) => ({ key: k, title: SERVICE_KIND_LABEL[k], subtitle: k === 'service' ? '派人来做：法律咨询、义诊、政策讲解' : '借给社区用：场地、车辆、设备' }))}
              selectedKey={serviceKind}
              onChoose={setServiceKind}
              disabled={busy}
            />
          ) : null}
          <LineField label={kind === 'need' ? '项目名称' : '名称'} value={title} onChange={setTitle} max={30} placeholder={kind === 'need' ? '例如：四点半学校辅导' : '例如：劳动维权法律咨询'} />
          <TextField label='具体内容' value={description} onChange={setDescription} max={300} placeholder={kind === 'need' ? '例如：放学后辅导双职工家庭孩子的作业' : '例如：律师到社区坐诊，解答工资、社保问题'} disabled={busy} />
        </Section>
      )}
      {kind !== 'service' ? (
        <Section title='时间和需要的帮助'>
          <TextField label={kind === 'need' ? '需要结对单位做什么' : '需要什么时候、做什么'} value={helpWanted} onChange={setHelpWanted} max={200} placeholder={kind === 'need' ? '例如：每周二、四下午，两名党员' : '例如：12 月到社区坐诊一次'} disabled={busy} />
          <DayField label='开始日期' value={from} onChange={setFrom} start={dayAfter(0)} />
          <DayField label='结束日期' value={to} onChange={setTo} start={from} />
        </Section>
      ) : null}
      <FormError message={error} />
      <AtButton className='jl-button jl-submit' type='primary' loading={busy} disabled={busy} onClick={() => void submit()}>
        {TITLES[kind]}
      </AtButton>
    </>
  )
}

export default function PublishPage() {
  const { kind = '', communityId = '', unitId = '', serviceId = '', title = '' } = usePageParams()
  const known = kind === 'need' || kind === 'service' || kind === 'request'
  return (
    <Page>
      {known ? (
        <PublishForm kind={kind} communityId={communityId} unitId={unitId} serviceId={serviceId} serviceTitle={decodeURIComponent(title)} />
      ) : (
        <ErrorState message='没有找到要填写的内容' />
      )}
    </Page>
  )
}
