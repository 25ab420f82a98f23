import { Text, View } from '@tarojs/components'

import type { LedgerItem } from '@/types/points'

import { formatTime } from '../../domain/dispatch'
import { formatDelta, formatHoursDelta, SOURCE_LABEL } from '../../domain/points'
import { cx } from '../../utils/cx'
import './index.scss'

/** One ledger entry: where it came from (in words), why, when, and the points and hours it moved. */
export function LedgerRow({ entry }: { entry: LedgerItem }) {
  const hours = formatHoursDelta(entry.hours)
  const capped = entry.requestedPoints > entry.points && entry.points >= 0
  return (
    <View className='jl-ledger-row'>
      <View className='jl-ledger-row__main'>
        <Text className='jl-ledger-row__source'>
          {SOURCE_LABEL[entry.source.type]}
          {entry.source.label ? ` · ${entry.source.label}` : ''}
        </Text>
        {entry.reason && entry.reason !== entry.source.label ? <Text className='jl-ledger-row__reason'>{entry.reason}</Text> : null}
        <Text className='jl-ledger-row__meta'>
          {formatTime(entry.at)}
          {entry.actorName && entry.actor !== entry.openid && entry.actor !== 'system' ? ` · ${entry.actorName}` : ''}
        </Text>
        {capped ? <Text className='jl-ledger-row__meta'>{`已达积分上限，应得 ${entry.requestedPoints} 分`}</Text> : null}
      </View>
      <View className='jl-ledger-row__figures'>
        <Text className={cx('jl-ledger-row__points', entry.points < 0 && 'jl-ledger-row__points--minus')}>{formatDelta(entry.points)}</Text>
        {hours ? <Text className='jl-ledger-row__hours'>{hours}</Text> : null}
      </View>
    </View>
  )
}

/** Ledger entries, newest first (as the server sends them). */
export default function LedgerList({ items }: { items: LedgerItem[] }) {
  return (
    <View className='jl-ledger'>
      {items.map((e) => (
        <LedgerRow key={e._id} entry={e} />
      ))}
    </View>
  )
}
