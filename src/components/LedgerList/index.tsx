import { Text, View } from '@tarojs/components'

import type { LedgerItem } from '@/types/points'

import { formatTime } from '@/domain/format'
import { SOURCE_LABEL } from '@/domain/points'
import { formatDelta, formatHoursDelta } from '@/domain/format'
import { cx } from '@/utils/cx'
import './index.scss'

/** "志愿活动 · 护城河道清洁"; just the label when it already says the kind ("2026-11 双报到", "社区奖励"). */
function sourceText(entry: LedgerItem): string {
  const kind = SOURCE_LABEL[entry.source.type]
  const label = entry.source.label
  if (!label) return kind
  return label.includes(kind) ? label : `${kind} · ${label}`
}

/** One ledger entry: where it came from (in words), why, when, and the points and hours it moved. */
export function LedgerRow({ entry }: { entry: LedgerItem }) {
  const hours = formatHoursDelta(entry.hours)
  const capped = entry.requestedPoints > entry.points && entry.points >= 0
  return (
    <View className='jl-ledger-row'>
      <View className='jl-ledger-row__main'>
        <Text className='jl-ledger-row__source'>{sourceText(entry)}</Text>
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
