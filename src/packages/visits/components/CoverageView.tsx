import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { AtButton } from 'taro-ui'

import type { Coverage } from '@/types/visits'

import PeriodSwitch from '@/components/PeriodSwitch'
import Section from '@/components/Section'
import { ErrorState, Loading } from '@/components/States'
import { useLoad } from '@/hooks/useLoad'
import { formatMonth, formatRate, monthKey, shiftMonth } from '@/domain/format'
import { call } from '@/services/api'
import { cx } from '@/utils/cx'

function Figure({ label, value, note, alert }: { label: string; value: string; note?: string; alert?: boolean }) {
  return (
    <View className={cx('jl-coverage-figure', alert && 'jl-coverage-figure--alert')}>
      <Text className='jl-coverage-figure__label'>{label}</Text>
      <Text className='jl-coverage-figure__value'>{value}</Text>
      {note ? <Text className='jl-coverage-figure__note'>{note}</Text> : null}
    </View>
  )
}

/**
 * A community's coverage for a month (one counter document on the server, never a scan of visits):
 * the share of key households visited within their interval, the households overdue now, what the
 * visits found, and visits per visitor — whose households one tap filters the list to.
 */
export default function CoverageView({ communityId, onVisitor }: { communityId: string; onVisitor?: (openid: string, name: string) => void }) {
  const [month, setMonth] = useState(monthKey())
  const { state, reload } = useLoad<Coverage>(() => call('visits', 'coverage', { communityId, month }), `${communityId}:${month}`)
  const thisMonth = month === monthKey()

  return (
    <Section title='走访覆盖率'>
      <PeriodSwitch text={formatMonth(month)} unit='月' onPrev={() => setMonth(shiftMonth(month, -1))} onNext={thisMonth ? undefined : () => setMonth(shiftMonth(month, 1))} />
      {state.status === 'loading' ? <Loading text='正在加载覆盖率…' /> : null}
      {state.status === 'error' ? <ErrorState message={state.message} onRetry={() => void reload()} /> : null}
      {state.status === 'ready' ? <Figures c={state.data} onVisitor={onVisitor} /> : null}
    </Section>
  )
}

function Figures({ c, onVisitor }: { c: Coverage; onVisitor?: (openid: string, name: string) => void }) {
  return (
    <>
      <View className='jl-coverage-figures'>
        <Figure label='覆盖率' value={formatRate(c.coverageRate)} note={`按时走访 ${c.coveredHouseholds} 户 ÷ 重点户 ${c.keyHouseholds} 户`} />
        <Figure label='当前超期' value={`${c.overdueNow} 户`} note={c.overdueNow ? '⚠ 超过走访时间未见到' : '没有超期'} alert={c.overdueNow > 0} />
        <Figure label='走访' value={`${c.visits} 次`} note={`见到 ${c.contacts} 次，敲门未遇 ${c.noContacts} 次`} />
      </View>
      <View className='jl-coverage-figures'>
        <Figure label='走访到的户' value={`${c.visitedHouseholds} 户`} note='含晚于走访时间的' />
        <Figure label='书记敲门' value={`${c.secretaryVisits} 次`} />
        <Figure label='回访' value={`${c.returnVisits} 次`} />
        <Figure label='发现困难' value={`${c.needsFound} 件`} note='已转为诉求' />
      </View>
      <Text className='jl-field__label'>各包户走访次数</Text>
      {c.byVisitor.length ? (
        c.byVisitor.map((v) => (
          <View key={v.openid} className='jl-visitor-row'>
            <View className='jl-visitor-row__text'>
              <Text className='jl-visitor-row__name'>{v.name}</Text>
              <Text className='jl-visitor-row__meta'>
                走访 {v.visits} 次，见到 {v.contacts} 次
              </Text>
            </View>
            {onVisitor ? (
              <AtButton className='jl-button jl-visitor-row__button' size='small' onClick={() => onVisitor(v.openid, v.name)}>
                看 TA 的包户
              </AtButton>
            ) : null}
          </View>
        ))
      ) : (
        <Text className='jl-field__hint'>这个月还没有走访记录。</Text>
      )}
    </>
  )
}
