import { Text, View } from '@tarojs/components'

import type { InvitationView } from '@/types/admin'

import Row from '@/components/Row'
import { ROLE_LABEL } from '@/domain/roles'
import { formatTime } from '@/domain/format'
import QrCode, { pageLink } from './QrCode'

export const INVITATION_STATUS: Record<InvitationView['status'], string> = { active: '有效', expired: '已过期', revoked: '已撤销', usedUp: '已用完' }

/** What to hand over: the QR code of the accepting page with the code as its scene, and the short code to type. */
export default function InvitationCard({ invitation }: { invitation: InvitationView }) {
  const what = `${ROLE_LABEL[invitation.grant.role]}${invitation.scopeName ? ` · ${invitation.scopeName}` : ''}`
  return (
    <View className='jl-invitation'>
      <QrCode value={pageLink(invitation.page, invitation.scene)} label={`邀请二维码：${what}`} />
      <Text className='jl-code__text'>{invitation.code}</Text>
      <Row label='角色'>{what}</Row>
      <Row label='有效期至'>{formatTime(invitation.expiresAt)}</Row>
      <Row label='已用'>
        {invitation.uses}/{invitation.maxUses} 人
      </Row>
    </View>
  )
}
