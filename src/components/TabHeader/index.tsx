import { Text, View } from '@tarojs/components'

import type { Me } from '@/types/domain'

import { ROLE_LABEL, rolesOf } from '@/domain/roles'
import './index.scss'

/** The top of a tab page: what the page is, and whom it is showing things for. */
export default function TabHeader({ title, me }: { title: string; me: Me }) {
  const where = me.community?.name ?? me.unit?.name ?? ''
  const roles = rolesOf(me)
    .map((r) => ROLE_LABEL[r])
    .join('、')
  return (
    <View className='jl-tab-header'>
      <Text className='jl-page__title'>{title}</Text>
      <Text className='jl-tab-header__who'>
        {me.name}
        {where ? ` · ${where}` : ''} · {roles}
      </Text>
    </View>
  )
}
