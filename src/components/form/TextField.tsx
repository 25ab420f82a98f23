import { Text, Textarea, View } from '@tarojs/components'

import { cx } from '@/utils/cx'

/** A labelled multi-line field with a visible character count (e.g. 120/500). */
export default function TextField({
  label,
  value,
  onChange,
  max,
  placeholder,
  optional,
  disabled,
}: {
  label: string
  value: string
  onChange: (next: string) => void
  max: number
  placeholder?: string
  optional?: boolean
  disabled?: boolean
}) {
  return (
    <View className='jl-field'>
      <Text className='jl-field__label'>
        {label}
        {optional ? <Text className='jl-field__optional'>（可不填）</Text> : null}
      </Text>
      <Textarea
        className={cx('jl-textarea', disabled && 'jl-textarea--disabled')}
        value={value}
        maxlength={max}
        placeholder={placeholder}
        disabled={disabled}
        autoHeight={false}
        ariaLabel={label}
        onInput={(e) => onChange(e.detail.value)}
      />
      <Text className='jl-field__count'>
        {value.length}/{max}
      </Text>
    </View>
  )
}
