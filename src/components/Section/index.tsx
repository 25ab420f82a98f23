import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'

import './index.scss'

/** A titled card on a page. */
export default function Section({ title, children, extra }: { title?: string; children?: ReactNode; extra?: ReactNode }) {
  return (
    <View className='jl-section'>
      {title ? (
        <View className='jl-section__head'>
          <Text className='jl-section__title'>{title}</Text>
          {extra}
        </View>
      ) : null}
      {children}
    </View>
  )
}
