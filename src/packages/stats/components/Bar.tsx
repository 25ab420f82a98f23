import { View } from '@tarojs/components'

/** A share as a bar beside its figures (the figures are the text; the bar only repeats them). `target`: below 100 % is short of it (red). */
export default function Bar({ rate, target = false }: { rate: number | null; target?: boolean }) {
  const width = `${Math.round(Math.min(1, Math.max(0, rate ?? 0)) * 100)}%`
  return (
    <View className='jl-bar' {...({ 'aria-hidden': 'true' } as Record<string, string>)}>
      <View className={target && rate !== null && rate < 1 ? 'jl-bar__fill jl-bar__fill--below' : 'jl-bar__fill'} style={{ width }} />
    </View>
  )
}
