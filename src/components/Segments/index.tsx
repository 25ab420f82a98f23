import { Text, View } from '@tarojs/components'

import { tappable } from '@/utils/a11y'
import { cx } from '@/utils/cx'
import './index.scss'

export interface Segment {
  key: string
  title: string
}

/**
 * A row of large tabs that wraps when text is large. The chosen one is marked by weight, an
 * underline and "已选" for screen readers, not by colour alone.
 */
export default function Segments({ items, value, onChange }: { items: Segment[]; value: string; onChange: (key: string) => void }) {
  return (
    <View className='jl-segments' role='tablist' ariaRole='tablist'>
      {items.map((s) => {
        const on = s.key === value
        return (
          <View
            key={s.key}
            className={cx('jl-segment', on && 'jl-segment--on')}
            {...tappable(on ? `${s.title}，已选` : s.title, 'radio')}
            {...({ 'aria-checked': on ? 'true' : 'false' } as Record<string, string>)}
            onClick={() => onChange(s.key)}
          >
            <Text className='jl-segment__text'>{s.title}</Text>
          </View>
        )
      })}
    </View>
  )
}
