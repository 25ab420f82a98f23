import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { AtButton } from 'taro-ui'

import type { Role } from '@/types/domain'
import type { InvitationView } from '@/types/admin'

import ChoiceList from '@/components/ChoiceList'
import Stepper from '@/components/form/Stepper'
import FormError from '@/components/States/FormError'
import { ROLE_LABEL } from '@/domain/roles'
import { useAction } from '@/hooks/useAction'
import { call } from '@/services/api'
import type { AdminScope } from './scope'

const COMMUNITY_ROLES: Role[] = ['staff', 'gridWorker', 'secretary']
const UNIT_ROLES: Role[] = ['member', 'liaison']

/** Roles the caller may hand out by invitation (core/grants.ts says the same on the server). */
function rolesFor(scope: AdminScope): Role[] {
  if (scope.admin) return ['member', 'liaison', 'staff', 'gridWorker', 'secretary', 'town', 'admin']
  if (scope.communityId) return ['staff', 'gridWorker']
  return ['member']
}

/** 生成邀请: role, where (community or unit), valid days, how many people. */
export default function InviteForm({
  scope,
  communities,
  units,
  towns = [],
  onCreated,
}: {
  scope: AdminScope
  communities: { _id: string; name: string }[]
  units: { _id: string; name: string }[]
  /** For 镇街干部 (the admin's invitations only). */
  towns?: { _id: string; name: string }[]
  onCreated: (v: InvitationView) => void
}) {
  const roles = rolesFor(scope)
  const [role, setRole] = useState<Role>(roles[0])
  const [where, setWhere] = useState<string | null>(scope.communityId ?? scope.unitId ?? null)
  const [days, setDays] = useState(7)
  const [uses, setUses] = useState(1)
  const { busy, error, setError, run } = useAction()
  const byCommunity = COMMUNITY_ROLES.includes(role)
  const byUnit = UNIT_ROLES.includes(role)
  const byTown = role === 'town'
  const places = byCommunity ? communities : byUnit ? units : byTown ? towns : []
  const placeWord = byCommunity ? '社区' : byTown ? '镇街' : '单位'

  const submit = async () => {
    if ((byCommunity || byUnit || byTown) && !where) return setError(`请选择${placeWord}`)
    const made = await run(() =>
      call('org', 'createInvitation', {
        role,
        ...(byCommunity && where ? { communityId: where } : {}),
        ...(byUnit && where ? { unitId: where } : {}),
        ...(byTown && where ? { townId: where } : {}),
        days,
        maxUses: uses,
      }),
    )
    if (made) onCreated(made)
  }

  return (
    <View className='jl-form'>
      <Text className='jl-field__label'>角色</Text>
      <ChoiceList
        choices={roles.map((r) => ({ key: r, title: ROLE_LABEL[r] }))}
        selectedKey={role}
        onChoose={(r) => {
          setRole(r)
          if (scope.admin) setWhere(null)
        }}
      />
      {scope.admin && places.length ? (
        <>
          <Text className='jl-field__label'>{placeWord}</Text>
          <ChoiceList choices={places.map((p) => ({ key: p._id, title: p.name }))} selectedKey={where} onChoose={setWhere} />
        </>
      ) : null}
      <Stepper label='有效期' value={days} onChange={setDays} min={1} max={90} unit='天' />
      <Stepper label='可用人数' value={uses} onChange={setUses} min={1} max={2000} unit='人' />
      <FormError message={error} />
      <AtButton className='jl-button' type='primary' loading={busy} disabled={busy} onClick={() => void submit()}>
        生成邀请
      </AtButton>
    </View>
  )
}
