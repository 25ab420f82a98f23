import { Picker, Text, View } from '@tarojs/components'
import dayjs from 'dayjs'

import type { DemandDetail } from '@/types/dispatch'

import { formatTime } from '@/domain/format'
import { tappable } from '@/utils/a11y'

/** The longest one 延期 may add (core/supervision.ts MAX_EXTENSION_DAYS). */
const MAX_DAYS = 30

/**
 * 延期: the new finish date, chosen from the day after the current time limit up to 30 days past it —
 * what the server accepts.
 */
export default function ExtensionDate({ demand, value, onChange, disabled }: { demand: DemandDetail; value: string; onChange: (day: string) => void; disabled?: boolean }) {
  const finishBy = demand.dispatch?.finishBy ?? new Date().toISOString()
  const start = dayjs(finishBy).add(1, 'day').format('YYYY-MM-DD')
  const end = dayjs(finishBy).add(MAX_DAYS, 'day').format('YYYY-MM-DD')
  return (
    <View>
      <Text className='jl-field__hint'>{`现在的办结时限：${formatTime(finishBy)}。延期须经社区同意，本件仍计入三率。`}</Text>
      <Picker mode='date' value={value || start} start={start} end={end} disabled={disabled} onChange={(e) => onChange(String(e.detail.value))}>
        <View className='jl-picker' {...tappable(value ? `新的办结日期 ${value}，点此更换` : '选择新的办结日期')}>
          <Text>{value ? `延期至 ${value}` : '新的办结日期'}</Text>
          <Text className='jl-picker__change'>{value ? '更换' : '选择日期'}</Text>
        </View>
      </Picker>
    </View>
  )
}
