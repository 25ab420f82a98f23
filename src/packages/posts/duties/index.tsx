import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'

import type { Me } from '@/types/domain'
import type { DutyProgress } from '@/types/posts'

import IdentityGate from '@/components/IdentityGate'
import Page from '@/components/Page'
import { countIn } from '@/components/PagedList'
import PagedSection from '@/components/PagedSection'
import Section from '@/components/Section'
import { ErrorState, Loading } from '@/components/States'
import TextForm from '@/components/form/TextForm'
import { confirmStep } from '@/components/form/confirmStep'
import { isPostMember, progressLine, POSTS_CHANGED } from '@/domain/posts'
import { useChanged, useLoad } from '@/hooks/useLoad'
import { usePageParams } from '@/hooks/usePageParams'
import { call } from '@/services/api'
import '../components/posts.scss'

/** Each duty: done of target, as words and a bar. */
function Progress({ p }: { p: DutyProgress }) {
  return (
    <>
      {p.items.map((i) => (
        <View key={i.field} className='jl-duty'>
          <Text>{`${i.label}：${progressLine(i.done, i.target, i.field)}${i.met ? '（已完成）' : ''}`}</Text>
          <View className='jl-duty__bar'>
            <View className='jl-duty__fill' style={{ width: `${i.target > 0 ? Math.min(100, Math.round((i.done / i.target) * 100)) : 100}%` }} />
          </View>
        </View>
      ))}
    </>
  )
}

/** 登记调研: a member's 调研 of this quarter (one counted a quarter). */
function SurveyForm() {
  return (
    <TextForm
      title='登记本季度调研'
      label='调研内容'
      max={300}
      placeholder='例如：走访和平小区，了解停车难问题'
      required='请写下调研的内容和发现'
      ask={() => confirmStep('登记调研', '登记本季度的调研？每季度计 1 次。', '登记')}
      send={(note) => call('posts', 'recordSurvey', { note })}
      onSent={() => Taro.eventCenter.trigger(POSTS_CHANGED)}
      done='已登记调研'
      button='登记调研'
    />
  )
}

function MyDuties() {
  const version = useChanged(POSTS_CHANGED)
  const { state, reload } = useLoad(() => call('posts', 'myDuties', {}), 'duties', version)
  return (
    <>
      <Section title={state.status === 'ready' ? `${state.data.year} 年度任务` : '年度任务'}>
        {state.status === 'loading' ? <Loading /> : null}
        {state.status === 'error' ? <ErrorState message={state.message} onRetry={() => void reload()} /> : null}
        {state.status === 'ready' ? (
          <View className='jl-card jl-duties'>
            <Text className='jl-card__title'>{state.data.met ? '今年的任务都已完成' : state.data.behind ? `有 ${state.data.behind} 项落后于进度` : '按进度完成中'}</Text>
            <Progress p={state.data} />
          </View>
        ) : null}
      </Section>
      <SurveyForm />
    </>
  )
}

/** The liaison's view: every member of the unit, those behind first. */
function UnitDuties({ unitId }: { unitId: string }) {
  const version = useChanged(POSTS_CHANGED)
  return (
    <PagedSection
      title='本单位党员年度任务'
      listKey={`duties:${unitId}`}
      version={version}
      fetchPage={async (page) => (await call('posts', 'unitDuties', { unitId, page, pageSize: 20 })).people}
      idOf={(p) => p.openid}
      emptyTitle='本单位还没有党员'
      emptyDescription='党员加入本单位后，会在这里看到他们的年度任务进度。'
      count={countIn('人')}
      render={(p) => (
        <View key={p.openid} className='jl-card'>
          <Text className='jl-card__title'>{`${p.name}${p.met ? '（已完成）' : p.behind ? `（${p.behind} 项落后）` : ''}`}</Text>
          <Progress p={p} />
        </View>
      )}
    />
  )
}

function DutiesScreen({ me }: { me: Me }) {
  const { unit = '' } = usePageParams()
  if (unit) return <UnitDuties unitId={unit} />
  if (!isPostMember(me)) return <Section title='年度任务'><Text className='jl-card__text'>年度任务由在职党员完成：服务时长、每月双报到、每季度调研、协助解决难题。</Text></Section>
  return <MyDuties />
}

/** 年度任务: a member's progress on the county's yearly duties; with `?unit=`, the liaison's 本单位 view. */
export default function DutiesPage() {
  return (
    <Page>
      <IdentityGate>{(me) => <DutiesScreen key={me.openid} me={me} />}</IdentityGate>
    </Page>
  )
}
