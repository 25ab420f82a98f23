import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { AtButton } from 'taro-ui'

import type { AccountView, LedgerItem, PointsPage } from '@/types/points'

import LedgerList from '@/components/LedgerList'
import Section from '@/components/Section'
import { EmptyState, ErrorState, Loading } from '@/components/States'
import FormError from '@/components/States/FormError'
import { useAction } from '@/hooks/useAction'
import { useLoad } from '@/hooks/useLoad'
import { formatHours, formatTime } from '@/domain/format'
import { hoursToGo, POINTS_CHANGED, POINTS_ROUTES } from '@/domain/points'
import { formatPercent, formatServed } from '@/domain/format'
import { call } from '@/services/api'
import { tappable } from '@/utils/a11y'

/** How many recent entries the tab shows; the rest are on 积分明细. */
export const RECENT = 5

/** Hours this year against the yearly target, as a bar and in words. */
function TargetProgress({ a }: { a: AccountView }) {
  const left = hoursToGo(a.yearTotals.hours, a.target.hours)
  const words = a.target.met ? `已完成 ${a.year} 年度目标` : `已完成 ${formatPercent(a.target.progress)}，还差 ${formatHours(left)}`
  return (
    <View className='jl-target'>
      <View className='jl-target__head'>
        <Text className='jl-target__label'>{`${a.year} 年服务时长`}</Text>
        <Text className='jl-target__value'>{`${formatServed(a.yearTotals.hours)} / ${formatHours(a.target.hours)}`}</Text>
      </View>
      <View
        className='jl-target__track'
        role='progressbar'
        ariaRole='progressbar'
        ariaLabel={`年度服务时长目标，${words}`}
        {...({ 'aria-valuenow': String(Math.round(a.target.progress * 100)), 'aria-valuemin': '0', 'aria-valuemax': '100' } as Record<string, string>)}
      >
        <View className='jl-target__fill' style={{ width: formatPercent(a.target.progress) }} />
      </View>
      <Text className='jl-target__words'>{words}</Text>
    </View>
  )
}

/** 双报到 this month: when it was done, or the button while it is due. */
function CheckInCard({ a, onDone }: { a: AccountView; onDone: () => void }) {
  const { busy, error, run } = useAction()
  const checkIn = async () => {
    const res = await run(() => call('points', 'checkIn', {}))
    if (!res) return
    void Taro.showToast({ title: res.created ? `报到成功${res.points ? `，积分 +${res.points}` : ''}` : '本月已报到', icon: 'none' })
    onDone()
  }
  return (
    <Section title='双报到'>
      {a.checkIn.at ? (
        <Text className='jl-points__status'>{`本月已到居住社区报到（${formatTime(a.checkIn.at)}）`}</Text>
      ) : (
        <Text className='jl-points__status'>本月还没有到居住社区报到。每月报到一次，可获得积分。</Text>
      )}
      <FormError message={error} />
      {a.checkIn.canCheckIn ? (
        <AtButton className='jl-button' type='primary' loading={busy} disabled={busy} onClick={() => void checkIn()}>
          本月双报到
        </AtButton>
      ) : null}
    </Section>
  )
}

/**
 * 我的积分: the balance, hours this year against the target (members), 双报到 this month (members)
 * and the latest ledger entries with each source. The account is one read, never the ledger.
 */
export default function MyPoints({ member, version }: { member: boolean; version: number }) {
  const account = useLoad<AccountView>(() => call('points', 'account', {}), 'account', version)
  const recent = useLoad<PointsPage<LedgerItem>>(() => call('points', 'ledger', { page: 1, pageSize: RECENT }), 'recent', version)

  if (account.state.status === 'loading') return <Loading text='正在加载我的积分…' />
  if (account.state.status === 'error') return <ErrorState message={account.state.message} onRetry={() => void account.reload()} />
  const a = account.state.data
  // The tab listens for this (as for a redemption made in the subpackage) and reads again.
  const changed = () => Taro.eventCenter.trigger(POINTS_CHANGED)
  return (
    <>
      <Section title='我的积分'>
        <View className='jl-balance'>
          <Text className='jl-balance__label'>可用积分</Text>
          <Text className='jl-balance__value'>{a.balance}</Text>
        </View>
        <View className='jl-figures'>
          <Text className='jl-figures__item'>{`本月获得 ${a.monthTotals.points} 分`}</Text>
          <Text className='jl-figures__item'>{`累计获得 ${a.earned} 分`}</Text>
          {member ? null : <Text className='jl-figures__item'>{`${a.year} 年服务 ${formatServed(a.yearTotals.hours)}`}</Text>}
          <Text className='jl-figures__item'>{`累计服务 ${formatServed(a.hours)}`}</Text>
        </View>
        {member ? <TargetProgress a={a} /> : null}
      </Section>
      {member ? <CheckInCard a={a} onDone={changed} /> : null}
      <Section title='最近积分明细'>
        {recent.state.status === 'loading' ? <Loading text='正在加载积分明细…' /> : null}
        {recent.state.status === 'error' ? <ErrorState message={recent.state.message} onRetry={() => void recent.reload()} /> : null}
        {recent.state.status === 'ready' && recent.state.data.items.length === 0 ? (
          <EmptyState title='暂无积分明细' description='经验收的服务时长、志愿活动、双报到和兑换都会记在这里。' />
        ) : null}
        {recent.state.status === 'ready' && recent.state.data.items.length > 0 ? (
          <>
            <LedgerList items={recent.state.data.items} />
            <View className='jl-more-link' {...tappable('查看全部积分明细', 'link')} onClick={() => void Taro.navigateTo({ url: POINTS_ROUTES.ledger })}>
              <Text>查看全部积分明细 ›</Text>
            </View>
          </>
        ) : null}
      </Section>
    </>
  )
}
