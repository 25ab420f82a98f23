import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { AtButton } from 'taro-ui'

import type { PersonResult } from '@/types/admin'
import type { RoleGrant } from '@/types/domain'

import ChoiceList from '@/components/ChoiceList'
import FormError from '@/components/States/FormError'
import { confirmStep } from '@/components/form/confirmStep'
import { ROLE_LABEL, roleText, sortGrants, type ScopeNames } from '@/domain/roles'
import { useAction } from '@/hooks/useAction'
import { call } from '@/services/api'

const COMMUNITY_ROLES = ['staff', 'gridWorker', 'secretary']
const needsCommunity = (g: RoleGrant) => COMMUNITY_ROLES.includes(g.role) && !g.communityId
const needsUnit = (g: RoleGrant) => (g.role === 'member' || g.role === 'liaison') && !g.unitId
const needsTown = (g: RoleGrant) => g.role === 'town' && !g.townId

/** Where a scoped grant must be chosen, in words and as the grant it makes. */
function placesFor(g: RoleGrant, names: ScopeNames): { word: string; places: [string, string][]; grant: (id: string) => RoleGrant } {
  if (needsCommunity(g)) return { word: '社区', places: Object.entries(names.communities), grant: (id) => ({ role: g.role, communityId: id }) }
  if (needsTown(g)) return { word: '镇街', places: Object.entries(names.towns ?? {}), grant: (id) => ({ role: g.role, townId: id }) }
  return { word: '单位', places: Object.entries(names.units), grant: (id) => ({ role: g.role, unitId: id }) }
}

/** One person: roles with scope, and the grants and revocations `allowedActions` offers. */
export default function PersonRow({ person, names, onChanged }: { person: PersonResult; names: ScopeNames; onChanged: () => void }) {
  const { busy, error, run } = useAction()
  const [choosing, setChoosing] = useState<RoleGrant | null>(null)
  const change = async (kind: 'grantRole' | 'revokeRole', g: RoleGrant) => {
    const text = roleText(g, names)
    if (kind === 'revokeRole' && !(await confirmStep('收回角色', `收回 ${person.name} 的「${text}」？`, '收回'))) return
    const next = await run(() => call('org', kind, { openid: person.openid, role: g.role, ...(g.communityId ? { communityId: g.communityId } : {}), ...(g.unitId ? { unitId: g.unitId } : {}), ...(g.townId ? { townId: g.townId } : {}) }))
    if (next) {
      setChoosing(null)
      onChanged()
    }
  }
  const grant = (g: RoleGrant) => (needsCommunity(g) || needsUnit(g) || needsTown(g) ? setChoosing(g) : void change('grantRole', g))
  const where = choosing ? placesFor(choosing, names) : null
  return (
    <View className='jl-admin-row jl-person'>
      <Text className='jl-admin-row__title'>{person.name}</Text>
      <Text className='jl-admin-row__sub'>
        {person.phone || '未填手机号'} · {sortGrants(person.roles).map((g) => roleText(g, names)).join('、') || ROLE_LABEL.resident}
      </Text>
      {choosing && where ? (
        <>
          <Text className='jl-form__lead'>
            授予「{ROLE_LABEL[choosing.role]}」，选择{where.word}：
          </Text>
          <ChoiceList disabled={busy} choices={where.places.map(([id, name]) => ({ key: id, title: name }))} onChoose={(id) => void change('grantRole', where.grant(id))} />
        </>
      ) : null}
      <View className='jl-admin-row__actions'>
        {person.allowedActions.grant.map((g) => (
          <AtButton key={`g-${g.role}-${g.communityId ?? ''}-${g.unitId ?? ''}`} size='small' className='jl-button' disabled={busy} onClick={() => grant(g)}>
            授予{roleText(g, names)}
          </AtButton>
        ))}
        {person.allowedActions.revoke.map((g) => (
          <AtButton key={`r-${g.role}-${g.communityId ?? ''}-${g.unitId ?? ''}`} size='small' className='jl-button' disabled={busy} onClick={() => void change('revokeRole', g)}>
            收回{roleText(g, names)}
          </AtButton>
        ))}
      </View>
      <FormError message={error} />
    </View>
  )
}
