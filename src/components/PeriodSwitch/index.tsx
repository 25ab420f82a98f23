import { Text, View } from '@tarojs/components'
import { AtButton } from 'taro-ui'

import { cx } from '@/utils/cx'
import './index.scss'

/**
 * ‹ period › with words on the buttons (上个月 / 下个月, or 上一年 / 下一年); the next one is off at
 * the current period (no `onNext`). The period is announced when it changes. `standalone`: the
 * switch sits alone on a page rather than inside a card, so it keeps room below it.
 */
export default function PeriodSwitch({ text, unit, onPrev, onNext, standalone }: { text: string; unit: '月' | '年'; onPrev: () => void; onNext?: () => void; standalone?: boolean }) {
  return (
    <View className={cx('jl-month', standalone && 'jl-month--standalone')}>
      <AtButton className='jl-month__button' onClick={onPrev}>
        {unit === '月' ? '上个月' : '上一年'}
      </AtButton>
      <Text className='jl-month__text' {...({ 'aria-live': 'polite' } as Record<string, string>)}>
        {text}
      </Text>
      <AtButton className='jl-month__button' disabled={!onNext} onClick={() => onNext?.()}>
        {unit === '月' ? '下个月' : '下一年'}
      </AtButton>
    </View>
  )
}
