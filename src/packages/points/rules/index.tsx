import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { AtButton } from 'taro-ui'

import type { Me } from '@/types/domain'
import type { PointRules } from '@/types/points'

import IdentityGate from '@/components/IdentityGate'
import Page from '@/components/Page'
import Row from '@/components/Row'
import Section from '@/components/Section'
import { ErrorState, Loading } from '@/components/States'
import FormError from '@/components/States/FormError'
import { useAction } from '@/hooks/useAction'
import { useLoad } from '@/hooks/useLoad'
import Stepper from '@/components/form/Stepper'
import { confirmStep } from '@/components/form/confirmStep'
import { isPointsAdmin } from '@/domain/points'
import { call } from '@/services/api'
import '../components/points.scss'

/** Each rule in words, with its unit and the largest value the server takes. */
const RULES: { key: keyof PointRules; label: string; unit: string; max: number; step: number }[] = [
  { key: 'perServiceHour', label: '派单服务每小时', unit: '分', max: 1000, step: 1 },
  { key: 'perWish', label: '完成微心愿另加', unit: '分', max: 1000, step: 1 },
  { key: 'perActivityHour', label: '志愿活动每小时', unit: '分', max: 1000, step: 1 },
  { key: 'perCheckIn', label: '每月双报到', unit: '分', max: 1000, step: 1 },
  { key: 'dailyCap', label: '每人每天最多获得', unit: '分', max: 100000, step: 10 },
  { key: 'monthlyCap', label: '每人每月最多获得', unit: '分', max: 100000, step: 50 },
  { key: 'yearlyHourTarget', label: '党员年度服务时长目标', unit: '小时', max: 1000, step: 1 },
]

/** The county's changes: every rule as a stepper, saved together after asking. */
function RulesForm({ rules, onSaved }: { rules: PointRules; onSaved: (r: PointRules) => void }) {
  const [draft, setDraft] = useState(rules)
  const { busy, error, run } = useAction()
  const changed = RULES.filter((r) => draft[r.key] !== rules[r.key])
  const save = async () => {
    const words = changed.map((r) => `${r.label} ${rules[r.key]} → ${draft[r.key]} ${r.unit}`).join('；')
    if (!(await confirmStep('修改积分规则', `${words}。新规则从现在起生效，已记入的积分不变。`, '确认修改'))) return
    const next = await run(() => call('points', 'setRules', Object.fromEntries(changed.map((r) => [r.key, draft[r.key]]))))
    if (!next) return
    onSaved(next)
    void Taro.showToast({ title: '已保存', icon: 'none' })
  }
  return (
    <Section title='修改规则（县委组织部）'>
      {RULES.map((r) => (
        <Stepper key={r.key} label={r.label} value={draft[r.key]} onChange={(v) => setDraft({ ...draft, [r.key]: v })} min={0} max={r.max} step={r.step} unit={r.unit} />
      ))}
      <FormError message={error} />
      <AtButton className='jl-button jl-submit' type='primary' loading={busy} disabled={busy || changed.length === 0} onClick={() => void save()}>
        {changed.length ? `保存 ${changed.length} 项修改` : '没有修改'}
      </AtButton>
    </Section>
  )
}

/** 积分规则: how points are earned and capped, for everyone; the county's admin may change them. */
function RulesScreen({ me }: { me: Me }) {
  const { state, reload, set } = useLoad<PointRules>(() => call('points', 'rules', {}), 'rules')
  if (state.status === 'loading') return <Loading />
  if (state.status === 'error') return <ErrorState message={state.message} onRetry={() => void reload()} />
  const rules = state.data
  return (
    <>
      <Section title='怎样获得积分'>
        {RULES.map((r) => (
          <Row key={r.key} label={r.label}>{`${rules[r.key]} ${r.unit}`}</Row>
        ))}
        <View className='jl-field__hint'>
          <Text>积分只按经验收、核定的服务记入，每条都有来源；记入后不修改，更正时另记一笔冲销。</Text>
          <Text>党员年度服务时长目标也是「年度任务」的服务时长，统计看板按它统计达标。</Text>
        </View>
      </Section>
      {isPointsAdmin(me) ? <RulesForm key={JSON.stringify(rules)} rules={rules} onSaved={set} /> : null}
    </>
  )
}

export default function RulesPage() {
  return (
    <Page>
      <IdentityGate>{(me) => <RulesScreen key={me.openid} me={me} />}</IdentityGate>
    </Page>
  )
}
