import IdentityGate from '@/components/IdentityGate'
import Page from '@/components/Page'
import ReportForm from '@/packages/dispatch/components/ReportForm'
import '../components/dispatch.scss'

/** 我要反映. */
export default function ReportPage() {
  return (
    <Page>
      <IdentityGate>{(me) => <ReportForm key={me.openid} me={me} />}</IdentityGate>
    </Page>
  )
}
