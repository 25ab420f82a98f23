import Page from '@/components/Page'
import AdminGate from '../components/AdminGate'
import AuditScreen from '../components/AuditScreen'
import '../components/admin.scss'

/** 操作日志: every back-office act, newest first, by kind. */
export default function AuditPage() {
  return (
    <Page>
      <AdminGate>{(me) => <AuditScreen key={me.openid} />}</AdminGate>
    </Page>
  )
}
