import { Text, View } from '@tarojs/components'

import type { TimelineEvent } from '@/types/dispatch'

import { EVENT_LABEL, REASON_LABEL, RESIDENT_EVENT_LABEL, STATUS_LABEL, residentTimeline } from '@/domain/dispatch'
import { formatTime } from '@/domain/format'

/**
 * The demand's timeline, oldest first: who, when, what, from which state to which, and why. For
 * the resident who asked (`resident`), only the steps that moved it, in their words, and no state
 * line — the step says where it went (the server already names organisations, not staff).
 */
export default function Timeline({ events, resident = false }: { events: TimelineEvent[]; resident?: boolean }) {
  const shown = resident ? residentTimeline(events) : events
  return (
    <View className='jl-timeline'>
      {shown.map((e, i) => {
        const moved = e.from !== e.to
        const what = resident ? (RESIDENT_EVENT_LABEL[e.event] ?? EVENT_LABEL[e.event]) : EVENT_LABEL[e.event]
        return (
          <View key={`${String(e.at)}-${i}`} className='jl-timeline__item'>
            <Text className='jl-timeline__time'>{formatTime(e.at)}</Text>
            <Text className='jl-timeline__what'>
              <Text className='jl-timeline__actor'>{e.actorName || (e.actor === 'system' ? '系统' : '')}</Text> {what}
            </Text>
            {resident ? null : (
              <Text className='jl-timeline__states'>
                {e.from ? `${STATUS_LABEL[e.from]} → ${STATUS_LABEL[e.to]}` : `→ ${STATUS_LABEL[e.to]}`}
                {e.from && !moved ? '（状态不变）' : ''}
              </Text>
            )}
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
