import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { AtButton } from 'taro-ui'

import type { InvitationView } from '@/types/admin'

import PagedList, { countIn } from '@/components/PagedList'
import Section from '@/components/Section'
import { ErrorState, Loading } from '@/components/States'
import FormError from '@/components/States/FormError'
import { confirmStep } from '@/components/form/confirmStep'
import { ROLE_LABEL } from '@/domain/roles'
import { formatTime } from '@/domain/format'
import { useAction } from '@/hooks/useAction'
import { call } from '@/services/api'
import InvitationCard, { INVITATION_STATUS } from './InvitationCard'
import InviteForm from './InviteForm'
import type { AdminScope } from './scope'
import { useScopes } from './useScopes'

function InvitationRow({ invitation, onRevoked }: { invitation: InvitationView; onRevoked: () => void }) {
  const { busy, error, run } = useAction()
  const [open, setOpen] = useState(false)
  const what = `${ROLE_LABEL[invitation.grant.role]}${invitation.scopeName ? ` · ${invitation.scopeName}` : ''}`
  const revoke = async () => {
    if (!(await confirmStep('撤销邀请', `撤销后邀请码 ${invitation.code} 不能再使用；已接受的人保留角色。`, '撤销'))) return
    if (await run(() => call('org', 'revokeInvitation', { code: invitation.code }))) onRevoked()
  }
  return (
    <View className='jl-admin-row'>
      <Text className='jl-admin-row__title'>
        {what} · {INVITATION_STATUS[invitation.status]}
      </Text>
      <Text className='jl-admin-row__sub'>
        {invitation.code} · 已用 {invitation.uses}/{invitation.maxUses} · {formatTime(invitation.expiresAt)} 到期
      </Text>
      {open ? <InvitationCard invitation={invitation} /> : null}
      <View className='jl-admin-row__actions'>
        <AtButton size='small' className='jl-button' onClick={() => setOpen(!open)}>
          {open ? '收起' : '二维码'}
        </AtButton>
        {invitation.status === 'active' ? (
          <AtButton size='small' className='jl-button' disabled={busy} onClick={() => void revoke()}>
            撤销
          </AtButton>
        ) : null}
      </View>
      <FormError message={error} />
    </View>
  )
}

/** 生成邀请 and the invitations made so far. */
export default function InviteScreen({ scope }: { scope: AdminScope }) {
  const { state, reload } = useScopes()
  const [made, setMade] = useState<InvitationView | null>(null)
  const [version, setVersion] = useState(0)
  const bump = () => setVersion((v) => v + 1)
  const filter = scope.admin ? {} : scope.communityId ? { communityId: scope.communityId } : { unitId: scope.unitId }
  return (
    <>
      <Section title={made ? '邀请已生成' : '生成邀请'}>
        {made ? (
          <>
            <Text className='jl-form__lead'>请对方用微信扫码，或在「我的 → 接受邀请」输入邀请码。</Text>
            <InvitationCard invitation={made} />
            <AtButton className='jl-button' onClick={() => setMade(null)}>
              再生成一个
            </AtButton>
          </>
        ) : state.status === 'loading' ? (
          <Loading />
        ) : state.status === 'error' ? (
          <ErrorState message={state.message} onRetry={() => void reload()} />
        ) : (
          <InviteForm
            scope={scope}
            communities={state.data.communities}
            units={state.data.units}
            towns={state.data.towns}
            onCreated={(v) => {
              setMade(v)
              bump()
            }}
          />
        )}
      </Section>
      <Section title='已生成的邀请'>
        <PagedList
          listKey={JSON.stringify(filter)}
          version={version}
          fetchPage={(page) => call('org', 'listInvitations', { ...filter, page, pageSize: 10 })}
          idOf={(i) => i.code}
          emptyTitle='还没有邀请'
          emptyDescription='生成的邀请会列在这里，可随时撤销。'
          count={countIn('个')}
          render={(i) => <InvitationRow invitation={i} onRevoked={bump} />}
        />
      </Section>
    </>
  )
}
