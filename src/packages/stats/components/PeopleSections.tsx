import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'

import type { DashboardScope, MemberDashboard, MemberFigureKey, PointsFigureKey, PointsRow } from '@/types/stats'

import Section from '@/components/Section'
import { ErrorState, Loading } from '@/components/States'
import { formatRate } from '@/domain/format'
import { formatPeriod, MEMBER_FIGURE_LABEL, STATS_ROUTES } from '@/domain/stats'
import { useLoad } from '@/hooks/useLoad'
import { call } from '@/services/api'
import { tappable } from '@/utils/a11y'
import Bar from './Bar'

interface Where {
  scope: DashboardScope
  id: string
  period: string
}

/** A count of members; with members to show it opens the list of them. */
function MemberCount({ where, figure, value, unitId, name, period }: { where: Where; figure: MemberFigureKey; value: number; unitId?: string; name: string; period?: string }) {
  const text = `${MEMBER_FIGURE_LABEL[figure]} ${value} 人`
  if (value === 0) return <Text className='jl-figure'>{text}</Text>
  const open = () =>
    void Taro.navigateTo({ url: STATS_ROUTES.members({ scope: where.scope, id: where.id || undefined, unitId, period: period ?? where.period, figure, name }) })
  return (
    <Text className='jl-figure jl-figure--link' {...tappable(`${name} ${text}，查看名单`, 'link')} onClick={open}>
      {text}
    </Text>
  )
}

const monthName = (m: string) => `${Number(m.slice(5))}月`

/** A 志愿积分 figure; not zero, it opens the people behind it (members and residents alike). */
function PointsCount({ row, figure, value, period, when }: { row: PointsRow; figure: PointsFigureKey; value: number; period: string; when: string }) {
  const text = `${figure === 'earned' ? '获得' : '兑换'} ${value} 分`
  if (value === 0) return <Text className='jl-figure'>{text}</Text>
  const open = () => void Taro.navigateTo({ url: STATS_ROUTES.points({ scope: row.scope, id: row.id, period, figure, name: row.name }) })
  return (
    <Text className='jl-figure jl-figure--link' {...tappable(`${row.name} ${when}${text}，查看名单`, 'link')} onClick={open}>
      {text}
    </Text>
  )
}

/**
 * The 党员 sections of a dashboard: service hours against the yearly target by unit, 双报到 by unit
 * (and by month for a year), points earned and redeemed. Every figure is text; the bars repeat them.
 */
