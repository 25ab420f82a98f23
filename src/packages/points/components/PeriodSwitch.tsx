import { Text, View } from '@tarojs/components'
import { AtButton } from 'taro-ui'

/** ‹ period › with words on the buttons: 上一月 / 下一月 (or 年); the next stops at the current one. */
export default function PeriodSwitch({ text, unit, onPrev, onNext }: { text: string; unit: '月' | '年'; onPrev: () => void; onNext?: () => void }) {
  return (
    <View className='jl-month jl-period'>
      <AtButton className='jl-month__button' onClick={onPrev}>
        {`上一${unit}`}
      </AtButton>
      <Text className='jl-month__text'>{text}</Text>
      <AtButton className='jl-month__button' disabled={!onNext} onClick={() => onNext?.()}>
        {`下一${unit}`}
      </AtButton>
    </View>
  )
}
