import { Text, View } from '@tarojs/components'

import { tappable } from '@/utils/a11y'
import { cx } from '@/utils/cx'

const round = (n: number) => Math.round(n * 10) / 10

/** − value + with large buttons that say what they do; the value is written out with its unit. */
export default function Stepper({
  label,
  value,
  onChange,
  min,
  max,
  step = 1,
  unit,
}: {
  label: string
  value: number
  onChange: (next: number) => void
  min: number
  max: number
  step?: number
  unit: string
}) {
  const down = value - step >= min - 1e-9
  const up = value + step <= max + 1e-9
  return (
    <View className='jl-field'>
      <Text className='jl-field__label'>{label}</Text>
      <View className='jl-stepper'>
        <View
          className={cx('jl-stepper__button', !down && 'jl-stepper__button--off')}
          {...tappable(`减少${label}`)}
          {...({ 'aria-disabled': down ? 'false' : 'true' } as Record<string, string>)}
          onClick={() => down && onChange(round(value - step))}
        >
          <Text>－</Text>
        </View>
        <Text className='jl-stepper__value' {...({ 'aria-live': 'polite' } as Record<string, string>)}>
          {value} {unit}
        </Text>
        <View
          className={cx('jl-stepper__button', !up && 'jl-stepper__button--off')}
          {...tappable(`增加${label}`)}
          {...({ 'aria-disabled': up ? 'false' : 'true' } as Record<string, string>)}
          onClick={() => up && onChange(round(value + step))}
        >
          <Text>＋</Text>
        </View>
      </View>
      <Text className='jl-field__hint'>
        可选 {min}–{max} {unit}
      </Text>
    </View>
  )
}
