import { View } from '@tarojs/components'

import type { DemandFlag } from '@/types/dispatch'

import { Chip } from './CommunityFilters'

/** One segment of the 督办 queue: everything (overdue, 已吹哨 or 督办), or one of them. */
export interface SupervisionFilter {
  overdue?: boolean
  flag?: DemandFlag
}

const SEGMENTS: { key: string; label: string; value: SupervisionFilter }[] = [
  { key: 'all', label: '全部', value: {} },
  { key: 'overdue', label: '超期', value: { overdue: true } },
  { key: 'escalated', label: '已吹哨', value: { flag: 'escalated' } },
  { key: 'supervised', label: '督办', value: { flag: 'supervised' } },
]

const keyOf = (f: SupervisionFilter) => (f.overdue ? 'overdue' : (f.flag ?? 'all'))

/** 镇街 and 县: the queue's segments, as chips with a tick. */
export default function SupervisionFilters({ value, onChange }: { value: SupervisionFilter; onChange: (next: SupervisionFilter) => void }) {
  return (
    <View className='jl-filters'>
      <View className='jl-filters__row'>
        {SEGMENTS.map((s) => (
          <Chip key={s.key} label={s.label} on={keyOf(value) === s.key} onClick={() => onChange(s.value)} />
        ))}
      </View>
    </View>
  )
}
