import { Text, View } from '@tarojs/components'

import { tappable } from '@/utils/a11y'
import { cx } from '@/utils/cx'
import './index.scss'

/**
 * A switch row whose whole width is the tap target. State is spoken and written (已开启/已关闭),
 * never shown by colour alone.
 */
export default function Toggle({
  label,
  description,
  checked,
  busy,
  onChange,
}: {
  label: string
  description?: string
  checked: boolean
  busy?: boolean
  onChange: (next: boolean) => void
}) {
  const stateText = checked ? '已开启' : '已关闭'
  return (
    <View
      className={cx('jl-toggle', checked && 'jl-toggle--on', busy && 'jl-toggle--busy')}
      {...tappable(`${label}，${stateText}`, 'switch')}
      {...({ 'aria-checked': checked ? 'true' : 'false' } as Record<string, string>)}
      onClick={() => {
        if (!busy) onChange(!checked)
      }}
    >
      <View className='jl-toggle__text'>
        <Text className='jl-toggle__label'>{label}</Text>
        {description ? <Text className='jl-toggle__desc'>{description}</Text> : null}
      </View>
      <View className='jl-toggle__control'>
        <Text className='jl-toggle__state'>{stateText}</Text>
        <View className='jl-toggle__track'>
          <View className='jl-toggle__knob' />
        </View>
      </View>
    </View>
  )
}
