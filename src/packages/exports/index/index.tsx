import IdentityGate from '@/components/IdentityGate'
import Page from '@/components/Page'
import ExportsScreen from '../components/ExportsScreen'
import '../components/exports.scss'

/** 导出与月报: ask for an .xlsx export, follow its progress, download it; the monthly report pack. */
export default function ExportsPage() {
  return (
    <Page>
      <IdentityGate>{(me) => <ExportsScreen key={me.openid} me={me} />}</IdentityGate>
    </Page>
  )
}
