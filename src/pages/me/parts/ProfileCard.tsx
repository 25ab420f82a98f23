import { Text, View } from '@tarojs/components'

import type { Me } from '@/types/domain'

import Section from '@/components/Section'
import { ROLE_LABEL, roleText, sortGrants } from '@/domain/roles'
import { useScopeNames } from './useScopeNames'

function Row({ label, value }: { label: string; value: string }) {
  return (
    <View className='jl-profile__row'>
      <Text className='jl-profile__label'>{label}</Text>
      <Text className='jl-profile__value'>{value}</Text>
    </View>
  )
}

/** Who the caller is, as `org.me` says: name, masked phone, roles with their scope, home, unit. */
export default function ProfileCard({ me }: { me: Me }) {
  const names = useScopeNames(me)
  const grants = sortGrants(me.roles)
  const home = [me.community?.name, me.building?.name].filter(Boolean).join(' · ')
  return (
    <Section title='我的信息'>
      <View className='jl-profile'>
        <Text className='jl-profile__name'>{me.name}</Text>
        <Row label='手机' value={me.phone || '未填写'} />
        <View className='jl-profile__row'>
          <Text className='jl-profile__label'>身份</Text>
          <View className='jl-profile__roles'>
            {grants.length ? (
              grants.map((g, i) => (
                <Text key={`${g.role}-${g.communityId ?? ''}-${g.unitId ?? ''}-${i}`} className='jl-profile__role'>
                  {roleText(g, names)}
                </Text>
              ))
            ) : (
              <Text className='jl-profile__role'>{ROLE_LABEL.resident}</Text>
            )}
          </View>
        </View>
        <Row label='居住' value={home || '未绑定楼栋'} />
        {me.unit ? <Row label='工作单位' value={me.unit.name} /> : null}
      </View>
    </Section>
  )
}
