import { Input, Text, View } from '@tarojs/components'

/** A labelled one-line field (the back office's forms, the wish form). */
export default function LineField({
  label,
  value,
  onChange,
  max,
  placeholder,
  type = 'text',
}: {
  label: string
  value: string
  onChange: (v: string) => void
  max: number
  placeholder?: string
  type?: 'text' | 'number'
}) {
  return (
    <View className='jl-field'>
      <Text className='jl-field__label'>{label}</Text>
      <Input className='jl-input' type={type} value={value} maxlength={max} placeholder={placeholder ?? `请输入${label}`} ariaLabel={label} onInput={(e) => onChange(e.detail.value)} />
    </View>
  )
}
