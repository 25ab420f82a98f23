import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { AtButton } from 'taro-ui'

import type { ReconcileReport } from '@/types/points'

import { confirmStep } from '@/components/form/confirmStep'
import IdentityGate from '@/components/IdentityGate'
import Page from '@/components/Page'
import Row from '@/components/Row'
import Section from '@/components/Section'
import { EmptyState } from '@/components/States'
import FormError from '@/components/States/FormError'
import { useAction } from '@/hooks/useAction'
import { demandOfCreditKey, DIFFERENCE_KIND, isPointsAdmin } from '@/domain/points'
import { call } from '@/services/api'
import '../components/points.scss'

/** 积分对账 (admin): recompute every account and leaderboard tally from the ledger; differences listed, nothing changed. */
function ReconcileScreen() {
  const [report, setReport] = useState<ReconcileReport | null>(null)
  const { busy, error, run } = useAction()
  const reconcile = async () => {
    const next = await run(() => call('points', 'reconcile', {}))
    if (next) setReport(next)
  }
  // A verified demand whose hours never reached the ledger: credit it now (the source keys make
  // it once), then check again.
  const credit = async (demandId: string) => {
    if (!(await confirmStep('补记服务时长', '按验收时的服务时长为该诉求的党员补记积分，补记后不能撤回。确认补记？', '确认补记'))) return
    const done = await run(() => call('points', 'creditDemand', { demandId }))
    if (done) await reconcile()
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
          {report.redemptionsWithoutHome ? (
            <Text className='jl-field__hint'>{`有 ${report.redemptionsWithoutHome} 笔早期兑换没有记下兑换人当时的社区和单位，这些人当月和当年的“已兑换”未核对，其余都已核对。`}</Text>
          ) : null}
          {report.differences.map((d) => {
            const demandId = d.kind === 'credit' ? demandOfCreditKey(d.key) : null
            return (
              <View key={`${d.kind}:${d.key}:${d.field}`} className='jl-person'>
                <Text className='jl-person__name'>{`${DIFFERENCE_KIND[d.kind]} ${d.key}`}</Text>
                <Text className='jl-person__meta'>
                  {d.kind === 'credit' ? `验收的服务 ${d.computed} 小时未计入积分明细` : `${d.field}：保存 ${d.cached ?? '无'}，按明细应为 ${d.computed}`}
                </Text>
                {demandId ? (
                  <AtButton className='jl-button' disabled={busy} onClick={() => void credit(demandId)}>
                    补记该诉求的服务时长
                  </AtButton>
                ) : null}
              </View>
            )
          })}
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
