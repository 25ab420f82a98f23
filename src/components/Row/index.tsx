import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'

import './index.scss'

/** A label and its value on one row; the value wraps under large text. */
export default function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <View className='jl-kv'>
      <Text className='jl-kv__label'>{label}</Text>
      <Text className='jl-kv__value'>{children}</Text>
    </View>
  )
}
