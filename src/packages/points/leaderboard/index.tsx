import { Text, View } from '@tarojs/components'
import { useState } from 'react'

import type { Me } from '@/types/domain'
import type { Leaderboard, LeaderboardRow } from '@/types/points'

import IdentityGate from '@/components/IdentityGate'
import Page from '@/components/Page'
import Section from '@/components/Section'
import Segments from '@/components/Segments'
import { EmptyState, ErrorState, Loading } from '@/components/States'
import { useLoad } from '@/hooks/useLoad'
import TargetPicker, { useTargets } from '@/components/TargetPicker'
import { isAdmin } from '@/domain/dispatch'
import { formatHours, formatMonth, monthKey, shiftMonth } from '@/domain/format'
import { liaisonUnit } from '@/domain/points'
import { call } from '@/services/api'
import { cx } from '@/utils/cx'
import PeriodSwitch from '@/components/PeriodSwitch'
import '../components/points.scss'

type Scope = Leaderboard['scope']
type Span = 'month' | 'year'

function Row({ row, me }: { row: LeaderboardRow; me: boolean }) {
  return (
    <View className={cx('jl-board__row', me && 'jl-board__row--me')}>
      <Text className='jl-board__rank'>{row.rank}</Text>
      <Text className='jl-board__name'>{me ? `${row.name}（我）` : row.name}</Text>
      <Text className='jl-board__figure'>{`${row.points} 分 · ${formatHours(row.hours)}`}</Text>
    </View>
  )
}

/**
 * 积分排行: earned points of a community or a unit, for a month or a year, with the caller's own
 * place. `id` names the community or unit for the county; others see their own.
 */
function Boards({ me, scopes, id }: { me: Me; scopes: Scope[]; id?: string }) {
  const [scope, setScope] = useState<Scope>(scopes[0] ?? 'community')
  const [span, setSpan] = useState<Span>('month')
  const thisMonth = monthKey()
  const [month, setMonth] = useState(thisMonth)
  const period = span === 'month' ? month : month.slice(0, 4)
  const board = useLoad<Leaderboard>(() => call('points', 'leaderboard', { scope, period, ...(id ? { id } : {}) }), `board:${scope}:${id ?? ''}:${period}`)

  if (scopes.length === 0) return <EmptyState title='暂无排行' description='绑定居住楼栋（或加入单位）后，可以看到本社区、本单位的积分排行。' />
  const shift = (by: number) => setMonth(span === 'month' ? shiftMonth(month, by) : shiftMonth(month, by * 12))
  const atNow = span === 'month' ? month >= thisMonth : period >= thisMonth.slice(0, 4)
  return (
    <>
      {scopes.length > 1 ? <Segments items={scopes.map((s) => ({ key: s, title: s === 'community' ? '本社区' : '本单位' }))} value={scope} onChange={(k) => setScope(k as Scope)} /> : null}
      <Segments
        items={[
          { key: 'month', title: '月度' },
          { key: 'year', title: '年度' },
        ]}
        value={span}
        onChange={(k) => {
          setSpan(k as Span)
          setMonth(thisMonth)
        }}
      />
      <PeriodSwitch standalone text={span === 'month' ? formatMonth(month) : `${period}年`} unit={span === 'month' ? '月' : '年'} onPrev={() => shift(-1)} onNext={atNow ? undefined : () => shift(1)} />
      {board.state.status === 'loading' ? <Loading text='正在加载排行…' /> : null}
      {board.state.status === 'error' ? <ErrorState message={board.state.message} onRetry={() => void board.reload()} /> : null}
      {board.state.status === 'ready' ? (
        <Section title={board.state.data.name}>
          {board.state.data.rows.length === 0 ? <EmptyState title='这段时间还没有人获得积分' description='经验收的服务、志愿活动和双报到获得的积分会计入排行，兑换不影响排行。' /> : null}
          {board.state.data.rows.map((r) => (
            <Row key={r.openid} row={r} me={r.openid === me.openid} />
          ))}
          {board.state.data.me && !board.state.data.rows.some((r) => r.openid === me.openid) ? <Row row={board.state.data.me} me /> : null}
        </Section>
      ) : null}
    </>
  )
}

/** The county's view: any community or unit, chosen from the list. */
function CountyBoards({ me }: { me: Me }) {
  const targets = useTargets(me)
  const [chosen, setChosen] = useState(0)
  if (targets.state.status === 'loading') return <Loading />
  if (targets.state.status === 'error') return <ErrorState message={targets.state.message} onRetry={() => void targets.reload()} />
  const list = targets.state.data
  const t = list[Math.min(chosen, list.length - 1)]
  if (!t) return <EmptyState title='暂无排行' description='还没有社区或单位。' />
  return (
    <>
      <TargetPicker targets={list} value={chosen} onChange={setChosen} />
      <Boards key={`${t.scope}:${t.id}`} me={me} scopes={[t.scope]} id={t.id} />
    </>
  )
}

function LeaderboardScreen({ me }: { me: Me }) {
  const unitId = me.unit?._id ?? liaisonUnit(me)
  const scopes: Scope[] = [...(me.community ? ['community' as const] : []), ...(unitId ? ['unit' as const] : [])]
  if (scopes.length === 0 && isAdmin(me)) return <CountyBoards me={me} />
  return <Boards me={me} scopes={scopes} />
}

export default function LeaderboardPage() {
  return (
    <Page>
      <IdentityGate>{(me) => <LeaderboardScreen key={me.openid} me={me} />}</IdentityGate>
    </Page>
  )
}
