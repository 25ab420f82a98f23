import { Text, View } from '@tarojs/components'

import type { TimelineEvent } from '@/types/dispatch'

import { EVENT_LABEL, REASON_LABEL, STATUS_LABEL } from '@/domain/dispatch'
import { formatTime } from '@/domain/format'

/** The demand's whole timeline, oldest first: who, when, what, from which state to which, and why. */
export default function Timeline({ events }: { events: TimelineEvent[] }) {
  return (
    <View className='jl-timeline'>
      {events.map((e, i) => {
        const moved = e.from !== e.to
        return (
          <View key={`${String(e.at)}-${i}`} className='jl-timeline__item'>
            <Text className='jl-timeline__time'>{formatTime(e.at)}</Text>
            <Text className='jl-timeline__what'>
              <Text className='jl-timeline__actor'>{e.actorName || (e.actor === 'system' ? '系统' : '')}</Text> {EVENT_LABEL[e.event]}
            </Text>
            <Text className='jl-timeline__states'>
              {e.from ? `${STATUS_LABEL[e.from]} → ${STATUS_LABEL[e.to]}` : `→ ${STATUS_LABEL[e.to]}`}
              {e.from && !moved ? '（状态不变）' : ''}
            </Text>
            {e.reason ? (
              <Text className='jl-timeline__reason'>
                {REASON_LABEL[e.event] ?? '说明'}：{e.reason}
              </Text>
            ) : null}
          </View>
        )
      })}
    </View>
  )
}