export default function PeopleSections({ scope, id, period }: Where) {
  const where = { scope, id, period }
  const { state, reload } = useLoad(
    () => call('stats', 'members', { scope, ...(id ? { id } : {}), period }) as Promise<MemberDashboard>,
    `${scope}:${id}:${period}`,
  )
  if (state.status === 'loading') return <Loading text='正在读取党员服务情况…' />
  if (state.status === 'error') return <ErrorState message={state.message} onRetry={() => void reload()} />
  const d = state.data
  const t = d.hoursTotal
  return (
    <>
      <Section title={`党员服务时长 · ${d.year}年（目标 ${d.hourTarget} 小时）`}>
        <View className='jl-people-total' data-testid='hours-total'>
          <Text className='jl-people-total__text'>{`党员 ${t.members} 人，达标 ${t.atTarget} 人（${formatRate(t.rate)}），未达标 ${t.behind} 人，共 ${t.hours} 小时`}</Text>
          <Bar rate={t.rate} />
          <View className='jl-rate-line__parts'>
            <MemberCount where={where} figure='atTarget' value={t.atTarget} name={d.name} />
            <MemberCount where={where} figure='behind' value={t.behind} name={d.name} />
          </View>
        </View>
        {d.hours.map((r) => (
          <View key={r.unitId} className='jl-people-row'>
            <View className='jl-people-row__head'>
              <Text className='jl-rank-row__name'>{r.name}</Text>
              <Text className='jl-rate-line__value'>{formatRate(r.rate)}</Text>
            </View>
            <Text className='jl-field__hint'>{`党员 ${r.members} 人 · 达标 ${r.atTarget} 人 · 共 ${r.hours} 小时`}</Text>
            <Bar rate={r.rate} />
            <MemberCount where={where} figure='behind' value={r.behind} unitId={r.unitId} name={`${d.name} · ${r.name}`} />
          </View>
        ))}
        <Text className='jl-field__hint'>{`达标率 = 今年服务满 ${d.hourTarget} 小时的党员 ÷ 党员人数。时长是本人今年的全部服务时长，计在现在所在的单位（年内换了单位的，之前的时长不丢）。`}</Text>
      </Section>
      <Section title={`双报到 · ${formatPeriod(d.month)}`}>
        <View className='jl-people-total' data-testid='checkin-total'>
          <Text className='jl-people-total__text'>{`党员 ${d.checkInTotal.members} 人，已报到 ${d.checkInTotal.reported} 人，报到率 ${formatRate(d.checkInTotal.rate)}`}</Text>
          <Bar rate={d.checkInTotal.rate} />
          <MemberCount where={where} figure='notReported' value={d.checkInTotal.members - d.checkInTotal.reported} name={d.name} period={d.month} />
        </View>
        {d.checkIns.map((r) => (
          <View key={r.unitId} className='jl-people-row'>
            <View className='jl-people-row__head'>
              <Text className='jl-rank-row__name'>{r.name}</Text>
              <Text className='jl-rate-line__value'>{formatRate(r.rate)}</Text>
            </View>
            <Text className='jl-field__hint'>{`已报到 ${r.reported} / 党员 ${r.members} 人`}</Text>
            <Bar rate={r.rate} />
            <MemberCount where={where} figure='notReported' value={r.members - r.reported} unitId={r.unitId} name={`${d.name} · ${r.name}`} period={d.month} />
          </View>
        ))}
        {d.checkInMonths.length > 1 ? (
          <View className='jl-trend__table'>
            {d.checkInMonths.map((m) => (
              <View key={m.month} className='jl-trend__row'>
                <Text className='jl-trend__month'>{monthName(m.month)}</Text>
                <Text className='jl-trend__line'>{`已报到 ${m.reported} / ${m.members} 人 · ${formatRate(m.rate)}`}</Text>
              </View>
            ))}
          </View>
        ) : null}
        <Text className='jl-field__hint'>报到率 = 当月到居住社区报到的党员 ÷ 党员人数。</Text>
      </Section>
      <Section title='志愿积分'>
        {d.points.map((p) => (
          <View key={`${p.scope}:${p.id}`} className='jl-people-row' data-testid='points-row'>
            <Text className='jl-rank-row__name'>{p.name}</Text>
            <View className='jl-rate-line__parts'>
              <Text className='jl-field__hint'>{`${monthName(d.month)}：`}</Text>
              <PointsCount row={p} figure='earned' value={p.earnedMonth} period={d.month} when={monthName(d.month)} />
              <PointsCount row={p} figure='redeemed' value={p.redeemedMonth} period={d.month} when={monthName(d.month)} />
            </View>
            <View className='jl-rate-line__parts'>
              <Text className='jl-field__hint'>{`${d.year}年：`}</Text>
              <PointsCount row={p} figure='earned' value={p.earnedYear} period={d.year} when={`${d.year}年`} />
              <PointsCount row={p} figure='redeemed' value={p.redeemedYear} period={d.year} when={`${d.year}年`} />
            </View>
          </View>
        ))}
        <Text className='jl-field__hint'>获得按服务所在的社区和所在单位计；兑换按兑换人的居住社区和所在单位计（退回的已扣除）。社区的积分含参加志愿服务的居民，不只党员；点数字查看名单。</Text>
      </Section>
    </>
  )
}
