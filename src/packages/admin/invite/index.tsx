import Page from '@/components/Page'
import AdminGate from '../components/AdminGate'
import InviteScreen from '../components/InviteScreen'
import '../components/admin.scss'

/** 邀请: make an invitation (shown as a QR code and a short code), and list or revoke those made. */
export default function InvitePage() {
  return (
    <Page>
      <AdminGate>{(me, scope) => <InviteScreen key={me.openid} scope={scope} />}</AdminGate>
    </Page>
  )
}
