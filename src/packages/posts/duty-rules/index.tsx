import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { AtButton } from 'taro-ui'

import type { DutyRules } from '@/types/posts'

import IdentityGate from '@/components/IdentityGate'
import Page from '@/components/Page'
import Row from '@/components/Row'
import Section from '@/components/Section'
import { EmptyState, ErrorState, Loading } from '@/components/States'
import FormError from '@/components/States/FormError'
import LineField from '@/components/form/LineField'
import { confirmStep } from '@/components/form/confirmStep'
import { DUTY_FIELDS, dutyRuleProblem, POSTS_CHANGED } from '@/domain/posts'
import { isPointsAdmin } from '@/domain/points'
import { useAction } from '@/hooks/useAction'
import { useLoad } from '@/hooks/useLoad'
import { call } from '@/services/api'
import '../components/posts.scss'

type Draft = Record<keyof DutyRules, string>
const draftOf = (r: DutyRules): Draft => ({ serviceHours: String(r.serviceHours), checkIns: String(r.checkIns), surveys: String(r.surveys), problems: String(r.problems) })

/** The county's form: each duty as a whole number, checked as typed; saved together after asking. */
function DutyRulesForm({ rules, onSaved }: { rules: DutyRules; onSaved: (r: DutyRules) => void }) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(rules))
  const { busy, error, run } = useAction()
  const problems = DUTY_FIELDS.map((f) => dutyRuleProblem(f, draft[f.key])).filter((p): p is string => !!p)
  const changed = DUTY_FIELDS.filter((f) => !dutyRuleProblem(f, draft[f.key]) && Number(draft[f.key]) !== rules[f.key])
  const save = async () => {
    if (problems.length || !changed.length) return
    const words = changed.map((f) => `${f.label} ${rules[f.key]} → ${Number(draft[f.key])} ${f.unit}`).join('；')
    if (!(await confirmStep('修改年度任务', `${words}。全县在职党员的年度任务从现在起按新目标计算。`, '确认修改'))) return
    const next = await run(() => call('posts', 'setDutyRules', Object.fromEntries(changed.map((f) => [f.key, Number(draft[f.key])]))))
    if (!next) return
    onSaved(next)
    Taro.eventCenter.trigger(POSTS_CHANGED)
    void Taro.showToast({ title: '已保存年度任务', icon: 'none' })
  }
  return (
    <Section title='修改年度任务（县委组织部）'>
      {DUTY_FIELDS.map((f) => (
        <LineField key={f.key} label={`${f.label}（${f.unit}）`} type='number' value={draft[f.key]} max={3} onChange={(v) => setDraft({ ...draft, [f.key]: v })} placeholder={`0–${f.max}`} />
      ))}
      {problems.map((p) => (
        <FormError key={p} message={p} />
      ))}
      <FormError message={error} />
      <AtButton className='jl-button jl-submit' type='primary' loading={busy} disabled={busy || problems.length > 0 || changed.length === 0} onClick={() => void save()}>
        {changed.length && !problems.length ? `保存 ${changed.length} 项修改` : '没有修改'}
      </AtButton>
    </Section>
  )
}

/** 年度任务设置 (the county's admin): the yearly duties in force, and the form to change them. */
function DutyRulesScreen() {
  const { state, reload, set } = useLoad<DutyRules>(() => call('posts', 'dutyRules', {}), 'dutyRules')
  if (state.status === 'loading') return <Loading />
  if (state.status === 'error') return <ErrorState message={state.message} onRetry={() => void reload()} />
  const rules = state.data
  return (
    <>
      <Section title='在职党员年度任务'>
        {DUTY_FIELDS.map((f) => (
          <Row key={f.key} label={f.label}>{`${rules[f.key]} ${f.unit}`}</Row>
        ))}
        <View className='jl-field__hint'>
          <Text>每位在职党员在「我的年度任务」里看到进度；单位联络员看到本单位落后的党员。</Text>
          <Text>服务时长目标就是「积分规则」里的党员年度服务时长目标，统计看板和导出也按它计算；在这里或在积分规则里修改都可以。</Text>
        </View>
      </Section>
      <DutyRulesForm key={JSON.stringify(rules)} rules={rules} onSaved={set} />
    </>
  )
}

export default function DutyRulesPage() {
  return (
    <Page>
      <IdentityGate>{(me) => (isPointsAdmin(me) ? <DutyRulesScreen key={me.openid} /> : <EmptyState title='只有县委组织部可以设置年度任务' />)}</IdentityGate>
    </Page>
  )
}
