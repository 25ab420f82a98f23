import { Picker, Text, View } from '@tarojs/components'

import type { DemandStatus, Urgency } from '@/types/dispatch'

import { STATUS_LABEL, STATUSES, URGENCY_LABEL } from '@/domain/dispatch'
import { tappable } from '@/utils/a11y'
import { cx } from '@/utils/cx'

export interface Filters {
  status?: DemandStatus
  urgency?: Urgency
  overdue?: boolean
}

const URGENCIES: (Urgency | undefined)[] = [undefined, 'urgent', 'normal', 'complex']
const STATUS_OPTIONS: (DemandStatus | undefined)[] = [undefined, ...STATUSES]

export function Chip({ label, on, onClick }: { label: string; on: boolean; onClick: () => void }) {
  return (
    <View
      className={cx('jl-chip', on && 'jl-chip--on')}
      {...tappable(on ? `${label}，已选` : label, 'radio')}
      {...({ 'aria-checked': on ? 'true' : 'false' } as Record<string, string>)}
      onClick={onClick}
    >
      <Text>{on ? `✓ ${label}` : label}</Text>
    </View>
  )
}

/** 社区诉求 filters: status (a picker: ten states), urgency and 只看超期 (chips with a tick). */
export default function CommunityFilters({ value, onChange }: { value: Filters; onChange: (next: Filters) => void }) {
  const statusIndex = Math.max(0, STATUS_OPTIONS.indexOf(value.status))
  return (
    <View className='jl-filters'>
      <Picker
        mode='selector'
        range={STATUS_OPTIONS.map((s) => (s ? STATUS_LABEL[s] : '全部状态'))}
        value={statusIndex}
        onChange={(e) => onChange({ ...value, status: STATUS_OPTIONS[Number(e.detail.value)] })}
      >
        <View className='jl-filters__picker' {...tappable(`状态：${value.status ? STATUS_LABEL[value.status] : '全部'}，点此更换`)}>
          <Text>状态：{value.status ? STATUS_LABEL[value.status] : '全部'}</Text>
          <Text className='jl-filters__change'>更换</Text>
        </View>
      </Picker>
      <View className='jl-filters__row'>
        {URGENCIES.map((u) => (
          <Chip key={u ?? 'all'} label={u ? URGENCY_LABEL[u] : '全部'} on={value.urgency === u} onClick={() => onChange({ ...value, urgency: u })} />
        ))}
      </View>
      <View className='jl-filters__row'>
        <Chip label='只看超期' on={!!value.overdue} onClick={() => onChange({ ...value, overdue: value.overdue ? undefined : true })} />
      </View>
    </View>
  )
}
