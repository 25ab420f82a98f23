import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { AtButton } from 'taro-ui'

import type { MemberProfile, MemberReview, ReviewGrade } from '@/types/points'

import ChoiceList from '@/components/ChoiceList'
import IdentityGate from '@/components/IdentityGate'
import Page from '@/components/Page'
import Row from '@/components/Row'
import Section from '@/components/Section'
import { ErrorState, Loading } from '@/components/States'
import FormError from '@/components/States/FormError'
import { useAction } from '@/hooks/useAction'
import { useLoad } from '@/hooks/useLoad'
import TextField from '@/components/form/TextField'
import { confirmStep } from '@/components/form/confirmStep'
import { RATING_LABEL } from '@/domain/dispatch'
import { formatHours, formatTime } from '@/domain/format'
import { GRADE_LABEL, GRADES } from '@/domain/points'
import { formatPercent, formatServed } from '@/domain/format'
import { call } from '@/services/api'
import { usePageParams } from '@/hooks/usePageParams'
import '../components/points.scss'

const SCOPE_LABEL = { unit: '单位评价', community: '社区评价' } as const

function ReviewForm({ p, scope, onDone }: { p: MemberProfile; scope: 'unit' | 'community'; onDone: () => void }) {
  const [grade, setGrade] = useState<ReviewGrade | null>(null)
  const [comment, setComment] = useState('')
  const { busy, error, setError, run } = useAction()
  const submit = async () => {
    if (!grade) {
      setError('请选择评价等次')
      return
    }
    if (!(await confirmStep(SCOPE_LABEL[scope], `评价 ${p.name} ${p.year} 年为「${GRADE_LABEL[grade]}」？再次评价会替换这次的。`, '确认评价'))) return
    const review = await run(() => call('points', 'reviewMember', { openid: p.openid, year: p.year, scope, grade, ...(comment.trim() ? { comment: comment.trim() } : {}) }))
    if (!review) return
    void Taro.showToast({ title: '已评价', icon: 'none' })
    onDone()
  }
  return (
    <Section title={`${SCOPE_LABEL[scope]}（${p.year} 年）`}>
      <ChoiceList selectedKey={grade} onChoose={(k) => setGrade(k)} disabled={busy} choices={GRADES.map((g) => ({ key: g, title: GRADE_LABEL[g] }))} />
      <TextField label='评语' value={comment} onChange={setComment} max={300} placeholder='这一年的服务和表现' optional disabled={busy} />
      <FormError message={error} />
      <AtButton className='jl-button' type='primary' loading={busy} disabled={busy} onClick={() => void submit()}>
        提交评价
      </AtButton>
    </Section>
  )
}

function Review({ label, r }: { label: string; r: MemberReview | null }) {
  return <Row label={label}>{r ? `${GRADE_LABEL[r.grade]}（${r.byName}，${formatTime(r.at)}）${r.comment ? `：${r.comment}` : ''}` : '尚未评价'}</Row>
}

/** 双认双评: a member's year — hours against the target, 双报到 months, the branch's reviews, residents' ratings. */
function MemberScreen({ openid }: { openid: string }) {
  const [version, setVersion] = useState(0)
  const { state, reload } = useLoad<MemberProfile>(() => call('points', 'memberProfile', openid ? { openid } : {}), `member:${openid}`, version)
  if (state.status === 'loading') return <Loading text='正在加载…' />
  if (state.status === 'error') return <ErrorState message={state.message} onRetry={() => void reload()} />
  const p = state.data
  const r = p.residentRatings
  return (
    <>
      <Section title={`${p.name} · ${p.year} 年`}>
        <Row label='服务时长'>{`${formatServed(p.yearTotals.hours)} / 目标 ${formatHours(p.target.hours)}（${p.target.met ? '已完成' : formatPercent(p.target.progress)}）`}</Row>
        <Row label='获得积分'>{`${p.yearTotals.points} 分`}</Row>
        <Row label='双报到'>{p.checkInMonths.length ? `${p.checkInMonths.length} 个月：${p.checkInMonths.map((m) => `${Number(m.slice(5))}月`).join('、')}` : '今年还没有报到'}</Row>
      </Section>
      <Section title='组织评价'>
        <Review label='单位评价' r={p.reviews.unit} />
        <Review label='社区评价' r={p.reviews.community} />
      </Section>
      {p.canReview.map((scope) => (
        <ReviewForm key={scope} p={p} scope={scope} onDone={() => setVersion((v) => v + 1)} />
      ))}
      <Section title='承诺、践诺、评诺'>
        <Row label='承诺'>{p.pledges.made ? `${p.pledges.made} 项，已践诺 ${p.pledges.fulfilled} 项` : '今年还没有承诺'}</Row>
        <Row label='社区评诺'>{GRADES.filter((g) => p.pledges.grades[g]).map((g) => `${GRADE_LABEL[g]} ${p.pledges.grades[g]}`).join(' · ') || '还没有评诺'}</Row>
        <Row label='居民评价'>{`满意 ${p.pledges.residents.satisfied} · 基本满意 ${p.pledges.residents.basic} · 不满意 ${p.pledges.residents.unsatisfied}`}</Row>
      </Section>
      <Section title='居民评价'>
        <Row label='评价'>{`满意 ${r.satisfied} · 基本满意 ${r.basic} · 不满意 ${r.unsatisfied}`}</Row>
        {r.recent.length === 0 ? <Text className='jl-person__meta'>还没有居民评价过这位党员参与的服务。</Text> : null}
        {r.recent.map((x) => (
          <View key={x.demandId} className='jl-person'>
            <View className='jl-person__head'>
              <Text className='jl-person__name'>{RATING_LABEL[x.value]}</Text>
              <Text className='jl-person__meta'>{formatTime(x.at)}</Text>
            </View>
            <Text className='jl-card__text'>{x.text}</Text>
            {x.comment ? <Text className='jl-person__meta'>{`评价意见：${x.comment}`}</Text> : null}
          </View>
        ))}
      </Section>
    </>
  )
}

export default function MemberPage() {
  const { openid = '' } = usePageParams()
  return (
    <Page>
      <IdentityGate>{(me) => <MemberScreen key={me.openid} openid={openid} />}</IdentityGate>
    </Page>
  )
}
