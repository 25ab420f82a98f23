import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { AtActivityIndicator, AtButton } from 'taro-ui'

import 'taro-ui/lib/style/components/activity-indicator.scss'
import 'taro-ui/lib/style/components/loading.scss'
import 'taro-ui/lib/style/components/button.scss'
import './index.scss'

/** Loading state: spinner with a visible line of text. */
export function Loading({ text = '正在加载…' }: { text?: string }) {
  return (
    <View className='jl-state jl-state--loading' role='status' ariaRole='status' ariaLabel={text}>
      <AtActivityIndicator size={48} color='var(--jl-primary)' />
      <Text className='jl-state__text'>{text}</Text>
    </View>
  )
}

/** Error state: the server's Chinese message and a 重试 button. */
export function ErrorState({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <View className='jl-state jl-state--error' role='alert' ariaRole='alert'>
      <Text className='jl-state__title'>加载失败</Text>
      <Text className='jl-state__text'>{message}</Text>
      {onRetry ? (
        <AtButton className='jl-button' type='primary' onClick={onRetry}>
          重试
        </AtButton>
      ) : null}
    </View>
  )
}

/** Empty state: says plainly what will appear here and why there is nothing yet. */
export function EmptyState({ title, description, children }: { title: string; description?: string; children?: ReactNode }) {
  return (
    <View className='jl-state jl-state--empty'>
      <Text className='jl-state__title'>{title}</Text>
      {description ? <Text className='jl-state__text'>{description}</Text> : null}
      {children}
    </View>
  )
}
