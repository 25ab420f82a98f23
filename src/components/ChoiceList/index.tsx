import { Text, View } from '@tarojs/components'

import { tappable } from '@/utils/a11y'
import { cx } from '@/utils/cx'
import './index.scss'

export interface Choice<V extends string = string> {
  key: V
  title: string
  subtitle?: string
}

/**
 * A list of large tappable rows; the chosen one is marked with 已选 as well as colour. Typed over
 * the value: a list of categories hands back a category.
 */
export default function ChoiceList<V extends string>({
  choices,
  selectedKey,
  onChoose,
  disabled,
}: {
  choices: readonly Choice<V>[]
  selectedKey?: V | null
  onChoose: (key: V) => void
  disabled?: boolean
}) {
  return (
    <View className='jl-choices'>
      {choices.map((c) => {
        const selected = c.key === selectedKey
        return (
          <View
            key={c.key}
            className={cx('jl-choice', selected && 'jl-choice--selected', disabled && 'jl-choice--disabled')}
            {...tappable(selected ? `${c.title}，已选` : c.title, 'radio')}
            {...({ 'aria-checked': selected ? 'true' : 'false' } as Record<string, string>)}
            onClick={() => {
              if (!disabled) onChoose(c.key)
            }}
          >
            <View className='jl-choice__text'>
              <Text className='jl-choice__title'>{c.title}</Text>
              {c.subtitle ? <Text className='jl-choice__subtitle'>{c.subtitle}</Text> : null}
            </View>
            {selected ? <Text className='jl-choice__mark'>已选</Text> : null}
          </View>
        )
      })}
    </View>
  )
}
