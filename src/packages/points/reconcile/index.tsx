import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { AtButton } from 'taro-ui'

import type { ReconcileReport } from '@/types/points'

import IdentityGate from '../../../components/IdentityGate'
import Page from '../../../components/Page'
import Row from '../../../components/Row'
import Section from '../../../components/Section'
import { EmptyState } from '../../../components/States'
import FormError from '../../../components/States/FormError'
import { useAction } from '../../../components/States/useAction'
import { isPointsAdmin } from '../../../domain/points'
import { call } from '../../../services/api'
import '../components/points.scss'

/** 积分对账 (admin): recompute every account and leaderboard tally from the ledger; differences listed, nothing changed. */
function ReconcileScreen() {
  const [report, setReport] = useState<ReconcileReport | null>(null)
  const { busy, error, run } = useAction()
  const reconcile = async () => {
    const next = await run(() => call('points', 'reconcile', {}))
    if (next) setReport(next)
  }
  return (
    <>
      <Section title='积分对账'>
        <Text className='jl-field__hint'>从全部积分明细重新计算每个账户的余额、时长和排行，与保存的数字逐一核对。只核对，不修改。</Text>
        <FormError message={error} />
        <AtButton className='jl-button' type='primary' loading={busy} disabled={busy} onClick={() => void reconcile()}>
          {report ? '重新对账' : '开始对账'}
        </AtButton>
      </Section>
      {report ? (
        <Section title={report.differences.length ? `发现 ${report.differences.length} 处差异` : '账实相符'}>
          <Row label='积分明细'>{`${report.entries} 条`}</Row>
          <Row label='账户'>{`${report.accounts} 个`}</Row>
          <Row label='排行统计'>{`${report.tallies} 份`}</Row>
          {report.differences.map((d) => (
            <View key={`${d.kind}:${d.key}:${d.field}`} className='jl-person'>
              <Text className='jl-person__name'>{`${d.kind === 'account' ? '账户' : '排行'} ${d.key}`}</Text>
              <Text className='jl-person__meta'>{`${d.field}：保存 ${d.cached ?? '无'}，按明细应为 ${d.computed}`}</Text>
            </View>
          ))}
        </Section>
      ) : null}
    </>
  )
}

export default function ReconcilePage() {
  return (
    <Page>
      <IdentityGate>{(me) => (isPointsAdmin(me) ? <ReconcileScreen key={me.openid} /> : <EmptyState title='只有县委组织部可以对账' />)}</IdentityGate>
    </Page>
  )
}
