import { Text, View } from '@tarojs/components'

import type { ServedCommunity } from '@/domain/regions'

import Segments from '@/components/Segments'

/**
 * Which community's list to show, for a person who may serve in more than one: where they live and
 * those paired with their unit (「东街社区 · 居住」「西门社区 · 结对」). Nothing when there is one.
 */
export default function CommunityChoice({ choices, value, onChange }: { choices: ServedCommunity[]; value: string; onChange: (id: string) => void }) {
  if (choices.length < 2) return null
  return (
    <View className='jl-community-choice'>
      <Text className='jl-card__text'>选择社区：您居住的社区和本单位结对的社区</Text>
      <Segments items={choices.map((c) => ({ key: c._id, title: `${c.name} · ${c.how}` }))} value={value} onChange={onChange} />
    </View>
  )
}
