import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'

import { tappable } from '@/utils/a11y'
import './index.scss'

export interface LinkItem {
  title: string
  /** One line under the title: what is there, or how many wait. */
  subtitle?: string
  url: string
}

/** Entrances to other pages: large rows, each a whole tap target, with a › that says "go on". */
export default function LinkList({ items }: { items: LinkItem[] }) {
  return (
    <View className='jl-links'>
      {items.map((l) => (
        <View key={l.url} className='jl-link-row' {...tappable(l.subtitle ? `${l.title}，${l.subtitle}` : l.title, 'link')} onClick={() => void Taro.navigateTo({ url: l.url })}>
          <View className='jl-link-row__text'>
            <Text className='jl-link-row__title'>{l.title}</Text>
            {l.subtitle ? <Text className='jl-link-row__subtitle'>{l.subtitle}</Text> : null}
          </View>
          <Text className='jl-link-row__go'>›</Text>
        </View>
      ))}
    </View>
  )
}
